import Foundation
import Testing

@testable import TramaCardinal

/// Where the test data lives, found from this file's path so that tests run from any folder.
enum Paths {
    /// /work/main/Tests/TramaCardinalTests (symlinks resolved, for a scratch package that links to it)
    static let testsFolder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    /// cardinal's documentation examples (copied from ../shared/data; see Fixtures/README.md).
    static let examples = testsFolder.appendingPathComponent("Fixtures/cardinal-examples")
    /// The documentation pages that hold the expected outputs (copied from ../shared/reference).
    static let indicatorPages = testsFolder.appendingPathComponent("Fixtures/cardinal-indicators")
    static let initPage = testsFolder.appendingPathComponent("Fixtures/cardinal-topics/init.md")
    /// cardinal's own test fixtures (copied; see Fixtures/README.md).
    static let cardinalTests = testsFolder.appendingPathComponent("Fixtures/cardinal-rs-tests")

    static func example(_ name: String) -> URL { examples.appendingPathComponent(name) }

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }
}

/// Compares two JSON texts as values: the same keys (in any order) and structure, strings equal
/// byte for byte, numbers equal as `Double` (`==`, so `1` and `1.0` agree as they do once cardinal
/// has parsed them).
func sameJSONValue(_ a: String, _ b: String) throws -> Bool {
    sameJSONValue(try JSONParser.parse(a), try JSONParser.parse(b))
}

func sameJSONValue(_ a: JSON, _ b: JSON) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)): return Double(x)! == Double(y)!
    case (.string(let x), .string(let y)): return sameBytes(x, y)
    case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { sameJSONValue($0, $1) }
    case (.object(let x), .object(let y)):
        guard x.count == y.count else { return false }
        return x.members.allSatisfy { key, value in y[key].map { sameJSONValue(value, $0) } ?? false }
    default: return false
    }
}
