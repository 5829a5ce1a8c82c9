/// A JSON value held the way cardinal-rs holds it.
///
/// cardinal-rs builds serde_json with `arbitrary_precision` and `preserve_order`, and that shapes
/// its results: a number keeps its text (so `1` and `1.0` differ: `numberOfTenderers` 1.0 is not
/// one tenderer for R018, and `prepare` writes `1.50` back as `1.50`), and an object keeps its
/// members in order, a repeated name keeping its first place and its last value. `JSONSerialization`
/// does neither, so TramaCardinal reads JSON itself.
enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's text as serde_json keeps it (see `JSONParser`): `-0` becomes `0`, an exponent
    /// is written `e+N`/`e-N`; anything else is as written.
    case number(String)
    case string(String)
    case array([JSON])
    case object(JSONObject)

    var string: String? {
        if case .string(let s) = self { s } else { nil }
    }

    var object: JSONObject? {
        if case .object(let o) = self { o } else { nil }
    }

    var array: [JSON]? {
        if case .array(let a) = self { a } else { nil }
    }

    var isObject: Bool {
        if case .object = self { true } else { false }
    }

    /// The member `key` of an object; nil for a missing member and for any other kind of value
    /// (serde_json's `Value::get`).
    subscript(key: String) -> JSON? {
        if case .object(let o) = self { o[key] } else { nil }
    }

    /// A number's value as serde_json's `Number::as_f64` gives it: the text parsed (correctly
    /// rounded), and nil if that overflows to infinity.
    var f64: Double? {
        guard case .number(let text) = self, let d = Double(text), d.isFinite else { return nil }
        return d
    }

    /// A number's value as serde_json's `Number::as_u64` gives it: only an integer written without
    /// a fraction or exponent, between 0 and 2⁶⁴ − 1.
    var u64: UInt64? {
        guard case .number(let text) = self else { return nil }
        return UInt64(text)
    }
}

/// A JSON object: members in order, looked up by name byte for byte (as Rust compares strings,
/// not by Unicode canonical equivalence as Swift's `==` does).
struct JSONObject: Sendable, Equatable {
    private(set) var keys: [String] = []
    private(set) var values: [JSON] = []

    init() {}

    var count: Int { keys.count }
    var isEmpty: Bool { keys.isEmpty }

    func index(of key: String) -> Int? {
        keys.firstIndex { sameBytes($0, key) }
    }

    subscript(key: String) -> JSON? {
        get { index(of: key).map { values[$0] } }
        set {
            if let value = newValue { set(key, value) } else { _ = swapRemove(key) }
        }
    }

    func contains(_ key: String) -> Bool { index(of: key) != nil }

    /// Sets a member: in its place if the name is there, else at the end (`IndexMap::insert`).
    mutating func set(_ key: String, _ value: JSON) {
        if let i = index(of: key) { values[i] = value } else { append(key, value) }
    }

    /// Appends without looking for the name; the caller knows it is new.
    mutating func append(_ key: String, _ value: JSON) {
        keys.append(key)
        values.append(value)
    }

    /// Replaces the value at a position the caller found with `index(of:)`.
    mutating func replaceValue(at i: Int, with value: JSON) {
        values[i] = value
    }

    /// Edits a member's value in place, if the member exists.
    mutating func modify<R>(_ key: String, _ body: (inout JSON) throws -> R) rethrows -> R? {
        guard let i = index(of: key) else { return nil }
        return try body(&values[i])
    }

    /// Removes a member the way serde_json's `Map::remove` does under `preserve_order`: the last
    /// member takes the removed member's place (`IndexMap::swap_remove`), which `prepare`'s output
    /// shows.
    @discardableResult
    mutating func swapRemove(_ key: String) -> JSON? {
        guard let i = index(of: key) else { return nil }
        let removed = values[i]
        let last = keys.count - 1
        if i != last {
            keys[i] = keys[last]
            values[i] = values[last]
        }
        keys.removeLast()
        values.removeLast()
        return removed
    }

    var members: Zip2Sequence<[String], [JSON]> { zip(keys, values) }
}

/// Whether two strings have the same UTF-8 bytes: Rust's string equality.
@inline(__always)
func sameBytes(_ a: String, _ b: String) -> Bool {
    a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
}

/// Rust's string order: byte by byte.
@inline(__always)
func bytesPrecede(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}

/// A string as a dictionary key that compares and hashes by its UTF-8 bytes, as Rust's
/// `HashMap<String, _>` does; Swift's `String` would merge canonically equivalent spellings
/// (a precomposed and a decomposed "é", or "K" and the Kelvin sign) that cardinal keeps apart.
struct ByteKey: Hashable, Sendable {
    let string: String

    init(_ string: String) { self.string = string }

    static func == (a: ByteKey, b: ByteKey) -> Bool { sameBytes(a.string, b.string) }

    func hash(into hasher: inout Hasher) {
        var s = string
        s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
