import Foundation
import Testing
import TramaGraph
import TramaStore
import TramaTestSupport
@testable import TramaIngest

/// Rows of the FJC directory and Courts-DB's federal courts, cut by
/// `Fixtures/fjc/make_fixture.py`, which also counted `expected.json` with Python's csv module.
let fjcFixture = TestDatabase.repositoryRoot.appendingPathComponent("Tests/TramaIngestTests/Fixtures/fjc")

@Suite("Federal Judicial Center directory and Courts-DB")
struct FJCReaderTests {
    let expected: [String: Int] = {
        let data = try! Data(contentsOf: fjcFixture.appendingPathComponent("expected.json"))
        return try! JSONDecoder().decode([String: Int].self, from: data)
    }()

    func read(_ dir: URL = fjcFixture, courts: Bool = true) throws -> (FJCReader.Report, MemorySink) {
        let catalog = courts ? try CourtCatalog(contentsOf: fjcFixture.appendingPathComponent("courts.json"), systems: ["federal"]) : nil
        var sink = MemorySink()
        let report = try FJCReader(directory: dir, courts: catalog).read(into: &sink)
        return (report, sink)
    }

    @Test func countsMatchWhatPythonReadsInTheSameFiles() throws {
        let (report, sink) = try read()
        #expect(report.problems.isEmpty)
        #expect(report.judges == expected["judges"])
        #expect(sink.nodes.filter { $0.entity.kind == .judge }.count == expected["judges"])
        #expect(sink.edges.filter { $0.kind == .servesAt }.count == expected["services"])
        #expect(sink.edges.filter { $0.kind == .appointed }.count == expected["appointments"])
        #expect(sink.nodes.filter { $0.entity.key.hasPrefix("us-president:") }.count == expected["presidents"])
        #expect(sink.edges.filter { $0.kind == .succeededBy }.count == expected["successions"])
        #expect(sink.edges.filter { $0.kind == .educatedAt }.count == expected["degrees"])
        #expect(sink.nodes.filter { $0.entity.kind == .school }.count == expected["schools"])
        #expect(report.clerkships + report.clerkshipsUnlinked == expected["clerk_lines"])
        #expect(report.files.first { $0.file == "professional-career.csv" }?.accepted == expected["career_lines"])
    }

    @Test func courtNamesMeetCourtsDBIdsAndAnUnknownCourtIsKeptAndCounted() throws {
        let (report, sink) = try read()
        let serves = sink.edges.filter { $0.kind == .servesAt }
        // Worked out by hand from the two sources' names.
        let abrams = try #require(serves.first { $0.from.key == "fjc:1393931" })
        #expect(abrams.to.key == "nysd")
        let bastian = serves.filter { $0.from.key == "fjc:1377541" }.map(\.to.key)
        #expect(bastian == ["dcd", "cadc"])
        #expect(serves.contains { $0.to.key == "cc" })
        #expect(report.unmatchedCourts == ["U.S. Court of Customs Appeals (later U.S. Court of Customs and Patent Appeals)": expected["customs_appeals_services"]!])
        #expect(serves.filter { $0.to.key.hasPrefix("fjc-court:") }.count == expected["customs_appeals_services"])
        #expect(report.matchedCourts + expected["customs_appeals_services"]! == expected["services"])
    }

    @Test func anAppointmentRunsFromThePresidentWithTheCommissionDateAndThePresidentsParty() throws {
        let (_, sink) = try read()
        let a = try #require(sink.edges.first { $0.kind == .appointed && $0.to.key == "fjc:1393931" })
        #expect(a.from.key == "us-president:BARACK OBAMA" && a.validFrom == Day(iso: "2012-03-23"))
        #expect(sink.edges.contains { $0.kind == .memberOfParty && $0.from == a.from && $0.to.key == "us-party:DEMOCRATIC" })
        let service = try #require(sink.edges.first { $0.kind == .servesAt && $0.from.key == "fjc:1393931" })
        #expect(service.validFrom == Day(iso: "2012-03-23") && service.validTo == nil && service.properties.contains("\"seat\":\"NYSD2704\""))
    }

    @Test func aClerkshipLinksTheClerkToTheJudgeNamedAndTheSeatToItsPredecessor() throws {
        let (_, sink) = try read()
        // "Law clerk, Hon. Thomas P. Griesa, U.S. District Court, Southern District of New York, 1993-1994"
        let clerk = try #require(sink.edges.first { $0.kind == .clerkedFor && $0.from.key == "fjc:1393931" })
        let griesa = try #require(sink.nodes.first { $0.entity == clerk.to })
        #expect(griesa.name == "Thomas Poole Griesa")
        #expect(clerk.validFrom == Day(iso: "1993-01-01") && clerk.validTo == Day(iso: "1994-12-31"))
        // NYSD0110 (Robert J. Ward) was succeeded by NYSD0111 (Loretta A. Preska).
        let preska = try #require(sink.nodes.first { $0.name == "Loretta A. Preska" })
        let ward = try #require(sink.nodes.first { $0.name == "Robert Joseph Ward" })
        #expect(sink.edges.contains { $0.kind == .succeededBy && $0.from == ward.entity && $0.to == preska.entity })
    }

    @Test func withoutCourtsDBEveryCourtIsTheDirectorysOwn() throws {
        let (report, sink) = try read(courts: false)
        #expect(report.matchedCourts == 0)
        #expect(sink.edges.filter { $0.kind == .servesAt }.allSatisfy { $0.to.key.hasPrefix("fjc-court:") })
    }

    @Test func aBadDateAndAnUnknownJudgeAreRejectedWithTheirLineAndColumn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trama-fjc-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fjcFixture, to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixture.edit(dir, "federal-judicial-service.csv", replacing: "12/22/1950", with: "22/12/1950")
        try Fixture.edit(dir, "education.csv", replacing: "1393931,1,", with: "999,1,")
        let (report, sink) = try read(dir)
        #expect(report.problems.count == 2)
        let date = try #require(report.problems.first { $0.file == "federal-judicial-service.csv" })
        #expect(date.line == 8 && date.column == "CommissionDate" && date.value == "22/12/1950")
        let nid = try #require(report.problems.first { $0.file == "education.csv" })
        #expect(nid.column == "nid" && nid.value == "999" && nid.reason.contains("demos.csv"))
        #expect(report.rejected.count == 2 && report.rejected.allSatisfy { !$0.fields.isEmpty })
        #expect(sink.edges.filter { $0.kind == .servesAt }.count == expected["services"]! - 1)
    }

    @Test func courtsDBGivesEveryCourtAndItsParent() throws {
        var sink = MemorySink()
        let report = try CourtsDBReader(files: [fjcFixture.appendingPathComponent("courts.json")]).read(into: &sink)
        #expect(report.problems.isEmpty)
        #expect(report.courts == expected["courts_db_federal"] && sink.nodes.count == expected["courts_db_federal"])
        let almd = try #require(sink.edges.first { $0.from.key == "almd" })
        #expect(almd.kind == .partOf && almd.to.key == "usdistct")
        #expect(sink.nodes.first { $0.entity.key == "scotus" }?.name == "Supreme Court of the United States")
    }

    @Test(arguments: [
        ("U.S. District Court for the Southern District of New York", "nysd"),
        ("U.S. Court of Appeals for the Second Circuit", "ca2"),
        ("U.S. Court of Appeals for the District of Columbia Circuit", "cadc"),
        ("Supreme Court of the United States", "scotus"),
        ("U.S. District Court for the Western District of Oklahoma", "okwd"),
        ("U.S. District Court for the District of Nebraska", "ned"),
        ("U.S. District Court for the Eastern District of Louisiana", "laed"),
        ("U.S. District Court for the District of Kansas", "ksd"),
        ("U.S. District Court for the Western District of Arkansas", "arwd"),
        ("U.S. Circuit Courts for the Eighth Circuit", "uscirct"),
    ])
    func courtNamesInWordsFindTheirCourtsDBEntry(name: String, id: String) throws {
        let catalog = try CourtCatalog(contentsOf: fjcFixture.appendingPathComponent("courts.json"), systems: ["federal"])
        #expect(catalog.match(name, on: Day(iso: "2000-01-01"))?.id == id)
    }

    @Test func aDistrictThatWasLaterDividedIsMatchedByTheDay() throws {
        let catalog = try CourtCatalog(contentsOf: fjcFixture.appendingPathComponent("courts.json"), systems: ["federal"])
        // Courts-DB has the undivided District of California from 1866 to 1886 only.
        #expect(catalog.match("U.S. District Court for the District of California", on: Day(iso: "1870-01-01"))?.id == "californiad")
    }
}

@Suite("Importing the FJC directory and Courts-DB into PostgreSQL")
struct FJCImportTests {
    @Test func courtsThenJudgesShareCourtNodesAndARepeatedImportDoesNothing() throws {
        let expected = try JSONDecoder().decode([String: Int].self, from: Data(contentsOf: fjcFixture.appendingPathComponent("expected.json")))
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            let courtsFile = fjcFixture.appendingPathComponent("courts.json")
            let (courts, _) = try importer.importCourtsDB(files: [courtsFile], options: .init(dataset: "courts-db"))
            #expect(courts.nodes == expected["courts_db_federal"])
            let (fjc, read) = try importer.importFJC(directory: fjcFixture, courts: courtsFile, options: .init(dataset: "fjc"))
            #expect(!fjc.unchanged && read.judges == expected["judges"])
            // The judges' courts are Courts-DB's nodes, not new ones: only the unmatched court is added.
            let courtNodes = try store.sql("SELECT count(*) FROM nodes WHERE kind_code = kind_code('node', 'court')").rows[0][0]
            #expect(courtNodes == String(expected["courts_db_federal"]! + 1))
            let nysd = try store.sql(
                "SELECT count(*) FROM edges e JOIN nodes c ON c.id = e.target_id WHERE e.kind_code = kind_code('edge', 'serves_at') AND c.key = 'nysd'").rows[0][0]
            #expect(Int(nysd!)! > 100)
            let again = try importer.importFJC(directory: fjcFixture, courts: courtsFile, options: .init(dataset: "fjc")).report
            #expect(again.unchanged && again.edges == fjc.edges)
        }
    }
}
