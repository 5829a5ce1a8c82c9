import Foundation
import Testing
import TramaGraph
import TramaTestSupport
@testable import TramaIngest

let bodsFixtures = TestDatabase.repositoryRoot.appendingPathComponent("Tests/TramaIngestTests/Fixtures/bods")

/// Counts written by `Fixtures/bods/count_bods.py` with Python's json module.
func bodsExpected(_ file: String) throws -> [String: Int]? {
    let data = try Data(contentsOf: bodsFixtures.appendingPathComponent("expected.json"))
    return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?[file] as? [String: Int]
}

func readBODS(_ urls: [URL], keepUnresolved: Bool = true) throws -> (BODSReader.Report, MemorySink) {
    var sink = MemorySink()
    let report = try BODSReader(files: urls, keepUnresolved: keepUnresolved).read(into: &sink)
    return (report, sink)
}

func temporaryJSONLines(_ lines: [String]) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("bods-\(UUID().uuidString).jsonl")
    try Data(lines.joined(separator: "\n").utf8).write(to: url)
    return url
}

@Suite("BODS: entity, person and ownership-or-control statements, 0.2 to 0.4")
struct BODSReaderTests {
    @Test(arguments: ["dk-0.2.jsonl", "dk-0.2-copy.jsonl.gz", "sk-0.2.jsonl.gz", "v04-direct.json", "v04-circular.json", "v04-anonymous.json"])
    func countsMatchWhatPythonReadsInTheSameFile(file: String) throws {
        let expected = try #require(try bodsExpected(file))
        let (report, sink) = try readBODS([bodsFixtures.appendingPathComponent(file)])
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.entities == expected["entities"] && report.persons == expected["persons"])
        #expect(report.relationships == expected["relationships"] && report.interests == expected["interests"])
        #expect(sink.edges.count == expected["interests"])
    }

    @Test func aShareholdingIsAnOwnershipEdgeWithItsShareAndDates() throws {
        let (report, sink) = try readBODS([bodsFixtures.appendingPathComponent("dk-0.2.jsonl")])
        let owns = sink.edges.filter { $0.kind == .owns }
        let first = try #require(owns.first { $0.properties.contains("\"Share\":26.15") })
        #expect(first.validFrom == Day(iso: "2021-06-08") && first.validTo == Day(iso: "2023-03-30"))
        #expect(sink.edges.contains { $0.kind == .controls && $0.properties.contains("voting-rights") })
        // The DK sample names companies only by statement: kept, each is an unresolved node.
        #expect(report.unresolved > 0)
        #expect(sink.nodes.filter { $0.properties == "{\"unresolved\":true}" }.allSatisfy { $0.entity.key.hasPrefix("bods:") })
    }

    @Test func aReferenceToAnAbsentStatementIsRejectedNamingItUnlessKept() throws {
        let (report, sink) = try readBODS([bodsFixtures.appendingPathComponent("dk-0.2.jsonl")], keepUnresolved: false)
        // Every relationship of the DK extract points at a company outside it.
        #expect(report.problems.count == 6 && report.relationships == 0 && sink.edges.isEmpty)
        let first = try #require(report.problems.first)
        #expect(first.file == "dk-0.2.jsonl" && first.column.hasPrefix("subject.describedBy") && !first.value.isEmpty)
        #expect(first.reason.contains("absent from the files"))
        #expect(report.entities + report.persons > 0, "the statements that stand alone are still read")
        #expect(!sink.nodes.contains { $0.properties == "{\"unresolved\":true}" })

        let url = try temporaryJSONLines([
            #"{"statementId":"s-c","statementDate":"2020-01-01","recordId":"c","recordStatus":"new","recordType":"entity","recordDetails":{"name":"C"}}"#,
            #"{"statementId":"s-r","statementDate":"2020-01-01","recordId":"r","recordStatus":"new","recordType":"relationship","recordDetails":{"subject":"c","interestedParty":"ghost","interests":[{"type":"shareholding"}]}}"#,
        ])
        defer { try? FileManager.default.removeItem(at: url) }
        let (v04, _) = try readBODS([url], keepUnresolved: false)
        #expect(v04.problems.map { "\($0.line) \($0.column) | \($0.value)" } == ["2 interestedParty | ghost"])
    }

    @Test func identifiersAreTheKeySoTheCompanyMeetsItsOCDSAndGRASSelves() throws {
        let (_, sink) = try readBODS([bodsFixtures.appendingPathComponent("v04-direct.json")])
        #expect(sink.nodes.contains { $0.entity == EntityRef(.firm, "GB-COH-10000001") && $0.name == "Acme Holdings Ltd" })
        #expect(sink.edges.allSatisfy { $0.to == EntityRef(.firm, "GB-COH-10000001") })
    }

    @Test func theSameStatementsTwiceAreLoadedOnce() throws {
        let (report, sink) = try readBODS(["dk-0.2.jsonl", "dk-0.2-copy.jsonl.gz"].map { bodsFixtures.appendingPathComponent($0) })
        #expect(report.duplicates == 10 && report.relationships == 6 && sink.edges.count == 11)
    }

    @Test func aReplacedStatementIsNotLoaded() throws {
        let url = try temporaryJSONLines([
            #"{"statementID":"e1","statementType":"entityStatement","name":"A","identifiers":[{"scheme":"GB-COH","id":"1"}]}"#,
            #"{"statementID":"p1","statementType":"personStatement","names":[{"fullName":"Ann"}]}"#,
            #"{"statementID":"o1","statementType":"ownershipOrControlStatement","subject":{"describedByEntityStatement":"e1"},"interestedParty":{"describedByPersonStatement":"p1"},"interests":[{"type":"shareholding","share":{"exact":60}}]}"#,
            #"{"statementID":"o2","statementType":"ownershipOrControlStatement","replacesStatements":["o1"],"subject":{"describedByEntityStatement":"e1"},"interestedParty":{"describedByPersonStatement":"p1"},"interests":[{"type":"shareholding","share":{"minimum":25,"maximum":50}}]}"#,
        ])
        defer { try? FileManager.default.removeItem(at: url) }
        let (report, sink) = try readBODS([url])
        #expect(report.superseded == 1)
        #expect(sink.edges.count == 1 && sink.edges[0].properties.contains("\"Share\":37.5"))
        #expect(sink.edges[0].from == EntityRef(.person, "bods:p1") && sink.edges[0].to == EntityRef(.firm, "GB-COH-00000001"))
    }

    @Test func aClosedRecordEndsItsRelationshipAndOnlyTheLatestStatementCounts() throws {
        func rel(_ statement: String, _ date: String, _ status: String, share: Int) -> String {
            #"{"statementId":"\#(statement)","statementDate":"\#(date)","recordId":"r1","recordStatus":"\#(status)","recordType":"relationship","recordDetails":{"subject":"c","interestedParty":"p","interests":[{"type":"shareholding","startDate":"2020-01-01","share":{"exact":\#(share)}}]}}"#
        }
        let url = try temporaryJSONLines([
            #"{"statementId":"s-c","statementDate":"2020-01-01","recordId":"c","recordStatus":"new","recordType":"entity","recordDetails":{"name":"C"}}"#,
            #"{"statementId":"s-p","statementDate":"2020-01-01","recordId":"p","recordStatus":"new","recordType":"person","recordDetails":{"names":[{"fullName":"P"}]}}"#,
            rel("s1", "2020-01-01", "new", share: 10), rel("s3", "2023-05-31", "closed", share: 30), rel("s2", "2021-01-01", "updated", share: 20),
        ])
        defer { try? FileManager.default.removeItem(at: url) }
        let (report, sink) = try readBODS([url])
        #expect(report.superseded == 2)
        let edge = try #require(sink.edges.first)
        #expect(sink.edges.count == 1 && edge.properties.contains("\"Share\":30.0") && edge.validTo == Day(iso: "2023-05-31"))
    }

    @Test func anInterestEndingBeforeItStartsIsRejectedWithItsPath() throws {
        let url = try temporaryJSONLines([
            #"{"statementID":"o1","statementType":"ownershipOrControlStatement","subject":{"describedByEntityStatement":"e9"},"interestedParty":{"describedByPersonStatement":"p9"},"interests":[{"type":"shareholding","startDate":"2022-01-01","endDate":"2021-01-01"}]}"#
        ])
        defer { try? FileManager.default.removeItem(at: url) }
        let (report, sink) = try readBODS([url])
        #expect(sink.edges.isEmpty)
        #expect(report.problems.first?.column == "interests[].endDate" && report.problems.first?.line == 1)
    }
}
