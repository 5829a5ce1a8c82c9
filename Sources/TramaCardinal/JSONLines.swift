import Foundation

/// Something cardinal-rs would log and go on after: a line it skipped, or a value it left out.
public struct CardinalWarning: Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line of the input, as cardinal numbers them (blank and broken lines count).
    public var line: Int?
    /// cardinal's own wording, e.g. "Line 2 is invalid JSON, skipping. [expected value at line 1 column 1]".
    public var message: String

    public var description: String { message }
}

/// Where JSON Lines come from: a file read in blocks, a whole buffer, or lines already split.
///
/// Reading follows Rust's `BufRead::lines()`, which cardinal-rs uses: a line ends at LF, and a CR
/// just before that LF is dropped; a last line needs no LF; a line that is not valid UTF-8 is
/// skipped with a warning ("caused an I/O error") but still counts for numbering.
public enum CardinalInput: Sendable {
    /// A file, streamed in blocks so that a file of any size needs memory for one line at a time.
    case file(URL)
    /// The bytes of a whole file.
    case data(Data)
    /// Lines already split (each without its line break).
    case lines([String])
}

/// One line of input, and what became of it.
enum LineContent {
    case json(JSON)
    /// Blank (only ASCII whitespace): cardinal skips it silently.
    case blank
    case invalidUTF8
    case invalidJSON(JSONSyntaxError)
}

enum JSONLines {
    static let blockSize = 1 << 20

    /// Calls `body` with each line's 1-based number and content, in order.
    static func forEach(
        _ input: CardinalInput, _ body: (Int, LineContent) throws -> Void
    ) throws {
        switch input {
        case .file(let url):
            let handle: FileHandle
            do {
                handle = try FileHandle(forReadingFrom: url)
            } catch {
                throw CardinalError.unreadable(file: url.path, reason: Self.reason(error))
            }
            defer { try? handle.close() }
            try forEach(handle: handle, name: url.path, body)
        case .data(let data):
            try data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                var lineNumber = 0
                var start = 0
                var i = 0
                while i < bytes.count {
                    if bytes[i] == 0x0A {
                        lineNumber += 1
                        try body(lineNumber, content(UnsafeBufferPointer(rebasing: bytes[start..<i]), newline: true))
                        start = i + 1
                    }
                    i += 1
                }
                if start < bytes.count {
                    lineNumber += 1
                    try body(lineNumber, content(UnsafeBufferPointer(rebasing: bytes[start...]), newline: false))
                }
            }
        case .lines(let lines):
            for (i, line) in lines.enumerated() {
                var line = line
                try line.withUTF8 { try body(i + 1, content($0, newline: false)) }
            }
        }
    }

    /// Reads a file handle in blocks, carrying a partial line from one block to the next.
    static func forEach(handle: FileHandle, name: String, _ body: (Int, LineContent) throws -> Void) throws {
        var carry: [UInt8] = []
        var lineNumber = 0
        while true {
            let block: Data
            do {
                block = try handle.read(upToCount: blockSize) ?? Data()
            } catch {
                throw CardinalError.unreadable(file: name, reason: Self.reason(error))
            }
            if block.isEmpty { break }
            try block.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                var start = 0
                var i = 0
                while i < bytes.count {
                    if bytes[i] == 0x0A {
                        lineNumber += 1
                        if carry.isEmpty {
                            try body(lineNumber, content(UnsafeBufferPointer(rebasing: bytes[start..<i]), newline: true))
                        } else {
                            carry.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                            try carry.withUnsafeBufferPointer { try body(lineNumber, content($0, newline: true)) }
                            carry.removeAll(keepingCapacity: true)
                        }
                        start = i + 1
                    }
                    i += 1
                }
                if start < bytes.count { carry.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
            }
        }
        if !carry.isEmpty {
            lineNumber += 1
            try carry.withUnsafeBufferPointer { try body(lineNumber, content($0, newline: false)) }
        }
    }

    /// A line's content: `lines()` drops a CR before the LF; then UTF-8 is checked, blank lines are
    /// recognised (Rust's `is_ascii_whitespace`: space, tab, LF, FF, CR) and JSON is parsed.
    static func content(_ raw: UnsafeBufferPointer<UInt8>, newline: Bool) -> LineContent {
        var line = raw
        if newline, let last = line.last, last == 0x0D {
            line = UnsafeBufferPointer(rebasing: line.dropLast())
        }
        guard isValidUTF8(line) else { return .invalidUTF8 }
        do {
            return .json(try JSONParser.parse(line))
        } catch {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0C || $0 == 0x0D }) { return .blank }
            return .invalidJSON(error)
        }
    }

    /// Whether bytes are well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF),
    /// as Rust's `str::from_utf8` requires.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            func cont(_ j: Int) -> Bool { j < n && bytes[j] & 0xC0 == 0x80 }
            switch b0 {
            case 0xC2...0xDF:
                guard cont(i + 1) else { return false }
                i += 2
            case 0xE0...0xEF:
                guard i + 1 < n else { return false }
                let b1 = bytes[i + 1]
                let ok: Bool =
                    switch b0 {
                    case 0xE0: (0xA0...0xBF).contains(b1)
                    case 0xED: (0x80...0x9F).contains(b1)
                    default: (0x80...0xBF).contains(b1)
                    }
                guard ok, cont(i + 2) else { return false }
                i += 3
            case 0xF0...0xF4:
                guard i + 1 < n else { return false }
                let b1 = bytes[i + 1]
                let ok: Bool =
                    switch b0 {
                    case 0xF0: (0x90...0xBF).contains(b1)
                    case 0xF4: (0x80...0x8F).contains(b1)
                    default: (0x80...0xBF).contains(b1)
                    }
                guard ok, cont(i + 2), cont(i + 3) else { return false }
                i += 4
            default:
                return false
            }
        }
        return true
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedDescription
    }

    /// The warning cardinal logs for a line it cannot use, or nil for a line it skips silently.
    static func warning(line: Int, _ content: LineContent) -> CardinalWarning? {
        switch content {
        case .json, .blank: nil
        case .invalidUTF8:
            CardinalWarning(line: line, message: "Line \(line) caused an I/O error, skipping. [stream did not contain valid UTF-8]")
        case .invalidJSON(let error):
            CardinalWarning(line: line, message: "Line \(line) is invalid JSON, skipping. [\(error)]")
        }
    }
}
