import TramaGraph

/// Rows in PostgreSQL's COPY text format, built in memory: what a `CopyInWriter` buffers, and
/// what a thread other than the connection's can prepare for it (`CopyInWriter.rows`).
///
/// Text format: columns separated by tabs, rows by newlines, `\N` for NULL, and backslash,
/// tab, newline and carriage return escaped (PostgreSQL manual, COPY, "Text Format").
public struct CopyText: Sendable {
    fileprivate(set) var bytes: [UInt8] = []
    public private(set) var rowCount = 0
    /// Fields written so far in the row under way.
    private var fieldsInRow = 0

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends one row; `nil` is SQL NULL.
    public mutating func row(_ fields: [String?]) {
        for field in fields { self.field(field) }
        endRow()
    }

    /// Appends one field to the row under way; `nil` is SQL NULL. Writers of millions of rows
    /// (the import's stage) go field by field, without an array per row.
    public mutating func field(_ value: String?) {
        startField()
        guard var text = value else {
            bytes.append(92)
            bytes.append(78)  // \N
            return
        }
        text.withUTF8 { append(escaping: $0) }
    }

    /// Appends one field given as UTF-8 bytes (a document already encoded).
    public mutating func field(utf8 value: [UInt8]) {
        startField()
        value.withUnsafeBufferPointer { append(escaping: $0) }
    }

    private mutating func startField() {
        if fieldsInRow > 0 { bytes.append(9) }
        fieldsInRow += 1
    }

    /// Ends the row under way.
    public mutating func endRow() {
        bytes.append(10)
        fieldsInRow = 0
        rowCount += 1
    }

    /// COPY text format: backslash, tab, newline and carriage return escaped; the runs between
    /// them copied whole (JSON properties are long and full of `\u` escapes).
    private mutating func append(escaping text: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for i in 0..<text.count {
            let byte = text[i]
            guard byte == 92 || byte < 14 else { continue }
            let escaped: UInt8
            switch byte {
            case 92: escaped = 92
            case 9: escaped = 116
            case 10: escaped = 110
            case 13: escaped = 114
            default: continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<i]))
            bytes.append(92)
            bytes.append(escaped)
            start = i + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...]))
    }

    fileprivate mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        rowCount = 0
        fieldsInRow = 0
    }
}

/// Buffers rows in PostgreSQL's COPY text format and sends them in 32 KiB chunks as they fill,
/// so a load of any size streams in constant memory.
public struct CopyInWriter {
    private var text: CopyText
    private let sink: (UnsafeRawBufferPointer) throws -> Void
    private var sentRows = 0
    static let chunk = 1 << 15

    init(sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.sink = sink
        text = CopyText(capacity: Self.chunk + 4096)
    }

    /// Rows sent or buffered so far.
    public var rowCount: Int { sentRows + text.rowCount }

    /// Appends one row; `nil` is SQL NULL.
    public mutating func row(_ fields: [String?]) throws {
        text.row(fields)
        try flushWhenFull()
    }

    /// Appends one field to the row under way; `nil` is SQL NULL.
    public mutating func field(_ value: String?) {
        text.field(value)
    }

    /// Ends the row under way.
    public mutating func endRow() throws {
        text.endRow()
        try flushWhenFull()
    }

    private mutating func flushWhenFull() throws {
        if text.bytes.count >= Self.chunk { try flush() }
    }

    /// Sends rows prepared elsewhere, after those buffered here.
    public mutating func append(_ rows: CopyText) throws {
        try flush()
        try send(rows)
    }

    /// Streams `count` rows, row `i` written by `write(i, &text)`, encoded on up to `workers`
    /// threads (default: one per core) while this one sends what is ready, in order.
    ///
    /// Why: a scan's results are a million JSON documents, and encoding them was one core at
    /// 100% while PostgreSQL's backend, storing them, used half of the other (perf, a
    /// 1,000,000-firm collusion scan). Rows are encoded in windows, each cut into one
    /// contiguous part per worker, while the window before is sent (`Parallelism.overlapping`);
    /// the parts go out in row order, so the table is what a single thread would have written.
    public mutating func rows(
        _ count: Int, workers: Int? = nil, window: Int = 8192,
        _ write: @escaping @Sendable (_ row: Int, _ text: inout CopyText) -> Void
    ) throws {
        let workers = workers ?? Parallelism.processorCount
        guard count > window, workers > 1 else {
            for i in 0..<count {
                write(i, &text)
                try flushWhenFull()
            }
            return
        }
        try Parallelism.overlapping(workers: workers, minimumChunk: 1) { (rows: Range<Int>) -> CopyText in
            var part = CopyText()
            for i in rows { write(i, &part) }
            return part
        } produce: { submit in
            for start in stride(from: 0, to: count, by: window) {
                let size = min(window, count - start)
                try submit(Parallelism.chunks(size, workers: workers, minimumChunk: 256).map { ($0.lowerBound + start)..<($0.upperBound + start) })
            }
        } take: { _, parts in
            for part in parts { try append(part) }
        }
    }

    mutating func flush() throws {
        guard !text.bytes.isEmpty else { return }
        try send(text)
        text.removeAll()
    }

    private mutating func send(_ rows: CopyText) throws {
        try rows.bytes.withUnsafeBytes { b throws in try sink(b) }
        sentRows += rows.rowCount
    }
}
