import Testing
@testable import TramaGraph

@Suite("Every pair of a set within a few hops")
struct PairsWithinTests {
    /// A random graph of two node kinds (every fifth a "hub" kind) and two edge kinds, some
    /// edges dated: enough for every filter to matter.
    static func randomGraph(_ rng: inout SplitMix64, nodes n: Int) throws -> CSRGraph {
        var b = GraphBuilder()
        for i in 0..<n { _ = try b.addNode(kind: i % 5 == 0 ? "agency" : "firm") }
        for _ in 0..<(n + Int(rng.next() % UInt64(n))) {
            let u = UInt32(rng.next() % UInt64(n)), v = UInt32(rng.next() % UInt64(n))
            let dated = rng.next() % 4 == 0 ? Validity(from: day("2010-01-01"), to: day("2012-12-31")) : .always
            try b.addEdge(from: u, to: v, kind: rng.next() % 3 == 0 ? "employs" : "owns", validity: dated)
        }
        return b.freeze()
    }

    /// The same answer as asking every pair its shortest path under the same filter: kinds of
    /// edge and node, a date, a degree limit, directed or not, and the hop limit.
    @Test func agreesWithAShortestPathForEveryPairUnderEveryFilter() throws {
        var rng = SplitMix64(seed: 11)
        for round in 0..<24 {
            let g = try Self.randomGraph(&rng, nodes: 60)
            var members = (0..<15).map { _ in UInt32(rng.next() % 60) }
            members.append(members[0])  // a repeated member counts once
            var filter = PathFilter(maxHops: 1 + round % 4)
            if round % 3 == 1 { filter.edgeKinds = KindSet(names: ["owns"], in: g.edgeKinds) }
            if round % 4 == 2 { filter.nodeKinds = KindSet(names: ["firm"], in: g.nodeKinds) }
            if round % 5 == 3 { filter.validAt = day("2014-06-01") }
            if round % 6 == 4 { filter.maxDegree = 3 }
            filter.directed = round % 7 == 5
            let screen = try g.pairsWithin(members, filter: filter, workers: 1 + round % 2)
            var expected: [MemberPair] = []
            let unique = members.enumerated().filter { members.firstIndex(of: $0.element) == $0.offset }.map(\.element)
            for (i, s) in unique.enumerated() {
                for (j, t) in unique.enumerated() where filter.directed ? i != j : j > i {
                    if let p = try g.shortestPath(from: s, to: t, filter: filter).path { expected.append(MemberPair(from: s, to: t, hops: p.hops)) }
                }
            }
            #expect(Set(screen.pairs) == Set(expected), "round \(round)")
            #expect(screen.pairs.count == Set(screen.pairs).count, "each pair once")
            #expect(screen.pairs.map(\.hops) == screen.pairs.map(\.hops).sorted())
            #expect(screen.cut.isEmpty && screen.inspected > 0)
        }
    }

    @Test func aBudgetCutsTheSearchesItEndsAndSaysWhich() throws {
        var t = Toy(nodes: ["a", "b", "c", "d"])
        t.edge("a", "b"); t.edge("b", "c"); t.edge("c", "d")
        let g = t.freeze()
        let all = try g.pairsWithin([t["a"], t["d"]], filter: PathFilter(maxHops: 3))
        #expect(all.pairs == [MemberPair(from: t["a"], to: t["d"], hops: 3)] && all.cut.isEmpty)
        let cut = try g.pairsWithin([t["a"], t["d"]], filter: PathFilter(maxHops: 3, visitBudget: 2))
        #expect(cut.pairs.isEmpty && cut.cut == [t["a"], t["d"]])
        #expect(throws: GraphError.self) { try g.pairsWithin([9], filter: PathFilter()) }
    }
}
