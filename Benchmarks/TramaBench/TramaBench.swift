import ArgumentParser
import Foundation
import TramaGraph
import TramaService
import TramaStore

/// The engine's side of `bench/run`: loads the store into the engine, times each operation, and
/// writes the same edge list and query pairs for the Python baselines (`bench/baselines.py`),
/// so every tool answers the same questions on the same graph in the same run.
@main
struct TramaBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trama-bench", abstract: "Time the engine on the store's graph and export it for the baselines.")

    @Option(help: "PostgreSQL URL (default: TRAMA_DATABASE_URL, else the cluster under TRAMA_HOME).")
    var database: String?
    @Option(help: "Folder for edges.u32, pairs.u32, trama.json.")
    var out: String = ".bench/results"
    @Option(help: "Instead of the store: a random heavy-tailed graph of NODES,EDGES built in memory, to show the engine's capacity.")
    var synthetic: String?
    @Option(help: "Random node pairs for shortest paths.")
    var pairs: Int = 1000
    @Option(help: "Centres for 3-hop ego networks.")
    var egos: Int = 200
    @Option(help: "Pairs for the PostgreSQL recursive CTE (it takes seconds each).")
    var ctePairs: Int = 20
    @Option(help: "Hops for the recursive CTE.")
    var cteHops: Int = 4
    @Option(help: "Only time shortest paths, this many rounds over the pairs (for profiling).")
    var profilePaths: Int?
    @Option(help: "Seed for the pairs and Louvain.")
    var seed: UInt64 = 42
    @Flag(help: "Instead: time the collusion scan's common-shareholder pairs (GRAS 2.7.1) against the same query in SQL.")
    var collusion = false
    @Option(help: "Instead: time each stage of a path request (resolve, search, records) over the pairs in FILE (`trama path --pairs` format).")
    var pathStages: String?
    @Option(help: "Instead: every pair among this many random firms within --screen-hops, by searches and by distance labels (bench/path-screen).")
    var screen: Int?
    @Option(help: "Hops for --screen.")
    var screenHops = 4
    @Option(help: "Instead: time an importer's reading (gras: a folder; ocds, bods or ftm) of --files, no store (bench/ingest-json).")
    var read: String?
    @Option(parsing: .upToNextOption, help: "The files for --read.")
    var files: [String] = []
    @Option(help: "Rounds for --read (the best is printed).")
    var rounds = 3

    func run() throws {
        if let synthetic { return try capacity(synthetic) }
        if collusion { return try collusionAgainstSQL() }
        if let file = pathStages { return try timePathStages(file) }
        if let screen { return try self.screen(count: screen, hops: screenHops) }
        if let read { return try ReadBench.run(format: read, files: files.map { URL(fileURLWithPath: $0) }, rounds: rounds) }
        let dir = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let session = try Session.open(database: database) { FileHandle.standardError.write(Data("trama-bench: \($0)\n".utf8)) }
        defer { session.close() }
        var result: [String: Any] = [:]
        func say(_ s: String) { FileHandle.standardError.write(Data("trama-bench: \(s)\n".utf8)) }

        // From the rows three times (the first read warms PostgreSQL's and the OS's caches),
        // then from the packed topology stored for this generation (stored by the first of
        // those loads if not yet), three times: the same graph, the ratio is what storing it buys.
        let store = session.store
        var rowLoads: [Double] = []
        var phases: [[Double]] = []
        for _ in 0..<3 {
            let (_, timing) = try store.withReadConnection { conn in
                try GraphLoader().load(conn.pq, catalog: store.queries, connect: { try store.openReadConnection() })
            }
            rowLoads.append(timing.seconds)
            phases.append([timing.phases.nodes, timing.phases.edges, timing.phases.build])
        }
        _ = try session.loadGraph()
        var loads: [Double] = []
        var loaded: CSRGraph?
        for _ in 0..<3 {
            loaded = nil
            let (g, timing) = try session.loadGraph()
            guard timing.source == .storedTopology else { throw ValidationError("the stored topology was not read: \(timing.notes)") }
            loads.append(timing.seconds)
            loaded = g
        }
        result["loadPhases"] = phases
        result["loadRowsSeconds"] = rowLoads
        let g = loaded!
        say("loaded \(g.nodeCount) nodes, \(g.edgeCount) edges from the rows in \(rowLoads) (nodes, edges, build: \(phases)), from the stored topology in \(loads)")
        result["nodes"] = g.nodeCount
        result["edges"] = g.edgeCount
        result["loadSeconds"] = loads
        result["bytesPerEdge"] = Double(g.residentBytes) / Double(g.edgeCount)
        result["residentBytes"] = g.residentBytes

        // The edge list as (source, target) UInt32 pairs, in edge order.
        var edgeWords: [UInt32] = []
        edgeWords.reserveCapacity(2 * g.edgeCount)
        for e in 0..<UInt32(g.edgeCount) {
            edgeWords.append(g.source(of: e))
            edgeWords.append(g.target(of: e))
        }
        try write(edgeWords, to: dir.appendingPathComponent("edges.u32"))
        var rng = SplitMix64(seed: seed)
        let pairList = (0..<pairs).map { _ in (from: UInt32(rng.next() % UInt64(g.nodeCount)), to: UInt32(rng.next() % UInt64(g.nodeCount))) }
        try write(pairList.flatMap { [$0.from, $0.to] }, to: dir.appendingPathComponent("pairs.u32"))

        // Single-pair shortest paths, one at a time, any length (as networkx searches).
        let clock = ContinuousClock()
        let ws = SearchWorkspace(nodeCount: g.nodeCount)
        let unbounded = PathFilter(maxHops: 10_000)
        var pathTimes: [Double] = []
        var lengths: [Int] = []
        for p in pairList {
            let t0 = clock.now
            let r = try g.shortestPath(from: p.from, to: p.to, filter: unbounded, workspace: ws)
            pathTimes.append((clock.now - t0) / .seconds(1))
            lengths.append(r.path?.hops ?? -1)
        }
        if let rounds = profilePaths {
            let t0 = clock.now
            for _ in 0..<rounds { for p in pairList { _ = try g.shortestPath(from: p.from, to: p.to, filter: unbounded, workspace: ws) } }
            say("\(rounds) rounds: \((clock.now - t0) / .seconds(1) / Double(rounds * pairList.count) * 1e6) µs per pair")
            return
        }
        result["pathSeconds"] = pathTimes
        result["pathLengths"] = lengths
        let t1 = clock.now
        let batch = try g.shortestPaths(pairs: pairList, filter: unbounded)
        result["pathBatchSeconds"] = (clock.now - t1) / .seconds(1)
        precondition(batch.map { $0.path?.hops ?? -1 } == lengths, "batch and single answers differ")
        say("paths: median \(median(pathTimes) * 1000) ms")

        // 3-hop ego networks (nodes reached; the induced edges are part of what is timed).
        var egoTimes: [Double] = []
        var egoSizes: [Int] = []
        for p in pairList.prefix(egos) {
            let t0 = clock.now
            let n = try g.neighborhood(of: p.from, hops: 3)
            egoTimes.append((clock.now - t0) / .seconds(1))
            egoSizes.append(n.nodes.count)
        }
        result["egoSeconds"] = egoTimes
        result["egoSizes"] = egoSizes

        // Whole-graph operations: best of three, as this machine's timings vary run to run.
        func best<T>(_ body: () throws -> T) rethrows -> (T, Double) {
            var result: T?
            var fastest = Double.infinity
            for _ in 0..<3 {
                let t = clock.now
                result = try body()
                fastest = min(fastest, (clock.now - t) / .seconds(1))
            }
            return (result!, fastest)
        }
        let (components, componentsSeconds) = best { g.components() }
        result["componentsSeconds"] = componentsSeconds
        result["components"] = components.count
        result["largestComponent"] = components.sizes.max() ?? 0

        let (ranks, pageRankSeconds) = best { g.pageRank(directed: true, tolerance: 1e-9) }
        result["pageRankSeconds"] = pageRankSeconds
        try write(ranks.map { Float($0) }, to: dir.appendingPathComponent("trama-pagerank.f32"))

        let t4 = clock.now
        let undirected = g.undirected()
        let t5 = clock.now
        let communities = undirected.louvain(seed: seed)
        let t6 = clock.now
        result["louvainConvertSeconds"] = (t5 - t4) / .seconds(1)
        result["louvainSeconds"] = (t6 - t5) / .seconds(1)
        result["modularity"] = communities.modularity
        result["communities"] = communities.count
        result["undirectedEdges"] = undirected.edgeCount
        try write(communities.membership, to: dir.appendingPathComponent("trama-membership.u32"))
        say("louvain: \(communities.count) communities, Q = \(communities.modularity)")

        // The PostgreSQL baseline: a recursive CTE for a few pairs, and the engine on the same
        // pairs under the same hop limit.
        var cteTimes: [Double] = []
        var cteAgree = 0
        let limited = PathFilter(maxHops: cteHops)
        for p in pairList.prefix(ctePairs) {
            let t0 = clock.now
            let r = try session.store.execute(
                .pathRecursiveCTE, [String(g.nodeHandle[Int(p.from)]), String(g.nodeHandle[Int(p.to)]), String(cteHops)])
            cteTimes.append((clock.now - t0) / .seconds(1))
            let cte = r.scalar.flatMap { Int($0) } ?? -1
            let mine = try g.shortestPath(from: p.from, to: p.to, filter: limited, workspace: ws).path?.hops ?? -1
            if cte == mine { cteAgree += 1 }
        }
        var limitedTimes: [Double] = []
        for p in pairList.prefix(ctePairs) {
            let t0 = clock.now
            _ = try g.shortestPath(from: p.from, to: p.to, filter: limited, workspace: ws)
            limitedTimes.append((clock.now - t0) / .seconds(1))
        }
        result["cteSeconds"] = cteTimes
        result["cteHops"] = cteHops
        result["cteAgreement"] = cteAgree
        result["pathSecondsWithinCteHops"] = limitedTimes

        result["peakRSSBytes"] = peakResidentBytes()
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        try json.write(to: dir.appendingPathComponent("trama.json"))
        say("wrote \(dir.path)/trama.json")
    }
}

extension TramaBench {
    /// Builds a graph of the requested size straight in memory (endpoints drawn with a heavy
    /// tail, kinds and validity dates like the store's) and times the operations that matter
    /// at national scale, with the resident bytes and the process's peak memory.
    func capacity(_ spec: String) throws {
        let parts = spec.split(separator: ",").compactMap { Int($0) }
        guard parts.count == 2 else { throw ValidationError("--synthetic takes NODES,EDGES") }
        let (n, m) = (parts[0], parts[1])
        let clock = ContinuousClock()
        func seconds(_ t: ContinuousClock.Instant) -> String { String(format: "%.2f s", (clock.now - t) / .seconds(1)) }
        var rng = SplitMix64(seed: seed)
        var b = GraphBuilder()
        b.reserve(nodes: n, edges: m)
        let kinds = try (0..<8).map { try b.internNodeKind("kind\($0)") }
        let edgeKinds = try (0..<24).map { try b.internEdgeKind("relation\($0)") }
        for i in 0..<n { b.addNode(kindCode: kinds[i % 8], handle: Int64(i + 1)) }
        let t0 = clock.now
        for i in 0..<m {
            // u^3 skews towards low indices: a few nodes hold very many edges.
            let u = Double(rng.next() >> 11) * 0x1.0p-53
            let s = UInt32(Double(n) * u * u * u)
            let t = UInt32(rng.next() % UInt64(n))
            let dated = i % 4 == 0
            let from = Day(rawValue: Int32(16_000 + Int(rng.next() % 3000)))
            try b.addEdge(
                from: s, to: t, kindCode: edgeKinds[i % 24],
                validity: dated ? Validity(from: from, to: Day(rawValue: from.rawValue + 900)) : .always, handle: Int64(i + 1))
        }
        let t1 = clock.now
        let g = b.freeze()
        print("synthetic graph: \(g.nodeCount) nodes, \(g.edgeCount) edges; edges drawn in \(String(format: "%.2f s", (t1 - t0) / .seconds(1))), CSR built in \(seconds(t1))")
        print(String(format: "resident: %.2f GB, %.1f bytes per edge; peak process memory so far %.2f GB", Double(g.residentBytes) / 1e9, Double(g.residentBytes) / Double(g.edgeCount), Double(peakResidentBytes()) / 1e9))
        let ws = SearchWorkspace(nodeCount: g.nodeCount)
        var times: [Double] = []
        var found = 0
        for _ in 0..<pairs {
            let a = UInt32(rng.next() % UInt64(n)), z = UInt32(rng.next() % UInt64(n))
            let t = clock.now
            if try g.shortestPath(from: a, to: z, filter: PathFilter(maxHops: 10_000), workspace: ws).path != nil { found += 1 }
            times.append((clock.now - t) / .seconds(1))
        }
        times.sort()
        print(String(format: "%d shortest paths (%d found): median %.3f ms, p99 %.3f ms", pairs, found, times[times.count / 2] * 1e3, times[times.count * 99 / 100] * 1e3))
        var t = clock.now
        let c = g.components()
        print("components: \(c.count) in \(seconds(t))")
        t = clock.now
        _ = g.pageRank(directed: true, tolerance: 1e-9)
        print("PageRank: \(seconds(t))")
        t = clock.now
        let e = try g.neighborhood(of: UInt32(n / 2), hops: 3, filter: PathFilter(maxDegree: 1000))
        print("3-hop ego network of a middling node (hubs over 1,000 not expanded): \(e.nodes.count) nodes in \(seconds(t))")
        print(String(format: "peak process memory: %.2f GB", Double(peakResidentBytes()) / 1e9))
    }
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? .nan : s[s.count / 2]
}

func write<T>(_ values: [T], to url: URL) throws {
    try values.withUnsafeBytes { try Data($0).write(to: url) }
}

/// The process's peak resident set, from getrusage (kilobytes on Linux).
func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
}

extension TramaBench {
    /// Where a `GET /paths` request's time goes, stage by stage, on the firm pairs of
    /// `bench/api-load` (one thread, the server's default limits): resolving the two references
    /// in the store, the search, and fetching the path's records. Each stage's mean is printed
    /// with its share of the total, so the benchmark's HTTP ratio can be read against it.
    func timePathStages(_ file: String) throws {
        let session = try Session.open(database: database) { FileHandle.standardError.write(Data("trama-bench: \($0)\n".utf8)) }
        defer { session.close() }
        let (g, _) = try session.loadGraph()
        let store = session.store
        let pairs = try PathBatch.pairs(file: file)
        let resolver = EntityResolver(store: store)
        let filter = PathFilter(maxHops: 6)
        let ws = SearchWorkspace(nodeCount: g.nodeCount)
        let clock = ContinuousClock()
        var resolve = Duration.zero, search = Duration.zero, records = Duration.zero
        var statuses: [String: Int] = [:]
        var inspectedNodes = 0
        var searches: [(seconds: Double, status: String, visited: Int)] = []
        for pair in pairs {
            let t0 = clock.now
            let a = try resolver.resolve(pair.from), b = try resolver.resolve(pair.to)
            let t1 = clock.now
            guard let s = g.node(withHandle: a.id), let t = g.node(withHandle: b.id) else { continue }
            let r = try g.shortestPath(from: s, to: t, filter: filter, workspace: ws)
            let t2 = clock.now
            inspectedNodes += ws.visited
            let status: String
            switch r {
            case .found: status = "found"
            case .noPath: status = "no_path"
            case .beyondLimits: status = "not_within_limits"
            case .budgetExhausted: status = "budget_exhausted"
            }
            searches.append(((t2 - t1) / .seconds(1), status, ws.visited))
            switch r {
            case .found(let p):
                statuses["found", default: 0] += 1
                _ = try store.nodeRecords(ids: p.nodes.map { g.nodeHandle[Int($0)] })
                _ = try store.edgeRecords(ids: p.edges.map { g.edgeHandle[Int($0)] })
            case .noPath: statuses["no_path", default: 0] += 1
            case .beyondLimits: statuses["not_within_limits", default: 0] += 1
            case .budgetExhausted: statuses["budget_exhausted", default: 0] += 1
            }
            let t3 = clock.now
            resolve += t1 - t0
            search += t2 - t1
            records += t3 - t2
        }
        let total = resolve + search + records
        func row(_ name: String, _ d: Duration) -> String {
            let us = d / .microseconds(1) / Double(pairs.count)
            return "\(name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(String(format: "%8.1f µs  %5.1f%%", us, 100 * (d / total)))"
        }
        print("\(pairs.count) pairs, \(g.nodeCount) entities: \(statuses.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
        print("mean nodes visited per search: \(inspectedNodes / max(1, pairs.count))")
        print(row("resolve both references", resolve))
        print(row("search (max 6 hops)", search))
        print(row("path records", records))
        print(row("total", total))
        print(String(format: "one thread: %.0f pairs/s", Double(pairs.count) / (total / .seconds(1))))
        // The tail: a few searches that fan out through hubs set the p99 of a loaded server.
        let times = searches.map(\.seconds).sorted()
        func quantile(_ q: Double) -> Double { times[min(times.count - 1, Int(Double(times.count) * q))] * 1e3 }
        print(String(format: "search ms: p50 %.3f  p90 %.3f  p99 %.3f  max %.3f", quantile(0.5), quantile(0.9), quantile(0.99), times.last! * 1e3))
        let share = searches.sorted { $0.seconds > $1.seconds }.prefix(max(1, searches.count / 100))
        print(String(format: "slowest 1%%: %.0f%% of all search time; statuses %@; mean nodes visited %d", 100 * share.map(\.seconds).reduce(0, +) / times.reduce(0, +),
                     Dictionary(grouping: share, by: \.status).map { "\($0.key) \($0.value.count)" }.sorted().joined(separator: ", "),
                     share.map(\.visited).reduce(0, +) / share.count))
        try timeAnswerEncoding(pairs.prefix(2000).map { PathQuery(from: $0.from, to: $0.to) }, graph: g, store: store)
    }

    /// The answers' JSON: the tree (``JSONValue``, then text), one pass to bytes, and
    /// Foundation's `JSONEncoder` (keys in its own order, nils left out) as the baseline.
    func timeAnswerEncoding(_ queries: [PathQuery], graph g: CSRGraph, store: Store) throws {
        let answers = try queries.map { try $0.run(on: g, store: store) }
        let bytes = answers.reduce(0) { $0 + $1.compactJSON.count }
        let foundation = JSONEncoder()
        let clock = ContinuousClock()
        func best(_ body: () throws -> Int) rethrows -> Double {
            var best = Double.infinity
            for _ in 0..<5 {
                let t = clock.now
                let n = try body()
                precondition(n > 0)
                best = min(best, (clock.now - t) / .microseconds(1) / Double(answers.count))
            }
            return best
        }
        let foundationTime = try best { try answers.reduce(0) { $0 + (try foundation.encode($1)).count } }
        let tree = best { answers.reduce(0) { $0 + $1.json.compact.utf8.count } }
        let onePass = best { answers.reduce(0) { $0 + $1.compactJSON.count } }
        print("\(answers.count) path answers as JSON, \(bytes / max(1, answers.count)) bytes each:")
        for (name, us) in [("Foundation JSONEncoder", foundationTime), ("tree (JSONValue, then text)", tree), ("one pass to bytes", onePass)] {
            print("  \(name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(String(format: "%7.1f µs  %5.2f× Foundation", us, foundationTime / us))")
        }
    }
}
