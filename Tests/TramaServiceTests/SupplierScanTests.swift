import Foundation
import Testing
import TramaAnalysis
import TramaIngest
import TramaStore
import TramaTestSupport
import TramaWorld
@testable import TramaService

@Suite("Supplier scan: political finance (GRAS 4.1) stored, named and scored")
struct SupplierScanTests {
    /// The small fixture: Beta Engenharia (F2) gave 50,000 to Gil Nunes, elected mayor of
    /// Riverside in 2016, and won T2 from Riverside's works department in 2019; Fabio Costa (P6),
    /// Delta Holdings' owner, gave 10,000 to the same campaign.
    @Test func aDirectDonorWithAContractFromTheDoneesCityAndAnOwnersFirmAreFlaggedWithTheirSources() throws {
        try TestDatabase.withStore { store in
            _ = try DatasetImporter(store: store).importGRAS(directory: smallFixture, options: .init(dataset: "small"))
            let session = Session(resources: Resources(root: TestDatabase.repositoryRoot), store: store)
            let answer = try SupplierScan().run(session: session)
            #expect(answer.summary.donations == 2 && answer.summary.firmsLinked == 2 && answer.summary.firmsWithFollowingContracts == 1)
            let run = try AnalysisRun.chosen(SupplierScan.analysis, id: answer.run, in: store)
            let documents = try run.documents("political_finance", as: PoliticalFinanceDocument.self, in: store)
            let beta = try #require(documents.first { $0.firm == "firm:F2" })
            #expect(beta.direct && beta.value == 50_000 && beta.donations.first?.source == "donations.csv:2" && beta.donations.first?.candidate == "candidate:C1")
            #expect(beta.following.map(\.contract) == ["contract:K2"] && beta.following.first?.buyer == "agency:A2" && beta.followingShare == 1)
            let delta = try #require(documents.first { $0.firm == "firm:F4" })
            #expect(!delta.direct && delta.donations.map(\.link) == [.shareholder] && delta.donations.first?.donor == "person:P6")
            let flags = try FlagList.read(store: store, entity: "firm:F2", indicator: nil, limit: 50).flags.filter { $0.analysis == SupplierScan.analysis }
            #expect(Set(flags.map(\.indicator)) == ["4.1.1", "4.1.2", "4.1.3", "4.1.4"])
            #expect(flags.first { $0.indicator == "4.1.3" }?.evidence.compact.contains("contract:K2") == true)
            // Gama Construções (F3) was debarred by the World Bank for 2017–2018 (sanctions.csv:2).
            let sanctioned = try run.documents("sanctions", as: SanctionDocument.self, in: store)
            #expect(sanctioned.map(\.firm) == ["firm:F3"] && sanctioned[0].sanctions.first?.source == "sanctions.csv:2")
            #expect(sanctioned[0].sanctions.first?.from == "2017-01-01" && sanctioned[0].sanctions.first?.to == "2018-12-31")
            let gama = try FlagList.read(store: store, entity: "firm:F3", indicator: nil, limit: 50).flags.filter { $0.analysis == SupplierScan.analysis }
            #expect(gama.map(\.indicator) == ["3.6.1"])
        }
    }

    /// Planted politically connected winners (a donation by the firm or its owner to a mayor or
    /// governor elected where the firm then wins 3–6 contracts) against the firms flagged 4.1.3.
    @Test(arguments: [(2000, UInt64(1)), (4000, UInt64(5))])
    func plantedPoliticalWinnersAreFoundWithPrecisionAndRecallOfAtLeastNinetyPercent(firms: Int, seed: UInt64) throws {
        try withImportedWorld(firms: firms, seed: seed) { session, truth in
            _ = try SupplierScan().run(session: session)
            let flagged = Set(try FlagList.read(store: session.store, entity: nil, indicator: "4.1.3", limit: 500).flags.map(\.subject))
            let planted = Set(truth.politicalWinners.map { "firm:\($0.firm)" })
            let found = flagged.intersection(planted)
            #expect(!planted.isEmpty)
            #expect(Double(found.count) / Double(max(1, flagged.count)) >= 0.9, "flagged \(flagged.sorted()), planted \(planted.sorted())")
            #expect(Double(found.count) / Double(planted.count) >= 0.9, "flagged \(flagged.sorted()), planted \(planted.sorted())")
        }
    }
}
