import Testing
@testable import TramaGraph

@Suite("Cheapest paths with per-kind weights")
struct WeightedPathTests {
    @Test func familyTieBeatsASharedAddressWhenItIsCheaper() throws {
        // f1 - addr - f2 (2 hops, 2 × 5) versus f1 - p - q - f2 through family (3 hops, 3 × 1).
        var t = Toy(nodes: ["f1", "addr", "f2", "p", "q"])
        t.edge("f1", "addr", "registered_at"); t.edge("f2", "addr", "registered_at")
        t.edge("p", "f1", "owns"); t.edge("p", "q", "relative_of"); t.edge("q", "f2", "owns")
        let g = t.freeze()
        let w = try EdgeWeights(["registered_at": 5, "owns": 1, "relative_of": 1], in: g.edgeKinds)
        let r = try #require(try g.cheapestPath(from: t["f1"], to: t["f2"], weights: w).path)
        #expect(r.cost == 3 && r.path.hops == 3)
        #expect(isValid(r.path, in: g, from: t["f1"], to: t["f2"]))
        let flat = try EdgeWeights([:], in: g.edgeKinds)
        #expect(try g.cheapestPath(from: t["f1"], to: t["f2"], weights: flat).path?.cost == 2)
    }

    @Test func invalidWeightsAreRefused() throws {
        let g = Toy(nodes: ["a"]).freeze()
        #expect(throws: GraphError.invalidWeight(kind: "owns", weight: -1)) { try EdgeWeights(["owns": -1], in: g.edgeKinds) }
        #expect(throws: GraphError.self) { try EdgeWeights(["owns": .nan], in: g.edgeKinds) }
    }

    @Test func agreesWithBellmanFordOnRandomWeightedGraphs() throws {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<25 {
            let n = 30
            var b = GraphBuilder()
            for _ in 0..<n { _ = try b.addNode(kind: "x") }
            let kinds = ["a", "b", "c"]
            var list: [(Int, Int, String)] = []
            for _ in 0..<60 {
                let u = Int(rng.next() % UInt64(n)), v = Int(rng.next() % UInt64(n)), k = kinds[Int(rng.next() % 3)]
                list.append((u, v, k))
                try b.addEdge(from: UInt32(u), to: UInt32(v), kind: k)
            }
            let g = b.freeze()
            let weights = ["a": 1.0, "b": 2.5, "c": 0.5]
            let w = try EdgeWeights(weights, in: g.edgeKinds)
            for _ in 0..<10 {
                let s = Int(rng.next() % UInt64(n)), t = Int(rng.next() % UInt64(n))
                var dist = [Double](repeating: .infinity, count: n)
                dist[s] = 0
                for _ in 0..<n {
                    for (u, v, k) in list {
                        dist[v] = min(dist[v], dist[u] + weights[k]!)
                        dist[u] = min(dist[u], dist[v] + weights[k]!)
                    }
                }
                let r = try g.cheapestPath(from: UInt32(s), to: UInt32(t), weights: w, filter: PathFilter(maxHops: 1000))
                if dist[t].isInfinite {
                    #expect(r == .noPath)
                } else {
                    let p = try #require(r.path)
                    #expect(abs(p.cost - dist[t]) < 1e-9)
                    #expect(isValid(p.path, in: g, from: UInt32(s), to: UInt32(t)))
                    let sum = p.path.edges.reduce(0.0) { $0 + weights[g.edgeKinds.name(g.edgeKind[Int($1)])]! }
                    #expect(abs(sum - p.cost) < 1e-9)
                }
            }
        }
    }

    @Test func aSmallBudgetEndsTheSearch() throws {
        var t = Toy(nodes: (0..<30).map(String.init))
        for i in 0..<29 { t.edge(String(i), String(i + 1)) }
        let g = t.freeze()
        let w = try EdgeWeights([:], in: g.edgeKinds)
        guard case .budgetExhausted = try g.cheapestPath(from: t["0"], to: t["29"], weights: w, filter: PathFilter(maxHops: 100, visitBudget: 5)) else {
            Issue.record("expected budget exhausted")
            return
        }
    }
}
