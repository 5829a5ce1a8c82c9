import Foundation
import TramaModel

/// A JSON text checked once and indexed in one flat array, so an importer reads the few fields
/// it maps and keeps every object it stores whole as the bytes that were published — no
/// dictionary, no `String` per key, no boxed number, no re-encoding. Parsing an OCDS release
/// into `[String: Any]` and writing it back as text was most of an OCDS import's time.
///
/// The tape holds one token per value, in document order (simdjson's layout, simplified): a
/// container's token is followed by its members' tokens — key, value, key, value for an object
/// — and records where its subtree ends, so a sibling is one jump away.
///
/// Checked as strictly as PostgreSQL's `jsonb` will be, because a value's bytes go there as
/// they are: RFC 8259 grammar (numbers included), well-formed UTF-8, no lone surrogate and no
/// `\u0000` in an escape, no control character in a string, nesting under 512 levels. An error
/// says at which byte and why (``JSONTape/Failure``).
public final class JSONTape: Sendable {
    enum Kind: UInt8 { case object, array, string, number, `true`, `false`, null }

    struct Token {
        var kind: Kind
        /// A string with a backslash in it (to be decoded), or a number written as an integer.
        var flag: Bool
        /// First byte: a container's bracket, a string's first character (after the quote).
        var start: Int32
        /// After the last byte: a string's last character (before the quote).
        var end: Int32
        /// The token after this value's subtree.
        var next: Int32
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var offset: Int
        public var reason: String
        public var description: String { "\(reason) at byte \(offset)" }
    }

    let bytes: [UInt8]
    let tokens: [Token]

    /// Parses `text`, which must hold exactly one JSON value (spaces around it allowed).
    public init(_ text: some Collection<UInt8>) throws(Failure) {
        let bytes = Array(text)
        guard bytes.count < Int(Int32.max) else { throw Failure(offset: 0, reason: "a JSON value of \(bytes.count) bytes, above 2 GB") }
        var tokens: [Token] = []
        try bytes.withUnsafeBufferPointer { (b) throws(Failure) in
            var p = Parser(bytes: b, tokens: [])
            p.tokens.reserveCapacity(b.count / 12 + 4)
            p.skipSpace()
            try p.value(depth: 0)
            p.skipSpace()
            guard p.pos == b.count else { throw p.fail("unexpected text after the value") }
            tokens = p.tokens
        }
        self.bytes = bytes
        self.tokens = tokens
    }

    /// The value the text holds.
    public var root: RawJSON { RawJSON(tape: self, index: 0) }

    /// `{}`, for a field that is absent where an object is read.
    static let emptyObject = try! JSONTape(Array("{}".utf8)).root

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var tokens: [Token]
        var pos = 0

        func fail(_ reason: String, at offset: Int? = nil) -> Failure { Failure(offset: offset ?? pos, reason: reason) }

        @inline(__always) mutating func skipSpace() {
            while pos < bytes.count {
                switch bytes[pos] {
                case 0x20, 0x0A, 0x0D, 0x09: pos += 1
                default: return
                }
            }
        }

        @inline(__always) func peek(_ c: UInt8) -> Bool { pos < bytes.count && bytes[pos] == c }

        mutating func open(_ kind: Kind) -> Int {
            tokens.append(Token(kind: kind, flag: false, start: Int32(pos), end: 0, next: 0))
            pos += 1
            return tokens.count - 1
        }

        mutating func close(_ token: Int) {
            tokens[token].end = Int32(pos)
            tokens[token].next = Int32(tokens.count)
        }

        mutating func value(depth: Int) throws(Failure) {
            guard depth < 512 else { throw fail("nested too deeply") }
            guard pos < bytes.count else { throw fail("the text ends where a value should be") }
            switch bytes[pos] {
            case UInt8(ascii: "{"):
                let me = open(.object)
                skipSpace()
                if peek(UInt8(ascii: "}")) {
                    pos += 1
                    return close(me)
                }
                while true {
                    skipSpace()
                    guard peek(UInt8(ascii: "\"")) else { throw fail("expected a key") }
                    try string()
                    skipSpace()
                    guard peek(UInt8(ascii: ":")) else { throw fail("expected ':'") }
                    pos += 1
                    skipSpace()
                    try value(depth: depth + 1)
                    skipSpace()
                    guard pos < bytes.count else { throw fail("the text ends inside an object") }
                    let c = bytes[pos]
                    pos += 1
                    if c == UInt8(ascii: "}") { return close(me) }
                    guard c == UInt8(ascii: ",") else { throw fail("expected ',' or '}'") }
                }
            case UInt8(ascii: "["):
                let me = open(.array)
                skipSpace()
                if peek(UInt8(ascii: "]")) {
                    pos += 1
                    return close(me)
                }
                while true {
                    skipSpace()
                    try value(depth: depth + 1)
                    skipSpace()
                    guard pos < bytes.count else { throw fail("the text ends inside an array") }
                    let c = bytes[pos]
                    pos += 1
                    if c == UInt8(ascii: "]") { return close(me) }
                    guard c == UInt8(ascii: ",") else { throw fail("expected ',' or ']'") }
                }
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "t"): try literal("true", .true)
            case UInt8(ascii: "f"): try literal("false", .false)
            case UInt8(ascii: "n"): try literal("null", .null)
            default: try number()
            }
        }

        mutating func literal(_ word: StaticString, _ kind: Kind) throws(Failure) {
            let n = word.utf8CodeUnitCount
            guard pos + n <= bytes.count else { throw fail("unexpected end of text") }
            for i in 0..<n where bytes[pos + i] != word.utf8Start[i] { throw fail("unexpected character") }
            tokens.append(Token(kind: kind, flag: false, start: Int32(pos), end: Int32(pos + n), next: Int32(tokens.count + 1)))
            pos += n
        }

        mutating func number() throws(Failure) {
            let start = pos
            if peek(UInt8(ascii: "-")) { pos += 1 }
            var digits = 0
            var integral = true
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
            let text = UnsafeBufferPointer(rebasing: bytes[start..<pos])
            guard Self.isNumber(text) else {
                throw fail("'\(String(decoding: text, as: UTF8.self))' is not a number", at: start)
            }
            // 1e999 is infinity as a double: no finite value to read (ValueRules).
            if !integral || digits > 300, let d = Double(String(decoding: text, as: UTF8.self)), !d.isFinite {
                throw fail("'\(String(decoding: text, as: UTF8.self))' \(ValueRules.notFinite) (beyond a double's range)", at: start)
            }
            tokens.append(Token(kind: .number, flag: integral, start: Int32(start), end: Int32(pos), next: Int32(tokens.count + 1)))
        }

        /// RFC 8259's number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
        static func isNumber(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
            var i = 0
            func digit(_ i: Int) -> Bool { i < t.count && t[i] >= 0x30 && t[i] <= 0x39 }
            if i < t.count, t[i] == UInt8(ascii: "-") { i += 1 }
            guard digit(i) else { return false }
            if t[i] == 0x30 {
                i += 1
            } else {
                while digit(i) { i += 1 }
            }
            if i < t.count, t[i] == UInt8(ascii: ".") {
                i += 1
                guard digit(i) else { return false }
                while digit(i) { i += 1 }
            }
            if i < t.count, t[i] == UInt8(ascii: "e") || t[i] == UInt8(ascii: "E") {
                i += 1
                if i < t.count, t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-") { i += 1 }
                guard digit(i) else { return false }
                while digit(i) { i += 1 }
            }
            return i == t.count
        }

        /// A string checked where it stands; its token spans its characters, without the quotes.
        mutating func string() throws(Failure) {
            pos += 1
            let start = pos
            var escaped = false
            var high: UInt8 = 0
            var highWords: UInt64 = 0
            while true {
                if let skipped = JSONBytes.plainRun(bytes, from: pos, controls: true) {
                    highWords |= skipped.bits
                    pos = skipped.end
                }
                guard pos < bytes.count else { throw fail("the text ends inside a string") }
                let c = bytes[pos]
                if c == UInt8(ascii: "\"") { break }
                if c < 0x20 { throw fail("a control character inside a string") }
                high |= c
                pos += 1
                guard c == UInt8(ascii: "\\") else { continue }
                escaped = true
                guard pos < bytes.count else { throw fail("the text ends inside a string") }
                let e = bytes[pos]
                pos += 1
                if JSONEscape.byte(for: e) != nil { continue }
                switch e {
                case UInt8(ascii: "u"):
                    let scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
                            throw fail("a lone surrogate in a \\u escape")
                        }
                        pos += 2
                        guard (0xDC00..<0xE000).contains(try hex4()) else { throw fail("a lone surrogate in a \\u escape") }
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw fail("a lone surrogate in a \\u escape")
                    }
                    // PostgreSQL stores no NUL, in text or in jsonb: refused here with its place
                    // rather than failing the whole import's COPY.
                    guard scalar != 0 else { throw fail(ValueRules.nul) }
                default: throw fail("an invalid escape")
                }
            }
            if high >= 0x80 || highWords & JSONBytes.highBits != 0, let bad = UTF8Text.firstInvalidByte(UnsafeBufferPointer(rebasing: bytes[start..<pos])) {
                throw fail(JSONTape.invalidUTF8, at: start + bad)
            }
            tokens.append(Token(kind: .string, flag: escaped, start: Int32(start), end: Int32(pos), next: Int32(tokens.count + 1)))
            pos += 1
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard pos + 4 <= bytes.count else { throw fail("a short \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                guard let d = JSONTape.hexDigit(bytes[pos]) else { throw fail("an invalid \\u escape") }
                v = v << 4 | d
                pos += 1
            }
            return v
        }
    }

    static let invalidUTF8 = "invalid UTF-8 in a string (is the file in another encoding?)"

    static func hexDigit(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: UInt32(c - 0x30)
        case 0x41...0x46: UInt32(c - 0x41 + 10)
        case 0x61...0x66: UInt32(c - 0x61 + 10)
        default: nil
        }
    }

    /// The characters of an escaped string (already checked by the parser).
    func decode(_ t: Token) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(Int(t.end - t.start))
        var i = Int(t.start)
        let end = Int(t.end)
        func hex4(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 << 4 | (Self.hexDigit(bytes[at + $1]) ?? 0) } }
        while i < end {
            let c = bytes[i]
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                i += 1
                continue
            }
            let e = bytes[i + 1]
            i += 2
            if let byte = JSONEscape.byte(for: e) {
                out.append(byte)
                continue
            }
            switch e {
            case UInt8(ascii: "u"):
                var scalar = hex4(i)
                i += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (hex4(i + 2) - 0xDC00)
                    i += 6
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// One value of a ``JSONTape``: read in place, its published text at hand (``json``).
///
/// Reading follows what every importer needs: a member that is absent and a value of the wrong
/// type are both "not there" to the typed accessors (``string``, ``number``, ``objects``…),
/// while the subscript tells an absent member from a `null` one.
public struct RawJSON: Sendable {
    let tape: JSONTape
    let index: Int

    var token: JSONTape.Token { tape.tokens[index] }

    public var isObject: Bool { token.kind == .object }
    public var isArray: Bool { token.kind == .array }
    public var isString: Bool { token.kind == .string }
    public var isNumber: Bool { token.kind == .number }
    public var isNull: Bool { token.kind == .null }

    /// The member named `key` of an object (the last one, as in `jsonb`, if it is written twice);
    /// nil when this is not an object or has no such member.
    public subscript(key: String) -> RawJSON? {
        let t = token
        guard t.kind == .object else { return nil }
        var key = key
        return key.withUTF8 { k in
            var found: Int?
            var i = index + 1
            let end = Int(t.next)
            tape.bytes.withUnsafeBufferPointer { b in
                while i < end {
                    let value = i + 1
                    if tape.key(tape.tokens[i], in: b, spells: k) { found = value }
                    i = Int(tape.tokens[value].next)
                }
            }
            return found.map { RawJSON(tape: tape, index: $0) }
        }
    }

    /// An object's members in the order written.
    public var members: [(key: String, value: RawJSON)] {
        let t = token
        guard t.kind == .object else { return [] }
        var out: [(key: String, value: RawJSON)] = []
        var i = index + 1
        while i < Int(t.next) {
            out.append((tape.string(at: i), RawJSON(tape: tape, index: i + 1)))
            i = Int(tape.tokens[i + 1].next)
        }
        return out
    }

    /// An object's members whose names are among `names`, in the order written, each with the
    /// index of its name in `names`. Names are compared as bytes where they stand, so a member
    /// not asked for costs no `String` (an FtM entity has dozens; a reader checks a few).
    func members(among names: [String]) -> [(name: Int, value: RawJSON)] {
        let t = token
        guard t.kind == .object else { return [] }
        var out: [(name: Int, value: RawJSON)] = []
        tape.bytes.withUnsafeBufferPointer { b in
            var i = index + 1
            while i < Int(t.next) {
                let key = tape.tokens[i]
                let length = Int(key.end - key.start)
                let found = names.firstIndex { name in
                    guard key.flag || name.utf8.count == length else { return false }
                    var name = name
                    return name.withUTF8 { tape.key(key, in: b, spells: $0) }
                }
                if let found { out.append((found, RawJSON(tape: tape, index: i + 1))) }
                i = Int(tape.tokens[i + 1].next)
            }
        }
        return out
    }

    /// An array's elements; none for any other value.
    public var elements: [RawJSON] {
        let t = token
        guard t.kind == .array else { return [] }
        var out: [RawJSON] = []
        var i = index + 1
        while i < Int(t.next) {
            out.append(RawJSON(tape: tape, index: i))
            i = Int(tape.tokens[i].next)
        }
        return out
    }

    /// The objects among an array's elements.
    public var objects: [RawJSON] { elements.filter(\.isObject) }

    /// A string's characters; nil for any other value.
    public var string: String? { token.kind == .string ? tape.string(at: index) : nil }

    /// A number's value (a string is not read as one); nil for any other value.
    public var number: Double? {
        guard token.kind == .number else { return nil }
        return Double(json)
    }

    public var bool: Bool? {
        switch token.kind {
        case .true: true
        case .false: false
        default: nil
        }
    }

    /// A non-empty string, or a number as text (an integer as written, another number as its
    /// double prints); nil otherwise — the way identifiers are read whatever their JSON type.
    public var text: String? {
        switch token.kind {
        case .string:
            let t = token
            return t.end == t.start ? nil : tape.string(at: index)
        case .number:
            let written = json
            if token.flag, let i = Int64(written) { return String(i) }
            guard let d = Double(written) else { return written }
            if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
            return "\(d)"
        default: return nil
        }
    }

    /// The value's text as published (whitespace inside it kept).
    public var json: String {
        let text = published
        return tape.bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[text]), as: UTF8.self) }
    }

    /// Appends the value's published text to `out`.
    public func write(to out: inout [UInt8]) {
        let text = published
        tape.bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[text])) }
    }

    /// Where the value's text lies in the tape's bytes: a string's with its quotes.
    private var published: Range<Int> {
        let t = token
        return t.kind == .string ? (Int(t.start) - 1)..<(Int(t.end) + 1) : Int(t.start)..<Int(t.end)
    }
}

extension JSONTape {
    /// Whether key token `t` spells `name` (UTF-8): compared where it stands in `b` (the tape's
    /// bytes), an escaped key decoded first.
    @inline(__always) func key(_ t: Token, in b: UnsafeBufferPointer<UInt8>, spells name: UnsafeBufferPointer<UInt8>) -> Bool {
        if t.flag { return decode(t).utf8.elementsEqual(name) }
        return Int(t.end - t.start) == name.count && (name.isEmpty || memcmp(b.baseAddress! + Int(t.start), name.baseAddress!, name.count) == 0)
    }

    func string(at i: Int) -> String {
        let t = tokens[i]
        if t.flag { return decode(t) }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(t.start)..<Int(t.end)]), as: UTF8.self) }
    }
}

/// Eight bytes at a time through the plain part of a JSON string: most of a file's bytes are
/// inside strings, and most of a string's bytes are neither a quote nor a backslash (nor, for a
/// checking parse, a control character). Both the item splitter and the tape step through them
/// this way before looking at the byte that ends the run.
enum JSONBytes {
    static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let ones: UInt64 = 0x0101_0101_0101_0101

    /// A word's bytes that are zero, flagged in their high bit. The lowest flag is exact; flags
    /// above it may be false (a borrow), so only the lowest is read.
    @inline(__always) static func zeros(_ w: UInt64) -> UInt64 { (w &- ones) & ~w & highBits }

    /// The bytes that end a plain run: `"`, `\\`, and with `controls` those below 0x20.
    @inline(__always) static func stops(_ w: UInt64, controls: Bool) -> UInt64 {
        var m = zeros(w ^ (ones &* 0x22)) | zeros(w ^ (ones &* 0x5C))
        if controls { m |= (w &- ones &* 0x20) & ~w & highBits }
        return m
    }

    /// From `start`, how far the bytes run with no stop, read a word at a time (the last few
    /// bytes of the buffer are left to the caller), with the bits of every byte passed OR-ed
    /// together (a high bit set means some byte was not ASCII); nil when not one word was read.
    @inline(__always) static func plainRun(_ b: UnsafeBufferPointer<UInt8>, from start: Int, controls: Bool) -> (end: Int, bits: UInt64)? {
        guard let base = b.baseAddress, start + 8 <= b.count else { return nil }
        var pos = start
        var bits: UInt64 = 0
        while pos + 8 <= b.count {
            let w = UInt64(littleEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self))
            let m = stops(w, controls: controls)
            if m != 0 {
                let plain = m.trailingZeroBitCount / 8
                bits |= w & ((1 << (UInt64(plain) * 8)) &- 1)
                pos += plain
                break
            }
            bits |= w
            pos += 8
        }
        return (pos, bits)
    }
}
