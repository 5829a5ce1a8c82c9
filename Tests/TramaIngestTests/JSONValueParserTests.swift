import Foundation
import Testing
@testable import TramaIngest

@Suite("JSON: the importers' parser agrees with Foundation's")
struct JSONValueParserTests {
    /// Both parsers' results, re-encoded with sorted keys, must be the same text.
    func same(_ text: String) throws -> Bool {
        let data = Data(text.utf8)
        let ours = try JSONValueParser.parse(data)
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

    @Test func encodingAParsedValueGivesTheSameValueBack() throws {
        let text = #"{"a":[1,-2.5,true,null,"x\"y\u00e9"],"b":{"c":12345678901234567890}}"#
        let once = try JSONValueParser.parse(Data(text.utf8))
        let twice = try JSONValueParser.parse(Data(JSONValueParser.encode(once).utf8))
        #expect(try same(JSONValueParser.encode(twice)) && JSONValueParser.encode(once).count == JSONValueParser.encode(twice).count)
        let a = String(decoding: try JSONSerialization.data(withJSONObject: once, options: [.sortedKeys]), as: UTF8.self)
        let b = String(decoding: try JSONSerialization.data(withJSONObject: twice, options: [.sortedKeys]), as: UTF8.self)
        #expect(a == b, "\(a) vs \(b) via \(JSONValueParser.encode(once))")
    }

    @Test func errorsSayWhatAndWhere() {
        for (text, offset) in [(#"{"a":tru}"#, 5), (#"{"a":1,}"#, 7), (#"["x"#, 3), (#"{"a" 1}"#, 5), ("\"\\x\"", 3), ("[1] 2", 4)] {
            #expect(throws: JSONValueParser.Failure.self) { try JSONValueParser.parse(Data(text.utf8)) }
            do { _ = try JSONValueParser.parse(Data(text.utf8)) } catch let f as JSONValueParser.Failure { #expect(f.offset == offset, "\(text): \(f)") } catch {}
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
