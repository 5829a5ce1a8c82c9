import Testing
@testable import TramaGraph

@Suite("Components, PageRank and neighbourhoods")
struct AnalysisTests {
    @Test func componentsIgnoreDirectionAndCountIsolatedNodes() {
        var t = Toy(nodes: ["a", "b", "c", "d", "e", "f"])
        t.edge("a", "b"); t.edge("c", "b"); t.edge("d", "e"); t.edge("e", "e")
        let c = t.freeze().components()
        #expect(c.count == 3)
        #expect(c.label[Int(t["a"])] == c.label[Int(t["c"])])
        #expect(c.label[Int(t["d"])] == c.label[Int(t["e"])] && c.label[Int(t["a"])] != c.label[Int(t["d"])])
        #expect(c.bySize.map { c.sizes[$0] } == [3, 2, 1])
    }

    @Test func superNodesDoNotMergeComponents() {
        var t = Toy(nodes: ["agent", "f1", "f2", "f3", "p"])
        for f in ["f1", "f2", "f3"] { t.edge("agent", f) }
        t.edge("p", "f1")
        let g = t.freeze()
        #expect(g.components().count == 1)
        let cut = g.components(filter: PathFilter(maxDegree: 2))
        #expect(cut.count == 4)
        #expect(cut.label[Int(t["p"])] == cut.label[Int(t["f1"])])
    }

    /// PageRank computed the textbook way: a dense transition matrix, iterated.
    func densePageRank(_ n: Int, _ edges: [(Int, Int)], directed: Bool, d: Double = 0.85) -> [Double] {
        var out = [[Int]](repeating: [], count: n)
        for (u, v) in edges {
            out[u].append(v)
            if !directed, u != v { out[v].append(u) }  // a self-loop is one way out (networkx)
        }
        var r = [Double](repeating: 1 / Double(n), count: n)
        for _ in 0..<500 {
            var next = [Double](repeating: (1 - d) / Double(n), count: n)
            for u in 0..<n {
                if out[u].isEmpty {
                    for v in 0..<n { next[v] += d * r[u] / Double(n) }
                } else {
                    for v in out[u] { next[v] += d * r[u] / Double(out[u].count) }
                }
            }
            r = next
        }
        return r
    }

    @Test func pageRankMatchesTheTextbookDefinition() throws {
        var rng = SplitMix64(seed: 3)
        for directed in [true, false] {
            for _ in 0..<10 {
                let n = 25
                var b = GraphBuilder()
                for _ in 0..<n { _ = try b.addNode(kind: "x") }
                var list: [(Int, Int)] = []
                for _ in 0..<45 {
                    let u = Int(rng.next() % UInt64(n)), v = Int(rng.next() % UInt64(n))
                    list.append((u, v))
                    try b.addEdge(from: UInt32(u), to: UInt32(v), kind: "k")
                }
                let got = b.freeze().pageRank(directed: directed)
                let want = densePageRank(n, list, directed: directed)
                #expect(abs(got.reduce(0, +) - 1) < 1e-9)
                for i in 0..<n { #expect(abs(got[i] - want[i]) < 1e-8) }
            }
        }
    }

    @Test func pageRankOfACycleIsUniform() {
        var t = Toy(nodes: ["a", "b", "c"])
        t.edge("a", "b"); t.edge("b", "c"); t.edge("c", "a")
        for r in t.freeze().pageRank() { #expect(abs(r - 1.0 / 3) < 1e-12) }
    }

    @Test func neighborhoodStopsAtHopsAndCapsAndDoesNotExpandSuperNodes() throws {
        // centre - a - b - c ; centre - agent - {x, y, z}
        var t = Toy(nodes: ["centre", "a", "b", "c", "agent", "x", "y", "z"])
        t.edge("centre", "a"); t.edge("a", "b"); t.edge("b", "c"); t.edge("agent", "centre")
        for f in ["x", "y", "z"] { t.edge("agent", f) }
        let g = t.freeze()
        let two = try g.neighborhood(of: t["centre"], hops: 2)
        #expect(Set(two.nodes) == Set(["centre", "a", "b", "agent", "x", "y", "z"].map { t[$0] }))
        #expect(two.hops[0] == 0 && two.hops[two.nodes.firstIndex(of: t["b"])!] == 2)
        #expect(two.edges.count == 6, "every edge among the reached nodes")
        let cut = try g.neighborhood(of: t["centre"], hops: 2, filter: PathFilter(maxDegree: 3))
        #expect(!cut.nodes.contains(t["x"]) && cut.nodes.contains(t["agent"]))
        let capped = try g.neighborhood(of: t["centre"], hops: 1, perHopCap: 1)
        #expect(capped.nodes.count == 2 && capped.truncated == 1)
    }

    @Test func edgesAmongAChosenSetAreEachOnceWhateverTheirDirection() {
        // a → b → c, c → a, a → d; the set {a, b, c} leaves d out.
        var t = Toy(nodes: ["a", "b", "c", "d"])
        t.edge("a", "b"); t.edge("b", "c", "owns", Validity(from: Day(rawValue: 10), to: Day(rawValue: 20))); t.edge("c", "a"); t.edge("a", "d")
        let g = t.freeze()
        let among = g.edges(among: ["a", "b", "c", "c"].map { t[$0] })
        #expect(among.count == 3 && Set(among).count == 3)
        #expect(among.allSatisfy { g.target(of: $0) != t["d"] && g.source(of: $0) != t["d"] })
        #expect(g.edges(among: [t["a"]]).isEmpty && g.edges(among: [UInt32]()).isEmpty)
        #expect(g.edges(among: ["a", "b", "c"].map { t[$0] }, filter: PathFilter(validAt: Day(rawValue: 30))).count == 2, "b → c had ended")
    }

    @Test func ownershipChainsTakeEveryRouteOfADiamondAndWalkACycleOnce() {
        // p owns a and b, which both own t; x and y own each other, and y owns t.
        var t = Toy(nodes: ["p", "a", "b", "t", "x", "y", "s"])
        t.edge("p", "a"); t.edge("p", "b"); t.edge("a", "t"); t.edge("b", "t")
        t.edge("x", "y"); t.edge("y", "x"); t.edge("y", "t")
        t.edge("t", "s")
        let g = t.freeze()
        let up = g.ownershipChains(from: t["t"], direction: .owners, filter: PathFilter(maxHops: 10))
        let ends = up.chains.map { $0.nodes.last! }
        #expect(up.chains.count == 6 && !up.truncated)
        #expect(ends.filter { $0 == t["p"] }.count == 2, "p owns t by two distinct chains")
        #expect(ends.filter { $0 == t["x"] }.count == 1 && !ends.contains(t["s"]), "the cycle is walked once; t's holding is not an owner")
        #expect(up.chains.allSatisfy { $0.nodes.count == $0.edges.count + 1 && Set($0.nodes).count == $0.nodes.count })
        #expect(g.ownershipChains(from: t["t"], direction: .owners, filter: PathFilter(maxHops: 1)).chains.count == 3)
        #expect(g.ownershipChains(from: t["t"], direction: .owners, filter: PathFilter(maxHops: 10), limit: 2).truncated)
        let down = g.ownershipChains(from: t["p"], direction: .holdings, filter: PathFilter(maxHops: 10))
        #expect(Set(down.chains.map { $0.nodes.last! }) == Set(["a", "b", "t", "s"].map { t[$0] }))
        #expect(!g.hasNextLink(t["p"], direction: .owners, filter: PathFilter()) && g.hasNextLink(t["a"], direction: .owners, filter: PathFilter()))
    }
}
