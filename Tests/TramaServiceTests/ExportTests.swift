import Foundation
import Testing
import TramaExport
import TramaGraph
import TramaIngest
import TramaStore
import TramaTestSupport
@testable import TramaService

/// Exports of the small hand-made GRAS folder (29 entities, 50 relationships), and the
/// FollowTheMoney round trip through the store: export, import the file elsewhere, compare.
@Suite("Exports: what each selection takes, and the FtM round trip through the store")
struct ExportTests {
    func selected(_ store: Store, _ selection: ExportQuery.Selection, at: String? = nil) throws -> ExportGraph {
        let graph = try GraphLoader().load(from: store).graph
        return try ExportQuery(selection, at: try at.map(PathQuery.day)).run(on: graph, store: store)
    }

    @Test func aDatasetExportHoldsEveryRowWithItsSourceAndTheDatasetsDigest() throws {
        try TestDatabase.withStore { store in
            _ = try DatasetImporter(store: store).importGRAS(directory: smallFixture, options: .init(dataset: "small"))
            let g = try selected(store, .dataset("small"))
            #expect(g.nodes.count == 29 && g.edges.count == 50 && g.description == "dataset small")
            #expect(g.edges.allSatisfy { $0.dataset == "small" && $0.source.contains(".csv:") })
            #expect(g.datasets.map(\.name) == ["small"] && g.datasets[0].files.count == 16 && g.datasets[0].digest.count == 64)
            let owns = g.edges.filter { $0.kind == "owns" && $0.to == "firm:F2" }
            #expect(owns.count == 1 && owns[0].validTo == "2020-12-31" && owns[0].propertiesJSON.contains("40"))
            #expect(throws: ServiceError.self) { try selected(store, .dataset("nope")) }
        }
    }

    @Test func anExportAroundAnEntityTakesItsNeighbourhoodAndTheTiesAmongIt() throws {
        try TestDatabase.withStore { store in
            _ = try DatasetImporter(store: store).importGRAS(directory: smallFixture, options: .init(dataset: "small"))
            let one = try selected(store, .around("firm:F2", hops: 1))
            let refs = Set(one.nodes.map(\.reference))
            #expect(refs.contains("firm:F2") && refs.contains("firm:F4") && refs.contains("tender:T1"))
            #expect(one.edges.allSatisfy { refs.contains($0.from) && refs.contains($0.to) })
            #expect(one.edges.contains { $0.from == "firm:F4" && $0.to == "firm:F2" })
            let two = try selected(store, .around("firm:F2", hops: 2))
            #expect(two.nodes.count > one.nodes.count && two.nodes.contains { $0.reference == "person:P6" })
            // After Delta's stake in F2 ended, the tie is not taken.
            #expect(!(try selected(store, .around("firm:F2", hops: 1), at: "2021-06-01")).edges.contains { $0.from == "firm:F4" && $0.to == "firm:F2" })
        }
    }

    @Test func exportingToFtMAndImportingTheFileGivesTheSameGraph() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("roundtrip-\(UUID().uuidString).ftm.json")
        defer { try? FileManager.default.removeItem(at: file) }
        let original = try TestDatabase.withStore { store in
            _ = try DatasetImporter(store: store).importGRAS(directory: smallFixture, options: .init(dataset: "small"))
            let g = try selected(store, .dataset("small"))
            try Data(try #require(export(g, as: .ftm).first).bytes).write(to: file)
            return g
        }
        let back = try TestDatabase.withStore { store in
            _ = try DatasetImporter(store: store).importFtM(files: [file], options: .init(dataset: "small"))
            return try selected(store, .dataset("small"))
        }
        func nodes(_ g: ExportGraph) -> Set<String> {
            Set(g.nodes.map { "\($0.reference)|\($0.name ?? "")|\(Self.canonical($0.propertiesJSON))" })
        }
        func edges(_ g: ExportGraph) -> [String] {
            g.edges.map { "\($0.kind)|\($0.from)|\($0.to)|\($0.validFrom ?? "")|\($0.validTo ?? "")|\(Self.canonical($0.propertiesJSON))" }.sorted()
        }
        #expect(back.nodes.count == original.nodes.count && back.edges.count == original.edges.count)
        #expect(nodes(back) == nodes(original))
        #expect(edges(back) == edges(original))
    }

    /// JSON with its keys sorted, as `jsonb` stores it.
    static func canonical(_ json: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        else { return json }
        return String(decoding: data, as: UTF8.self)
    }
}
