/// Buffers rows in PostgreSQL's COPY text format and sends them in 256 KiB chunks as they fill,
/// so a load of any size streams in constant memory.
///
/// Text format: columns separated by tabs, rows by newlines, `\N` for NULL, and backslash,
/// tab, newline and carriage return escaped (PostgreSQL manual, COPY, "Text Format").
public struct CopyInWriter {
    private var buffer: [UInt8] = []
    private let sink: (UnsafeRawBufferPointer) throws -> Void
    public private(set) var rowCount = 0
    /// Fields written so far in the row under way.
    private var fieldsInRow = 0
    static let chunk = 1 << 15

    init(sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.sink = sink
        buffer.reserveCapacity(Self.chunk + 4096)
    }

    /// Appends one row; `nil` is SQL NULL.
    public mutating func row(_ fields: [String?]) throws {
        for field in fields { self.field(field) }
        try endRow()
    }

    /// Appends one field to the row under way; `nil` is SQL NULL. Writers of millions of rows
    /// (the import's stage) go field by field, without an array per row.
    public mutating func field(_ value: String?) {
        if fieldsInRow > 0 { buffer.append(9) }
        fieldsInRow += 1
        guard var text = value else {
            buffer.append(92)
            buffer.append(78)  // \N
            return
        }
        text.withUTF8 { append(escaping: $0) }
    }

    /// Ends the row under way.
    public mutating func endRow() throws {
        buffer.append(10)
        fieldsInRow = 0
        rowCount += 1
        if buffer.count >= Self.chunk { try flush() }
    }

    /// COPY text format: backslash, tab, newline and carriage return escaped; the runs between
    /// them copied whole (JSON properties are long and full of `\u` escapes).
    private mutating func append(escaping bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for i in 0..<bytes.count {
            let byte = bytes[i]
            guard byte == 92 || byte < 14 else { continue }
            let escaped: UInt8
            switch byte {
            case 92: escaped = 92
            case 9: escaped = 116
            case 10: escaped = 110
            case 13: escaped = 114
            default: continue
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
            buffer.append(92)
            buffer.append(escaped)
            start = i + 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { b throws in try sink(b) }
        buffer.removeAll(keepingCapacity: true)
    }
}
