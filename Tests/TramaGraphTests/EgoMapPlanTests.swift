import Testing
import TramaGraph

/// A judge with a court, an appointing president who appointed many others, and `cases` cases,
/// each with a plaintiff and a lawyer drawn from small pools so that some recur.
private struct Bench {
    var b = GraphBuilder()
    var judge: UInt32 = 0, court: UInt32 = 0, president: UInt32 = 0
    var cases: [UInt32] = []
    var lawyers: [UInt32] = []

    init(cases n: Int, otherJudges: Int = 60) throws {
        judge = try b.addNode(kind: "judge")
        court = try b.addNode(kind: "court")
        president = try b.addNode(kind: "person")
        try b.addEdge(from: judge, to: court, kind: "serves_at")
        try b.addEdge(from: president, to: judge, kind: "appointed")
        for _ in 0..<otherJudges {
            let j = try b.addNode(kind: "judge")
            try b.addEdge(from: president, to: j, kind: "appointed")
        }
        lawyers = try (0..<3).map { _ in try b.addNode(kind: "lawyer") }
        let firms = try (0..<4).map { _ in try b.addNode(kind: "firm") }
        for i in 0..<n {
            let c = try b.addNode(kind: "case")
            cases.append(c)
            try b.addEdge(from: judge, to: c, kind: "presides", validity: Validity(from: Day(rawValue: Day(iso: "2020-01-01")!.rawValue + Int32(i))))
            try b.addEdge(from: firms[i % 4], to: c, kind: "party_to")
            try b.addEdge(from: lawyers[i % 3 == 0 ? 0 : i % 3], to: c, kind: "counsel_in")
        }
    }
}

@Suite("Map plans: what a judge's map draws and what it counts")
struct EgoMapPlanTests {
    @Test func aHubIsDrawnButItsOtherTiesAreCountedBesideIt() throws {
        let bench = try Bench(cases: 2)
        let g = bench.b.freeze()
        let plan = try g.egoMapPlan(centre: bench.judge)
        #expect(plan.nodes.first == bench.judge && plan.nodes.contains(bench.president))
        // 60 other judges: the president has 61 ties, more than maxDegree 50, so is not expanded.
        let s = try #require(plan.summaries.first { $0.anchor == bench.president })
        #expect(s.count == 60 && g.nodeKinds.name(s.kind) == "judge" && g.edgeKinds.name(s.relation) == "appointed")
        #expect(plan.grouped == 0 && plan.nodes.contains(bench.cases[0]))
    }

    @Test func manyCasesAreGroupedByTheLawyersAndPartiesBehindThem() throws {
        let bench = try Bench(cases: 12)
        let g = bench.b.freeze()
        var o = EgoMapPlan.Options()
        o.groupThreshold = 8
        let plan = try g.egoMapPlan(centre: bench.judge, options: o)
        #expect(plan.grouped == 12)
        #expect(!plan.nodes.contains { g.nodeKinds.name(g.nodeKind[Int($0)]) == "case" })
        // Lawyer 0 has cases 0, 3, 6, 9; lawyer 1 cases 1, 4, 7, 10; lawyer 2 cases 2, 5, 8, 11.
        let lawyer0 = try #require(plan.groups.first { $0.entity == bench.lawyers[0] })
        #expect(lawyer0.count == 4 && g.edgeKinds.name(lawyer0.relation) == "counsel_in")
        #expect(lawyer0.first == Day(iso: "2020-01-01") && lawyer0.last == Day(iso: "2020-01-10"))
        #expect(plan.groups.map(\.count).allSatisfy { $0 == 3 || $0 == 4 })
        // Grouped cases' own edges are not drawn.
        #expect(plan.edges.allSatisfy { g.edgeKinds.name(g.edgeKind[Int($0)]) != "presides" })
    }

    @Test func aFindingIsDrawnWholeEvenBeyondTheCapAndItsCaseStays() throws {
        var bench = try Bench(cases: 12)
        // judge → relative → firm 0, which is party to case 0: a conflict path through the case.
        let relative = try bench.b.addNode(kind: "person")
        try bench.b.addEdge(from: bench.judge, to: relative, kind: "relative_of")
        let firm0: UInt32 = 3 + 60 + 3
        try bench.b.addEdge(from: relative, to: firm0, kind: "owns")
        let g = bench.b.freeze()
        let tie = try #require((0..<UInt32(g.edgeCount)).first { g.edgeKinds.name(g.edgeKind[Int($0)]) == "relative_of" })
        let owns = try #require((0..<UInt32(g.edgeCount)).first { g.edgeKinds.name(g.edgeKind[Int($0)]) == "owns" })
        let finding = GraphPath(nodes: [bench.judge, relative, firm0], edges: [tie, owns])
        var o = EgoMapPlan.Options()
        o.maxNodes = 2
        let plan = try g.egoMapPlan(centre: bench.judge, findings: [finding], options: o)
        #expect(Array(plan.nodes.prefix(3)) == [bench.judge, relative, firm0])
        #expect(plan.findingEdges == [tie, owns] && plan.edges.contains(tie) && plan.edges.contains(owns))
        #expect(plan.nodes.count == 3, "the cap admits nothing beyond the finding")
    }

    @Test func theCapCountsWhatIsLeftOutAndThePlanIsTheSameEveryTime() throws {
        let bench = try Bench(cases: 6)
        let g = bench.b.freeze()
        var o = EgoMapPlan.Options()
        o.maxNodes = 5
        let plan = try g.egoMapPlan(centre: bench.judge, options: o)
        #expect(plan.nodes.count == 5)
        // Every drawn node but the centre is tied to another drawn node.
        for n in plan.nodes.dropFirst() {
            #expect(plan.edges.contains { g.source(of: $0) == n || g.target(of: $0) == n })
        }
        let leftOut = plan.summaries.filter { $0.anchor == bench.judge }.map(\.count).reduce(0, +)
        // The judge has court, president and 6 cases: 8 ties, 4 of them drawn.
        #expect(leftOut == 8 - 4)
        #expect(try g.egoMapPlan(centre: bench.judge, options: o) == plan)
    }

    @Test func tiesNotValidOnTheDayAreNeitherDrawnNorCounted() throws {
        var b = GraphBuilder()
        let judge = try b.addNode(kind: "judge")
        let old = try b.addNode(kind: "firm")
        let now = try b.addNode(kind: "firm")
        try b.addEdge(from: judge, to: old, kind: "owns", validity: Validity(from: Day(iso: "2000-01-01")!, to: Day(iso: "2005-12-31")!))
        try b.addEdge(from: judge, to: now, kind: "owns", validity: Validity(from: Day(iso: "2010-01-01")!))
        let g = b.freeze()
        var o = EgoMapPlan.Options()
        o.validAt = Day(iso: "2020-06-01")
        let plan = try g.egoMapPlan(centre: judge, options: o)
        #expect(plan.nodes == [judge, now] && plan.summaries.isEmpty)
    }
}
