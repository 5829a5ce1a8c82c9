import Foundation
import Testing
import TramaDocument
import TramaIngest
import TramaStore
import TramaTestSupport
@testable import TramaService

/// Pre-award screening on the small fixture with one planted risk more: Elisa Reis (P5), who
/// holds Gama Construções (F3, debarred by the World Bank 2017–2018), also holds 10% of Alfa
/// Obras (F1). Alfa's representative is the procurement officer of the Ministry of Roads (A1),
/// Alfa is owned through Delta Holdings (F4, Panama) by Fabio Costa (P6), and is party to case J2.
@Suite("Pre-award screening")
struct ScreeningTests {
    @Test func aScreeningListsEveryPlantedRiskOfTheFirmValidAtItsDate() throws {
        let world = FileManager.default.temporaryDirectory.appendingPathComponent("screen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: world) }
        try WatchTests.copyOfSmall(world, adding: ["shareholders.csv": "F1,P5,Elisa Reis,2010-01-01,,BR,10"])
        try TestDatabase.withStore { store in
            _ = try DatasetImporter(store: store).importGRAS(directory: world, options: .init(dataset: "small"))
            let session = Session(resources: Resources(root: TestDatabase.repositoryRoot), store: store)
            _ = try SupplierScan().run(session: session)
            let graph = try session.loadGraph().graph
            var query = ScreeningQuery(entity: "firm:F1", buyer: "agency:A1", at: try PathQuery.day("2018-06-01"))
            let s = try query.run(on: graph, store: store, version: try store.versions().first, generated: "2026-01-01T00:00:00Z")
            #expect(s.flags.contains { $0.indicator == "4.3.1" }, "the tie to a bureaucrat is a flag")
            #expect(Set(s.owners.parties.map(\.entity.reference)).isSuperset(of: ["firm:F4", "person:P6", "person:P5"]))
            let linked = try #require(s.sanctions.first)
            #expect(s.sanctions.count == 1 && linked.link == .linkedCompany && linked.through?.reference == "person:P5")
            #expect(linked.relationship.from == "firm:F3" && linked.relationship.source == "sanctions.csv:2")
            #expect(Set(s.buyerOfficials.map(\.official)) == ["person:P1"])
            #expect(s.cases.map(\.to) == ["case:J2"])
            #expect(s.command.contains("--buyer agency:A1") && s.command.contains("--at 2018-06-01"))
            // After the debarment ended, the sanction is no longer valid.
            query.at = try PathQuery.day("2020-01-01")
            #expect(try query.run(on: graph, store: store, version: nil, generated: "x").sanctions.isEmpty)
            // The document has every part.
            let text = s.document().blocks.description
            for part in ["Red flags", "Owners up the chain", "Sanctions", "Ties to officials and politicians", "Court cases"] {
                #expect(text.contains(part), "\(part)")
            }
        }
    }
}
