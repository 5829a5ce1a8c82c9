import TramaModel

/// Why a line is not JSON, in serde_json's words, so that warnings read like cardinal's
/// (`Line 3 is invalid JSON, skipping. [expected `:` at line 1 column 5]`).
struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String
    /// 1-based, counted in bytes as serde_json counts them (0 for an empty line).
    var column: Int

    var description: String { "\(message) at line 1 column \(column)" }
}

/// Parses one line of JSON Lines as serde_json's `from_str` does with `arbitrary_precision` and
/// `preserve_order`: strict RFC 8259 (no comments, no trailing commas, no NaN), whitespace is
/// space, tab, CR and LF, nesting deeper than 127 containers is refused, a lone UTF-16 surrogate
/// in a `\u` escape is refused, and a repeated member name keeps its first place and last value.
///
/// The bytes must already be valid UTF-8 (`JSONLines` checks, as Rust's `lines()` does).
///
/// - Complexity: O(n) in the line's length, plus O(k²) name comparisons for an object of k
///   members with k ≤ 16 (a hashed index takes over above that).
struct JSONParser: ~Copyable {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var remainingDepth = 128

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSON {
        var parser = JSONParser(bytes)
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < bytes.count { throw parser.error("trailing characters", at: parser.index) }
        return value
    }

    static func parse(_ text: String) throws(JSONSyntaxError) -> JSON {
        var text = text
        let result: Result<JSON, JSONSyntaxError> = text.withUTF8 { buffer in
            do throws(JSONSyntaxError) { return .success(try parse(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    // MARK: Errors

    /// serde_json reports the position of the offending byte (1-based), or the end of the input.
    private func error(_ message: String, at position: Int) -> JSONSyntaxError {
        JSONSyntaxError(message: message, column: min(position + 1, bytes.count))
    }

    private func eof(_ what: String) -> JSONSyntaxError {
        JSONSyntaxError(message: "EOF while parsing \(what)", column: bytes.count)
    }

    // MARK: Scanning

    @inline(__always)
    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x09, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSON {
        skipWhitespace()
        guard let c = peek() else { throw eof("a value") }
        switch c {
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "-"):
            index += 1
            return .number(try parseNumber(negative: true))
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber(negative: false))
        case UInt8(ascii: "\""):
            index += 1
            return .string(try parseString())
        case UInt8(ascii: "["):
            try enter()
            index += 1
            let value = try parseArray()
            remainingDepth += 1
            return value
        case UInt8(ascii: "{"):
            try enter()
            index += 1
            let value = try parseObject()
            remainingDepth += 1
            return value
        default:
            throw error("expected value", at: index)
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        remainingDepth -= 1
        if remainingDepth == 0 { throw error("recursion limit exceeded", at: index) }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for e in expected {
            guard let c = peek() else { throw eof("a value") }
            index += 1
            if c != e { throw error("expected ident", at: index - 1) }
        }
    }

    /// A number's text as serde_json keeps it under `arbitrary_precision`: an integer that fits
    /// `u64` (or, negative, `i64`) goes through those types, so `-0` becomes `0`; other numbers keep
    /// their digits, with the exponent marker written `e` and its sign always present.
    private mutating func parseNumber(negative: Bool) throws(JSONSyntaxError) -> String {
        var text: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        guard let first = peek() else { throw eof("a value") }
        index += 1
        switch first {
        case UInt8(ascii: "0"):
            text.append(first)
            if let c = peek(), isDigit(c) { throw error("invalid number", at: index) }
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            text.append(first)
            while let c = peek(), isDigit(c) {
                text.append(c)
                index += 1
            }
        default:
            throw error("invalid number", at: index - 1)
        }
        var isInteger = true
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            text.append(UInt8(ascii: "."))
            var digits = 0
            while let c = peek(), isDigit(c) {
                text.append(c)
                index += 1
                digits += 1
            }
            if digits == 0 {
                if peek() == nil { throw eof("a value") }
                throw error("invalid number", at: index)
            }
        }
        if let c = peek(), c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            text.append(UInt8(ascii: "e"))
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                text.append(sign)
                index += 1
            } else {
                text.append(UInt8(ascii: "+"))
            }
            guard let d = peek() else { throw eof("a value") }
            index += 1
            guard isDigit(d) else { throw error("invalid number", at: index - 1) }
            text.append(d)
            while let c = peek(), isDigit(c) {
                text.append(c)
                index += 1
            }
        }
        let string = String(decoding: text, as: UTF8.self)
        if isInteger, negative, let value = Int64(string) { return String(value) }
        return string
    }

    @inline(__always)
    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        // Fast path: no escape before the closing quote.
        let start = index
        while index < bytes.count {
            let c = bytes[index]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("control character (\\u0000-\\u001F) found while parsing a string", at: index) }
            index += 1
        }
        var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while true {
            guard index < bytes.count else { throw eof("a string") }
            let c = bytes[index]
            index += 1
            switch c {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &out)
            case 0..<0x20:
                throw error("control character (\\u0000-\\u001F) found while parsing a string", at: index - 1)
            default:
                out.append(c)
            }
        }
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(JSONSyntaxError) {
        guard let c = peek() else { throw eof("a string") }
        index += 1
        if let byte = JSONEscape.byte(for: c) { return out.append(byte) }
        switch c {
        case UInt8(ascii: "u"):
            var scalar = UInt32(try hex4())
            if (0xDC00...0xDFFF).contains(scalar) {
                throw error("lone leading surrogate in hex escape", at: index - 1)
            }
            if (0xD800...0xDBFF).contains(scalar) {
                for expected in [UInt8(ascii: "\\"), UInt8(ascii: "u")] {
                    guard let next = peek() else { throw eof("a string") }
                    index += 1
                    if next != expected { throw error("unexpected end of hex escape", at: index - 1) }
                }
                let low = UInt32(try hex4())
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("lone leading surrogate in hex escape", at: index - 1)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let u = Unicode.Scalar(scalar) else { throw error("invalid unicode code point", at: index - 1) }
            out.append(contentsOf: UTF8.encode(u)!)
        default:
            throw error("invalid escape", at: index - 1)
        }
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let c = peek() else { throw eof("a string") }
            index += 1
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw error("invalid escape", at: index - 1)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSON {
        var elements: [JSON] = []
        skipWhitespace()
        guard let first = peek() else { throw eof("a list") }
        if first == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            guard let c = peek() else { throw eof("a list") }
            index += 1
            switch c {
            case UInt8(ascii: ","):
                skipWhitespace()
                if peek() == UInt8(ascii: "]") { throw error("trailing comma", at: index) }
            case UInt8(ascii: "]"):
                return .array(elements)
            default:
                throw error("expected `,` or `]`", at: index - 1)
            }
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSON {
        var object = JSONObject()
        var positions: [ByteKey: Int]? = nil
        skipWhitespace()
        guard let first = peek() else { throw eof("an object") }
        if first == UInt8(ascii: "}") {
            index += 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard let q = peek() else { throw eof("a value") }
            guard q == UInt8(ascii: "\"") else {
                if q == UInt8(ascii: "}") { throw error("trailing comma", at: index) }
                throw error("key must be a string", at: index)
            }
            index += 1
            let key = try parseString()
            skipWhitespace()
            guard let colon = peek() else { throw eof("an object") }
            guard colon == UInt8(ascii: ":") else { throw error("expected `:`", at: index) }
            index += 1
            let value = try parseValue()
            if object.count < 16 && positions == nil {
                object.set(key, value)
            } else {
                if positions == nil {
                    var map: [ByteKey: Int] = [:]
                    for (i, k) in object.keys.enumerated() { map[ByteKey(k)] = i }
                    positions = map
                }
                if let i = positions![ByteKey(key)] {
                    object.replaceValue(at: i, with: value)
                } else {
                    positions![ByteKey(key)] = object.count
                    object.append(key, value)
                }
            }
            skipWhitespace()
            guard let c = peek() else { throw eof("an object") }
            index += 1
            switch c {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return .object(object)
            default: throw error("expected `,` or `}`", at: index - 1)
            }
        }
    }
}
