import Foundation
import Testing
@testable import TramaIngest

extension RawJSON {
    /// The value in the shapes `JSONSerialization` gives, to compare the two parsers.
    var foundationValue: Any {
        switch token.kind {
        case .object:
            var o: [String: Any] = [:]
            for (k, v) in members { o[k] = v.foundationValue }
            return o
        case .array: return elements.map(\.foundationValue)
        case .string: return tape.string(at: index)
        case .true: return true
        case .false: return false
        case .null: return NSNull()
        case .number:
            let written = json
            if token.flag {
                if let i = Int64(written) { return NSNumber(value: i) }
                if let u = UInt64(written) { return NSNumber(value: u) }
            }
            return NSNumber(value: Double(written) ?? .nan)
        }
    }
}

@Suite("JSON: the importers' tape reads what Foundation reads, and keeps the published text")
struct JSONTapeTests {
    /// Both parsers' results, re-encoded with sorted keys, must be the same text.
    func same(_ text: String) throws -> Bool {
        let data = Data(text.utf8)
        let ours = try JSONTape(data).root.foundationValue
        let theirs = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        let a = try JSONSerialization.data(withJSONObject: ours, options: [.sortedKeys, .fragmentsAllowed])
        let b = try JSONSerialization.data(withJSONObject: theirs, options: [.sortedKeys, .fragmentsAllowed])
        return a == b
    }

    @Test func valuesEscapesAndNumbersParseAsFoundationParsesThem() throws {
        for text in [
            #"{"a":[1,-2,3.5,1e3,-0.25E-2,12345678901234567890],"b":{"c":null,"d":true,"e":false}}"#,
            #"["\"q\" \\ \/ \b\f\n\r\t", "\u00e9\u4e2d", "\ud83d\ude00", "São Paulo"]"#,
            "  { \"spaced\" : [ ] , \"empty\" : { } }  ",
        ] {
            #expect(try same(text), "\(text)")
        }
    }

    @Test func everyFixtureFileParsesAlike() throws {
        for dir in [ocdsFixtures, bodsFixtures, ftmFixtures] {
            for url in try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil) where url.pathExtension != "gz" && url.pathExtension != "py" {
                let text = try String(contentsOf: url, encoding: .utf8)
                let lines = url.pathExtension == "json" ? [text] : text.split(separator: "\n").map(String.init)
                for line in lines where !line.trimmingCharacters(in: .whitespaces).isEmpty { #expect(try same(line), "\(url.lastPathComponent)") }
            }
        }
    }

    @Test func aValueIsReadInPlaceAndKeepsItsPublishedText() throws {
        let text = #"{"id": 7, "name": "Caf\u00e9 \"Sol\"", "value": {"amount": 1.50, "currency": "EUR"},"#
            + #" "tags": ["a", 2, {"id": "x"}], "blank": "", "none": null, "id": 8}"#
        let root = try JSONTape(Data(text.utf8)).root
        // Written twice: the last one counts, as in jsonb.
        #expect(root["id"]?.text == "8")
        #expect(root["name"]?.string == "Café \"Sol\"" && root["name"]?.json == #""Caf\u00e9 \"Sol\"""#)
        #expect(root["value"]?.json == #"{"amount": 1.50, "currency": "EUR"}"#)
        #expect(root["value"]?["amount"]?.number == 1.5 && root["value"]?["amount"]?.text == "1.5")
        #expect(root["tags"]?.elements.map(\.json) == [#""a""#, "2", #"{"id": "x"}"#])
        #expect(root["tags"]?.objects.count == 1)
        #expect(root["blank"]?.text == nil && root["blank"]?.string == "")
        #expect(root["none"]?.isNull == true && root["absent"] == nil && root["none"]?.text == nil)
        #expect(root["name"]?["id"] == nil && root["tags"]?.members.isEmpty == true)
        #expect(root.members.map(\.key) == ["id", "name", "value", "tags", "blank", "none", "id"])
    }

    @Test func errorsSayWhatAndWhere() {
        for (text, offset) in [(#"{"a":tru}"#, 5), (#"{"a":1,}"#, 7), (#"["x"#, 3), (#"{"a" 1}"#, 5), ("\"\\x\"", 3), ("[1] 2", 4)] {
            #expect(throws: JSONTape.Failure.self) { try JSONTape(Data(text.utf8)) }
            do { _ = try JSONTape(Data(text.utf8)) } catch { #expect(error.offset == offset, "\(text): \(error)") }
        }
    }

    /// A value's bytes go to PostgreSQL's jsonb as published: whatever it would refuse, and
    /// would fail the whole import's COPY with, is refused here with its byte.
    @Test func whatJSONBWouldRefuseIsRefusedWhereItStands() {
        let refused: [(String, Int, String)] = [
            ("[01]", 1, "is not a number"), ("[1.]", 1, "is not a number"), ("[-]", 2, "unexpected character"), ("[1e]", 1, "is not a number"),
            ("[1e999]", 1, ValueRules.notFinite), (#"["\u0000"]"#, 8, ValueRules.nul), (#"["\ud800"]"#, 8, "lone surrogate"),
            (#"["\udc00"]"#, 8, "lone surrogate"), ("[\"a\tb\"]", 3, "control character"),
        ]
        for (text, offset, reason) in refused {
            do {
                _ = try JSONTape(Data(text.utf8))
                Issue.record("\(text) was accepted")
            } catch {
                #expect(error.offset == offset && error.reason.contains(reason), "\(text): \(error)")
            }
        }
        let latin1: [UInt8] = Array(#"["S"#.utf8) + [0xE9] + Array(#"o"]"#.utf8)
        do {
            _ = try JSONTape(latin1)
            Issue.record("Latin-1 was accepted")
        } catch {
            #expect(error.offset == 3 && error.reason.contains("UTF-8"))
        }
        for accepted in ["[0, -0, 0.5, 1E+2, -3e-4, 12345678901234567890123]", #"["\ud83d\ude00 \u00e9 ok"]"#] {
            #expect((try? JSONTape(Data(accepted.utf8))) != nil, "\(accepted)")
        }
    }

    /// Strings are stepped through eight bytes at a time up to a quote, a backslash, a control
    /// character or a non-ASCII byte: whichever of them stands at whichever place of a word,
    /// and before or after whatever run of plain bytes, a string reads (or fails) exactly as it
    /// would byte by byte — and the item splitter ends the item where the tape does.
    @Test func aStringReadsAlikeWhereverItsSpecialByteFallsInAWord() throws {
        let specials: [(inserted: [UInt8], decoded: String?, failsAt: Int?)] = [
            (Array(#"\""#.utf8), "\"", nil), (Array(#"\\"#.utf8), "\\", nil), (Array(#"\u00e9"#.utf8), "é", nil),
            (Array("é".utf8), "é", nil), (Array("🙂".utf8), "🙂", nil), ([0x09], nil, 0), ([0x1F], nil, 0), ([0xE9], nil, 0),
        ]
        for before in 0...17 {
            for after in [0, 1, 7, 8, 9, 16] {
                for s in specials {
                    let head = String(repeating: "a", count: before), tail = String(repeating: "b", count: after)
                    let text: [UInt8] = Array("{\"k\":\"\(head)".utf8) + s.inserted + Array("\(tail)\",\"n\":1}".utf8)
                    let at = 6 + before
                    do {
                        let root = try JSONTape(text).root
                        #expect(s.decoded != nil, "accepted with \(s.inserted) after \(before)")
                        #expect(root["k"]?.string == head + (s.decoded ?? "") + tail && root["n"]?.text == "1", "\(before) \(s.inserted) \(after)")
                    } catch {
                        #expect(s.failsAt.map { $0 + at } == error.offset, "\(before) \(s.inserted) \(after): \(error)")
                    }
                    let lines = FileManager.default.temporaryDirectory.appendingPathComponent("trama-words-\(UUID().uuidString).jsonl")
                    defer { try? FileManager.default.removeItem(at: lines) }
                    try Data(text + [0x0A] + text + [0x0A]).write(to: lines)
                    var items: [Int] = []
                    try JSONItemStream(url: lines, arrays: []).forEach { items.append($0.bytes.count) }
                    #expect(items == [text.count, text.count], "\(before) \(s.inserted) \(after)")
                }
            }
        }
    }
}

@Suite("UTF-8 text from the files' bytes")
struct UTF8TextTests {
    @Test func validTextIsKeptAndAnythingThatWouldBeRepairedIsRefused() {
        for valid in ["", "plain ASCII, longer than eight bytes", "São Paulo", "Łódź – 北京 – 🙂", "\u{FFFD} published as such"] {
            #expect(UTF8Text.string(Array(valid.utf8)) == valid)
        }
        let invalid: [[UInt8]] = [
            [0x53, 0xE9, 0x6F],  // Latin-1 "Séo"
            [0xF0, 0x90, 0x80, 0x41],  // a four-byte sequence cut short: one U+FFFD, as long as what it replaces
            [0xED, 0xA0, 0x80],  // a surrogate
            [0xC0, 0x80],  // an overlong NUL
            Array("twelve bytes".utf8) + [0xFF],
        ]
        for bytes in invalid { #expect(UTF8Text.string(bytes) == nil, "\(bytes)") }
    }
}

@Suite("UTF-8 well-formedness, byte by byte")
struct UTF8WellFormednessTests {
    /// The validator agrees with the standard library's decoder on which sequences are
    /// well-formed, and names the first byte of the first ill-formed one.
    @Test func firstInvalidByteAgreesWithTheStandardDecoder() {
        let cases: [([UInt8], Int?)] = [
            (Array("Łódź – 北京 – 🙂".utf8), nil), ([0x41, 0xE9, 0x6F], 1), ([0xF0, 0x90, 0x80, 0x41], 0), ([0xED, 0xA0, 0x80], 0),
            ([0xC0, 0x80], 0), ([0x41, 0x42, 0xFF], 2), ([0xF4, 0x90, 0x80, 0x80], 0), ([0xE0, 0x80, 0x80], 0), ([0xC2], 0),
        ]
        for (bytes, expected) in cases {
            let found = bytes.withUnsafeBufferPointer { UTF8Text.firstInvalidByte($0) }
            #expect(found == expected, "\(bytes)")
            #expect((found == nil) == (UTF8Text.string(bytes) != nil), "\(bytes)")
        }
    }
}
