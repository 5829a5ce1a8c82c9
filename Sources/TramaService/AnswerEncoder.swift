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

    /// Compact JSON text.
    public static func compact(_ value: some Encodable) throws -> String { try AnswerEncoder().encode(value).compact }

    /// Two-space indented JSON text.
    public static func pretty(_ value: some Encodable) throws -> String { try AnswerEncoder().encode(value).pretty }
}

/// One place a value is being written to: empty, a finished value, an object or an array whose
/// members are slots themselves (containers are handed out before they are filled).
private final class Slot {
    enum Content {
        case empty
        case value(JSONValue)
        case object([(String, Slot)])
        case array([Slot])
    }

    var content: Content = .empty

    var value: JSONValue {
        switch content {
        case .empty: .object([])
        case let .value(v): v
        case let .object(members): .object(members.map { ($0.0, $0.1.value) })
        case let .array(items): .array(items.map(\.value))
        }
    }

    func member(_ key: String) -> Slot {
        let slot = Slot()
        if case var .object(members) = content {
            if let i = members.firstIndex(where: { $0.0 == key }) {
                members[i].1 = slot
            } else {
                members.append((key, slot))
            }
            content = .object(members)
        } else {
            content = .object([(key, slot)])
        }
        return slot
    }

    func append() -> Slot {
        let slot = Slot()
        if case let .array(items) = content { content = .array(items + [slot]) } else { content = .array([slot]) }
        return slot
    }

    func store(_ value: some Encodable, codingPath: [any CodingKey]) throws {
        switch value {
        case let v as JSONValue: content = .value(v)
        case let d as Double: content = .value(.double(d))
        case let f as Float: content = .value(.double(Double(f)))
        case let s as String: content = .value(.string(s))
        case let b as Bool: content = .value(.bool(b))
        default: try value.encode(to: SlotEncoder(slot: self, codingPath: codingPath))
        }
    }
}

private struct SlotEncoder: Encoder {
    let slot: Slot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = slot.content {} else { slot.content = .object([]) }
        return KeyedEncodingContainer(KeyedSlots<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = slot.content {} else { slot.content = .array([]) }
        return UnkeyedSlots(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleSlot(slot: slot, codingPath: codingPath) }
}

private struct KeyedSlots<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { slot.member(key.stringValue).content = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try slot.member(key.stringValue).store(value, codingPath: codingPath + [key])
    }

    // Primitives go through the generic path, which maps them to JSON once (``Slot/store``).
    mutating func encode(_ value: Bool, forKey key: Key) throws { try encode(Box(value), forKey: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try encode(Box(value), forKey: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try encode(Box(value), forKey: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try encode(Box(value), forKey: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try encode(Box(value), forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encode(Box(value), forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encode(Box(value), forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encode(Box(value), forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encode(Box(value), forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encode(Box(value), forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encode(Box(value), forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encode(Box(value), forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encode(Box(value), forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try encode(Box(value), forKey: key) }

    // A nil optional is written as null rather than left out (see ``AnswerEncoder``).
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

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        SlotEncoder(slot: slot.member(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        SlotEncoder(slot: slot.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { SlotEncoder(slot: slot.member("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { SlotEncoder(slot: slot.member(key.stringValue), codingPath: codingPath + [key]) }
}

/// A primitive passed on to the generic path without being mistaken for a nested value.
private struct Box<T: Encodable>: Encodable {
    var value: T
    init(_ value: T) { self.value = value }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}

private struct IndexKey: CodingKey {
    var stringValue: String { String(intValue!) }
    var intValue: Int?
    init(_ i: Int) { intValue = i }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct UnkeyedSlots: UnkeyedEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]
    var count: Int {
        if case let .array(items) = slot.content { items.count } else { 0 }
    }

    mutating func encodeNil() throws { slot.append().content = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try slot.append().store(value, codingPath: codingPath + [IndexKey(count)]) }
    mutating func encode(_ value: Bool) throws { try encode(Box(value)) }
    mutating func encode(_ value: String) throws { try encode(Box(value)) }
    mutating func encode(_ value: Double) throws { try encode(Box(value)) }
    mutating func encode(_ value: Float) throws { try encode(Box(value)) }
    mutating func encode(_ value: Int) throws { try encode(Box(value)) }
    mutating func encode(_ value: Int8) throws { try encode(Box(value)) }
    mutating func encode(_ value: Int16) throws { try encode(Box(value)) }
    mutating func encode(_ value: Int32) throws { try encode(Box(value)) }
    mutating func encode(_ value: Int64) throws { try encode(Box(value)) }
    mutating func encode(_ value: UInt) throws { try encode(Box(value)) }
    mutating func encode(_ value: UInt8) throws { try encode(Box(value)) }
    mutating func encode(_ value: UInt16) throws { try encode(Box(value)) }
    mutating func encode(_ value: UInt32) throws { try encode(Box(value)) }
    mutating func encode(_ value: UInt64) throws { try encode(Box(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        SlotEncoder(slot: slot.append(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { SlotEncoder(slot: slot.append(), codingPath: codingPath).unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { SlotEncoder(slot: slot.append(), codingPath: codingPath) }
}

private struct SingleSlot: SingleValueEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.content = .value(.null) }
    mutating func encode(_ value: Bool) throws { slot.content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { slot.content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { slot.content = .value(.double(value)) }
    mutating func encode(_ value: Float) throws { slot.content = .value(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { slot.content = .value(.number(String(value))) }
    mutating func encode(_ value: Int8) throws { slot.content = .value(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { slot.content = .value(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { slot.content = .value(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { slot.content = .value(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { slot.content = .value(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { slot.content = .value(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { slot.content = .value(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { slot.content = .value(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { slot.content = .value(.number(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { try slot.store(value, codingPath: codingPath) }
}
