import Foundation
import Testing
import TramaGraph
import TramaTestSupport
@testable import TramaIngest

let ftmFixtures = TestDatabase.repositoryRoot.appendingPathComponent("Tests/TramaIngestTests/Fixtures/ftm")

func readFtM(_ urls: [URL]) throws -> (FtMReader.Report, MemorySink) {
    var sink = MemorySink()
    let report = try FtMReader(files: urls).read(into: &sink)
    return (report, sink)
}

@Suite("FollowTheMoney: things as nodes, interstitials as edges")
struct FtMReaderTests {
    @Test func countsMatchWhatPythonReadsInTheSameFile() throws {
        let data = try Data(contentsOf: ftmFixtures.appendingPathComponent("expected.json"))
        let expected = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["de-donations.ijson"] as? [String: Any])
        let (report, sink) = try readFtM([ftmFixtures.appendingPathComponent("de-donations.ijson")])
        #expect(report.problems.isEmpty)
        #expect(report.bySchema == expected["by_schema"] as? [String: Int])
        #expect(sink.edges.filter { $0.kind == .paid }.count == expected["payments"] as? Int)
        #expect(sink.edges.filter { $0.kind == .registeredAt }.count == expected["address_links"] as? Int)
        #expect(sink.edges.filter { $0.kind == .linkedTo }.count == expected["other_links"] as? Int)
        let payment = try #require(sink.edges.first { $0.kind == .paid })
        #expect(payment.properties.hasPrefix("{\"schema\":\"Payment\",\"value\":") && payment.validFrom != nil)
        #expect(sink.nodes.contains { $0.entity.kind == .person && $0.name == "Frau Lina Dachner" })
    }

    @Test func manyThreadsReadWhatOneThreadReadsInTheSameOrder() throws {
        // 6,000 entities (three windows): references forwards and backwards, things met twice,
        // authorities named again and again, a bad date, an unknown schema, broken JSON.
        var lines: [String] = []
        for i in 0..<1_000 {
            lines.append(#"{"id":"p\#(i)","schema":"Person","properties":{"name":["Person \#(i)"],"birthDate":["\#(i % 97 == 0 ? "1990-13-40" : "1970")"]}}"#)
            lines.append(#"{"id":"o\#(i)","schema":"Ownership","properties":{"owner":["p\#(i)"],"asset":["c\#((i * 7) % 1_000)"],"percentage":["\#(i % 100)"]}}"#)
            lines.append(#"{"id":"c\#(i)","schema":"Company","properties":{"name":["Firm \#(i)"],"addressEntity":["a\#(i % 50)"],"parent":["p\#((i + 1) % 1_000)"]}}"#)
            lines.append(i % 10 == 0 ? #"{"id":"a\#(i % 50)","schema":"Address","properties":{"full":["Street \#(i % 50)"]}}"# : #"{"id":"c\#(i % 3)","schema":"Company","properties":{"name":["Again"]}}"#)
            lines.append(#"{"id":"s\#(i)","schema":"Sanction","properties":{"entity":["c\#(i)", "x\#(i)"],"authority":["Authority \#(i % 4)"]}}"#)
            lines.append(i % 250 == 0 ? #"{"id":"z\#(i)","schema":"Spaceship"}"# : i % 333 == 0 ? #"{"id":"bad\q","schema":"Person"}"# : #"{"id":"d\#(i)","schema":"Directorship","properties":{"director":["p\#(i)"],"organization":["c\#(i)"]}}"#)
        }
        let url = try temporaryJSONLines(lines)
        defer { try? FileManager.default.removeItem(at: url) }
        func read(workers: Int) throws -> (FtMReader.Report, MemorySink, [IngestProgress]) {
            var sink = MemorySink()
            var reports: [IngestProgress] = []
            let report = try FtMReader(files: [url]).read(into: &sink, progress: { reports.append($0) }, workers: workers)
            return (report, sink, reports)
        }
        let (one, oneSink, reports) = try read(workers: 1)
        let (three, threeSink, _) = try read(workers: 3)
        // The first pass says what it is doing (its time is no part of the reading's pace), then
        // the reading reports every 1,000 items, its bytes growing.
        #expect(reports.first?.phase == "learning every entity's id (a first pass over the files)")
        #expect(reports.dropFirst().map(\.records) == [1_000, 2_000, 3_000, 4_000, 5_000, 6_000])
        #expect(zip(reports.dropFirst(), reports.dropFirst(2)).allSatisfy { $0.bytesDone < $1.bytesDone })
        #expect(one.nodes > 1_900 && one.edges > 4_000 && one.problems.count > 1_000)
        #expect(one.problems.contains { $0.reason.hasPrefix("not valid JSON") } && one.problems.contains { $0.column == "schema" })
        #expect(three.nodes == one.nodes && three.edges == one.edges && three.bySchema == one.bySchema)
        #expect(three.problems == one.problems)
        #expect(three.rejected.map { "\($0)" } == one.rejected.map { "\($0)" })
        #expect(threeSink.nodes.map { "\($0)" } == oneSink.nodes.map { "\($0)" })
        #expect(threeSink.edges.map { "\($0)" } == oneSink.edges.map { "\($0)" })
    }

    @Test func ownershipKeepsItsShareAndDatesAndAnLEIIsTheKey() throws {
        let url = try temporaryJSONLines([
            #"{"id":"c1","schema":"Company","properties":{"name":["Acme"],"leiCode":["5493-0012 3456 ABCD 0001"]}}"#,
            #"{"id":"p1","schema":"Person","properties":{"name":["Ann"]}}"#,
            #"{"id":"o1","schema":"Ownership","properties":{"owner":["p1"],"asset":["c1"],"percentage":["25"],"startDate":["2019-02-01"],"endDate":["2021"]}}"#,
            #"{"id":"d1","schema":"Directorship","properties":{"director":["p1"],"organization":["c1"]}}"#,
        ])
        defer { try? FileManager.default.removeItem(at: url) }
        let (report, sink) = try readFtM([url])
        #expect(report.problems.isEmpty)
        let owns = try #require(sink.edges.first { $0.kind == .owns })
        #expect(owns.to == EntityRef(.firm, "XI-LEI-549300123456ABCD0001") && owns.from == EntityRef(.person, "ftm:p1"))
        #expect(owns.properties.contains("\"Share\":25.0") && owns.validFrom == Day(iso: "2019-02-01"))
        #expect(sink.edges.contains { $0.kind == .directorOf })
    }

    @Test func aThingsReferenceEdgesCiteItRatherThanCarryItAgain() throws {
        let url = try temporaryJSONLines([
            #"{"id":"a1","schema":"Address","properties":{"full":["Rua A 100"]}}"#,
            #"{"id":"p1","schema":"Person","properties":{"name":["Ann"]}}"#,
            #"{"id":"c1","schema":"Company","properties":{"name":["Acme"],"addressEntity":["a1"],"parent":["p1"],"sourceUrl":["https://register.example/c1"],"notes":["long"]}}"#,
            #"{"id":"c2","schema":"Company","properties":{"name":["Beta"],"parent":["p1"]}}"#,
        ])
        defer { try? FileManager.default.removeItem(at: url) }
        let (report, sink) = try readFtM([url])
        #expect(report.problems.isEmpty)
        let acme = try #require(sink.nodes.first { $0.entity == EntityRef(.firm, "ftm:c1") })
        #expect(acme.properties.contains(#""notes":["long"]"#), "the node keeps the whole entity")
        let fromAcme = sink.edges.filter { $0.from == EntityRef(.firm, "ftm:c1") }
        #expect(fromAcme.map(\.kind) == [.registeredAt, .linkedTo])
        for e in fromAcme {
            #expect(e.properties.hasSuffix(#","ftm":{"id":"c1","properties":{"sourceUrl":["https://register.example/c1"]}}}"#))
        }
        let fromBeta = try #require(sink.edges.first { $0.from == EntityRef(.firm, "ftm:c2") })
        #expect(fromBeta.properties == #"{"schema":"Company","property":"parent","ftm":{"id":"c2"}}"#)
    }

    @Test func anUnknownSchemaAndAMissingReferenceAreRejectedWithTheirLines() throws {
        let url = try temporaryJSONLines([
            #"{"id":"x","schema":"Spaceship","properties":{}}"#,
            #"{"id":"p1","schema":"Person","properties":{"name":["Ann"]}}"#,
            #"{"id":"f1","schema":"Family","properties":{"person":["p1"],"relative":["nobody"]}}"#,
        ])
        defer { try? FileManager.default.removeItem(at: url) }
        let (report, sink) = try readFtM([url])
        #expect(report.problems.map(\.line) == [1, 3])
        #expect(report.problems[0].reason.contains("'Spaceship' is not a FollowTheMoney schema"))
        #expect(report.problems[1].column == "properties.relative")
        #expect(sink.nodes.count == 1 && sink.edges.isEmpty)
    }

    @Test func aTramaRecordRestoresKindKeyAndPropertiesAndABadOneIsRejected() throws {
        let url = try temporaryJSONLines([
            #"{"id":"t1","schema":"CallForTenders","properties":{"title":["Bridge"],"summary":["{\"trama\":{\"kind\":\"tender\",\"key\":\"T-1\",\"properties\":{\"b\":1,\"a\":[true]}}}"]}}"#,
            #"{"id":"f1","schema":"Company","properties":{"name":["Acme"]}}"#,
            #"{"id":"b1","schema":"UnknownLink","properties":{"subject":["f1"],"object":["t1"],"startDate":["2021-04-01"],"summary":["{\"trama\":{\"kind\":\"bid\",\"properties\":{\"won\":true}}}"]}}"#,
            #"{"id":"x1","schema":"Note","properties":{"summary":["{\"trama\":{\"kind\":\"spaceship\",\"key\":\"1\",\"properties\":{}}}"]}}"#,
            #"{"id":"x2","schema":"UnknownLink","properties":{"subject":["f1"],"object":["t1"],"summary":["{\"trama\":{\"kind\":\"bid\"}}"]}}"#,
        ])
        defer { try? FileManager.default.removeItem(at: url) }
        let (report, sink) = try readFtM([url])
        #expect(report.problems.map(\.line) == [4, 5])
        #expect(sink.nodes.contains { $0.entity == EntityRef(.tender, "T-1") && $0.name == "Bridge" && $0.properties == #"{"a":[true],"b":1}"# })
        let bid = try #require(sink.edges.first)
        #expect(sink.edges.count == 1 && bid.kind == .bid && bid.from == EntityRef(.firm, "ftm:f1") && bid.to == EntityRef(.tender, "T-1"))
        #expect(bid.properties == #"{"won":true}"# && bid.validFrom == Day(iso: "2021-04-01"))
    }
}
