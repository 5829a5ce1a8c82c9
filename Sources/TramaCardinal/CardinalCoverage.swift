/// cardinal-rs's `coverage` command: how many times each field is non-empty in a JSON Lines file.
///
/// Worth running before the indicators: an indicator whose fields are rarely set cannot flag
/// much, and its silence says nothing.
public enum CardinalCoverage {
    /// The counts, in the order cardinal first meets each path.
    public struct Result: Sendable {
        /// Paths and counts. `""` is the line itself, a path ending in `/` an object, in `[]` an
        /// array element, anything else an object member (`/bids/details[]/status`).
        public var counts: [(path: String, count: Int)]
        public var warnings: [CardinalWarning]

        /// The count for one path.
        public func count(_ path: String) -> Int? { counts.first { sameBytes($0.path, path) }?.count }

        /// What `ocdscardinal coverage` prints (without its final newline): Rust's `{:?}` of its
        /// map, `{"/a": 1, "": 1}`, strings escaped as Rust's `Debug` escapes them.
        public func text() -> String {
            "{" + counts.map { "\(rustDebugString($0.path)): \($0.count)" }.joined(separator: ", ") + "}"
        }
    }

    /// Walks each line's JSON and counts the non-empty nodes at each path. Empty nodes are `""`,
    /// `[]`, `{}` and `null`, and containers holding only empty nodes. Lines that are not JSON are
    /// skipped with a warning; any JSON value counts, not only objects.
    ///
    /// Edge cases follow from the paths, as cardinal documents: a repeated member name counts
    /// once, with its last value; a member named `""` has its parent's path; a member named `a[]`
    /// shares the path of the elements of a sibling array `a`.
    ///
    /// - Complexity: O(n) in the input's size.
    public static func run(_ input: CardinalInput) throws -> Result {
        var counts = OrderedMap<Int>()
        var warnings: [CardinalWarning] = []
        try JSONLines.forEach(input) { line, content in
            if case .json(let value) = content {
                var path: [String] = []
                _ = add(value, &path, &counts)
            } else if let warning = JSONLines.warning(line: line, content) {
                warnings.append(warning)
            }
        }
        return Result(counts: Array(counts.entries).map { ($0, $1) }, warnings: warnings)
    }

    private static func add(_ value: JSON, _ path: inout [String], _ counts: inout OrderedMap<Int>) -> Bool {
        var nonEmpty = false
        switch value {
        case .null:
            break
        case .array(let elements):
            if !elements.isEmpty {
                path.append("[]")
                for e in elements where add(e, &path, &counts) { nonEmpty = true }
                path.removeLast()
            }
        case .object(let object):
            if !object.isEmpty {
                path.append("/")
                for (k, v) in object.members {
                    path.append(k)
                    if add(v, &path, &counts) { nonEmpty = true }
                    path.removeLast()
                }
                if nonEmpty { increment(path.joined(), &counts) }
                path.removeLast()
            }
        case .string(let s):
            nonEmpty = !s.isEmpty
        case .number, .bool:
            nonEmpty = true
        }
        if nonEmpty { increment(path.joined(), &counts) }
        return nonEmpty
    }

    private static func increment(_ path: String, _ counts: inout OrderedMap<Int>) {
        counts.update(path, default: 0) { $0 += 1 }
    }
}

/// Rust's `{:?}` for a string: in double quotes, with `\"`, `\\`, `\t`, `\r`, `\n`, `\0`, and
/// `\u{…}` for characters Rust does not print as is (controls, format characters, separators other
/// than the space, unassigned and private-use code points, and combining marks).
func rustDebugString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\n": out += "\\n"
        case "\0": out += "\\0"
        default:
            if scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F {
                out.unicodeScalars.append(scalar)
                continue
            }
            let p = scalar.properties
            let hidden: Bool
            switch p.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator: hidden = true
            case .spaceSeparator: hidden = scalar != " "
            default: hidden = p.isGraphemeExtend
            }
            if hidden {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
