import Foundation
import Testing
import TramaGraph
import TramaStore
import TramaTestSupport
@testable import TramaIngest

let ocdsFixtures = TestDatabase.repositoryRoot.appendingPathComponent("Tests/TramaIngestTests/Fixtures/ocds")

/// Counts written by `Fixtures/ocds/count_ocds.py` with Python's json module.
func ocdsExpected(_ file: String) throws -> [String: Int]? {
    let data = try Data(contentsOf: ocdsFixtures.appendingPathComponent("expected.json"))
    return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?[file] as? [String: Int]
}

func readOCDS(_ names: [String]) throws -> (OCDSReader.Report, MemorySink) {
    var sink = MemorySink()
    let report = try OCDSReader(files: names.map { ocdsFixtures.appendingPathComponent($0) }).read(into: &sink)
    return (report, sink)
}

@Suite("OCDS: release and record packages, JSON Lines, gzip")
struct OCDSReaderTests {
    @Test(arguments: ["cardinal-024.jsonl", "cardinal-058.jsonl", "colombia-record.json", "colombia-record.json.gz", "uk-record.json", "uk-release-package.json"])
    func countsMatchWhatPythonReadsInTheSameFile(file: String) throws {
        let expected = try #require(try ocdsExpected(file))
        let (report, sink) = try readOCDS([file])
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.processes == expected["processes"])
        #expect(report.awards == expected["awards"])
        let bids = sink.edges.filter { $0.kind == .bid && !$0.properties.contains("\"fromAward\":true") }
        #expect(bids.count == expected["bids_details"]! + expected["tenderers"]!)
        if expected["parties"]! > 0 {
            #expect(report.parties == expected["parties"])
        }
        #expect(sink.nodes.filter { $0.entity.kind == .tender }.count == report.tenders)
    }

    @Test func bidsCarryPricesAndOutcomesUnderTheGRASNames() throws {
        let (_, sink) = try readOCDS(["cardinal-024.jsonl"])
        let first = try #require(sink.edges.first { $0.kind == .bid && $0.to == EntityRef(.tender, "F") && $0.from == EntityRef(.firm, "W") })
        #expect(first.properties.contains("\"BidValue\":1.0") && first.properties.contains("\"AwardBid\":true"))
        let loser = try #require(sink.edges.first { $0.kind == .bid && $0.to == EntityRef(.tender, "F") && $0.from == EntityRef(.firm, "L") })
        #expect(loser.properties.contains("\"AwardBid\":false"))
        // Awards without a contract become contracts, held by the supplier.
        #expect(sink.edges.contains { $0.kind == .holdsContract && $0.from == EntityRef(.firm, "W") })
    }

    @Test func partiesAreKeyedByTheirNormalisedIdentifierAndTheBuyerProcures() throws {
        let (_, sink) = try readOCDS(["colombia-record.json"])
        let agencies = sink.nodes.filter { $0.entity.kind == .agency }
        #expect(agencies.count == 1)
        #expect(sink.edges.contains { $0.kind == .procures && $0.from == agencies[0].entity })
        // SECOP's "Nit de Persona Natural" 1012362575-0: Colombia's NIT, its check digit verified and dropped.
        #expect(sink.nodes.contains { $0.entity == EntityRef(.firm, "CO-NIT-1012362575") && !$0.properties.contains("identifierProblem") })
    }

    @Test func gzipReadsLikeThePlainFile() throws {
        let (plain, a) = try readOCDS(["colombia-record.json"])
        let (zipped, b) = try readOCDS(["colombia-record.json.gz"])
        #expect(plain.processes == zipped.processes && a.nodes.count == b.nodes.count && a.edges.count == b.edges.count)
    }

    @Test func aProcessMetTwiceIsReadOnce() throws {
        let (report, _) = try readOCDS(["uk-record.json", "uk-release-package.json"])
        #expect(report.processes == 1 && report.duplicates == 1)
    }

    @Test func anEmptyOrTruncatedFileIsAProblemWithFileLineAndByte() throws {
        let (empty, _) = try readOCDS(["paraguay-empty.json"])
        #expect(empty.problems.map(\.description) == ["paraguay-empty.json:1: the file is empty: no JSON in it (byte 0)"])
        let whole = try Data(contentsOf: ocdsFixtures.appendingPathComponent("colombia-record.json"))
        let cut = FileManager.default.temporaryDirectory.appendingPathComponent("truncated-\(UUID().uuidString).json")
        try whole.prefix(whole.count * 3 / 5).write(to: cut)
        defer { try? FileManager.default.removeItem(at: cut) }
        var sink = MemorySink()
        let truncated = try OCDSReader(files: [cut]).read(into: &sink)
        #expect(truncated.problems.count == 1)
        #expect(truncated.problems.first?.reason.contains("truncated") == true)
        #expect(truncated.processes == 0)
    }

    @Test func anItemThatIsNotJSONIsRejectedAndTheRestIsRead() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mixed-\(UUID().uuidString).jsonl")
        try Data("{\"ocid\":\"A\",\"bids\":{\"details\":[{\"tenderers\":[{\"id\":\"X\"}],\"value\":{\"amount\":5}}]}}\n{\"ocid\":\"B\",\"tender\":{\"value\":{\"amount\":tru}}}\n{\"ocid\":\"C\"}\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var sink = MemorySink()
        let r = try OCDSReader(files: [file]).read(into: &sink)
        #expect(r.processes == 2)
        #expect(r.problems.count == 1 && r.problems[0].line == 2 && r.problems[0].reason.hasPrefix("not valid JSON"))
    }

    @Test func importingIsTransactionalAndIdempotent() throws {
        try TestDatabase.withStore { store in
            let files = [ocdsFixtures.appendingPathComponent("cardinal-024.jsonl"), ocdsFixtures.appendingPathComponent("colombia-record.json")]
            let (first, read) = try DatasetImporter(store: store).importOCDS(files: files, options: .init(dataset: "ocds"))
            #expect(!first.unchanged && read.processes == 6)
            let (again, _) = try DatasetImporter(store: store).importOCDS(files: files, options: .init(dataset: "ocds"))
            #expect(again.unchanged && again.nodes == first.nodes && again.edges == first.edges)
            // A bad file fails the whole import and leaves the store as it was.
            let bad = files + [ocdsFixtures.appendingPathComponent("paraguay-empty.json")]
            #expect(throws: IngestError.self) { try DatasetImporter(store: store).importOCDS(files: bad, options: .init(dataset: "ocds")) }
            #expect(try store.counts().nodes == first.nodes)
        }
    }

    @Test func partiesSharingATelephoneMeetAtOnePhoneNode() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("phones-\(UUID().uuidString).jsonl")
        try Data([
            #"{"ocid":"A","parties":[{"id":"X","name":"X S.A.","roles":["tenderer"],"contactPoint":{"telephone":"+55 (11) 3333-4444"},"address":{"streetAddress":"Rua A, 100","locality":"São Paulo"}}],"bids":{"details":[{"tenderers":[{"id":"X"}]}]}}"#,
            #"{"ocid":"B","parties":[{"id":"Y","name":"Y Ltda","roles":["tenderer"],"contactPoint":{"telephone":"55 11 33334444","email":"Bids@Y.com "}}],"bids":{"details":[{"tenderers":[{"id":"Y"}]}]}}"#,
        ].joined(separator: "\n").utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var sink = MemorySink()
        _ = try OCDSReader(files: [file]).read(into: &sink)
        let phones = sink.edges.filter { $0.kind == .hasPhone }
        #expect(Set(phones.map(\.from.key)) == ["X", "Y"] && Set(phones.map(\.to)) == [EntityRef(.phone, "551133334444")])
        #expect(sink.edges.contains { $0.kind == .registeredAt && $0.from.key == "X" })
        #expect(sink.edges.contains { $0.kind == .hasEmail && $0.to == EntityRef(.email, "bids@y.com") })
    }
}
