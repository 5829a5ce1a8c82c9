import Testing
@testable import TramaGraph

/// Builds small graphs from `"a-b"` edge lists with optional kinds and validity.
struct Toy {
    var builder = GraphBuilder()
    var index: [String: UInt32] = [:]

    init(nodes: [String], kind: (String) -> String = { _ in "firm" }) {
        for n in nodes { index[n] = try! builder.addNode(kind: kind(n)) }
    }

    mutating func edge(_ a: String, _ b: String, _ kind: String = "owns", _ validity: Validity = .always, handle: Int64 = 0) {
        try! builder.addEdge(from: index[a]!, to: index[b]!, kind: kind, validity: validity, handle: handle)
    }

    func freeze() -> CSRGraph { builder.freeze() }

    subscript(_ n: String) -> UInt32 { index[n]! }
}

func day(_ s: String) -> Day { Day(iso: s)! }

/// A path is valid when consecutive nodes are joined by the listed edge, in either direction.
func isValid(_ p: GraphPath, in g: CSRGraph, from s: UInt32, to t: UInt32) -> Bool {
    guard p.nodes.first == s, p.nodes.last == t, p.nodes.count == p.edges.count + 1 else { return false }
    for (i, e) in p.edges.enumerated() {
        let a = g.source(of: e)
        let b = g.target(of: e)
        guard (a == p.nodes[i] && b == p.nodes[i + 1]) || (b == p.nodes[i] && a == p.nodes[i + 1]) else { return false }
    }
    return Set(p.nodes).count == p.nodes.count
}

@Suite("Shortest paths by bidirectional BFS")
struct ShortestPathTests {
    @Test func findsTheShortestOfTwoRoutesWalkingEdgesBackwards() throws {
        // a→b→c→d→e and a←x→e: the short way goes against x's edge.
        var t = Toy(nodes: ["a", "b", "c", "d", "e", "x"])
        for (u, v) in [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("x", "a"), ("x", "e")] { t.edge(u, v) }
        let g = t.freeze()
        let p = try #require(try g.shortestPath(from: t["a"], to: t["e"]).path)
        #expect(p.hops == 2 && isValid(p, in: g, from: t["a"], to: t["e"]))
        #expect(p.nodes[1] == t["x"])
    }

    @Test func tiesGiveSomeShortestPathAndMultiEdgesAndSelfLoopsDoNoHarm() throws {
        var t = Toy(nodes: ["s", "a", "b", "t"])
        t.edge("s", "a"); t.edge("s", "b"); t.edge("a", "t"); t.edge("b", "t")
        t.edge("s", "a"); t.edge("a", "a"); t.edge("t", "t")
        let g = t.freeze()
        let p = try #require(try g.shortestPath(from: t["s"], to: t["t"]).path)
        #expect(p.hops == 2 && isValid(p, in: g, from: t["s"], to: t["t"]))
    }

    @Test func disconnectedPairsAndTheTrivialPath() throws {
        var t = Toy(nodes: ["a", "b", "c"])
        t.edge("a", "b")
        let g = t.freeze()
        #expect(try g.shortestPath(from: t["a"], to: t["c"]) == .noPath)
        #expect(try g.shortestPath(from: t["c"], to: t["c"]).path?.hops == 0)
        #expect(throws: GraphError.nodeOutOfRange(9, nodeCount: 3)) { try g.shortestPath(from: 9, to: 0) }
    }

    @Test func maxHopsBoundsTheAnswerAndSaysSo() throws {
        var t = Toy(nodes: ["a", "b", "c", "d", "e"])
        t.edge("a", "b"); t.edge("b", "c"); t.edge("c", "d")
        let g = t.freeze()
        #expect(try g.shortestPath(from: t["a"], to: t["d"], filter: PathFilter(maxHops: 2)) == .beyondLimits(.maxHops))
        #expect(try g.shortestPath(from: t["a"], to: t["d"], filter: PathFilter(maxHops: 3)).path?.hops == 3)
        // e is unconnected and a's side runs out within the limit: no hop limit is to blame.
        #expect(try g.shortestPath(from: t["a"], to: t["e"], filter: PathFilter(maxHops: 5)) == .noPath)
        let w = try EdgeWeights(["owns": 1], in: g.edgeKinds)
        #expect(try g.cheapestPath(from: t["a"], to: t["d"], weights: w, filter: PathFilter(maxHops: 2)) == .beyondLimits(.maxHops))
        #expect(try g.kShortestPaths(from: t["a"], to: t["d"], k: 2, filter: PathFilter(maxHops: 2)).cutShort == .beyondLimits(.maxHops))
    }

    @Test func edgeKindFilterCutsTheOnlyPath() throws {
        var t = Toy(nodes: ["f1", "p", "f2"])
        t.edge("p", "f1", "owns"); t.edge("p", "f2", "employed_by")
        let g = t.freeze()
        let owns = PathFilter(edgeKinds: KindSet(names: ["owns"], in: g.edgeKinds))
        #expect(try g.shortestPath(from: t["f1"], to: t["f2"], filter: owns) == .noPath)
        #expect(try g.shortestPath(from: t["f1"], to: t["f2"]).path?.hops == 2)
    }

    @Test func validityIsInclusiveAtBothEnds() throws {
        var t = Toy(nodes: ["a", "b"])
        t.edge("a", "b", "owns", Validity(from: day("2019-01-01"), to: day("2019-12-31")))
        let g = t.freeze()
        func reach(_ d: String) throws -> Bool { try g.shortestPath(from: t["a"], to: t["b"], filter: PathFilter(validAt: day(d))).path != nil }
        #expect(try reach("2019-01-01") && reach("2019-12-31"))
        #expect(try !reach("2018-12-31") && !reach("2020-01-01"))
        let overlapping = PathFilter(overlapping: Validity(from: day("2019-12-31"), to: day("2021-01-01")))
        #expect(try g.shortestPath(from: t["a"], to: t["b"], filter: overlapping).path != nil)
    }

    @Test func superNodesAreNotPassedThroughButMayBeEndpoints() throws {
        // agent owns f1..f4; f1 and f2 also share a person two hops away.
        var t = Toy(nodes: ["agent", "f1", "f2", "f3", "f4", "p", "q"])
        for f in ["f1", "f2", "f3", "f4"] { t.edge("agent", f) }
        t.edge("p", "f1"); t.edge("p", "q"); t.edge("q", "f2")
        let g = t.freeze()
        #expect(try g.shortestPath(from: t["f1"], to: t["f2"]).path?.hops == 2)
        let cut = PathFilter(maxDegree: 3)
        let p = try #require(try g.shortestPath(from: t["f1"], to: t["f2"], filter: cut).path)
        #expect(p.hops == 3 && !p.nodes.contains(t["agent"]))
        #expect(try g.shortestPath(from: t["agent"], to: t["f3"], filter: cut).path?.hops == 1)
        // With q gone, only the agent joins f1 and f2: the degree limit is what hides it.
        var u = Toy(nodes: ["agent", "f1", "f2", "f3", "f4"])
        for f in ["f1", "f2", "f3", "f4"] { u.edge("agent", f) }
        #expect(try u.freeze().shortestPath(from: u["f1"], to: u["f2"], filter: cut) == .beyondLimits(.maxDegree))
    }

    @Test func nodeKindFilterExemptsEndpoints() throws {
        var t = Toy(nodes: ["f1", "addr", "p", "f2"], kind: { ["addr": "address", "p": "person"][$0] ?? "firm" })
        t.edge("f1", "addr"); t.edge("f2", "addr"); t.edge("p", "f1"); t.edge("p", "f2")
        let g = t.freeze()
        let peopleOnly = PathFilter(nodeKinds: KindSet(names: ["person"], in: g.nodeKinds))
        let p = try #require(try g.shortestPath(from: t["f1"], to: t["f2"], filter: peopleOnly).path)
        #expect(p.nodes[1] == t["p"])
    }

    @Test func aSmallBudgetEndsTheQueryWithThatAnswer() throws {
        var t = Toy(nodes: (0..<50).map(String.init))
        for i in 0..<49 { t.edge(String(i), String(i + 1)) }
        let g = t.freeze()
        let r = try g.shortestPath(from: t["0"], to: t["49"], filter: PathFilter(maxHops: 100, visitBudget: 10))
        guard case .budgetExhausted = r else {
            Issue.record("expected budget exhausted, got \(r)")
            return
        }
        #expect(try g.shortestPath(from: t["0"], to: t["49"], filter: PathFilter(maxHops: 100)).path?.hops == 49)
    }

    @Test func agreesWithPlainBFSOnRandomGraphs() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<30 {
            let n = 40
            var b = GraphBuilder()
            for _ in 0..<n { _ = try b.addNode(kind: "x") }
            var adj = [[Int]](repeating: [], count: n)
            for _ in 0..<(n + Int(rng.next() % 40)) {
                let u = Int(rng.next() % UInt64(n)), v = Int(rng.next() % UInt64(n))
                try b.addEdge(from: UInt32(u), to: UInt32(v), kind: "k")
                adj[u].append(v); adj[v].append(u)
            }
            let g = b.freeze()
            let ws = SearchWorkspace(nodeCount: n)
            for _ in 0..<20 {
                let s = Int(rng.next() % UInt64(n)), t = Int(rng.next() % UInt64(n))
                var dist = [Int](repeating: -1, count: n)
                dist[s] = 0
                var queue = [s]
                var head = 0
                while head < queue.count {
                    let u = queue[head]; head += 1
                    for v in adj[u] where dist[v] < 0 { dist[v] = dist[u] + 1; queue.append(v) }
                }
                let r = try g.shortestPath(from: UInt32(s), to: UInt32(t), filter: PathFilter(maxHops: 100), workspace: ws)
                if dist[t] < 0 {
                    #expect(r == .noPath)
                } else {
                    let p = try #require(r.path)
                    #expect(p.hops == dist[t])
                    #expect(isValid(p, in: g, from: UInt32(s), to: UInt32(t)))
                }
            }
        }
    }
}

@Suite("Directed paths: relationships only in their stated direction")
struct DirectedPathTests {
    /// p owns h, h owns t; q owns t too. Undirected, t and p are joined both ways and p reaches
    /// q through t; directed, only p → h → t is a chain of control.
    static func register() -> (CSRGraph, Toy) {
        var t = Toy(nodes: ["p", "h", "t", "q"])
        t.edge("p", "h"); t.edge("h", "t"); t.edge("q", "t")
        return (t.freeze(), t)
    }

    @Test func aDirectedSearchFollowsOnlyTheStatedDirection() throws {
        let (g, t) = Self.register()
        let directed = PathFilter(directed: true)
        guard case let .found(down) = try g.shortestPath(from: t["p"], to: t["t"], filter: directed) else { Issue.record("no chain p → t"); return }
        #expect(down.nodes == [t["p"], t["h"], t["t"]])
        #expect(try g.shortestPath(from: t["t"], to: t["p"], filter: directed) == .noPath, "t controls nothing")
        #expect(try g.shortestPath(from: t["p"], to: t["q"], filter: directed) == .noPath, "p and q only co-own t")
        guard case .found = try g.shortestPath(from: t["p"], to: t["q"]) else { Issue.record("undirected p – q"); return }

        let all = try g.allShortestPaths(from: t["p"], to: t["t"], filter: directed)
        #expect(all.paths.count == 1)
        #expect(try g.allShortestPaths(from: t["t"], to: t["p"], filter: directed).paths.isEmpty)
        let k = try g.kShortestPaths(from: t["p"], to: t["q"], k: 3, filter: directed)
        #expect(k.paths.isEmpty)
        let w = try EdgeWeights(["owns": 1], in: g.edgeKinds)
        if case .found = try g.cheapestPath(from: t["t"], to: t["p"], weights: w, filter: directed) { Issue.record("a cheapest path against the direction") }
        if case .found = try g.cheapestPath(from: t["p"], to: t["t"], weights: w, filter: directed) {} else { Issue.record("no cheapest chain p → t") }
    }
}
