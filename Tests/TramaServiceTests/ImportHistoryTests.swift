import Foundation
import Testing
import TramaGraph
import TramaIngest
import TramaStore
import TramaTestSupport
@testable import TramaService

/// A register that said one thing, and was re-imported saying another: a report built on the
/// first version must still be re-runnable.
@Suite("Import history: versions, who and why, and the graph as of an import")
struct ImportHistoryTests {
    /// v1: Ana owns Alfa, Alfa owns Beta. v2: Alfa's stake in Beta is gone, Carlos owns Beta,
    /// and Ana's name is spelt differently.
    let v1 = [
        #"{"id":"ana","schema":"Person","properties":{"name":["Ana Souza"]}}"#,
        #"{"id":"alfa","schema":"Company","properties":{"name":["Alfa Obras"]}}"#,
        #"{"id":"beta","schema":"Company","properties":{"name":["Beta Engenharia"]}}"#,
        #"{"id":"o1","schema":"Ownership","properties":{"owner":["ana"],"asset":["alfa"],"percentage":["60"]}}"#,
        #"{"id":"o2","schema":"Ownership","properties":{"owner":["alfa"],"asset":["beta"],"percentage":["100"]}}"#,
    ]
    let v2 = [
        #"{"id":"ana","schema":"Person","properties":{"name":["Ana M. Souza"]}}"#,
        #"{"id":"alfa","schema":"Company","properties":{"name":["Alfa Obras"]}}"#,
        #"{"id":"beta","schema":"Company","properties":{"name":["Beta Engenharia"]}}"#,
        #"{"id":"carlos","schema":"Person","properties":{"name":["Carlos Lima"]}}"#,
        #"{"id":"o1","schema":"Ownership","properties":{"owner":["ana"],"asset":["alfa"],"percentage":["60"]}}"#,
        #"{"id":"o3","schema":"Ownership","properties":{"owner":["carlos"],"asset":["beta"],"percentage":["100"]}}"#,
    ]

    func path(_ store: Store, asOf version: Int?) throws -> PathAnswer {
        let view = version.map { store.asOf($0) } ?? store
        let graph = try GraphLoader().load(from: view).graph
        return try PathQuery(from: "person:ftm:ana", to: "firm:ftm:beta").run(on: graph, store: view)
    }

    @Test func aReplacingImportKeepsTheOldPathAsOfTheFirstImport() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            let first = try importer.importFtM(
                files: [try ftmFile("register.ijson", v1)], options: .init(dataset: "register", author: VersionAuthor(name: "ana.analyst", reason: "case 2026/17")))
            let second = try importer.importFtM(
                files: [try ftmFile("register.ijson", v2)], options: .init(dataset: "register", author: VersionAuthor(name: "bo.admin", reason: "monthly refresh")))
            let (v1, v2) = (try #require(first.report.version), try #require(second.report.version))
            #expect(second.report.replaced && v2 > v1)

            // Today the register no longer links Ana to Beta.
            #expect(try path(store, asOf: nil).status == .noPath)
            // As of the first import it does, hop by hop from the retired records, with the old name.
            let old = try path(store, asOf: v1)
            #expect(old.status == .found)
            let hops = try #require(old.paths.first)
            #expect(hops.nodes.map(\.reference) == ["person:ftm:ana", "firm:ftm:alfa", "firm:ftm:beta"])
            #expect(hops.nodes.first?.name == "Ana Souza")
            #expect(hops.edges.map(\.kind) == ["owns", "owns"] && hops.edges.allSatisfy { $0.dataset == "register" })
            // As of the second, the path is gone; Carlos, who came with it, is not in the first.
            #expect(try path(store, asOf: v2).status == .noPath)
            let firstGraph = try GraphLoader().load(from: store.asOf(v1)).graph
            #expect(firstGraph.nodeCount == 3 && firstGraph.edgeCount == 2)
            #expect(throws: ServiceError.self) { try EntityResolver(store: store.asOf(v1)).node("person:ftm:carlos", in: firstGraph) }

            // Who, when, why, and which files, newest first.
            let history = try store.versions()
            #expect(history.map(\.id) == [v2, v1])
            #expect(history.map(\.action) == [.replace, .import])
            #expect(history.map(\.importedBy) == ["bo.admin", "ana.analyst"] && history.map(\.reason) == ["monthly refresh", "case 2026/17"])
            #expect(history[0].files.map(\.name) == ["register.ijson"] && history[0].files[0].sha256.count == 64)
            #expect(history[0].files[0].sha256 != history[1].files[0].sha256)
            // Retired: both relationships (o1's record moved down a line, o2 is gone) and Ana,
            // renamed; Alfa and Beta, described as before, stay as the first version stored them.
            #expect(history[0].retiredEdges == 2 && history[0].retiredNodes == 1 && history[0].edges == 2 && history[0].nodes == 4)
        }
    }

    @Test func aTimeNamesTheLastImportFinishedByThen() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            let a = try #require(try importer.importFtM(files: [try ftmFile("register.ijson", v1)], options: .init(dataset: "register")).report.version)
            let between = try #require(store.versions().first?.finishedAt)
            Thread.sleep(forTimeInterval: 0.05)
            _ = try importer.importFtM(files: [try ftmFile("register.ijson", v2)], options: .init(dataset: "register"))
            #expect(try store.version(named: between).id == a)
            #expect(try store.version(named: String(a)).id == a)
            #expect(throws: StoreError.self) { try store.version(named: "1999-01-01") }
            #expect(throws: StoreError.self) { try store.version(named: "9999") }
            #expect(throws: StoreError.self) { try store.version(named: "last tuesday") }
            // Unchanged files make no version.
            let again = try importer.importFtM(files: [try ftmFile("register.ijson", v2)], options: .init(dataset: "register"))
            #expect(again.report.unchanged && again.report.version == nil)
            #expect(try store.versions().count == 2)
        }
    }

    @Test func aMergeIsAVersionAndTheGraphBeforeItHasBothEntities() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            _ = try importer.importFtM(files: [try ftmFile("register.ijson", v1)], options: .init(dataset: "register"))
            let dup = [
                #"{"id":"alfa2","schema":"Company","properties":{"name":["ALFA OBRAS"]}}"#,
                #"{"id":"azul","schema":"Organization","properties":{"name":["Partido Azul"]}}"#,
                #"{"id":"p","schema":"Payment","properties":{"payer":["alfa2"],"beneficiary":["azul"],"amount":["10"]}}"#,
            ]
            let before = try #require(try importer.importFtM(files: [try ftmFile("donations.ijson", dup)], options: .init(dataset: "donations")).report.version)
            try EntityResolution(store: store).accept(kept: "firm:ftm:alfa", merged: "firm:ftm:alfa2", by: VersionAuthor(name: "cy.reviewer"))
            let merge = try #require(store.versions().first)
            #expect(merge.action == .merge && merge.importedBy == "cy.reviewer" && merge.reason == "merged firm:ftm:alfa2 into firm:ftm:alfa")

            let now = try GraphLoader().load(from: store).graph
            let then = try GraphLoader().load(from: store.asOf(before)).graph
            #expect(then.nodeCount == now.nodeCount + 1 && then.edgeCount == now.edgeCount)
            let old = store.asOf(before)
            let payment = try PathQuery(from: "firm:ftm:alfa2", to: "firm:ftm:azul", relations: ["paid"]).run(on: then, store: old)
            #expect(payment.status == .found && payment.paths.first?.edges.first?.from == "firm:ftm:alfa2")
            let merged = try PathQuery(from: "firm:ftm:alfa", to: "firm:ftm:azul", relations: ["paid"]).run(on: now, store: store)
            #expect(merged.status == .found && merged.paths.first?.edges.first?.from == "firm:ftm:alfa")
        }
    }

    /// Merge candidates are edges a path may cross, so a scan and a rejection are versions of
    /// their own (schema/0026_resolution_versions.sql): as of the version before a scan the
    /// graph has none of its candidates, and as of the scan it keeps one a later rejection dropped.
    @Test func mergeCandidatesComeAndGoInVersionsOfTheirOwn() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            _ = try importer.importFtM(files: [try ftmFile("register.ijson", v1)], options: .init(dataset: "register"))
            let twin = [#"{"id":"alfa2","schema":"Company","properties":{"name":["ALFA OBRAS"]}}"#]
            let before = try #require(try importer.importFtM(files: [try ftmFile("twin.ijson", twin)], options: .init(dataset: "twin")).report.version)
            let resolution = EntityResolution(store: store)
            #expect(try resolution.scan(by: VersionAuthor(name: "cy.reviewer")) == 1)
            let scan = try #require(store.versions().first)
            #expect(scan.action == .resolve && scan.importedBy == "cy.reviewer" && scan.edges == 1 && scan.dataset == "entity-resolution")
            try resolution.reject("firm:ftm:alfa", "firm:ftm:alfa2", by: VersionAuthor(name: "cy.reviewer"))
            let rejection = try #require(store.versions().first)
            #expect(rejection.action == .resolve && rejection.retiredEdges == 1)
            #expect(rejection.reason == "firm:ftm:alfa and firm:ftm:alfa2 are not the same")
            let edges = { (version: Int?) throws -> Int in try GraphLoader().load(from: version.map { store.asOf($0) } ?? store).graph.edgeCount }
            #expect(try edges(before) == 2, "before the scan: the register's two stakes, no candidate")
            #expect(try edges(scan.id) == 3, "as of the scan: its candidate too")
            #expect(try edges(nil) == 2, "after the rejection: gone")
            // The next scan proposes nothing (the pair was decided), in a version of its own.
            #expect(try resolution.scan() == 0)
            #expect(try store.versions().first?.action == .resolve)
        }
    }
}
