import Foundation
import TramaTestSupport
import Testing
import TramaGraph
@testable import TramaIngest

/// One validation standard: every importer is fed the same broken values — an impossible date,
/// a number beyond range, a negative amount, a share above 100 — and refuses each with the same
/// words, naming the file, the line and the field (a column or a JSON path) and the value.
@Suite("The same value rules in every importer")
struct ValueRuleTests {
    @Test func theRulesThemselves() {
        #expect(ValueRules.dateProblem("2021-02-28") == nil && ValueRules.dateProblem("2021-02-28T10:00:00Z") == nil)
        #expect(ValueRules.dateProblem("2021-02-30") == ValueRules.notADate && ValueRules.dateProblem("2021-02-28X") == ValueRules.notADate)
        #expect(ValueRules.dateProblem("2021") == ValueRules.notADate && ValueRules.dateProblem("2021", partial: true) == nil)
        #expect(ValueRules.dateProblem("2021-02", partial: true) == nil && ValueRules.dateProblem("2021-13", partial: true) == ValueRules.notADate)
        #expect(ValueRules.amountProblem(-1) == ValueRules.negativeAmount && ValueRules.amountProblem(0) == nil)
        #expect(ValueRules.amountProblem(.nan) == ValueRules.notFinite && ValueRules.shareProblem(100.5) == ValueRules.notAShare)
        for bad in ["NaN", "Infinity", "-inf", "1e999", "12abc", ""] { #expect((try? ValueRules.number(bad).get()) == nil, "\(bad)") }
        #expect((try? ValueRules.number(" 12.5 ").get()) == 12.5)
    }

    static func file(_ name: String, _ text: String) throws -> URL {
        let dir = try TestScratch.directory("rules")
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The one problem of a read, as `path | value | reason`.
    static func only(_ problems: [IngestProblem], file: String, line: Int) -> String? {
        guard problems.count == 1, problems[0].file == file, problems[0].line == line else { return "\(problems)" }
        let reason = problems[0].reason.components(separatedBy: " (byte").first!
        return "\(problems[0].column) | \(problems[0].value) | \(reason)"
    }

    @Test func gras() throws {
        let dir = try Fixture.copyOfSmall()
        try Fixture.edit(dir, "bids.csv", replacing: "T1,F2,2,1010000,2019-02-26,0", with: "T1,F2,2,-1010000,2019-02-26,0")
        try Fixture.edit(dir, "bids.csv", replacing: "T1,F1,1,990000,2019-02-25,1", with: "T1,F1,1,990000,2019-02-30,1")
        var sink = MemorySink()
        let report = try GRASReader(directory: dir).read(into: &sink)
        let bids = report.problems.filter { $0.file == "bids.csv" }.map { "\($0.line) \($0.column) | \($0.value) | \($0.reason)" }.sorted()
        #expect(bids == ["2 BidDate | 2019-02-30 | \(ValueRules.notADate)", "3 BidValue | -1010000 | \(ValueRules.negativeAmount)"])
    }

    @Test func ocds() throws {
        func release(_ tender: String, bids: String = "[]") -> String {
            #"{"ocid": "ocds-x-1", "date": "2021-01-01T00:00:00Z", "tender": \#(tender), "bids": {"details": \#(bids)}}"#
        }
        let cases: [(String, String)] = [
            (release(#"{"tenderPeriod": {"startDate": "2021-02-30T00:00:00Z"}}"#), "tender.tenderPeriod.startDate | 2021-02-30T00:00:00Z | \(ValueRules.notADate)"),
            (release("{}", bids: #"[{"id": "b", "tenderers": [{"id": "F"}], "value": {"amount": -5}}]"#), "bids.details[0].value.amount | -5 | \(ValueRules.negativeAmount)"),
            (release(#"{"value": {"amount": "NaN"}}"#), "tender.value.amount | NaN | \(ValueRules.notFinite)"),
        ]
        for (text, expected) in cases {
            let url = try Self.file("r.jsonl", "{\"ocid\": \"ocds-x-0\"}\n" + text + "\n")
            var sink = MemorySink()
            let report = try OCDSReader(files: [url]).read(into: &sink)
            #expect(Self.only(report.problems, file: "r.jsonl", line: 2) == expected)
            #expect(report.processes == 1, "the rest is read")
        }
        // A number beyond a double's range is refused where it stands.
        let url = try Self.file("big.jsonl", release(#"{"value": {"amount": 1e999}}"#) + "\n")
        var sink = MemorySink()
        let report = try OCDSReader(files: [url]).read(into: &sink)
        #expect(report.problems.count == 1 && report.problems[0].reason.contains("1e999' \(ValueRules.notFinite)"), "\(report.problems)")
    }

    @Test func bods() throws {
        func ownership(_ interest: String) -> String {
            #"{"statementID": "s2", "statementType": "ownershipOrControlStatement", "statementDate": "2020-01-01", "subject": {"describedByEntityStatement": "s1"}, "interestedParty": {"describedByPersonStatement": "p1"}, "interests": [\#(interest)]}"#
        }
        let entity = #"{"statementID": "s1", "statementType": "entityStatement", "statementDate": "2020-01-01", "name": "Alfa", "entityType": "registeredEntity"}"#
        let cases: [(String, String)] = [
            (ownership(#"{"type": "shareholding", "startDate": "2021-02-30", "share": {"exact": 50}}"#), "interests[0].startDate | 2021-02-30 | \(ValueRules.notADate)"),
            (ownership(#"{"type": "shareholding", "share": {"exact": 150}}"#), "interests[0].share.exact | 150 | \(ValueRules.notAShare)"),
            (ownership(#"{"type": "shareholding", "share": {"minimum": -10, "maximum": 20}}"#), "interests[0].share.minimum | -10 | \(ValueRules.notAShare)"),
        ]
        for (text, expected) in cases {
            var sink = MemorySink()
            let report = try BODSReader(files: [try Self.file("b.jsonl", entity + "\n" + text + "\n")]).read(into: &sink)
            #expect(Self.only(report.problems, file: "b.jsonl", line: 2) == expected)
            #expect(report.entities == 1, "the rest is read")
        }
    }

    @Test func followTheMoney() throws {
        let people = #"{"id": "a", "schema": "Person", "properties": {"name": ["Ana"]}}"# + "\n" + #"{"id": "c", "schema": "Company", "properties": {"name": ["Alfa"]}}"#
        let cases: [(String, String)] = [
            (#"{"id": "o", "schema": "Ownership", "properties": {"owner": ["a"], "asset": ["c"], "startDate": ["2021-02-30"]}}"#, "properties.startDate[0] | 2021-02-30 | \(ValueRules.notADate)"),
            (#"{"id": "o", "schema": "Ownership", "properties": {"owner": ["a"], "asset": ["c"], "percentage": ["150%"]}}"#, "properties.percentage[0] | 150% | \(ValueRules.notAShare)"),
            (#"{"id": "p", "schema": "Payment", "properties": {"payer": ["a"], "beneficiary": ["c"], "amount": ["NaN"]}}"#, "properties.amount[0] | NaN | \(ValueRules.notFinite)"),
            (#"{"id": "p", "schema": "Payment", "properties": {"payer": ["a"], "beneficiary": ["c"], "amount": ["1e999"]}}"#, "properties.amount[0] | 1e999 | \(ValueRules.notFinite)"),
            (#"{"id": "p", "schema": "Payment", "properties": {"payer": ["a"], "beneficiary": ["c"], "amount": ["-3"]}}"#, "properties.amount[0] | -3 | \(ValueRules.negativeAmount)"),
        ]
        for (text, expected) in cases {
            var sink = MemorySink()
            let report = try FtMReader(files: [try Self.file("f.jsonl", people + "\n" + text + "\n")]).read(into: &sink)
            #expect(Self.only(report.problems, file: "f.jsonl", line: 3) == expected)
            #expect(sink.nodes.count == 2, "the rest is read")
        }
        // A partial date is FollowTheMoney's own and accepted.
        var sink = MemorySink()
        let partial = #"{"id": "o", "schema": "Ownership", "properties": {"owner": ["a"], "asset": ["c"], "startDate": ["2021-02"]}}"#
        let report = try FtMReader(files: [try Self.file("f.jsonl", people + "\n" + partial + "\n")]).read(into: &sink)
        #expect(report.problems.isEmpty && sink.edges.count == 1)
    }
}

@Suite("Encodings: a byte-order mark read past, invalid UTF-8 refused with its place")
struct EncodingTests {
    @Test func aByteOrderMarkIsAcceptedInJSONAsInCSV() throws {
        let url = try ValueRuleTests.file("bom.jsonl", "\u{FEFF}" + #"{"ocid": "ocds-bom-1", "tender": {"title": "Café"}}"# + "\n")
        var sink = MemorySink()
        let report = try OCDSReader(files: [url]).read(into: &sink)
        #expect(report.problems.isEmpty && report.processes == 1)
    }

    @Test func invalidUTF8IsRefusedNotRepaired() throws {
        var json = Data(#"{"ocid": "ocds-bad-1", "tender": {"title": "Caf"#.utf8)
        json.append(0xE9)  // Latin-1 é
        json.append(Data(#""}}"#.utf8) + Data("\n".utf8) + Data(#"{"ocid": "ocds-good-2"}"#.utf8) + Data("\n".utf8))
        let url = try ValueRuleTests.file("latin1.jsonl", "")
        try json.write(to: url)
        var sink = MemorySink()
        let report = try OCDSReader(files: [url]).read(into: &sink)
        #expect(report.problems.count == 1 && report.problems[0].line == 1 && report.problems[0].reason.contains("invalid UTF-8"), "\(report.problems)")
        #expect(report.processes == 1, "the next item is read")

        var csv = Data("FirmID,FirmName\nF1,Caf".utf8)
        csv.append(0xE9)
        csv.append(Data("\n".utf8))
        let csvURL = try ValueRuleTests.file("firms.csv", "")
        try csv.write(to: csvURL)
        #expect {
            try CSVReader(url: csvURL).forEachRecord { _, _ in }
        } throws: { error in
            "\(error)".contains("firms.csv:2:") && "\(error)".contains("field 2 is not valid UTF-8")
        }
    }

    /// A NUL reached PostgreSQL and failed the whole COPY with "invalid byte sequence … 0x00"
    /// (or "unsupported Unicode escape sequence" in jsonb) instead of naming the record.
    @Test func aNULIsRefusedWithItsPlaceInEveryFormat() throws {
        let lines = [
            ("o.jsonl", #"{"ocid": "ocds-nul-1", "parties": [{"id": "p1", "name": "Acme\u0000Ltd", "roles": ["tenderer"]}]}"#),
            ("f.jsonl", #"{"id": "c1", "schema": "Company", "properties": {"name": ["Ac\u0000me"]}}"#),
            ("b.jsonl", #"{"statementID": "s1", "statementType": "entityStatement", "name": "A\u0000"}"#),
        ]
        var sink = MemorySink()
        for (name, line) in lines {
            let url = try ValueRuleTests.file(name, line + "\n")
            let problems: [IngestProblem] =
                name == "o.jsonl" ? try OCDSReader(files: [url]).read(into: &sink).problems
                : name == "f.jsonl" ? try FtMReader(files: [url]).read(into: &sink).problems : try BODSReader(files: [url]).read(into: &sink).problems
            #expect(problems.count == 1 && problems[0].line == 1 && problems[0].reason.contains("NUL"), "\(name): \(problems)")
        }
        let csvURL = try ValueRuleTests.file("firms.csv", "")
        try Data("FirmID,FirmName\nF1,Ac\u{0}me\n".utf8).write(to: csvURL)
        #expect {
            try CSVReader(url: csvURL).forEachRecord { _, _ in }
        } throws: { error in
            "\(error)".contains("firms.csv:2:") && "\(error)".contains("NUL")
        }
    }
}

@Suite("JSON problems are named where they are")
struct JSONProblemPlaceTests {
    @Test func aSyntaxErrorIsNamedByItsOwnLineNotTheItemsFirst() throws {
        let text = "[\n{\"ocid\": \"ocds-a\",\n \"tender\": {\n  \"title\": tru\n}},\n{\"ocid\": \"ocds-b\"}\n]\n"
        var sink = MemorySink()
        let report = try OCDSReader(files: [try ValueRuleTests.file("pretty.json", text)]).read(into: &sink)
        #expect(report.problems.count == 1 && report.problems[0].line == 4, "\(report.problems)")
        #expect(report.processes == 1)
    }
}

@Suite("Phones: one key per line, national or international (E.164 with the record's country)")
struct PhoneNumberTests {
    @Test(arguments: [
        ("+55 11 91234-5678", nil, "5511912345678"), ("(11) 91234-5678", "BR", "5511912345678"), ("0055 11 91234 5678", "BR", "5511912345678"),
        ("011 91234 5678", "Brazil", "5511912345678"), ("5511 91234 5678", "BR", "5511912345678"), ("(55) 91234-5678", "BR", "5555912345678"),
        ("020 7946 0018", "GB", "442079460018"), ("+44 (0)20 7946 0018", nil, "442079460018"), ("(202) 555-0100", "US", "12025550100"),
        ("1-202-555-0100", "United States", "12025550100"), ("011 44 20 7946 0018", "US", "442079460018"), ("601 2345678", "Colombia", "576012345678"),
        ("(11) 91234-5678", nil, "11912345678"), ("(11) 91234-5678", "Atlantis", "11912345678"), ("n/a", "BR", ""),
    ] as [(String, String?, String)])
    func keys(written: String, country: String?, key: String) {
        #expect(Normalize.phone(written, country: country) == key)
    }

    @Test func aFirmsNationalNumberAndAnothersInternationalFormAreOnePhone() throws {
        let dir = try Fixture.copyOfSmall()
        try Fixture.edit(dir, "firms.csv", replacing: "5511 3333 4444", with: "(11) 3333-4444")
        var sink = MemorySink()
        _ = try GRASReader(directory: dir).read(into: &sink)
        let phone = sink.edges.filter { $0.kind == .hasPhone }
        #expect(Set(phone.map(\.to)) == [EntityRef(.phone, "551133334444")] && phone.count == 2)
    }
}

@Suite("Field sizes bounded at import")
struct FieldSizeTests {
    static let huge = String(repeating: "Grupo ", count: 2_000)  // 12,000 bytes

    @Test func aNameOfMegabytesIsRefusedByEveryImporterNamingItsLength() throws {
        let dir = try Fixture.copyOfSmall()
        try Fixture.edit(dir, "firms.csv", replacing: "Gama Construções", with: Self.huge)
        var sink = MemorySink()
        let gras = try GRASReader(directory: dir).read(into: &sink).problems.filter { $0.file == "firms.csv" }
        #expect(gras.count == 1 && gras[0].column == "FirmName" && gras[0].reason.contains("bytes long, above the limit of 10000"), "\(gras)")

        let ocds = try ValueRuleTests.file("big.jsonl", #"{"ocid": "ocds-big", "parties": [{"id": "x", "name": "\#(Self.huge)"}]}"# + "\n")
        #expect(try OCDSReader(files: [ocds]).read(into: &sink).problems.first?.column == "parties[0].name")
        let ftm = try ValueRuleTests.file("big.ftm", #"{"id": "c", "schema": "Company", "properties": {"name": ["\#(Self.huge)"]}}"# + "\n")
        #expect(try FtMReader(files: [ftm]).read(into: &sink).problems.first?.column == "properties.name[0]")
        let bods = try ValueRuleTests.file(
            "big.jsonl", #"{"statementID": "s1", "statementType": "entityStatement", "statementDate": "2020-01-01", "name": "\#(Self.huge)"}"# + "\n")
        #expect(try BODSReader(files: [bods]).read(into: &sink).problems.first?.column == "name")
    }
}

@Suite("BODS statements of the wrong type")
struct BODSStatementTypeTests {
    @Test func anOwnershipWhoseSubjectIsAPersonIsRefusedNamingTheReference() throws {
        let lines = [
            #"{"statementID": "p1", "statementType": "personStatement", "statementDate": "2020-01-01", "names": [{"fullName": "Ana Souza"}]}"#,
            #"{"statementID": "e1", "statementType": "entityStatement", "statementDate": "2020-01-01", "name": "Alfa"}"#,
            #"{"statementID": "r1", "statementType": "ownershipOrControlStatement", "statementDate": "2020-01-01", "subject": {"describedByEntityStatement": "p1"}, "interestedParty": {"describedByPersonStatement": "p1"}, "interests": []}"#,
            #"{"statementID": "r2", "statementType": "ownershipOrControlStatement", "statementDate": "2020-01-01", "subject": {"describedByEntityStatement": "e1"}, "interestedParty": {"describedByPersonStatement": "e1"}, "interests": []}"#,
            #"{"statementID": "r3", "statementType": "ownershipOrControlStatement", "statementDate": "2020-01-01", "subject": {"describedByEntityStatement": "e1"}, "interestedParty": {"describedByPersonStatement": "p1"}, "interests": [{"type": "shareholding", "share": {"exact": 60}}]}"#,
        ]
        var sink = MemorySink()
        let report = try BODSReader(files: [try ValueRuleTests.file("types.jsonl", lines.joined(separator: "\n") + "\n")]).read(into: &sink)
        let problems = report.problems.map { "\($0.line) \($0.column) | \($0.value)" }
        #expect(problems == ["3 subject | p1", "4 interestedParty.describedByPersonStatement | e1"], "\(report.problems)")
        #expect(sink.edges.filter { $0.kind == .owns }.count == 1)
    }
}
