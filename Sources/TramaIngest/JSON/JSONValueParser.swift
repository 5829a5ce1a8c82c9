import Foundation

/// A JSON text parsed into the shapes `JSONSerialization` gives (`[String: Any]`, `[Any]`,
/// `String`, `NSNumber` for numbers, `Bool`, `NSNull`), faster on Linux, where Foundation's
/// parser and writer dominated the import profile; ``encode(_:)`` writes such a value back. Strict RFC 8259: one value, no trailing commas, no
/// comments; an error says at which byte and why.
struct JSONValueParser {
    struct Failure: Error, CustomStringConvertible {
        var offset: Int
        var reason: String
        var description: String { "\(reason) at byte \(offset)" }
    }

    static func parse(_ data: Data) throws -> Any {
        try data.withUnsafeBytes { raw in
            var p = JSONValueParser(bytes: raw.bindMemory(to: UInt8.self))
            p.skipSpace()
            let v = try p.value(depth: 0)
            p.skipSpace()
            guard p.pos == p.bytes.count else { throw p.fail("unexpected text after the value") }
            return v
        }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func fail(_ reason: String) -> Failure { Failure(offset: pos, reason: reason) }

    mutating func skipSpace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x0A, 0x0D, 0x09: pos += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws -> Any {
        guard depth < 512 else { throw fail("nested too deeply") }
        guard pos < bytes.count else { throw fail("the text ends where a value should be") }
        switch bytes[pos] {
        case UInt8(ascii: "{"):
            pos += 1
            var object: [String: Any] = [:]
            skipSpace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
                pos += 1
                return object
            }
            while true {
                skipSpace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw fail("expected a key") }
                let key = try string()
                skipSpace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                pos += 1
                skipSpace()
                object[key] = try value(depth: depth + 1)
                skipSpace()
                guard pos < bytes.count else { throw fail("the text ends inside an object") }
                let c = bytes[pos]
                pos += 1
                if c == UInt8(ascii: "}") { return object }
                guard c == UInt8(ascii: ",") else { throw fail("expected ',' or '}'") }
            }
        case UInt8(ascii: "["):
            pos += 1
            var array: [Any] = []
            skipSpace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
                pos += 1
                return array
            }
            while true {
                skipSpace()
                array.append(try value(depth: depth + 1))
                skipSpace()
                guard pos < bytes.count else { throw fail("the text ends inside an array") }
                let c = bytes[pos]
                pos += 1
                if c == UInt8(ascii: "]") { return array }
                guard c == UInt8(ascii: ",") else { throw fail("expected ',' or ']'") }
            }
        case UInt8(ascii: "\""):
            return try string()
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        case UInt8(ascii: "n"):
            try literal("null")
            return NSNull()
        default:
            return try number()
        }
    }

    mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard pos + n <= bytes.count else { throw fail("unexpected end of text") }
        for i in 0..<n where bytes[pos + i] != word.utf8Start[i] { throw fail("unexpected character") }
        pos += n
    }

    mutating func number() throws -> NSNumber {
        let start = pos
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        var integral = true
        var digits = 0
        while pos < bytes.count {
            let c = bytes[pos]
            if c >= 0x30 && c <= 0x39 {
                digits += 1
            } else if c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || c == UInt8(ascii: "+")
                || (c == UInt8(ascii: "-") && pos > start)
            {
                integral = false
            } else {
                break
            }
            pos += 1
        }
        guard digits > 0 else { throw fail("unexpected character") }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
        if integral {
            if let i = Int64(text) { return NSNumber(value: i) }
            if let u = UInt64(text) { return NSNumber(value: u) }
        }
        guard let d = Double(text) else { throw Failure(offset: start, reason: "'\(text)' is not a number") }
        // 1e999 parses as infinity: no finite value to store (ValueRules).
        guard d.isFinite else { throw Failure(offset: start, reason: "'\(text)' \(ValueRules.notFinite) (beyond a double's range)") }
        return NSNumber(value: d)
    }

    mutating func string() throws -> String {
        pos += 1
        let start = pos
        // The common case: no escapes, decoded straight from the bytes.
        while pos < bytes.count {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                guard let s = UTF8Text.string(UnsafeBufferPointer(rebasing: bytes[start..<pos])) else {
                    throw Self.invalidUTF8(in: UnsafeBufferPointer(rebasing: bytes[start..<pos]), at: start)
                }
                pos += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw fail("a control character inside a string") }
            pos += 1
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: bytes[start..<pos])
        while pos < bytes.count {
            let c = bytes[pos]
            pos += 1
            switch c {
            case UInt8(ascii: "\""):
                guard let s = UTF8Text.string(scratch) else { throw Failure(offset: start, reason: Self.invalidUTF8Reason) }
                return s
            case UInt8(ascii: "\\"):
                guard pos < bytes.count else { throw fail("the text ends inside a string") }
                let e = bytes[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(e)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
                            throw fail("a lone surrogate in a \\u escape")
                        }
                        pos += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("a lone surrogate in a \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw fail("an invalid \\u escape") }
                    // PostgreSQL stores no NUL, in text or in jsonb: refused here with its place
                    // rather than failing the whole import's COPY.
                    guard scalar != 0 else { throw fail(ValueRules.nul) }
                    scratch.append(contentsOf: Array(String(Character(u)).utf8))
                default: throw fail("an invalid escape")
                }
            default:
                if c < 0x20 { throw fail("a control character inside a string") }
                scratch.append(c)
            }
        }
        throw fail("the text ends inside a string")
    }

    static let invalidUTF8Reason = "invalid UTF-8 in a string (is the file in another encoding?)"

    /// Invalid UTF-8 refused, never repaired into U+FFFD without a word: the offset is the first
    /// byte that is not part of a well-formed sequence.
    static func invalidUTF8(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Failure {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: break loop
            case .error: return Failure(offset: start + offset, reason: invalidUTF8Reason)
            }
        }
        return Failure(offset: start, reason: invalidUTF8Reason)
    }

    mutating func hex4() throws -> UInt32 {
        guard pos + 4 <= bytes.count else { throw fail("a short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[pos]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw fail("an invalid \\u escape")
            }
            v = v << 4 | d
            pos += 1
        }
        return v
    }

    /// JSON text of a parsed value (object keys in the dictionary's order), written as bytes:
    /// keeping OCDS objects whole re-encodes most of every file, and String appends and
    /// per-key `quoted` copies made that the import's largest cost.
    static func encode(_ value: Any) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func write(_ value: Any, to out: inout [UInt8]) {
        // Containers and strings first: testing a Swift dictionary against NSNumber would
        // bridge it to NSDictionary; exact Bool before NSNumber, which 0 and 1 also cast to.
        switch value {
        case let s as String: JSONObject.appendQuoted(s, to: &out)
        case let o as [String: Any]:
            out.append(UInt8(ascii: "{"))
            var first = true
            for (k, v) in o {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONObject.appendQuoted(k, to: &out)
                out.append(UInt8(ascii: ":"))
                write(v, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let a as [Any]:
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(v, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let b as Bool where type(of: value) == Bool.self: out.append(contentsOf: (b ? "true" : "false").utf8)
        case let n as NSNumber:
            out.append(contentsOf: (n.doubleValue.isFinite ? n.stringValue : "null").utf8)
        default: out.append(contentsOf: "null".utf8)
        }
    }
}
