public import Foundation

/// Writes RFC 4180 CSV, quoting only the fields that need it, buffered in 1 MiB chunks.
public final class CSVWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    public let url: URL
    public private(set) var rowCount = 0

    /// Creates (or truncates) `url` and writes `header` as its first line.
    public init(url: URL, header: [String]) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(1 << 20)
        Self.append(header, to: &buffer)
    }

    public func write(_ fields: [String]) throws {
        Self.append(fields, to: &buffer)
        rowCount += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    public func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// One CSV line for `fields`, with its line end.
    public static func line(_ fields: [String]) -> String {
        var bytes: [UInt8] = []
        append(fields, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func append(_ fields: [String], to out: inout [UInt8]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(0x2C) }
            let needsQuotes = field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            if needsQuotes {
                out.append(0x22)
                for b in field.utf8 {
                    if b == 0x22 { out.append(0x22) }
                    out.append(b)
                }
                out.append(0x22)
            } else {
                out.append(contentsOf: field.utf8)
            }
        }
        out.append(0x0A)
    }
}
