/// Reads tuples of PostgreSQL's binary COPY format (manual: COPY, "Binary Format").
///
/// libpq hands over one CopyData message per call; the server puts the file header in front
/// of the first tuple and sends the trailer (a field count of -1) on its own.
struct BinaryCopyReader {
    private var headerSeen = false
    let context: String

    init(context: String) { self.context = context }

    /// The header is "PGCOPY\n\xFF\r\n\0", a 32-bit flags word and a 32-bit extension length.
    /// Calls `tuple` with the fields of each tuple in `message`: each field is a buffer, or nil
    /// for NULL.
    mutating func read(_ message: UnsafeRawBufferPointer, tuple: (inout FieldCursor) throws -> Void) throws {
        var offset = 0
        if !headerSeen {
            guard message.count >= 19, message[0] == 0x50, message[6] == 0x0A, message[7] == 0xFF else {
                throw StoreError.malformedCopyData(context: context)
            }
            let extLength = Int(message.loadBigEndianInt32(at: 15))
            offset = 19 + extLength
            headerSeen = true
        }
        while offset + 2 <= message.count {
            let fields = Int(Int16(bitPattern: UInt16(message[offset]) << 8 | UInt16(message[offset + 1])))
            offset += 2
            if fields == -1 { return }
            var cursor = FieldCursor(buffer: message, offset: offset, remaining: fields, context: context)
            try tuple(&cursor)
            offset = cursor.offset
        }
    }
}

/// The fields of one binary COPY tuple, read front to back.
public struct FieldCursor {
    let buffer: UnsafeRawBufferPointer
    fileprivate(set) var offset: Int
    fileprivate var remaining: Int
    let context: String

    /// The next field's bytes; nil for NULL.
    public mutating func next() throws -> UnsafeRawBufferPointer? {
        guard remaining > 0, offset + 4 <= buffer.count else { throw StoreError.malformedCopyData(context: context) }
        remaining -= 1
        let length = Int(buffer.loadBigEndianInt32(at: offset))
        offset += 4
        if length < 0 { return nil }
        guard offset + length <= buffer.count else { throw StoreError.malformedCopyData(context: context) }
        defer { offset += length }
        return UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + length)])
    }

    public mutating func int64() throws -> Int64 {
        guard let f = try next(), f.count == 8 else { throw StoreError.malformedCopyData(context: context) }
        return Int64(bitPattern: UInt64(bigEndian: f.loadUnaligned(as: UInt64.self)))
    }

    /// An `integer` (`int4`).
    public mutating func int32() throws -> Int32 {
        guard let f = try next(), f.count == 4 else { throw StoreError.malformedCopyData(context: context) }
        return f.loadBigEndianInt32(at: 0)
    }

    /// An `integer` that may be NULL.
    public mutating func optionalInt32() throws -> Int32? {
        guard let f = try next() else { return nil }
        guard f.count == 4 else { throw StoreError.malformedCopyData(context: context) }
        return f.loadBigEndianInt32(at: 0)
    }

    /// A `smallint` (`int2`).
    public mutating func int16() throws -> Int16 {
        guard let f = try next(), f.count == 2 else { throw StoreError.malformedCopyData(context: context) }
        return Int16(bitPattern: UInt16(bigEndian: f.loadUnaligned(as: UInt16.self)))
    }

    /// An `int8` that may be NULL.
    public mutating func optionalInt64() throws -> Int64? { try eightBytes().map { Int64(bitPattern: $0) } }

    /// An 8-byte field (int8, float8) as its big-endian bits; nil for NULL.
    private mutating func eightBytes() throws -> UInt64? {
        guard let f = try next() else { return nil }
        guard f.count == 8 else { throw StoreError.malformedCopyData(context: context) }
        return UInt64(bigEndian: f.loadUnaligned(as: UInt64.self))
    }

    /// A `float8`; nil for NULL.
    public mutating func float8() throws -> Double? { try eightBytes().map(Double.init(bitPattern:)) }

    /// A `boolean`; nil for NULL.
    public mutating func bool() throws -> Bool? {
        guard let f = try next() else { return nil }
        guard f.count == 1 else { throw StoreError.malformedCopyData(context: context) }
        return f[0] != 0
    }

    /// A `text` (UTF-8); nil for NULL.
    public mutating func text() throws -> String? {
        guard let f = try next() else { return nil }
        return String(decoding: f, as: UTF8.self)
    }

    /// A one-dimensional `text[]` without NULL elements (an empty array has no dimensions).
    /// The array's binary form: dimensions, a has-nulls flag, the element type, each
    /// dimension's length and lower bound, then each element as a length and its bytes.
    public mutating func textArray() throws -> [String] {
        guard let f = try next(), f.count >= 12 else { throw StoreError.malformedCopyData(context: context) }
        let dimensions = f.loadBigEndianInt32(at: 0)
        if dimensions == 0 { return [] }
        guard dimensions == 1, f.count >= 20 else { throw StoreError.malformedCopyData(context: context) }
        let count = Int(f.loadBigEndianInt32(at: 12))
        var at = 20
        var elements: [String] = []
        elements.reserveCapacity(count)
        for _ in 0..<count {
            guard at + 4 <= f.count else { throw StoreError.malformedCopyData(context: context) }
            let length = Int(f.loadBigEndianInt32(at: at))
            at += 4
            guard length >= 0, at + length <= f.count else { throw StoreError.malformedCopyData(context: context) }
            elements.append(String(decoding: UnsafeRawBufferPointer(rebasing: f[at..<(at + length)]), as: UTF8.self))
            at += length
        }
        return elements
    }

    /// A `date` as days since 1970-01-01 (PostgreSQL counts from 2000-01-01); nil for NULL.
    public mutating func date() throws -> Int32? {
        guard let f = try next() else { return nil }
        guard f.count == 4 else { throw StoreError.malformedCopyData(context: context) }
        let days = f.loadBigEndianInt32(at: 0)
        // ±infinity are stored as Int32.max / Int32.min.
        if days == Int32.max || days == Int32.min { return days }
        return days + 10_957
    }
}

extension UnsafeRawBufferPointer {
    func loadBigEndianInt32(at offset: Int) -> Int32 {
        Int32(bitPattern: UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }
}
