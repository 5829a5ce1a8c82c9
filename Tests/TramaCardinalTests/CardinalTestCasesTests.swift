import Foundation
import Testing

@testable import TramaCardinal

/// cardinal-rs's own unit-test cases (Fixtures/cardinal-rs-tests), run the way its `build.rs`
/// generates them.
@Suite("cardinal-rs's test cases")
struct CardinalTestCasesTests {
    static func names(_ folder: String, _ ext: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Paths.cardinalTests.appendingPathComponent(folder).path)) ?? []
        return files.filter { $0.hasSuffix("." + ext) }.map { String($0.dropLast(ext.count + 1)) }.sorted()
    }

    /// The settings cardinal's `build.rs` writes for an indicator case: the indicator's section
    /// with the setting spelled by the file name, `no_price_comparison_procurement_methods = NPC`
    /// and `[exclusions] procurement_method_details = EXC`.
    static func settings(for name: String) -> String {
        var parts = name.replacingOccurrences(of: "+", with: "|").split(separator: "-").map(String.init)
        let code = parts.removeFirst()
        var ini = "no_price_comparison_procurement_methods = NPC\n[exclusions]\nprocurement_method_details = EXC\n[\(code)]\n"
        if parts.count == 2 {
            ini += "\(parts[0]) = \(parts[1])\n"
        } else if parts.count > 2 {
            let field = parts.removeFirst()
            ini += "[\(code).\(field)]\n"
            for pair in stride(from: 0, to: parts.count, by: 2) { ini += "\(parts[pair]) = \(parts[pair + 1])\n" }
        }
        return ini
    }

    @Test(arguments: names("indicators", "jsonl"))
    func indicatorCaseMatchesCardinal(_ name: String) throws {
        let folder = Paths.cardinalTests.appendingPathComponent("indicators")
        let settings = try CardinalSettings(ini: Self.settings(for: name))
        let result = try CardinalIndicators.run(
            .file(folder.appendingPathComponent("\(name).jsonl")), settings: settings, options: .init(noMeta: true))
        let expected = try Paths.text(folder.appendingPathComponent("\(name).expected"))
        #expect(try sameJSONValue(result.json(), expected), "\(result.json())")
    }

    @Test(arguments: names("prepare", "jsonl"))
    func prepareCaseMatchesCardinal(_ name: String) throws {
        let folder = Paths.cardinalTests.appendingPathComponent("prepare")
        let settings = try CardinalSettings(ini: try Paths.text(folder.appendingPathComponent("\(name).ini")))
        let result = try CardinalPrepare.run(.file(folder.appendingPathComponent("\(name).jsonl")), settings: settings)
        #expect(result.output == (try Paths.text(folder.appendingPathComponent("\(name).output"))))
        let errors = folder.appendingPathComponent("\(name).errors")
        if FileManager.default.fileExists(atPath: errors.path) {
            #expect(result.errors == (try Paths.text(errors)))
        }
    }

    @Test(arguments: names("coverage", "jsonl"))
    func coverageCaseMatchesCardinal(_ name: String) throws {
        let folder = Paths.cardinalTests.appendingPathComponent("coverage")
        let result = try CardinalCoverage.run(.file(folder.appendingPathComponent("\(name).jsonl")))
        guard case .object(let expected) = try JSONParser.parse(try Paths.text(folder.appendingPathComponent("\(name).expected"))) else {
            Issue.record("expected file is not an object")
            return
        }
        #expect(result.counts.count == expected.count, "\(result.text())")
        for (path, count) in result.counts {
            #expect(expected[path] == .number(String(count)), "\(path) in \(result.text())")
        }
    }

    /// cardinal's `tests/test.rs` checks these warnings' exact text.
    @Test(arguments: [
        ("invalid_array_quote_first", "Line 1 is invalid JSON, skipping. [expected `:` at line 1 column 5]"),
        ("invalid_array_quote_last", "Line 1 is invalid JSON, skipping. [expected `:` at line 1 column 13]"),
        ("invalid_object_quote_first", "Line 1 is invalid JSON, skipping. [expected `:` at line 1 column 4]"),
        ("invalid_object_quote_last", "Line 2 is invalid JSON, skipping. [expected `:` at line 1 column 4]"),
        ("invalid_brace_first", "Line 1 is invalid JSON, skipping. [EOF while parsing an object at line 1 column 1]"),
        ("invalid_brace_last", "Line 2 is invalid JSON, skipping. [EOF while parsing an object at line 1 column 1]"),
        ("invalid_utf8", "Line 1 caused an I/O error, skipping. [stream did not contain valid UTF-8]"),
    ])
    func brokenLinesAreSkippedWithCardinalsWarning(name: String, message: String) throws {
        let result = try CardinalCoverage.run(.file(Paths.cardinalTests.appendingPathComponent("coverage/\(name).jsonl")))
        #expect(result.warnings.map(\.message) == [message])
    }

    @Test func aMultilineObjectGivesTwoWarnings() throws {
        let result = try CardinalCoverage.run(.file(Paths.cardinalTests.appendingPathComponent("coverage/invalid_multiline.jsonl")))
        #expect(
            result.warnings.map(\.message) == [
                "Line 1 is invalid JSON, skipping. [EOF while parsing an object at line 1 column 1]",
                "Line 2 is invalid JSON, skipping. [expected value at line 1 column 1]",
            ])
    }
}
