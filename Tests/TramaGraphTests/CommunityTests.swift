import Testing
@testable import TramaGraph

@Suite("Projections, communities and betweenness")
struct CommunityTests {
    /// Firms f0…f5 bid in tenders; f0–f2 always together (a ring), f3–f5 together, one tender
    /// joins f2 and f3, and a mass tender (the agent) has all six.
    func market() -> Toy {
        var t = Toy(nodes: ["f0", "f1", "f2", "f3", "f4", "f5", "t1", "t2", "t3", "t4", "t5", "agent"]) { $0.hasPrefix("f") ? "firm" : "tender" }
        for tender in ["t1", "t2"] { for f in ["f0", "f1", "f2"] { t.edge(f, tender, "bid") } }
        for tender in ["t3", "t4"] { for f in ["f3", "f4", "f5"] { t.edge(f, tender, "bid") } }
        t.edge("f2", "t5", "bid"); t.edge("f3", "t5", "bid")
        t.edge("f0", "t1", "bid")  // a second bid in one tender counts once
        t.edge("f0", "t1", "bid", Validity(from: day("2019-01-01"), to: day("2019-12-31")))
        for f in ["f0", "f1", "f2", "f3", "f4", "f5"] { t.edge(f, "agent", "bid") }
        return t
    }

    func weight(_ p: WeightedGraph, _ a: UInt32, _ b: UInt32) -> Double? {
        guard let i = p.original.firstIndex(of: a), let j = p.original.firstIndex(of: b) else { return nil }
        var w: Double?
        p.forEachNeighbor(i) { v, x in if v == j { w = x } }
        return w
    }

    @Test func projectionCountsSharedTendersOnceAndSkipsSuperNodes() {
        let t = market()
        let g = t.freeze()
        let firm = KindSet(names: ["firm"], in: g.nodeKinds)
        let tender = KindSet(names: ["tender"], in: g.nodeKinds)
        let p = g.project(Projection(members: firm, via: tender, maxSharedDegree: 5))
        #expect(weight(p, t["f0"], t["f1"]) == 2)
        #expect(weight(p, t["f2"], t["f3"]) == 1)
        #expect(weight(p, t["f0"], t["f3"]) == nil)
        let withAgent = g.project(Projection(members: firm, via: tender, maxSharedDegree: 6))
        #expect(weight(withAgent, t["f0"], t["f3"]) == 1 && weight(withAgent, t["f0"], t["f1"]) == 3)
        let strong = g.project(Projection(members: firm, via: tender, maxSharedDegree: 5, minimumWeight: 2))
        #expect(strong.edgeCount == 6 && weight(strong, t["f2"], t["f3"]) == nil)
    }

    @Test func aCompanyOwnerTiesWhatItOwnsButNotItsOwnOwners() {
        // Person o owns parent p; p owns a and b; o also owns c.
        var t = Toy(nodes: ["o", "p", "a", "b", "c"]) { $0 == "o" ? "person" : "firm" }
        t.edge("o", "p"); t.edge("p", "a"); t.edge("p", "b"); t.edge("o", "c")
        let g = t.freeze()
        let firm = KindSet(names: ["firm"], in: g.nodeKinds)
        let owners = KindSet(names: ["person", "firm"], in: g.nodeKinds)
        let shared = g.project(Projection(members: firm, via: owners, sharedNodeIsSource: true))
        #expect(weight(shared, t["a"], t["b"]) == 1, "p owns both")
        #expect(weight(shared, t["p"], t["c"]) == 1, "o owns both")
        #expect(weight(shared, t["p"], t["a"]) == nil && weight(shared, t["c"], t["a"]) == nil, "owning is not sharing an owner")
    }

    @Test func projectionTakesTheFiltersDates() {
        var t = Toy(nodes: ["f0", "f1", "t1"]) { $0.hasPrefix("f") ? "firm" : "tender" }
        t.edge("f0", "t1", "bid", Validity(from: day("2019-01-01"), to: day("2019-12-31")))
        t.edge("f1", "t1", "bid", Validity(from: day("2019-06-01"), to: day("2020-12-31")))
        let g = t.freeze()
        let firm = KindSet(names: ["firm"], in: g.nodeKinds)
        let tender = KindSet(names: ["tender"], in: g.nodeKinds)
        #expect(g.project(Projection(members: firm, via: tender, filter: PathFilter(validAt: day("2019-07-01")))).edgeCount == 1)
        #expect(g.project(Projection(members: firm, via: tender, filter: PathFilter(validAt: day("2020-07-01")))).edgeCount == 0)
    }

    @Test func louvainSeparatesTheTwoRingsAndIsDeterministicPerSeed() {
        let t = market()
        let g = t.freeze()
        let firm = KindSet(names: ["firm"], in: g.nodeKinds)
        let tender = KindSet(names: ["tender"], in: g.nodeKinds)
        let p = g.project(Projection(members: firm, via: tender, maxSharedDegree: 5))
        let c = p.louvain(seed: 1)
        let of = { (name: String) in c.membership[p.original.firstIndex(of: t[name])!] }
        #expect(c.count == 2)
        #expect(of("f0") == of("f1") && of("f1") == of("f2"))
        #expect(of("f3") == of("f4") && of("f4") == of("f5") && of("f0") != of("f3"))
        #expect(c.modularity > 0.3)
        for seed in [1, 2, 3] as [UInt64] { #expect(p.louvain(seed: seed) == p.louvain(seed: seed)) }
    }

    @Test func louvainOnAGraphWithoutEdgesLeavesEveryNodeAlone() {
        let w = WeightedGraph(original: [0, 1, 2], edges: [])
        let c = w.louvain()
        #expect(c.count == 3 && c.modularity == 0)
    }

    @Test func weightedGraphMergesParallelEdgesAndKeepsSelfLoops() {
        let w = WeightedGraph(original: [10, 11, 12], edges: [(0, 1, 1), (1, 0, 2), (2, 2, 1.5)])
        #expect(w.edgeCount == 2 && w.totalWeight == 4.5)
        #expect(w.strength(0) == 3 && w.strength(2) == 3)
        #expect(w.edges.map { [$0.u, $0.v] } == [[0, 1], [2, 2]])
    }

    @Test func betweennessFindsTheBrokerOfAStarAndAPath() {
        // A path a–b–c–d: b and c each lie on two pairs' only path... b: (a,c),(a,d); c: (a,d),(b,d).
        let path = WeightedGraph(original: [0, 1, 2, 3], edges: [(0, 1, 1), (1, 2, 1), (2, 3, 1)])
        #expect(path.betweenness() == [0, 2, 2, 0])
        // A star: the centre lies on every pair of leaves, 5·4/2 = 10.
        let star = WeightedGraph(original: Array(0...5), edges: (1...5).map { (0, UInt32($0), 1.0) })
        #expect(star.betweenness()[0] == 10)
        // Two routes of equal length share the credit.
        let square = WeightedGraph(original: [0, 1, 2, 3], edges: [(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 0, 1)])
        #expect(square.betweenness() == [0.5, 0.5, 0.5, 0.5])
    }

    @Test func sampledBetweennessIsExactWithAllSourcesAndRanksTheBrokerFirst() {
        var rng = SplitMix64(seed: 4)
        // Two dense clusters joined only through node 0.
        var edges: [(UInt32, UInt32, Double)] = []
        for _ in 0..<300 {
            let a = UInt32(1 + rng.next() % 40), b = UInt32(1 + rng.next() % 40)
            let c = UInt32(41 + rng.next() % 40), d = UInt32(41 + rng.next() % 40)
            if a != b { edges.append((a, b, 1)) }
            if c != d { edges.append((c, d, 1)) }
        }
        edges.append((0, 5, 1)); edges.append((0, 50, 1))
        let w = WeightedGraph(original: Array(0...80), edges: edges)
        let exact = w.betweenness()
        #expect(w.betweenness(samples: 81) == exact)
        #expect(w.betweenness(workers: 1) == exact)
        let sampled = w.betweenness(samples: 30, seed: 2)
        let top3 = { (b: [Double]) in Set(b.indices.sorted { b[$0] > b[$1] }.prefix(3)) }
        #expect(top3(exact) == [0, 5, 50] && top3(sampled) == [0, 5, 50])
        #expect(sampled == w.betweenness(samples: 30, seed: 2))
    }

    @Test func parallelPageRankEqualsSequential() throws {
        var rng = SplitMix64(seed: 8)
        var b = GraphBuilder()
        // Large enough to be split (chunks of at least 65,536 nodes).
        for _ in 0..<140_000 { _ = try b.addNode(kind: "n") }
        for _ in 0..<280_000 { try b.addEdge(from: UInt32(rng.next() % 140_000), to: UInt32(rng.next() % 140_000), kind: "k") }
        let g = b.freeze()
        #expect(g.pageRank(directed: false, tolerance: 1e-6, workers: 1) == g.pageRank(directed: false, tolerance: 1e-6, workers: 2))
    }
}
