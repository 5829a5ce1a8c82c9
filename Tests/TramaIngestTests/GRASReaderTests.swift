import Foundation
import Testing
import TramaGraph
@testable import TramaIngest

@Suite("Reading GRAS tables into nodes and edges")
struct GRASReaderTests {
    func readSmall(_ dir: URL = Fixture.small) throws -> (MemorySink, GRASReadReport) {
        var sink = MemorySink()
        let report = try GRASReader(directory: dir).read(into: &sink)
        return (sink, report)
    }

    @Test func everyTableOfTheContractIsReadWithTheCountsWorkedOutByHand() throws {
        let (sink, report) = try readSmall()
        #expect(report.problems.isEmpty)
        // Every table of the shared contract; the socio-economic and criminal records Trama reads
        // beyond it (GRAS 3.7, 3.8) are tested on their own (DatasetImporterTests).
        #expect(report.files.map(\.file) == GRASTable.allCases.filter { ![.socialBenefits, .criminalRecords].contains($0) }.map(\.fileName))
        #expect(sink.nodes.count == Fixture.smallNodes)
        #expect(sink.edges.count == Fixture.smallEdges)
        #expect(Set(sink.nodes.map { $0.entity }).count == sink.nodes.count, "no node twice")
    }

    @Test func peopleTakeTheirMostSpecificRole() throws {
        let (sink, _) = try readSmall()
        let kinds = Dictionary(uniqueKeysWithValues: sink.nodes.map { ($0.entity.key, $0.entity.kind) })
        #expect(kinds["P4"] == .judge)
        #expect(kinds["P3"] == .lawyer)
        #expect(kinds["P1"] == .person)
        let presides = sink.edges.first { $0.kind == .presides }
        #expect(presides?.from == EntityRef(.judge, "P4"))
    }

    @Test func sharedRegistrationDataBecomesOneNodeLinkedFromEachFirm() throws {
        let (sink, _) = try readSmall()
        let address = sink.edges.filter { $0.kind == .registeredAt && $0.to == EntityRef(.address, "RUA A 100") }
        #expect(Set(address.map(\.from.key)) == ["F1", "F2"])
        let phone = sink.edges.filter { $0.kind == .hasPhone }
        #expect(Set(phone.map(\.to)) == [EntityRef(.phone, "551133334444")])
        #expect(sink.nodes.first { $0.entity == EntityRef(.address, "RUA A 100") }?.source == "firms.csv:2")
    }

    @Test func edgesCarryDatesValuesAndTheirSourceRecord() throws {
        let (sink, _) = try readSmall()
        let own = try #require(sink.edges.first { $0.kind == .owns && $0.to.key == "F2" })
        #expect(own.from == EntityRef(.firm, "F4"))
        #expect(own.validFrom == Day(iso: "2011-01-01") && own.validTo == Day(iso: "2020-12-31"))
        #expect(own.source == "shareholders.csv:3")
        #expect(own.properties.contains("\"Share\":40"))
        let bid = try #require(sink.edges.first { $0.kind == .bid && $0.from.key == "F1" })
        #expect(bid.properties.contains("\"AwardBid\":true") && bid.properties.contains("\"BidValue\":990000"))
        let counsel = try #require(sink.edges.first { $0.kind == .counselIn && $0.to.key == "J1" })
        #expect(counsel.validFrom == Day(iso: "2020-01-10") && counsel.validTo == Day(iso: "2021-02-01"))
        #expect(counsel.properties.contains("\"for\":\"firm:F3\""))
    }

    @Test func columnsTheContractDoesNotNameAreKeptAsProperties() throws {
        let (sink, _) = try readSmall()
        let f1 = try #require(sink.nodes.first { $0.entity == EntityRef(.firm, "F1") })
        #expect(f1.properties.contains("\"Website\":\"alfa.example\""))
    }

    @Test func brokenDateDanglingIDAndMissingColumnAreEachReportedPrecisely() throws {
        let dir = try Fixture.copyOfSmall()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixture.edit(dir, "shareholders.csv", replacing: "2015-05-05", with: "2015-13-05")
        try Fixture.edit(dir, "bids.csv", replacing: "T2,F3,2", with: "T2,F9,2")
        try Fixture.edit(dir, "employment.csv", replacing: "EmployerID,WorkerID", with: "EmployerID,Worker")
        let (_, report) = try readSmall(dir)
        #expect(
            report.problems == [
                IngestProblem(file: "shareholders.csv", line: 5, column: "ShareholderEntryDate", value: "2015-13-05", reason: "is not a date (expected YYYY-MM-DD)"),
                IngestProblem(file: "employment.csv", line: 1, column: "WorkerID", value: "", reason: "required column is missing from the header"),
                IngestProblem(file: "bids.csv", line: 5, column: "FirmID", value: "F9", reason: "unknown ID: not a FirmID in firms.csv"),
            ])
        // Both employment records are rejected with the file's problem; nothing else is.
        #expect(report.rejected.map { "\($0.file):\($0.line)" } == ["shareholders.csv:5", "employment.csv:2", "employment.csv:3", "bids.csv:5"])
    }

    @Test func aReferenceToARejectedRecordSaysSo() throws {
        let dir = try Fixture.copyOfSmall()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixture.edit(dir, "firms.csv", replacing: "1999-12-31", with: "31/12/1999")
        let (_, report) = try readSmall(dir)
        let reasons = report.problems.filter { $0.value == "F3" }.map(\.reason)
        #expect(!reasons.isEmpty)
        #expect(reasons.allSatisfy { $0 == "refers to the FirmID defined at firms.csv:4, which was rejected" })
    }

    /// Problems, rejects and staged rows come out in the order of the files, over thousands of
    /// records where good and bad ones alternate.
    @Test func aLongReadKeepsRecordOrderInErrorsRejectsAndRows() throws {
        let dir = try Fixture.copyOfSmall()
        defer { try? FileManager.default.removeItem(at: dir) }
        let firms = dir.appendingPathComponent("firms.csv")
        let bids = dir.appendingPathComponent("bids.csv")
        var firmRows = try String(contentsOf: firms, encoding: .utf8)
        var bidRows = try String(contentsOf: bids, encoding: .utf8)
        let extra = 5_000
        for i in 0..<extra {
            let founded = i % 7 == 3 ? "2010-02-30" : "2010-02-01"
            firmRows += "G\(i),Firm \(i),company,BR,Street \(i),,,4211,\(founded),,,,\(i),,\n"
            bidRows += "T1,G\(i),\(i),\(i % 11 == 5 ? "1.000,00" : "1000"),2019-03-01,0\n"
        }
        try firmRows.write(to: firms, atomically: true, encoding: .utf8)
        try bidRows.write(to: bids, atomically: true, encoding: .utf8)
        let (sink, report) = try readSmall(dir)

        let badFirms = (0..<extra).filter { $0 % 7 == 3 }
        let badBids = (0..<extra).filter { $0 % 11 == 5 && $0 % 7 != 3 }
        #expect(report.rejected.count == 2 * badFirms.count + badBids.count, "a bid of a rejected firm is rejected too")
        // Every problem, in file order and line order within a file.
        let fileOrder = GRASTable.allCases.map(\.fileName)
        let places = report.problems.map { fileOrder.firstIndex(of: $0.file)! * 1_000_000 + $0.line }
        #expect(places == places.sorted())
        let rejectedPlaces = report.rejected.map { fileOrder.firstIndex(of: $0.file)! * 1_000_000 + $0.line }
        #expect(rejectedPlaces == rejectedPlaces.sorted())
        let firstFirm = try #require(report.problems.first { $0.file == "firms.csv" })
        #expect(firstFirm.line == 6 + 3 && firstFirm.value == "2010-02-30")
        // Staged rows keep the file's order too.
        let stagedFirms = sink.nodes.filter { $0.entity.kind == .firm && $0.entity.key.hasPrefix("G") }.map(\.entity.key)
        #expect(stagedFirms == (0..<extra).filter { $0 % 7 != 3 }.map { "G\($0)" })
        let stagedBids = sink.edges.filter { $0.kind == .bid && $0.from.key.hasPrefix("G") }.map(\.source)
        #expect(stagedBids == stagedBids.sorted { Int($0.split(separator: ":")[1])! < Int($1.split(separator: ":")[1])! })
        #expect(report.nodes == sink.nodes.count && report.edges == sink.edges.count)

        // The checking ran on a thread of its own, ahead of the emitting; on one thread the read
        // gives the same rows, problems and rejects, in the same order.
        var alone = MemorySink()
        let aloneReport = try GRASReader(directory: dir).read(into: &alone, checkingAhead: false)
        #expect(alone.nodes.map(Self.describe) == sink.nodes.map(Self.describe))
        #expect(alone.edges.map(Self.describe) == sink.edges.map(Self.describe))
        #expect(aloneReport.problems == report.problems)
        #expect(aloneReport.rejected.map { "\($0.file):\($0.line) \($0.problems)" } == report.rejected.map { "\($0.file):\($0.line) \($0.problems)" })
        #expect(aloneReport.files.map(\.accepted) == report.files.map(\.accepted))
    }

    static func describe(_ n: StagedNode) -> String { "\(n.entity) \(n.name ?? "-") \(n.properties) \(n.source)" }
    static func describe(_ e: StagedEdge) -> String {
        "\(e.kind) \(e.from) \(e.to) \(e.validFrom?.iso ?? "-") \(e.validTo?.iso ?? "-") \(e.properties) \(e.source)"
    }

    /// A sink that fails (the database went away during an import's COPY) stops the reading:
    /// its error is what the read throws, and the checking thread stops with it.
    @Test func aFailingSinkStopsTheReadWithItsError() throws {
        struct Gone: Error {}
        struct FailingSink: GraphSink {
            var taken = 0
            mutating func add(_ node: StagedNode) throws { try take() }
            mutating func add(_ edge: StagedEdge) throws { try take() }
            mutating func take() throws {
                taken += 1
                if taken == 3 { throw Gone() }
            }
        }
        let dir = try Fixture.copyOfSmall()
        defer { try? FileManager.default.removeItem(at: dir) }
        let firms = dir.appendingPathComponent("firms.csv")
        var rows = try String(contentsOf: firms, encoding: .utf8)
        for i in 0..<20_000 { rows += "G\(i),Firm \(i),company,BR,Street \(i),,,4211,2010-02-01,,,,\(i),,\n" }
        try rows.write(to: firms, atomically: true, encoding: .utf8)
        var sink = FailingSink()
        #expect(throws: Gone.self) { try GRASReader(directory: dir).read(into: &sink) }
        #expect(sink.taken == 3, "nothing was emitted after the failure")
    }

    @Test func duplicateIDsNumbersFlagsRangesAndAmbiguityAreChecked() throws {
        let dir = try Fixture.copyOfSmall()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixture.edit(dir, "agencies.csv", replacing: "A2,\"City", with: "A1,\"City")
        try Fixture.edit(dir, "bids.csv", replacing: "480000,2019-06-01,1", with: "480.000,00,2019-06-01,yes")
        try Fixture.edit(dir, "employment.csv", replacing: "2012-02-01,2016-06-30", with: "2016-06-30,2012-02-01")
        try Fixture.edit(dir, "people.csv", replacing: "P6,Fabio", with: "F4,Fabio")
        let (_, report) = try readSmall(dir)
        let got = report.problems.map { "\($0.file):\($0.line) \($0.column): \($0.reason)" }
        #expect(got.contains("agencies.csv:3 AgencyID: duplicate AgencyID, first defined at line 2"))
        #expect(got.contains("bids.csv:4 : record has 7 fields, the header has 6"))
        #expect(got.contains("employment.csv:2 TerminationDate: is before AdmissionDate 2016-06-30"))
        #expect(got.contains { $0.hasPrefix("shareholders.csv:2 ShareholderID: is ambiguous: it is a FirmID and a PersonID") })
    }
}
