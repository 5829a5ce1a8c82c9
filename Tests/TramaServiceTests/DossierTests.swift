import Foundation
import Testing
import TramaDocument
import TramaGraph
import TramaIngest
import TramaRender
import TramaStore
import TramaTestSupport
@testable import TramaService

/// Dossiers on the small hand-made GRAS folder, whose firm F2 (Beta Engenharia) is 40 % owned by
/// Delta Holdings until 2020 (itself wholly Fabio Costa's), lost tender T1, won T2 and its
/// contract K2, and gave 50,000 to candidate C1.
@Suite("Dossiers: identity from every source, ownership, tenders, ties, sources")
struct DossierTests {
    func dossier(_ store: Store, _ entity: String, at: String? = nil) throws -> Dossier {
        let graph = try GraphLoader().load(from: store).graph
        return try DossierQuery(entity: entity, at: try at.map(PathQuery.day)).run(
            on: graph, store: store, version: try store.versions().first, generated: "2026-01-01 00:00:00 UTC")
    }

    @Test func aFirmsDossierHasItsOwnersTendersPoliticalTiesAndSources() throws {
        try TestDatabase.withStore { store in
            _ = try DatasetImporter(store: store).importGRAS(directory: smallFixture, options: .init(dataset: "small"))
            let d = try dossier(store, "firm:F2")
            #expect(d.entity.reference == "firm:F2" && d.profile.source == "firms.csv:3")
            #expect(d.owners.parties.map(\.entity.reference) == ["firm:F4", "person:P6"] || d.owners.parties.map(\.entity.reference) == ["person:P6", "firm:F4"])
            #expect(d.owners.parties.allSatisfy { $0.effectiveShare == 40 })
            #expect(d.owners.parties.first { $0.entity.reference == "person:P6" }?.naturalPerson == true)
            let bids = d.tenders.filter { $0.relationship == "bid" }.sorted { $0.tender.key < $1.tender.key }
            #expect(bids.map(\.tender.reference) == ["tender:T1", "tender:T2"] && bids.map(\.outcome) == ["lost", "won"])
            #expect(bids.map(\.value) == [1_010_000, 480_000] && bids.map(\.source) == ["bids.csv:3", "bids.csv:4"])
            #expect(d.tenders.contains { $0.relationship == "holds_contract" && $0.value == 480_000 })
            #expect(d.tenderSummary == "2 bids: 1 won (480000.00 in value), 1 lost (1010000.00 in value); 1 contract held (480000.00 in value).")
            let political = try #require(d.sections.first { $0.section == .political })
            #expect(political.ties.map(\.relationship.kind) == ["donated_to"] && political.ties[0].other.reference == "candidate:C1")
            #expect(d.sources.map(\.name) == ["small"] && d.sources[0].files.contains { $0.name == "bids.csv" && $0.sha256.count == 64 })
            #expect(d.relationshipsTotal == d.sections.reduce(0) { $0 + $1.ties.count })
            // On a date after the stake ended, Delta and its owner are no longer owners.
            #expect(try dossier(store, "firm:F2", at: "2021-06-01").owners.parties.isEmpty)
        }
    }

    @Test func aMergedRecordIsListedWithItsSource() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            _ = try importer.importGRAS(directory: smallFixture, options: .init(dataset: "small"))
            let other = [#"{"id":"ana","schema":"Person","properties":{"name":["Ana Souza"],"nationality":["br"]}}"#]
            _ = try importer.importFtM(files: [try ftmFile("register.ijson", other)], options: .init(dataset: "register"))
            try EntityResolution(store: store).accept(kept: "person:P1", merged: "person:ftm:ana", by: VersionAuthor(name: "reviewer"))
            let d = try dossier(store, "person:P1")
            let merged = try #require(d.mergedRecords.first)
            #expect(merged.entity.reference == "person:ftm:ana" && merged.dataset == "register" && merged.source == "register.ijson:1")
            let html = d.document().html()
            #expect(html.contains("person:ftm:ana") && html.contains("register.ijson:1") && html.contains("personal data"))
        }
    }

    @Test func theBundleIsReproducibleAndSaysWhatItRead() throws {
        try TestDatabase.withStore { store in
            _ = try DatasetImporter(store: store).importGRAS(directory: smallFixture, options: .init(dataset: "small"))
            let graph = try GraphLoader().load(from: store).graph
            let theme = try Theme.load(from: TestDatabase.repositoryRoot.appendingPathComponent("visualizations/themes/default.json"))
            let a = try dossier(store, "firm:F2").bundle(graph: graph, store: store, drawing: GraphvizRenderer(), theme: theme)
            let b = try dossier(store, "firm:F2").bundle(graph: graph, store: store, drawing: GraphvizRenderer(), theme: theme)
            #expect(a.files.map(\.name) == ["report.html", "report.pdf", "map.svg", "map.png", "dossier.json", "MANIFEST.sha256"])
            #expect(a.files == b.files)
            let html = String(decoding: a.files[0].bytes, as: UTF8.self)
            for section in ["Identity and identifiers", "Owners", "Holdings", "Red flags", "Tenders bid, won and lost", "Sources", "bids.csv:3"] {
                #expect(html.contains(section), "\(section)")
            }
        }
    }
}
