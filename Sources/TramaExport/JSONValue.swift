import TramaModel

/// A JSON value as properties hold it, with each number kept as the text it was written in: an
/// export must not turn `25.0` into `25` or a 19-digit id into a rounded double, and must tell a
/// boolean from the numbers 0 and 1 (which Foundation's parser on Linux does not).
enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in the order written; a key given twice keeps its last value at its first place,
    /// as PostgreSQL's `jsonb` does.
    case object([Member])

    struct Member: Hashable, Sendable {
        var key: String
        var value: JSONValue
    }

    /// Parses strict RFC 8259 JSON; nil for anything else.
    init?(parsing text: String) {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipSpace()
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipSpace()
        guard parser.pos == parser.bytes.count else { return nil }
        self = value
    }

    /// Compact JSON text: no spaces, non-ASCII written as itself, members in order.
    var compact: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): JSONValue.appendQuoted(s, to: &out)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                v.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, m) in members.enumerated() {
                if i > 0 { out += "," }
                JSONValue.appendQuoted(m.key, to: &out)
                out += ":"
                m.value.write(to: &out)
            }
            out += "}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = ""
        appendQuoted(s, to: &out)
        return out
    }

    static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        out += "\""
    }

    private struct Parser {
        let bytes: [UInt8]
        var pos = 0

        mutating func skipSpace() {
            while pos < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[pos]) { pos += 1 }
        }

        mutating func value(depth: Int) -> JSONValue? {
            guard depth < 512, pos < bytes.count else { return nil }
            switch bytes[pos] {
            case UInt8(ascii: "{"):
                pos += 1
                var members: [Member] = []
                var index: [String: Int] = [:]
                skipSpace()
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
                    pos += 1
                    return .object(members)
                }
                while true {
                    skipSpace()
                    guard let key = string() else { return nil }
                    skipSpace()
                    guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { return nil }
                    pos += 1
                    skipSpace()
                    guard let v = value(depth: depth + 1) else { return nil }
                    if let i = index[key] {
                        members[i].value = v
                    } else {
                        index[key] = members.count
                        members.append(Member(key: key, value: v))
                    }
                    skipSpace()
                    guard pos < bytes.count else { return nil }
                    if bytes[pos] == UInt8(ascii: ",") {
                        pos += 1
                    } else if bytes[pos] == UInt8(ascii: "}") {
                        pos += 1
                        return .object(members)
                    } else {
                        return nil
                    }
                }
            case UInt8(ascii: "["):
                pos += 1
                var items: [JSONValue] = []
                skipSpace()
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
                    pos += 1
                    return .array(items)
                }
                while true {
                    skipSpace()
                    guard let v = value(depth: depth + 1) else { return nil }
                    items.append(v)
                    skipSpace()
                    guard pos < bytes.count else { return nil }
                    if bytes[pos] == UInt8(ascii: ",") {
                        pos += 1
                    } else if bytes[pos] == UInt8(ascii: "]") {
                        pos += 1
                        return .array(items)
                    } else {
                        return nil
                    }
                }
            case UInt8(ascii: "\""): return string().map { .string($0) }
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            default: return number()
            }
        }

        mutating func literal(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard pos + w.count <= bytes.count, Array(bytes[pos..<pos + w.count]) == w else { return false }
            pos += w.count
            return true
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as written.
        mutating func number() -> JSONValue? {
            let start = pos
            func digits() -> Int {
                let s = pos
                while pos < bytes.count, (0x30...0x39).contains(bytes[pos]) { pos += 1 }
                return pos - s
            }
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < bytes.count else { return nil }
            if bytes[pos] == UInt8(ascii: "0") {
                pos += 1
            } else if digits() == 0 {
                return nil
            }
            if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
                pos += 1
                guard digits() > 0 else { return nil }
            }
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
                pos += 1
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
                guard digits() > 0 else { return nil }
            }
            return .number(String(decoding: bytes[start..<pos], as: UTF8.self))
        }

        mutating func string() -> String? {
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { return nil }
            pos += 1
            var out: [UInt8] = []
            while pos < bytes.count {
                let c = bytes[pos]
                pos += 1
                switch c {
                case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard pos < bytes.count else { return nil }
                    let e = bytes[pos]
                    pos += 1
                    if let byte = JSONEscape.byte(for: e) {
                        out.append(byte)
                        continue
                    }
                    switch e {
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if (0xD800...0xDBFF).contains(scalar) {
                            // A surrogate pair, or a lone surrogate (kept as U+FFFD).
                            if pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                                let save = pos
                                pos += 2
                                if let low = hex4(), (0xDC00...0xDFFF).contains(low) {
                                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                                } else {
                                    pos = save
                                    scalar = 0xFFFD
                                }
                            } else {
                                scalar = 0xFFFD
                            }
                        } else if (0xDC00...0xDFFF).contains(scalar) {
                            scalar = 0xFFFD
                        }
                        out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
                    default: return nil
                    }
                case 0..<0x20: return nil
                default: out.append(c)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard pos + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[pos..<pos + 4], as: UTF8.self), radix: 16) else { return nil }
            pos += 4
            return v
        }
    }
}
