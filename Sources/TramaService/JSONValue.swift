import Foundation
import TramaIngest

/// A JSON document with object keys kept in the order they were written, so API and CLI
/// output reads in the order the documentation gives.
public indirect enum JSONValue: Sendable, Hashable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    /// Text that is already JSON (e.g. a `jsonb` column), embedded as it is.
    case raw(String)

    public static func int(_ v: Int) -> JSONValue { .number(String(v)) }
    public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.compact == b.compact }
    public func hash(into h: inout Hasher) { h.combine(compact) }

    public var compact: String { String(decoding: utf8(), as: UTF8.self) }

    /// Two-space indented.
    public var pretty: String { String(decoding: utf8(pretty: true), as: UTF8.self) }

    /// The JSON text as UTF-8 bytes, compact or two-space indented: written into one buffer
    /// rather than appended to a `String` piece by piece with each key and string quoted into
    /// a string of its own (storing a 1,000,000-firm collusion scan's 1.2 million documents took
    /// 19.4 s instead of 22.1 s), and handed to a response or a COPY as the bytes they are.
    public func utf8(pretty: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(to: &out, indent: pretty ? Array("  ".utf8) : nil, level: 0)
        return out
    }

    func write(to out: inout [UInt8], indent: [UInt8]?, level: Int) {
        func newline(_ l: Int) {
            guard let indent else { return }
            out.append(0x0A)
            for _ in 0..<l { out.append(contentsOf: indent) }
        }
        switch self {
        case let .object(pairs):
            if pairs.isEmpty { return out.append(contentsOf: "{}".utf8) }
            out.append(UInt8(ascii: "{"))
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(level + 1)
                JSONObject.appendQuoted(k, to: &out)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
                v.write(to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out.append(UInt8(ascii: "}"))
        case let .array(items):
            if items.isEmpty { return out.append(contentsOf: "[]".utf8) }
            out.append(UInt8(ascii: "["))
            for (i, v) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(level + 1)
                v.write(to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out.append(UInt8(ascii: "]"))
        case let .string(s): JSONObject.appendQuoted(s, to: &out)
        case let .number(n): out.append(contentsOf: n.utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case let .raw(r): out.append(contentsOf: r.utf8)
        }
    }

}

/// JSON inside an answer (a relationship's properties, a stored document): written as it is by
/// ``AnswerEncoder``, and through the generic container calls by any other encoder.
extension JSONValue: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {
            self = .object(try object.allKeys.sorted { $0.stringValue < $1.stringValue }.map { ($0.stringValue, try object.decode(JSONValue.self, forKey: $0)) })
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .number(String(i))
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else {
            self = .string(try c.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case let .object(pairs):
            var c = encoder.container(keyedBy: Key.self)
            for (k, v) in pairs { try c.encode(v, forKey: Key(k)) }
        case let .array(items):
            var c = encoder.unkeyedContainer()
            for v in items { try c.encode(v) }
        case let .string(s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case let .number(n):
            var c = encoder.singleValueContainer()
            if let i = Int64(n) { try c.encode(i) } else { try c.encode(Double(n) ?? .nan) }
        case let .bool(b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case let .raw(text):
            try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)).encode(to: encoder)
        }
    }
}

extension JSONValue {
    /// Parses JSON text (object keys come back sorted).
    public static func parse(_ text: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }
}
