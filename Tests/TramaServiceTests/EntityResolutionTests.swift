import Foundation
import Testing
import TramaIngest
import TramaStore
import TramaTestSupport
@testable import TramaService

/// Writes FollowTheMoney lines to a temporary file.
func ftmFile(_ name: String, _ lines: [String]) throws -> URL {
    let dir = try TestScratch.directory("er")
    let url = dir.appendingPathComponent(name)
    try Data(lines.joined(separator: "\n").utf8).write(to: url)
    return url
}

@Suite("Entity resolution: candidates, review, merge with provenance")
struct EntityResolutionTests {
    let registry = [
        #"{"id":"a1","schema":"Person","properties":{"name":["Dr. Ana Souza"],"birthDate":["1970-01-01"]}}"#,
        #"{"id":"c1","schema":"Company","properties":{"name":["Alfa Obras S.A."],"country":["br"]}}"#,
        #"{"id":"o1","schema":"Ownership","properties":{"owner":["a1"],"asset":["c1"],"percentage":["60"]}}"#,
    ]
    let donations = [
        #"{"id":"b1","schema":"Person","properties":{"name":["ana souza"],"birthDate":["1970-01-01"]}}"#,
        #"{"id":"b2","schema":"Person","properties":{"name":["Ana Souza"],"birthDate":["1985-05-05"]}}"#,
        #"{"id":"c2","schema":"Company","properties":{"name":["ALFA OBRAS LTDA"],"country":["br"]}}"#,
        #"{"id":"p1","schema":"Organization","properties":{"name":["Partido Azul"]}}"#,
        #"{"id":"pay","schema":"Payment","properties":{"payer":["c2"],"beneficiary":["p1"],"amount":["50000"],"date":["2020-03-01"]}}"#,
    ]

    @Test func sameNamesBecomeScoredCandidatesAndDifferentBirthDatesDoNot() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            _ = try importer.importFtM(files: [try ftmFile("registry.ijson", registry)], options: .init(dataset: "registry"))
            _ = try importer.importFtM(files: [try ftmFile("donations.ijson", donations)], options: .init(dataset: "donations"))
            let er = EntityResolution(store: store)
            #expect(try er.scan() == 2)
            let c = try er.review()
            let person = try #require(c.first { $0.kind == "person" })
            #expect(Set([person.first.key, person.second.key]) == ["ftm:a1", "ftm:b1"] && abs(person.score - 0.8) < 1e-9)
            #expect(person.reason.contains("same birth date 1970-01-01"))
            let firm = try #require(c.first { $0.kind == "firm" })
            #expect(Set([firm.first.key, firm.second.key]) == ["ftm:c1", "ftm:c2"] && abs(firm.score - 0.7) < 1e-9)
            #expect(Set([firm.first.dataset, firm.second.dataset]) == ["registry", "donations"])
        }
    }

    @Test func acceptingMergesWithProvenanceAndAReimportIsMergedAgain() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            let donationsFile = try ftmFile("donations.ijson", donations)
            _ = try importer.importFtM(files: [try ftmFile("registry.ijson", registry)], options: .init(dataset: "registry"))
            _ = try importer.importFtM(files: [donationsFile], options: .init(dataset: "donations"))
            let er = EntityResolution(store: store)
            try er.scan()
            try er.accept(kept: "firm:ftm:c1", merged: "firm:ftm:c2")
            // The donation now starts at the registry's company, and still says where it came from.
            let paid = try store.sql(
                "SELECT s.key, e.source, d.name FROM edges e JOIN nodes s ON s.id = e.source_id JOIN datasets d ON d.id = e.dataset_id WHERE e.kind_code = kind_code('edge', 'paid')")
            #expect(paid.rows.map { $0.compactMap { $0 } } == [["ftm:c1", "donations.ijson:5", "donations"]])
            #expect(try store.nodes(kinds: ["firm"], key: "ftm:c2").isEmpty)
            let log = try store.sql("SELECT merged_key, merged_dataset, merged_source, reason FROM merges")
            #expect(log.rows.first?.compactMap { $0 }.prefix(3) == ["ftm:c2", "donations", "donations.ijson:3"])
            #expect(try er.review().allSatisfy { $0.kind != "firm" })
            // A new version of the donations brings c2 back: the merge holds.
            try Data((donations + [#"{"id":"z","schema":"Person","properties":{"name":["Zé"]}}"#]).joined(separator: "\n").utf8).write(to: donationsFile)
            let again = try importer.importFtM(files: [donationsFile], options: .init(dataset: "donations"))
            #expect(again.report.replaced)
            #expect(try store.nodes(kinds: ["firm"], key: "ftm:c2").isEmpty)
            #expect(try store.sql("SELECT count(*) FROM edges e JOIN nodes s ON s.id = e.source_id WHERE e.kind_code = kind_code('edge', 'paid') AND s.key = 'ftm:c1'").scalar == "1")
        }
    }

    @Test func aRejectedPairIsNotProposedAgain() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            _ = try importer.importFtM(files: [try ftmFile("registry.ijson", registry)], options: .init(dataset: "registry"))
            _ = try importer.importFtM(files: [try ftmFile("donations.ijson", donations)], options: .init(dataset: "donations"))
            let er = EntityResolution(store: store)
            try er.scan()
            try er.reject("person:ftm:a1", "person:ftm:b1")
            #expect(try er.scan() == 1)
            #expect(try er.review().map(\.kind) == ["firm"])
            #expect(throws: ServiceError.self) { try er.accept(kept: "person:ftm:a1", merged: "firm:ftm:c1") }
        }
    }
}
