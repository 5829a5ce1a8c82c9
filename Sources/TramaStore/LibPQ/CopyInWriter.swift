/// Buffers rows in PostgreSQL's COPY text format and sends them in 256 KiB chunks as they fill,
/// so a load of any size streams in constant memory.
///
/// Text format: columns separated by tabs, rows by newlines, `\N` for NULL, and backslash,
/// tab, newline and carriage return escaped (PostgreSQL manual, COPY, "Text Format").
public struct CopyInWriter {
    private var buffer: [UInt8] = []
    private let sink: (UnsafeRawBufferPointer) throws -> Void
    public private(set) var rowCount = 0
    static let chunk = 1 << 18

    init(sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.sink = sink
        buffer.reserveCapacity(Self.chunk + 4096)
    }

    /// Appends one row; `nil` is SQL NULL.
    public mutating func row(_ fields: [String?]) throws {
        for (i, field) in fields.enumerated() {
            if i > 0 { buffer.append(9) }
            guard let field else {
                buffer.append(92)
                buffer.append(78)  // \N
                continue
            }
            let utf8 = field.utf8
            if !utf8.contains(where: { $0 == 92 || $0 == 9 || $0 == 10 || $0 == 13 }) {
                buffer.append(contentsOf: utf8)
                continue
            }
            for byte in utf8 {
                switch byte {
                case 92: buffer.append(92); buffer.append(92)
                case 9: buffer.append(92); buffer.append(116)
                case 10: buffer.append(92); buffer.append(110)
                case 13: buffer.append(92); buffer.append(114)
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(10)
        rowCount += 1
        if buffer.count >= Self.chunk { try flush() }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { b throws in try sink(b) }
        buffer.removeAll(keepingCapacity: true)
    }
}
