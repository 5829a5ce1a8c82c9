import Foundation
import Testing
import TramaAnalysis
import TramaIngest
import TramaStore
import TramaTestSupport
import TramaWorld
@testable import TramaService

@Suite("Supplier scan: GRAS groups 1, 3 and 4 stored, named and scored")
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
            #expect(Set(flags.map(\.indicator).filter { $0.hasPrefix("4.") }) == ["4.1.1", "4.1.2", "4.1.3", "4.1.4"])
            #expect(flags.first { $0.indicator == "4.1.3" }?.evidence.compact.contains("contract:K2") == true)
            // Gama Construções (F3) was debarred by the World Bank for 2017–2018 (sanctions.csv:2).
            let sanctioned = try run.documents("sanctions", as: SanctionDocument.self, in: store)
            #expect(sanctioned.map(\.firm) == ["firm:F3"] && sanctioned[0].sanctions.first?.source == "sanctions.csv:2")
            #expect(sanctioned[0].sanctions.first?.from == "2017-01-01" && sanctioned[0].sanctions.first?.to == "2018-12-31")
            let gama = try FlagList.read(store: store, entity: "firm:F3", indicator: nil, limit: 50).flags.filter { $0.analysis == SupplierScan.analysis }
            // Constituted 1999-12-31, debarred from its 6,211th day for 730 days of 7,112 (to K2's date).
            #expect(gama.map(\.indicator) == ["3.6.1", "3.6.5", "3.6.6"])
            #expect(gama.first { $0.indicator == "3.6.6" }?.value == 6211)
            #expect(sanctioned[0].relativeDuration == 730.0 / 7112.0)
        }
    }

    /// The small fixture's procurement cycle and officials: Beta won one of its two bids, each
    /// winner took all of its buyer's 2019 purchases, and Alfa Obras' legal representative (P1)
    /// has been the procurement officer of A1, the body Alfa Obras won K1 from.
    @Test func procurementCycleFiguresAndABureaucratsFirmAreStoredWithTheirEvidence() throws {
        try TestDatabase.withStore { store in
            _ = try DatasetImporter(store: store).importGRAS(directory: smallFixture, options: .init(dataset: "small"))
            let session = Session(resources: Resources(root: TestDatabase.repositoryRoot), store: store)
            let answer = try SupplierScan().run(session: session)
            #expect(answer.summary.suppliers == 3 && answer.summary.firmsConnectedToBureaucrats == 1 && answer.summary.firmsConnectedToPoliticians == 0)
            let run = try AnalysisRun.chosen(SupplierScan.analysis, id: answer.run, in: store)
            let cycle = try run.documents("procurement_cycle", as: ProcurementCycleDocument.self, in: store)
            let beta = try #require(cycle.first { $0.firm == "firm:F2" })
            #expect(beta.indicators.first { $0.indicator == "1.2.2" }?.byNumber == 0.5)
            #expect(beta.indicators.first { $0.indicator == "1.3.1" }.map { ($0.share.flagged, $0.share.judged) } ?? (0, 0) == (0, 1))
            #expect(beta.buyerShare?.buyer == "agency:A2" && beta.buyerShare?.year == 2019 && beta.buyerShare?.byValue == 1)
            let connections = try run.documents("bureaucrat_connections", as: ConnectionDocument.self, in: store)
            let alfa = try #require(connections.first)
            #expect(alfa.firm == "firm:F1" && alfa.direct && alfa.connections.first?.official == "person:P1")
            #expect(alfa.connections.first?.post == "agency:A1" && alfa.connections.first?.tie == "legal_representative_of")
            #expect(alfa.contracts.map(\.contract) == ["contract:K1"] && alfa.share == 1)
            let flags = try FlagList.read(store: store, entity: "firm:F1", indicator: "4.3", limit: 50).flags
            // With the direct-link variants (a representative is the official herself).
            #expect(flags.map(\.indicator) == ["4.3.1", "4.3.1.direct", "4.3.2", "4.3.2.direct", "4.3.3"])
        }
    }

    /// Delta Holdings is registered in Panama, which the FSI 2022 top ten does not list; a list
    /// that does flags the two firms Delta holds shares in (3.9.2), and names its source.
    @Test func aShareholderInAListedSecrecyJurisdictionIsFlaggedWithTheListsSource() throws {
        let list = FileManager.default.temporaryDirectory.appendingPathComponent("secrecy-\(UUID().uuidString).csv")
        try "# source: test list\n# date: 2024-01-01\ncode,name\nPA,Panama\n".write(to: list, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: list) }
        try TestDatabase.withStore { store in
            _ = try DatasetImporter(store: store).importGRAS(directory: smallFixture, options: .init(dataset: "small"))
            let session = Session(resources: Resources(root: TestDatabase.repositoryRoot), store: store)
            _ = try SupplierScan().run(session: session)
            #expect(try FlagList.read(store: store, entity: nil, indicator: "3.9", limit: 50).flags.isEmpty)
            var scan = SupplierScan()
            scan.parameters.characteristics.secrecyJurisdictions = try SecrecyJurisdictions.read(path: list.path)
            let answer = try scan.run(session: session)
            let flags = try FlagList.read(store: store, entity: nil, indicator: "3.9", limit: 50).flags
            #expect(Set(flags.map(\.subject)) == ["firm:F1", "firm:F2"] && Set(flags.map(\.indicator)) == ["3.9.2"])
            let documents = try AnalysisRun.chosen(SupplierScan.analysis, id: answer.run, in: store).documents("supplier", as: SupplierDocument.self, in: store)
            #expect(documents.first { $0.firm == "firm:F1" }?.offshoreHolders.map(\.holder) == ["firm:F4"])
            #expect(documents.first { $0.firm == "firm:F1" }?.secrecyList == "test list, 2024-01-01")
        }
        #expect(throws: ServiceError.self) { try SecrecyJurisdictions.read(path: "/nonexistent/list.csv") }
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
            // GRAS 3.6.3: suppliers whose shareholder also holds a debarred company.
            let linked = Set(try FlagList.read(store: session.store, entity: nil, indicator: "3.6.3", limit: 500).flags.map(\.subject))
            let plantedLinks = Set(truth.sanctionedLinks.map { "firm:\($0.firm)" })
            let foundLinks = linked.intersection(plantedLinks)
            #expect(plantedLinks.count >= 3)
            #expect(Double(foundLinks.count) / Double(max(1, linked.count)) >= 0.9, "flagged \(linked.sorted()), planted \(plantedLinks.sorted())")
            #expect(Double(foundLinks.count) / Double(plantedLinks.count) >= 0.9, "flagged \(linked.sorted()), planted \(plantedLinks.sorted())")
            // GRAS 4.2: firms of elected politicians (or their relatives) that won from the
            // politician's city during the term; firms of candidates who lost are connected only.
            func subjects(_ indicator: String) throws -> Set<String> {
                Set(try FlagList.read(store: session.store, entity: nil, indicator: indicator, limit: 500).flags.filter { $0.indicator == indicator }.map(\.subject))
            }
            let connected = try subjects("4.2.2")
            let plantedConnected = Set(truth.politicianConnections.map { "firm:\($0.firm)" })
            let hitsConnected = connected.intersection(plantedConnected)
            #expect(plantedConnected.count >= 3)
            #expect(Double(hitsConnected.count) / Double(max(1, connected.count)) >= 0.9, "flagged \(connected.sorted()), planted \(plantedConnected.sorted())")
            #expect(Double(hitsConnected.count) / Double(plantedConnected.count) >= 0.9, "flagged \(connected.sorted()), planted \(plantedConnected.sorted())")
            let unelected = Set(truth.unelectedConnections.map { "firm:\($0.firm)" })
            let (anyPolitician, elected, inPower) = (try subjects("4.2.1"), try subjects("4.2.1.elected"), try subjects("4.2.1.in_power"))
            #expect(!unelected.isEmpty && unelected.isSubset(of: anyPolitician))
            #expect(elected.isDisjoint(with: unelected) && connected.isDisjoint(with: unelected) && plantedConnected.isSubset(of: inPower))
            let direct = Set(truth.politicianConnections.filter { $0.link == .direct }.map { "firm:\($0.firm)" })
            let (throughDirect, throughRelative) = (try subjects("4.2.2.direct"), try subjects("4.2.2.indirect"))
            #expect(direct.isSubset(of: throughDirect) && plantedConnected.subtracting(direct).isSubset(of: throughRelative))
            // GRAS 3.7.1 and 3.8.1: straw owners on social benefits, shareholders with a record.
            for (indicator, planted) in [("3.7.1", truth.lowStatusShareholders), ("3.8.1", truth.convictedShareholders)] {
                let flaggedFirms = Set(try FlagList.read(store: session.store, entity: nil, indicator: indicator, limit: 500).flags.map(\.subject))
                let plantedFirms = Set(planted.map { "firm:\($0.firm)" })
                let hits = flaggedFirms.intersection(plantedFirms)
                #expect(plantedFirms.count >= 3, "\(indicator)")
                #expect(Double(hits.count) / Double(max(1, flaggedFirms.count)) >= 0.9, "\(indicator): flagged \(flaggedFirms.sorted()), planted \(plantedFirms.sorted())")
                #expect(Double(hits.count) / Double(plantedFirms.count) >= 0.9, "\(indicator): flagged \(flaggedFirms.sorted()), planted \(plantedFirms.sorted())")
            }
        }
    }
}
