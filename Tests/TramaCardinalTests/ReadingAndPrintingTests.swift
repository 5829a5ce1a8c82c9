import Foundation
import Testing

@testable import TramaCardinal

@Suite("Reading JSON Lines and printing numbers as cardinal does")
struct ReadingAndPrintingTests {
    @Test(arguments: [
        (1.0, "1.0"), (0.0, "0.0"), (-0.0, "-0.0"), (99.0, "99.0"), (0.5, "0.5"), (1.0 / 6.0, "0.16666666666666666"),
        (0.1 + 0.2, "0.30000000000000004"), (100.0, "100.0"), (1e15, "1000000000000000.0"), (1234567890123456.0, "1234567890123456.0"),
        (1e16, "1e+16"), (1.5e16, "1.5e+16"), (123456789012345680.0, "1.2345678901234568e+17"), (0.00001, "0.00001"),
        (0.000012345, "0.000012345"), (1e-6, "1e-6"), (1.5e-7, "1.5e-7"), (-2.5, "-2.5"), (5e-324, "5e-324"),
        (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"), (66.3333, "66.3333"),
    ])
    func floatsPrintAsSerdeJSONPrintsThem(value: Double, text: String) {
        #expect(CardinalNumber.format(value) == text)
        #expect(Double(text) == value)
    }

    @Test func nonFiniteFloatsPrintAsNull() {
        #expect(CardinalNumber.format(.nan) == "null")
        #expect(CardinalNumber.format(.infinity) == "null")
    }

    @Test func metaRoundsToFourDecimalsHalfAwayFromZero() {
        #expect(CardinalNumber.roundedForMeta(66.33333333333331) == 66.3333)
        #expect(CardinalNumber.roundedForMeta(0.00005) == 0.0001)
        #expect(CardinalNumber.roundedForMeta(-0.00005) == -0.0001)
    }

    @Test func numbersKeepSerdeJSONText() throws {
        let value = try JSONParser.parse(#"[1, -0, 1.50, 1E5, 1e-5, -12, 18446744073709551616, 0.0]"#)
        #expect(value == .array(["1", "0", "1.50", "1e+5", "1e-5", "-12", "18446744073709551616", "0.0"].map(JSON.number)))
    }

    @Test func repeatedNamesKeepTheirFirstPlaceAndLastValue() throws {
        let value = try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(JSONWriter.string(value) == #"{"a":3,"b":2}"#)
    }

    @Test func stringsRoundTripWithSerdeJSONEscapes() throws {
        let text = #"{"s":"quote \" backslash \\ tab \t nl \n ctl \u0001 slash \/ é \ud83d\ude00"}"#
        let value = try JSONParser.parse(text)
        #expect(JSONWriter.string(value) == "{\"s\":\"quote \\\" backslash \\\\ tab \\t nl \\n ctl \\u0001 slash / é 😀\"}")
    }

    @Test(arguments: [
        ("", "EOF while parsing a value at line 1 column 0"),
        ("[1,]", "trailing comma at line 1 column 4"),
        (#"{"a":1,}"#, "trailing comma at line 1 column 8"),
        ("[1 2]", "expected `,` or `]` at line 1 column 4"),
        ("01", "invalid number at line 1 column 2"),
        ("nul", "EOF while parsing a value at line 1 column 3"),
        ("nulx", "expected ident at line 1 column 4"),
        ("{1:2}", "key must be a string at line 1 column 2"),
        ("1 2", "trailing characters at line 1 column 3"),
        (#""\ud800""#, "unexpected end of hex escape at line 1 column 8"),
        (#""\x""#, "invalid escape at line 1 column 3"),
    ])
    func syntaxErrorsReadAsSerdeJSONs(text: String, message: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
        do {
            _ = try JSONParser.parse(text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func nestingIsLimitedLikeSerdeJSON() throws {
        #expect(throws: Never.self) { try JSONParser.parse(String(repeating: "[", count: 127) + String(repeating: "]", count: 127)) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(String(repeating: "[", count: 128) + String(repeating: "]", count: 128)) }
    }

    @Test func linesSplitLikeRustLines() throws {
        let data = Data("{\"a\":1}\r\n\n  \n{\"b\":\r\n{\"c\":1}".utf8)
        var seen: [(Int, String)] = []
        try JSONLines.forEach(.data(data)) { line, content in
            switch content {
            case .json(let v): seen.append((line, JSONWriter.string(v)))
            case .blank: seen.append((line, "blank"))
            case .invalidUTF8: seen.append((line, "utf8"))
            case .invalidJSON: seen.append((line, "invalid"))
            }
        }
        #expect(seen.map(\.0) == [1, 2, 3, 4, 5])
        #expect(seen.map(\.1) == [#"{"a":1}"#, "blank", "blank", "invalid", #"{"c":1}"#])
    }

    @Test func aFileIsReadAcrossBlockBoundaries() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trama-cardinal-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        // Long lines so that some straddle the 1 MiB blocks.
        let padding = String(repeating: "x", count: 3000)
        var text = ""
        for i in 0..<1000 { text += #"{"ocid":"\#(i)","pad":"\#(padding)","tender":{"numberOfTenderers":1,"procurementMethod":"open"}}"# + "\n" }
        try text.write(to: url, atomically: true, encoding: .utf8)
        var settings = CardinalSettings()
        settings.r018 = .init()
        let result = try CardinalIndicators.run(.file(url), settings: settings, options: .init(noMeta: true))
        #expect(result.groups.first?.entries.count == 1000)
        #expect(result.lines == 1000)
        #expect(result.warnings.isEmpty)
    }

    @Test func anUnreadableFileIsNamed() {
        #expect(throws: CardinalError.self) { try CardinalIndicators.run(.file(URL(fileURLWithPath: "/nonexistent/x.jsonl"))) }
    }

    @Test func timestampsParseAsChronoParsesRFC3339() throws {
        let start = try #require(RFC3339Instant("2020-08-03T18:00:00-05:00"))
        #expect(try #require(RFC3339Instant("2020-08-04T18:00:00-05:00")).wholeDays(since: start) == 1)
        #expect(try #require(RFC3339Instant("2020-08-18T17:59:59.999-05:00")).wholeDays(since: start) == 14)
        #expect(try #require(RFC3339Instant("2020-08-18t23:00:00Z")).wholeDays(since: start) == 15)
        #expect(try #require(RFC3339Instant("2020-08-02 18:00:00-05:00")).wholeDays(since: start) == -1)
        #expect(try #require(RFC3339Instant("2020-08-02T18:00:01-05:00")).wholeDays(since: start) == 0)
        #expect(RFC3339Instant("2016-12-31T23:59:60Z") != nil)
        for bad in [
            "2020-08-03", "2020-08-03T18:00:00", "2021-02-29T00:00:00Z", "2020-08-03T24:00:00Z", "2020-08-03T18:00:00+05",
            "2020-08-03T18:00:00+05:60", "2020-08-03T18:00:00.Z", "2020-08-03T18:00:00Z ",
        ] {
            #expect(RFC3339Instant(bad) == nil, "\(bad)")
        }
    }
}

extension ReadingAndPrintingTests {
    /// Texts printed by the zmij crate itself (see Fixtures/README.md), including halfway cases
    /// where the shortest digits round to even.
    @Test func floatsPrintAsTheZmijCratePrintsThem() throws {
        let text = try Paths.text(Paths.testsFolder.appendingPathComponent("Fixtures/zmij-format-finite.txt"))
        var checked = 0
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            let value = Double(bitPattern: try #require(UInt64(parts[0])))
            #expect(CardinalNumber.format(value) == String(parts[1]), "bits \(parts[0])")
            checked += 1
        }
        #expect(checked > 2000)
    }
}
