import Testing
@testable import TramaGraph

@Suite("k shortest and all shortest paths")
struct PathListTests {
    /// Two firms a and d: one short link through a shared owner o (a family tie and an ownership
    /// between the same two people count as two), a longer one through an employee chain.
    func investigation() -> Toy {
        var t = Toy(nodes: ["a", "o", "d", "e1", "e2", "x"])
        t.edge("o", "a", "owns")
        t.edge("o", "d", "owns")
        t.edge("o", "d", "employs", Validity(from: day("2020-01-01"), to: day("2020-12-31")))
        t.edge("a", "e1", "employs")
        t.edge("e1", "e2", "relative_of")
        t.edge("e2", "d", "employs")
        t.edge("x", "x", "owns")  // a self-loop elsewhere does no harm
        return t
    }

    @Test func yenListsParallelRelationshipsAsSeparateEvidenceThenLongerRoutes() throws {
        let t = investigation()
        let g = t.freeze()
        let list = try g.kShortestPaths(from: t["a"], to: t["d"], k: 5)
        #expect(list.paths.map(\.path.hops) == [2, 2, 3])
        #expect(list.cutShort == nil)
        #expect(Set(list.paths.map(\.path.edges)).count == 3)
        for p in list.paths { #expect(isValid(p.path, in: g, from: t["a"], to: t["d"])) }
        #expect(list.paths[2].path.nodes == [t["a"], t["e1"], t["e2"], t["d"]])
    }

    @Test func yenStopsAtKAndSaysMoreMayExist() throws {
        let t = investigation()
        let list = try t.freeze().kShortestPaths(from: t["a"], to: t["d"], k: 2)
        #expect(list.paths.count == 2 && list.cutShort == .limitReached)
    }

    @Test func yenTakesTheFilterForEverySpur() throws {
        let t = investigation()
        let g = t.freeze()
        // On 2021-06-01 the employment link o–d has ended; only two paths remain.
        let atDate = try g.kShortestPaths(from: t["a"], to: t["d"], k: 5, filter: PathFilter(validAt: day("2021-06-01")))
        #expect(atDate.paths.map(\.path.hops) == [2, 3])
        // Three hops are too many for the employee chain.
        let short = try g.kShortestPaths(from: t["a"], to: t["d"], k: 5, filter: PathFilter(maxHops: 2))
        #expect(short.paths.map(\.path.hops) == [2, 2])
        // Without ownership, the employee chain is the only way.
        let kinds = KindSet(names: ["employs", "relative_of"], in: g.edgeKinds)
        let noOwners = try g.kShortestPaths(from: t["a"], to: t["d"], k: 5, filter: PathFilter(edgeKinds: kinds))
        #expect(noOwners.paths.map(\.path.hops) == [3])
    }

    @Test func weightedYenOrdersByCost() throws {
        let t = investigation()
        let g = t.freeze()
        let w = try EdgeWeights(["owns": 5, "employs": 1, "relative_of": 1], in: g.edgeKinds)
        let list = try g.kShortestPaths(from: t["a"], to: t["d"], k: 3, weights: w)
        #expect(list.paths.map(\.cost) == [3, 6, 10])
    }

    @Test func disconnectedAndTrivialPairs() throws {
        let t = investigation()
        let g = t.freeze()
        #expect(try g.kShortestPaths(from: t["a"], to: t["x"], k: 3).paths.isEmpty)
        #expect(try g.allShortestPaths(from: t["a"], to: t["x"]).paths.isEmpty)
        #expect(try g.allShortestPaths(from: t["a"], to: t["a"]).paths.map(\.path.hops) == [0])
        #expect(throws: GraphError.self) { try g.kShortestPaths(from: 99, to: 0, k: 1) }
    }

    @Test func allShortestPathsCountsParallelEdgesAndHonoursTheLimit() throws {
        let t = investigation()
        let g = t.freeze()
        let all = try g.allShortestPaths(from: t["a"], to: t["d"])
        #expect(all.paths.count == 2 && all.cutShort == nil)
        let one = try g.allShortestPaths(from: t["a"], to: t["d"], limit: 1)
        #expect(one.paths.count == 1 && one.cutShort == .limitReached)
        let later = try g.allShortestPaths(from: t["a"], to: t["d"], filter: PathFilter(validAt: day("2021-01-01")))
        #expect(later.paths.count == 1)
    }

    @Test func allShortestPathsDoNotPassThroughSuperNodes() throws {
        // a and b share a registered agent (degree 5) and, farther, a real owner chain.
        var t = Toy(nodes: ["a", "b", "agent", "f1", "f2", "f3", "p", "q"])
        for f in ["a", "b", "f1", "f2", "f3"] { t.edge("agent", f) }
        t.edge("p", "a"); t.edge("p", "q"); t.edge("q", "b")
        let g = t.freeze()
        #expect(try g.allShortestPaths(from: t["a"], to: t["b"]).paths.map(\.path.hops) == [2])
        let cut = try g.allShortestPaths(from: t["a"], to: t["b"], filter: PathFilter(maxDegree: 4))
        #expect(cut.paths.map(\.path.nodes) == [[t["a"], t["p"], t["q"], t["b"]]])
    }

    @Test func aSmallBudgetEndsListQueriesWithThatAnswer() throws {
        var rng = SplitMix64(seed: 5)
        var b = GraphBuilder()
        for _ in 0..<400 { _ = try b.addNode(kind: "n") }
        for _ in 0..<1600 { try b.addEdge(from: UInt32(rng.next() % 400), to: UInt32(rng.next() % 400), kind: "k") }
        let g = b.freeze()
        let list = try g.kShortestPaths(from: 0, to: 1, k: 3, filter: PathFilter(visitBudget: 5))
        guard case .budgetExhausted = list.cutShort else { Issue.record("expected budget exhausted, got \(String(describing: list.cutShort))"); return }
        let all = try g.allShortestPaths(from: 0, to: 1, filter: PathFilter(visitBudget: 5))
        guard case .budgetExhausted = all.cutShort else { Issue.record("expected budget exhausted"); return }
    }

    @Test func batchAnswersEqualSingleAnswersWhateverTheWorkers() throws {
        var rng = SplitMix64(seed: 9)
        var b = GraphBuilder()
        for _ in 0..<2000 { _ = try b.addNode(kind: "n") }
        for _ in 0..<5000 { try b.addEdge(from: UInt32(rng.next() % 2000), to: UInt32(rng.next() % 2000), kind: "k") }
        let g = b.freeze()
        let pairs = (0..<300).map { _ in (from: UInt32(rng.next() % 2000), to: UInt32(rng.next() % 2000)) }
        let single = try pairs.map { try g.shortestPath(from: $0.from, to: $0.to).path?.hops }
        for workers in [1, 2, 4] {
            let batch = try g.shortestPaths(pairs: pairs, workers: workers)
            #expect(batch.map { $0.path?.hops } == single)
            for (r, p) in zip(batch, pairs) { if let path = r.path { #expect(isValid(path, in: g, from: p.from, to: p.to)) } }
        }
    }
}
