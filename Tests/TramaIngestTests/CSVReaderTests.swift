import Foundation
import Testing
@testable import TramaIngest

@Suite("CSV reading and writing")
struct CSVReaderTests {
    func records(_ text: String) throws -> [CSVRecord] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var out: [CSVRecord] = []
        try CSVReader(url: url).forEachRecord { r, _ in out.append(r) }
        return out
    }

    @Test func quotedFieldsKeepCommasQuotesAndNewlinesAndLinesCountPhysically() throws {
        let r = try records("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",2\nlast,3")
        #expect(r.map(\.fields) == [["a", "b"], ["x, y", "say \"hi\""], ["multi\nline", "2"], ["last", "3"]])
        #expect(r.map(\.line) == [1, 2, 3, 5])
    }

    @Test func byteOrderMarkAndBlankLinesAreIgnoredAndEmptyFieldsKept() throws {
        let r = try records("\u{FEFF}id,name\n\n1,\n,\n")
        #expect(r.map(\.fields) == [["id", "name"], ["1", ""], ["", ""]])
    }

    @Test func unclosedQuoteIsAnErrorNamingTheLine() throws {
        #expect(throws: CSVError.self) { try records("a\n\"open\n") }
        do {
            _ = try records("a\nok\n\"open\n")
        } catch let e as CSVError {
            #expect(e.line == 3)
        }
    }

    @Test func writerRoundTripsAwkwardFields() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvw-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = [["plain", "with,comma"], ["quote\"d", "new\nline"], ["", "é ü"]]
        let w = try CSVWriter(url: url, header: ["a", "b"])
        for r in rows { try w.write(r) }
        try w.close()
        var read: [[String]] = []
        try CSVReader(url: url).forEachRecord { r, _ in read.append(r.fields) }
        #expect(read == [["a", "b"]] + rows)
    }

    @Test func numbersAreCanonicalOrRejected() {
        #expect(canonicalNumber("007.50") == "7.50")
        #expect(canonicalNumber("-0") == "0")
        #expect(canonicalNumber(".5") == "0.5")
        #expect(canonicalNumber("+12") == "12")
        #expect(canonicalNumber("1,000") == nil)
        #expect(canonicalNumber("1e3") == nil)
        #expect(canonicalNumber("") == nil)
        #expect(canonicalNumber("-") == nil)
        #expect(canonicalNumber("1.2.3") == nil)
        // Values already canonical come back as they are; the near misses are still rewritten.
        for same in ["0", "7", "10", "0.5", "5.50", "123456.789"] { #expect(canonicalNumber(same) == same) }
        #expect(canonicalNumber("5.") == "5")
        #expect(canonicalNumber("00") == "0")
        #expect(canonicalNumber("01.5") == "1.5")
        #expect(canonicalNumber(".") == nil)
        #expect(canonicalNumber("1..") == nil)
    }

    @Test func registrationDataIsNormalisedSoFormattingDoesNotHideALink() {
        #expect(Normalize.words("Rua A, 100") == Normalize.words("  RUA a 100 "))
        // The byte-wise reading of ASCII agrees with the Unicode one on every ASCII character.
        let ascii = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        for sample in [ascii, "Av. Paulista, 1000 - sala 3", " a\r\nb\t-C_d ", "", "---", "x"] {
            #expect(Normalize.asciiWords(sample) == Normalize.unicodeWords(sample))
        }
        #expect(Normalize.asciiWords("São Paulo") == nil)
        #expect(Normalize.words("São Paulo, 12") == "SÃO PAULO 12")
        #expect(Normalize.phone("+55 (11) 3333-4444") == "551133334444")
        #expect(Normalize.email(" Contato@Alfa.Example ") == "contato@alfa.example")
    }

    @Test func propertiesAreValidJSONWhateverTheText() throws {
        var o = JSONObject()
        o.set("plain", "Alfa Obras")
        o.set("awkward", "say \"hi\" \\ tab\tnew\nline \u{01} é")
        o.set("n", number: "7.50")
        o.set("flag", true)
        let parsed = try JSONSerialization.jsonObject(with: Data(o.json.utf8)) as! [String: Any]
        #expect(parsed["plain"] as? String == "Alfa Obras")
        #expect(parsed["awkward"] as? String == "say \"hi\" \\ tab\tnew\nline \u{01} é")
        #expect((parsed["n"] as? NSNumber)?.doubleValue == 7.5 && parsed["flag"] as? Bool == true)
    }
}
