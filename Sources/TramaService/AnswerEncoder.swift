/// Encodes an answer type to a ``JSONValue``, keeping the fields in the order the type declares
/// them and writing absent optionals as `null`.
///
/// Foundation's `JSONEncoder` orders keys by hash (or alphabetically) and leaves nil fields out.
/// Trama's answers are read by people as well as programs, in the order the README documents,
/// and their OpenAPI schemas list every field as required (nullable where it may be empty), so
/// a client never has to tell "missing" from "null". Decoding needs no counterpart:
/// `JSONDecoder` reads these documents as they are.
public struct AnswerEncoder: Sendable {
    public init() {}

    public func encode(_ value: some Encodable) throws -> JSONValue {
        let root = Slot()
        try root.store(value, codingPath: [])
        return root.value
    }

    /// The JSON text ``encode(_:)`` would give, compact or two-space indented, as UTF-8 bytes:
    /// written in one pass (``AnswerStream``), or through the tree where one pass cannot follow
    /// the encoding.
    public func bytes(_ value: some Encodable, pretty: Bool = false) throws -> [UInt8] {
        let stream = AnswerStream(indent: pretty ? Array("  ".utf8) : nil)
        do {
            try stream.write(value, at: stream.root())
            if !stream.broken { return stream.out }
        } catch where stream.broken {}
        return try encode(value).utf8(pretty: pretty)
    }

    /// Compact JSON text.
    public static func compact(_ value: some Encodable) throws -> String { String(decoding: try AnswerEncoder().bytes(value), as: UTF8.self) }

    /// Two-space indented JSON text.
    public static func pretty(_ value: some Encodable) throws -> String { String(decoding: try AnswerEncoder().bytes(value, pretty: true), as: UTF8.self) }
}

/// One place a value is being written to: empty, a finished value, an object or an array whose
/// members are slots themselves (containers are handed out before they are filled). Members
/// live in arrays of the slot's own, appended in place: held inside an enum's payload they
/// were copied on every append, which made an object of k fields cost O(k²).
private final class Slot {
    enum Kind {
        case empty, value, object, array
    }

    var kind = Kind.empty
    var scalar = JSONValue.null
    /// An object's keys, one per entry of `children`.
    var keys: [String] = []
    var children: [Slot] = []

    func set(_ value: JSONValue) {
        kind = .value
        scalar = value
    }

    func becomeObject() {
        guard kind != .object else { return }
        kind = .object
        keys = []
        children = []
    }

    func becomeArray() {
        guard kind != .array else { return }
        kind = .array
        keys = []
        children = []
    }

    var value: JSONValue {
        switch kind {
        case .empty: .object([])
        case .value: scalar
        case .object: .object(zip(keys, children).map { ($0, $1.value) })
        case .array: .array(children.map(\.value))
        }
    }

    func member(_ key: String) -> Slot {
        becomeObject()
        let slot = Slot()
        // A key written twice keeps its first place and its last value, as before.
        if let i = keys.firstIndex(of: key) {
            children[i] = slot
        } else {
            keys.append(key)
            children.append(slot)
        }
        return slot
    }

    func append() -> Slot {
        becomeArray()
        let slot = Slot()
        children.append(slot)
        return slot
    }

    func store(_ value: some Encodable, codingPath: [any CodingKey]) throws {
        switch value {
        case let v as JSONValue: set(v)
        case let d as Double: set(.double(d))
        case let f as Float: set(.double(Double(f)))
        case let s as String: set(.string(s))
        case let b as Bool: set(.bool(b))
        default: try value.encode(to: SlotEncoder(slot: self, codingPath: codingPath))
        }
    }
}

private struct SlotEncoder: Encoder {
    let slot: Slot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        slot.becomeObject()
        return KeyedEncodingContainer(KeyedSlots<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        slot.becomeArray()
        return UnkeyedSlots(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleSlot(slot: slot, codingPath: codingPath) }
}

/// The keyed containers of both answer encoders (the tree and ``AnswerStream``): a nil optional
/// is written as `null` rather than left out (see ``AnswerEncoder``). These replace the
/// standard library's defaults, which leave it out.
protocol NullWritingContainer: KeyedEncodingContainerProtocol {}

extension NullWritingContainer {
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}

private struct KeyedSlots<Key: CodingKey>: NullWritingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { slot.member(key.stringValue).set(.null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try slot.member(key.stringValue).store(value, codingPath: codingPath + [key])
    }

    // Primitives are written straight into their member: no box, no casts.
    mutating func encode(_ value: Bool, forKey key: Key) throws { slot.member(key.stringValue).set(.bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { slot.member(key.stringValue).set(.string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { slot.member(key.stringValue).set(.double(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { slot.member(key.stringValue).set(.double(Double(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { slot.member(key.stringValue).set(.number(String(value))) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { slot.member(key.stringValue).set(.number(String(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { slot.member(key.stringValue).set(.number(String(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { slot.member(key.stringValue).set(.number(String(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { slot.member(key.stringValue).set(.number(String(value))) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { slot.member(key.stringValue).set(.number(String(value))) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { slot.member(key.stringValue).set(.number(String(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { slot.member(key.stringValue).set(.number(String(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { slot.member(key.stringValue).set(.number(String(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { slot.member(key.stringValue).set(.number(String(value))) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        SlotEncoder(slot: slot.member(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        SlotEncoder(slot: slot.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { SlotEncoder(slot: slot.member("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { SlotEncoder(slot: slot.member(key.stringValue), codingPath: codingPath + [key]) }
}

struct IndexKey: CodingKey {
    var stringValue: String { String(intValue!) }
    var intValue: Int?
    init(_ i: Int) { intValue = i }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct UnkeyedSlots: UnkeyedEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]
    var count: Int { slot.kind == .array ? slot.children.count : 0 }

    mutating func encodeNil() throws { slot.append().set(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try slot.append().store(value, codingPath: codingPath + [IndexKey(count)]) }
    mutating func encode(_ value: Bool) throws { slot.append().set(.bool(value)) }
    mutating func encode(_ value: String) throws { slot.append().set(.string(value)) }
    mutating func encode(_ value: Double) throws { slot.append().set(.double(value)) }
    mutating func encode(_ value: Float) throws { slot.append().set(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { slot.append().set(.number(String(value))) }
    mutating func encode(_ value: Int8) throws { slot.append().set(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { slot.append().set(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { slot.append().set(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { slot.append().set(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { slot.append().set(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { slot.append().set(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { slot.append().set(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { slot.append().set(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { slot.append().set(.number(String(value))) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        SlotEncoder(slot: slot.append(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { SlotEncoder(slot: slot.append(), codingPath: codingPath).unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { SlotEncoder(slot: slot.append(), codingPath: codingPath) }
}

private struct SingleSlot: SingleValueEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.set(.null) }
    mutating func encode(_ value: Bool) throws { slot.set(.bool(value)) }
    mutating func encode(_ value: String) throws { slot.set(.string(value)) }
    mutating func encode(_ value: Double) throws { slot.set(.double(value)) }
    mutating func encode(_ value: Float) throws { slot.set(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { slot.set(.number(String(value))) }
    mutating func encode(_ value: Int8) throws { slot.set(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { slot.set(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { slot.set(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { slot.set(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { slot.set(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { slot.set(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { slot.set(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { slot.set(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { slot.set(.number(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { try slot.store(value, codingPath: codingPath) }
}
