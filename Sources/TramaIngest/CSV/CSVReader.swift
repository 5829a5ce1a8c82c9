public import Foundation

/// One record of a CSV file: its fields and the line it starts on (1 = the header).
public struct CSVRecord: Sendable {
    public var line: Int
    public var fields: [String]
}

/// Reads RFC 4180 CSV: comma-separated, fields optionally in double quotes, `""` for a quote
/// inside quotes, quoted fields may span lines, CRLF or LF line ends, an optional UTF-8 BOM.
///
/// The file is memory-mapped, so a file of any size is read without holding a copy of it, and
/// records are produced one at a time.
public struct CSVReader: Sendable {
    public let url: URL
    private let data: Data

    public init(url: URL) throws(CSVError) {
        self.url = url
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw CSVError(file: url.lastPathComponent, line: 0, reason: "cannot read: \(error.localizedDescription)")
        }
    }

    /// Bytes in the file, for progress.
    public var byteCount: Int { data.count }

    /// Calls `body` with each record in order, the header first. `body` also receives the byte
    /// offset just past the record, for progress reports.
    public func forEachRecord(_ body: (CSVRecord, Int) throws -> Void) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            let n = bytes.count
            if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
            var line = 1
            var fields: [String] = []
            var field: [UInt8] = []
            while i < n {
                let recordLine = line
                fields.removeAll(keepingCapacity: true)
                var endOfRecord = false
                while !endOfRecord {
                    field.removeAll(keepingCapacity: true)
                    if i < n, bytes[i] == 0x22 {  // quoted field
                        i += 1
                        var closed = false
                        while i < n {
                            let c = bytes[i]
                            if c == 0x22 {
                                if i + 1 < n, bytes[i + 1] == 0x22 {
                                    field.append(0x22)
                                    i += 2
                                    continue
                                }
                                i += 1
                                closed = true
                                break
                            }
                            if c == 0x0A { line += 1 }
                            field.append(c)
                            i += 1
                        }
                        guard closed else {
                            throw CSVError(file: url.lastPathComponent, line: recordLine, reason: "a quoted field is not closed before the end of the file")
                        }
                        if i < n, bytes[i] != 0x2C, bytes[i] != 0x0A, bytes[i] != 0x0D {
                            throw CSVError(
                                file: url.lastPathComponent, line: line,
                                reason: "unexpected character after a closing quote in field \(fields.count + 1)")
                        }
                    } else {
                        while i < n {
                            let c = bytes[i]
                            if c == 0x2C || c == 0x0A || c == 0x0D { break }
                            field.append(c)
                            i += 1
                        }
                    }
                    // Invalid UTF-8 is refused, not repaired into U+FFFD: a file in another
                    // encoding (a Latin-1 export) would otherwise load with its names garbled.
                    guard let text = UTF8Text.string(field) else {
                        throw CSVError(
                            file: url.lastPathComponent, line: line,
                            reason: "field \(fields.count + 1) is not valid UTF-8 (near byte \(i - field.count)); is the file in another encoding? Convert it, e.g. iconv -f latin1 -t utf-8")
                    }
                    guard !field.contains(0) else {
                        throw CSVError(file: url.lastPathComponent, line: line, reason: "field \(fields.count + 1) has \(ValueRules.nul)")
                    }
                    fields.append(text)
                    if i >= n {
                        endOfRecord = true
                    } else if bytes[i] == 0x2C {
                        i += 1
                        if i >= n { fields.append(""); endOfRecord = true }
                    } else {
                        if bytes[i] == 0x0D { i += 1 }
                        if i < n, bytes[i] == 0x0A { i += 1 }
                        line += 1
                        endOfRecord = true
                    }
                }
                // A blank line is not a record.
                if fields.count == 1, fields[0].isEmpty { continue }
                try body(CSVRecord(line: recordLine, fields: fields), i)
            }
        }
    }
}

/// A file that is not well-formed CSV.
public struct CSVError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String

    public var description: String { "\(file):\(line): \(reason)" }
}
