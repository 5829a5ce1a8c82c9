import Foundation
import TramaGraph
import TramaService

extension TramaBench {
    /// The engine's side of `bench/path-screen`: every pair among `count` random firms within
    /// `hops`, by one bounded search per firm (what `trama path --among` runs), and the same
    /// screen from pruned landmark labels (``DistanceLabels``): their build time and size, the
    /// screen's time from them, and single-pair distances from labels beside the engine's
    /// bidirectional search. Writes edges.u32, members.u32, partners.u32 (per member, how many
    /// other members are within the hops) and screen.json for the Python baselines.
    func screen(count: Int, hops: Int) throws {
        let dir = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let session = try Session.open(database: database) { FileHandle.standardError.write(Data("trama-bench: \($0)\n".utf8)) }
        defer { session.close() }
        func say(_ s: String) { FileHandle.standardError.write(Data("trama-bench: \(s)\n".utf8)) }
        let clock = ContinuousClock()
        func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
            let start = clock.now
            let r = try body()
            return (r, (clock.now - start) / .seconds(1))
        }
        let (g, _) = try session.loadGraph()
        say("loaded \(g.nodeCount) nodes, \(g.edgeCount) edges")
        var result: [String: Any] = ["nodes": g.nodeCount, "edges": g.edgeCount, "hops": hops]

        var edgeWords: [UInt32] = []
        edgeWords.reserveCapacity(g.edgeCount * 2)
        for u in 0..<UInt32(g.nodeCount) { g.forEachOutgoing(u) { v, _ in edgeWords += [u, v] } }
        try write(edgeWords, to: dir.appendingPathComponent("edges.u32"))
        edgeWords = []

        let firm = try require(g.nodeKinds.code("firm"), "the store has no firms")
        var firms = (0..<UInt32(g.nodeCount)).filter { g.nodeKind[Int($0)] == firm }
        var rng = SplitMix64(seed: seed)
        for i in stride(from: firms.count - 1, to: 0, by: -1) { firms.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        let members = Array(firms.prefix(count))
        try write(members, to: dir.appendingPathComponent("members.u32"))
        result["members"] = members.count

        let filter = PathFilter(maxHops: hops)
        var searchRuns: [Double] = []
        var screened: PairsWithin?
        for _ in 0..<2 {
            let (s, t) = try timed { try g.pairsWithin(members, filter: filter) }
            searchRuns.append(t)
            screened = s
        }
        let (_, oneCore) = try timed { try g.pairsWithin(members, filter: filter, workers: 1) }
        result["searchSecondsOneCore"] = oneCore
        let pairs = screened!.pairs
        result["pairs"] = pairs.count
        result["searchSeconds"] = searchRuns.min()!
        result["inspected"] = screened!.inspected
        say("screen by searches: \(pairs.count) pairs in \(searchRuns) s")
        var position: [UInt32: Int] = [:]
        for (i, m) in members.enumerated() { position[m] = i }
        var partners = [UInt32](repeating: 0, count: members.count)
        for p in pairs {
            partners[position[p.from]!] += 1
            partners[position[p.to]!] += 1
        }
        try write(partners, to: dir.appendingPathComponent("partners.u32"))

        let before = peakResidentBytes()
        let (labels, build) = timed { DistanceLabels(g, maxHops: hops) }
        result["labelBuildSeconds"] = build
        result["labelBytes"] = labels.bytes
        result["labelEntriesPerNode"] = Double(labels.entries.count) / Double(g.nodeCount)
        result["peakBytesBeforeLabels"] = before
        result["peakBytesAfterLabels"] = peakResidentBytes()
        say("labels: \(labels.entries.count) entries (\(labels.bytes >> 20) MB) in \(build) s")

        // The same screen from the labels: every pair of members, one merge each, on both cores.
        let (fromLabels, labelScreen) = timed { () -> Int in
            Parallelism.map(members.count, workers: Parallelism.processorCount, minimumChunk: 64) { range in
                var found = 0
                for i in range {
                    for j in (i + 1)..<members.count where labels.distance(members[i], members[j]) != nil { found += 1 }
                }
                return found
            }.reduce(0, +)
        }
        result["labelScreenSeconds"] = labelScreen
        result["labelPairs"] = fromLabels
        var agree = true
        for p in pairs.prefix(200_000) where labels.distance(p.from, p.to) != p.hops { agree = false }
        result["labelsAgree"] = agree && fromLabels == pairs.count
        say("screen from labels: \(fromLabels) pairs in \(labelScreen) s (agree: \(result["labelsAgree"]!))")

        // One pair at a time: labels against the bidirectional search, on random firm pairs.
        let probes = (0..<20_000).map { _ in (members[Int(rng.next() % UInt64(members.count))], firms[Int(rng.next() % UInt64(firms.count))]) }
        let ws = SearchWorkspace(nodeCount: g.nodeCount)
        var mismatches = 0
        let (_, searchPair) = try timed {
            for (a, b) in probes {
                let r = try g.shortestPath(from: a, to: b, filter: filter, workspace: ws)
                if (r.path?.hops) != labels.distance(a, b) { mismatches += 1 }
            }
        }
        let (_, labelPair) = timed { for (a, b) in probes { _ = labels.distance(a, b) } }
        result["pairProbes"] = probes.count
        result["searchPairMicros"] = (searchPair * 1e6 - labelPair * 1e6) / Double(probes.count)
        result["labelPairMicros"] = labelPair * 1e6 / Double(probes.count)
        result["pairMismatches"] = mismatches
        try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]).write(to: dir.appendingPathComponent("screen.json"))
        print(String(data: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys, .prettyPrinted]), encoding: .utf8)!)
    }
}

/// `try #require`'s shape for a bench: a missing value ends the run with a message.
func `require`<T>(_ value: T?, _ message: String) throws -> T {
    guard let value else { throw ValidationErrorMessage(message) }
    return value
}

struct ValidationErrorMessage: Error, CustomStringConvertible {
    var description: String
    init(_ s: String) { description = s }
}
