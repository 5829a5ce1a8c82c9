import Foundation
import Testing
import TramaAnalysis
import TramaIngest
import TramaStore
import TramaTestSupport
import TramaWorld
import TramaGraph
import TramaRender
@testable import TramaService

/// A generated world imported into a fresh store, its judges screened once.
func withJudgedWorld(firms: Int, seed: UInt64, _ body: (Session, WorldTruth, JudicialScan.Report) throws -> Void) throws {
    try withImportedWorld(firms: firms, seed: seed) { session, truth in try body(session, truth, try JudicialScan().run(session: session)) }
}

@Suite("Judge conflicts on a generated world, stored and scored")
struct JudicialScanTests {
    @Test(arguments: [(3000, UInt64(1)), (6000, UInt64(4))])
    func plantedConflictsAreFoundAndDecoysAreNot(firms: Int, seed: UInt64) throws {
        try withJudgedWorld(firms: firms, seed: seed) { session, truth, _ in
            let score = try JudicialScore.score(store: session.store, truth: truth)
            #expect(score.planted == truth.judgeConflicts.count && score.planted > 0)
            #expect(score.recall >= 0.9, "\(score.text)")
            #expect(score.precision >= 0.9, "\(score.text)")
            #expect(score.decoysFound == 0, "\(score.text)")
        }
    }

    @Test func eachConflictNamesJudgeCasePartyAndAPathWithItsSources() throws {
        try withJudgedWorld(firms: 3000, seed: 2) { session, truth, report in
            let documents = jsonObjects(report.conflicts)
            // Stored as built; every stored conflict reads back as its type and writes the same JSON.
            let run = try #require(try AnalysisRun.latest(JudicialScan.analysis, in: session.store))
            let stored = try run.section("conflicts", in: session.store)
            #expect(stored.map(\.json) == report.conflicts.map(\.json.compact))
            #expect(try expectRoundTrip(run, "conflicts", as: JudgeConflictDocument.self, in: session.store) == report.conflicts.count)
            #expect(try JudicialScore.score(store: session.store, truth: truth).found > 0)
            #expect(documents.count >= truth.judgeConflicts.count)
            for d in documents {
                #expect((d["judge"] as? String)?.hasPrefix("judge:") == true)
                #expect((d["case"] as? String)?.hasPrefix("case:") == true)
                #expect(d["party"] is String && d["filed"] is String)
                let path = try #require(d["path"] as? [String: Any])
                #expect(Set(path.keys) == ["from", "to", "status", "complete", "cost", "paths", "question", "limits"])
                let edges = try #require(((path["paths"] as? [[String: Any]])?.first?["edges"]) as? [[String: Any]])
                #expect(!edges.isEmpty && edges.allSatisfy { ($0["source"] as? String)?.contains(".csv:") == true })
                #expect(edges.allSatisfy { !["presides", "party_to", "counsel_in", "heard_in"].contains($0["kind"] as? String) })
            }
            // The lawyer conflicts planted are found through the lawyer.
            for planted in truth.judgeConflicts where planted.lawyer != nil {
                #expect(documents.contains { ($0["case"] as? String) == "case:" + planted.case && $0["reaches"] as? String == "lawyer" })
            }
            // Flags on the judge and the party point at the case.
            let flags = try FlagList.read(store: session.store, entity: documents[0]["judge"] as? String, indicator: "judge_conflict", limit: 10)
            #expect(flags.flags.contains { $0.analysis == JudicialScan.analysis && $0.evidence.compact.contains("case:") })
            // CSV: a header and one row per conflict.
            #expect(JudicialReports.csv(report.conflicts).split(separator: "\n").count == documents.count + 1)
        }
    }
}

@Suite("Judge maps on a generated world")
struct JudgeMapTests {
    @Test func aJudgesMapHighlightsTheConflictGroupsTheCasesAndIsTheSameBytesEveryTime() throws {
        try withImportedWorld(firms: 3000, seed: 1) { session, truth in
            let planted = try #require(truth.judgeConflicts.first)
            let (graph, _) = try session.loadGraph()
            var query = JudgeMapQuery(judge: "judge:" + planted.judge, generated: Day(iso: "2026-11-23")!)
            query.plan.groupThreshold = 3
            let answer = try query.run(on: graph, store: session.store)
            #expect(answer.conflicts >= 1 && answer.cases > 3)
            let map = answer.map()
            #expect(map.title.hasSuffix(answer.judge.name ?? "?") && map.centre == "judge:" + planted.judge)
            let subtitle = try #require(map.subtitle)
            #expect(subtitle.contains("Court: ") && subtitle.contains("Data: world") && subtitle.contains("generated 2026-11-23"))
            // The planted conflict's case and party are drawn and highlighted, with the path to them.
            #expect(map.nodes.contains { $0.id == "case:" + planted.case && $0.emphasis == .highlighted })
            #expect(map.nodes.contains { $0.id.hasSuffix(":" + planted.party) && $0.emphasis == .highlighted })
            #expect(map.edges.contains { $0.highlighted })
            // The other cases are one summary, their parties and lawyers drawn with counts.
            let summary = try #require(map.nodes.first { $0.id == "summary:judge:\(planted.judge):case" })
            #expect(summary.label == "+\(answer.plan.grouped) cases")
            #expect(map.edges.contains { $0.to == "judge:" + planted.judge && ($0.label ?? "").contains("before the judge") })
            #expect(map.nodes.filter { $0.kind != "summary" }.count <= query.plan.maxNodes + answer.plan.findingNodes.count)

            let theme = try Theme.load(from: session.resources.theme("default"))
            let renderer = GraphvizRenderer()
            let first = try renderer.render(map, theme: theme, format: .svg, layout: answer.layout)
            let again = try renderer.render(try query.run(on: graph, store: session.store).map(), theme: theme, format: .svg, layout: answer.layout)
            #expect(first == again)
            let svg = String(decoding: first, as: UTF8.self)
            #expect(svg.lowercased().contains(theme.highlight.lowercased()) && svg.contains("Relationships"))
            let json = answer.json
            guard case .object(let fields) = json else { Issue.record("not an object"); return }
            #expect(fields.map(\.0).starts(with: ["judge", "title", "subtitle", "layout"]))
        }
    }
}
