import Foundation
import Testing
import TramaAnalysis
import TramaGraph
import TramaIngest
import TramaRender
import TramaStore
import TramaTestSupport
import TramaWorld
@testable import TramaService

/// A generated world imported into a fresh store.
/// `edit` may change the world's files before they are imported.
func withImportedWorld(firms: Int, seed: UInt64, edit: (URL) throws -> Void = { _ in }, _ body: (Session, WorldTruth) throws -> Void) throws {
    let dir = try TestScratch.directory("world-\(firms)-\(seed)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let summary = try WorldGenerator(config: WorldConfig(firms: firms, seed: seed)).write(to: dir)
    try edit(dir)
    try TestDatabase.withStore { store in
        _ = try DatasetImporter(store: store).importGRAS(directory: dir, options: .init(dataset: "world"))
        try body(Session(resources: Resources(root: TestDatabase.repositoryRoot), store: store), summary.truth)
    }
}

/// A generated world imported into a fresh store, scanned once.
func withScannedWorld(firms: Int, seed: UInt64, _ body: (Session, WorldTruth, CollusionScan.Report) throws -> Void) throws {
    try withImportedWorld(firms: firms, seed: seed) { session, truth in try body(session, truth, try CollusionScan().run(session: session)) }
}

@Suite("Collusion scan on a generated world, stored and scored")
struct CollusionScanTests {
    @Test(arguments: [(3000, UInt64(1)), (4000, UInt64(5))])
    func plantedPatternsAreFoundWithPrecisionAndRecallOfAtLeastNinetyPercent(firms: Int, seed: UInt64) throws {
        try withScannedWorld(firms: firms, seed: seed) { session, truth, _ in
            let score = try CollusionScore.score(reports: CollusionReports(store: session.store), truth: truth)
            for (name, f) in [("top losers", score.topLosers), ("fixed differences", score.fixedDifferencePairs), ("rings", score.rings)] {
                #expect(f.precision >= 0.9, "\(name): \(f)")
                #expect(f.recall >= 0.9, "\(name): \(f)")
            }
            #expect(score.topLoserGroupRecall >= 0.9)
        }
    }

    @Test func storedResultsHaveTheDocumentedShapesAndNameEntitiesByKey() throws {
        try withScannedWorld(firms: 3000, seed: 2) { session, truth, report in
            let reports = try CollusionReports(store: session.store)
            #expect(reports.run.id == report.runID)
            let pairs = try JSONSerialization.jsonObject(with: Data(reports.pairs().json.compact.utf8)) as! [String: Any]
            let first = try #require((pairs["pairs"] as? [[String: Any]])?.first)
            #expect(Set(first.keys) == ["tender", "firms", "winner", "links"])
            #expect((first["tender"] as? String)?.hasPrefix("tender:") == true)
            #expect((first["firms"] as? [String])?.allSatisfy { $0.hasPrefix("firm:") } == true)
            let link = try #require((first["links"] as? [[String: Any]])?.first)
            #expect(["common_shareholder", "common_employee", "common_registration"].contains(link["kind"] as? String))
            #expect(link["via"] is String && link["hops"] is Int)

            let rings = try JSONSerialization.jsonObject(with: Data(reports.rings(top: nil).json.compact.utf8)) as! [String: Any]
            let ring = try #require((rings["rings"] as? [[String: Any]])?.first)
            for k in ["id", "firms", "winners", "losers", "links", "tenders", "value"] { #expect(ring[k] != nil, "ring lacks \(k)") }
            // Links carry the source rows behind them.
            let sources = (ring["links"] as? [[String: Any]])?.flatMap { $0["sources"] as? [String] ?? [] } ?? []
            #expect(sources.contains { $0.hasPrefix("world:shareholders.csv:") || $0.hasPrefix("world:employment.csv:") })
            // The planted ring with the most money is the top-ranked one when it is a link ring.
            let values = (rings["rings"] as? [[String: Any]])?.compactMap { $0["value"] as? Double } ?? []
            #expect(values == values.sorted(by: >))

            // Every stored document reads back as its type and writes the same JSON.
            for (section, type) in [
                (CollusionDocuments.Section.pairs, LinkedBidderPair.self as any Answer.Type), (.topLosers, TopLoserFigures.self),
                (.sharedCompetitors, SharedCompetitors.self), (.fixedRelations, FixedRelation.self), (.bidVariance, BidVariance.self),
                (.bidScreens, BidScreenFigures.self), (.contractValues, ContractValueFigures.self), (.rings, BidderRing.self),
                (.rotations, WinnerRotation.self), (.allocations, MarketAllocationPattern.self),
            ] {
                let count = try expectRoundTrip(reports.run, section.rawValue, as: type, in: session.store)
                #expect(count == report.counts.first { $0.0 == section.rawValue }?.1, "\(section)")
            }
            let summary = try JSONDecoder().decode(CollusionRunSummary.self, from: Data(reports.run.summaryJSON.utf8))
            #expect(try sameJSON(reports.run.summaryJSON, summary.json.compact))
            #expect(summary.rings == report.findings.rings.count)
            // The reports re-read the same documents.
            let tenders = try reports.tenders()
            #expect(try sameJSON(tenders.json.compact, try JSONDecoder().decode(RunReport<BidVariance>.self, from: Data(tenders.json.compact.utf8)).json.compact))
            #expect(try reports.tendersCSV().split(separator: "\n").count == tenders.items.count + 1)

            let csv = try reports.topLosersCSV(all: false)
            #expect(csv.hasPrefix("firm,name,bids,wins,winning_rate"))
            for loser in truth.topLosers { #expect(csv.contains("firm:\(loser.firm),")) }

            let flags = try FlagList.read(store: session.store, entity: "firm:\(truth.topLosers[0].firm)", indicator: "2.1", limit: 10)
            #expect(flags.flags.map(\.indicator) == ["2.1"])
            let shared = try FlagList.read(store: session.store, entity: nil, indicator: "2.7", limit: 10_000)
            #expect(!shared.flags.isEmpty && shared.flags.allSatisfy { $0.indicator.hasPrefix("2.7.") })

            // One entity's flags (their own query, planned once) are the whole list's for it, in
            // the same order, whichever filters and order are asked.
            let subject = shared.flags[0].subject
            for filter in [FlagFilter(entity: subject, indicator: nil), FlagFilter(entity: subject, indicator: "2.7", minValue: 0.1, sort: .valueDescending)] {
                var everyone = filter
                everyone.entity = nil
                let all = try FlagList.read(store: session.store, filter: everyone, limit: 10_000).flags.filter { $0.subject == subject }
                let own = try FlagList.read(store: session.store, filter: filter, limit: 10_000)
                #expect(!own.flags.isEmpty && own.flags == all && own.page.total == all.count)
            }
        }
    }

    @Test func theRingsMapDrawsEachRingAsAClusterWithItsSharedOwner() throws {
        try withScannedWorld(firms: 3000, seed: 3) { session, truth, _ in
            let map = try CollusionReports(store: session.store).ringsMap(top: 3)
            #expect(map.clusters.count == 3)
            #expect(map.nodes.contains { $0.emphasis == .highlighted })
            let theme = try Theme.load(from: session.resources.theme("default"))
            let svg = String(decoding: try GraphvizRenderer().render(map, theme: theme, format: .svg), as: UTF8.self)
            #expect(svg.contains("<svg") && svg.contains("cluster"))
            #expect(!svg.lowercased().contains("collud"))
        }
    }

    /// The documents and flags of a run are written with it and go with it (0022: no row
    /// triggers, one trigger per delete statement).
    @Test func aRunsDocumentsAndFlagsAreStoredWithItAndDeletedWithIt() throws {
        try withScannedWorld(firms: 3000, seed: 2) { session, _, report in
            let second = try CollusionScan().run(session: session)
            func count(_ table: String, _ run: Int) throws -> Int {
                Int(try session.store.withConnection { try $0.execute("SELECT count(*) FROM \(table) WHERE run_id = $1", [String(run)]) }.scalar!)!
            }
            let documents = report.counts.filter { $0.0 != "flags" }.reduce(0) { $0 + $1.1 }
            #expect(try count("analysis_results", report.runID) == documents)
            #expect(try count("flags", report.runID) == report.counts.first { $0.0 == "flags" }!.1)
            #expect(try count("flags", report.runID) > 0)
            try session.store.withConnection { _ = try $0.execute("DELETE FROM analysis_runs WHERE id = $1", [String(report.runID)]) }
            #expect(try count("analysis_results", report.runID) == 0 && count("flags", report.runID) == 0)
            #expect(try count("analysis_results", second.runID) == documents, "another run's documents stay")
        }
    }

    @Test func noScanYetIsAClearError() throws {
        try TestDatabase.withStore { store in
            #expect(throws: ServiceError.self) { try CollusionReports(store: store) }
        }
    }
}
