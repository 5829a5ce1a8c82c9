import Foundation

/// One JSON value found in a file: a top-level value, or one element of a package's
/// `releases`, `records` (OCDS) or `statements`-style array, with where it starts.
public struct JSONItem: Sendable {
    /// The array it came from (`releases`, `records`, …), nil for a top-level value.
    public var container: String?
    /// Byte offset of its first byte in the (decompressed) file.
    public var offset: Int
    /// Line of its first byte (1-based).
    public var line: Int
    /// Its text, a slice of the file's bytes (indices are file offsets, not from 0).
    public var bytes: Data
}

/// Why a JSON file could not be split into items.
public struct JSONStreamError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var offset: Int
    public var line: Int
    public var reason: String

    public var description: String { "\(file):\(line) (byte \(offset)): \(reason)" }
}

/// Splits a JSON or JSON Lines file into the items an importer parses one at a time, so that a
/// package of a million releases is never one object tree in memory: the file is mapped, not
/// read, and only the current item is parsed.
///
/// Accepted shapes: JSON Lines (any number of top-level values, one per line or not); a single
/// top-level value; an object whose `arrays` key (e.g. `releases`, `records`) holds an array —
/// each element is an item, and the object's other keys are passed to `metadata`; a top-level
/// array — each element is an item. Gzip files (`.gz`) are decompressed to a temporary file
/// first by `gzip -dc`.
public struct JSONItemStream {
    public let url: URL
    /// Keys whose array elements are streamed as items.
    public let arrays: Set<String>
    /// An object with any of these keys is one item even when it holds a streamed array (an
    /// OCDS record has `releases` and `ocid`; a package has `releases` and no `ocid`).
    public let itemKeys: Set<String>
    let data: Data
    let name: String

    public init(url: URL, arrays: Set<String>, itemKeys: Set<String> = []) throws {
        self.url = url
        self.arrays = arrays
        self.itemKeys = itemKeys
        name = url.lastPathComponent
        if url.pathExtension == "gz" {
            data = try Self.gunzip(url)
        } else {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        }
    }

    public var byteCount: Int { data.count }

    static func gunzip(_ url: URL) throws -> Data {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("trama-\(UUID().uuidString).json")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        // Gone on every way out, a gzip that fails included; a mapping keeps the data readable
        // after the name is gone.
        defer { try? FileManager.default.removeItem(at: out) }
        let handle = try FileHandle(forWritingTo: out)
        defer { try? handle.close() }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-dc", url.path]
        p.standardOutput = handle
        let err = Pipe()
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw JSONStreamError(file: url.lastPathComponent, offset: 0, line: 0, reason: "not a readable gzip file: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return try Data(contentsOf: out, options: .alwaysMapped)
    }

    /// Calls `body` with each item in file order; `metadata` hears the other keys of a package
    /// object (as one JSON object without its streamed arrays).
    public func forEach(metadata: ((Data) throws -> Void)? = nil, _ body: (JSONItem) throws -> Void) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            var scanner = Scanner(bytes: b, name: name)
            // A UTF-8 byte-order mark, as spreadsheet exports write, is read past (as in CSV).
            if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { scanner.pos = 3 }
            scanner.skipSpace()
            if scanner.pos == b.count { throw scanner.error("the file is empty: no JSON in it") }
            while scanner.pos < b.count {
                switch b[scanner.pos] {
                case UInt8(ascii: "{"):
                    try streamObject(&scanner, metadata: metadata, body)
                case UInt8(ascii: "["):
                    try streamArray(&scanner, container: nil, body)
                default:
                    throw scanner.error("expected a JSON object or array")
                }
                scanner.skipSpace()
            }
        }
    }

    private func item(_ s: inout Scanner, start: Int, end: Int, container: String?) -> JSONItem {
        // A slice shares the mapped file's storage: an item costs no copy, and holding one (as
        // releases wait for the rest of their process) holds no parsed tree.
        JSONItem(container: container, offset: start, line: s.line(at: start), bytes: data[start..<end])
    }

    /// An object at the top level: streamed by `arrays` when it has one, else one item.
    private func streamObject(_ s: inout Scanner, metadata: ((Data) throws -> Void)?, _ body: (JSONItem) throws -> Void) throws {
        let start = s.pos
        if !itemKeys.isEmpty {
            // One pass over the keys, values skipped, to tell an item from a package.
            var probe = s
            probe.pos += 1
            var keys = Set<String>()
            probe.skipSpace()
            while probe.peek == UInt8(ascii: "\"") {
                keys.insert(try probe.string())
                probe.skipSpace()
                guard probe.peek == UInt8(ascii: ":") else { break }
                probe.pos += 1
                probe.skipSpace()
                try probe.skipValue()
                probe.skipSpace()
                guard probe.peek == UInt8(ascii: ",") else { break }
                probe.pos += 1
                probe.skipSpace()
            }
            if !keys.isDisjoint(with: itemKeys) {
                try s.skipValue()
                return try body(item(&s, start: start, end: s.pos, container: nil))
            }
        }
        s.pos += 1
        var streamed = false
        // The other members' places, to write them out as the package's metadata only when
        // an array was streamed (a plain item is passed whole, copying nothing).
        var others: [Range<Int>] = []
        s.skipSpace()
        if s.peek == UInt8(ascii: "}") {
            s.pos += 1
            return try body(item(&s, start: start, end: s.pos, container: nil))
        }
        while true {
            s.skipSpace()
            let keyStart = s.pos
            guard s.peek == UInt8(ascii: "\"") else { throw s.error("expected a string") }
            try s.skipString()
            let key = UnsafeBufferPointer(rebasing: s.bytes[(keyStart + 1)..<(s.pos - 1)])
            s.skipSpace()
            guard s.peek == UInt8(ascii: ":") else { throw s.error("expected ':' after key \"\(String(decoding: key, as: UTF8.self))\"") }
            s.pos += 1
            s.skipSpace()
            if s.peek == UInt8(ascii: "["), let container = arrays.first(where: { $0.utf8.elementsEqual(key) }) {
                streamed = true
                try streamArray(&s, container: container, body)
            } else {
                try s.skipValue()
                others.append(keyStart..<s.pos)
            }
            s.skipSpace()
            guard let c = s.peek else { throw s.error("the file ends inside an object (truncated?)") }
            s.pos += 1
            if c == UInt8(ascii: "}") { break }
            guard c == UInt8(ascii: ",") else { throw s.error("expected ',' or '}' in an object") }
        }
        if streamed {
            var rest: [UInt8] = [UInt8(ascii: "{")]
            for (i, r) in others.enumerated() {
                if i > 0 { rest.append(UInt8(ascii: ",")) }
                rest += s.bytes[r]
            }
            rest.append(UInt8(ascii: "}"))
            try metadata?(Data(rest))
        } else {
            try body(item(&s, start: start, end: s.pos, container: nil))
        }
    }

    private func streamArray(_ s: inout Scanner, container: String?, _ body: (JSONItem) throws -> Void) throws {
        s.pos += 1
        s.skipSpace()
        if s.peek == UInt8(ascii: "]") {
            s.pos += 1
            return
        }
        while true {
            s.skipSpace()
            let start = s.pos
            try s.skipValue()
            try body(item(&s, start: start, end: s.pos, container: container))
            s.skipSpace()
            guard let c = s.peek else { throw s.error("the file ends inside an array (truncated?)") }
            s.pos += 1
            if c == UInt8(ascii: "]") { return }
            guard c == UInt8(ascii: ",") else { throw s.error("expected ',' or ']' in an array") }
        }
    }

    /// A cursor over the bytes that knows JSON's lexical structure, not its values.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let name: String
        var pos = 0
        /// Newlines counted up to `countedTo`, so that line numbers cost one pass over the file.
        var lines = 1
        var countedTo = 0

        init(bytes: UnsafeBufferPointer<UInt8>, name: String) {
            self.bytes = bytes
            self.name = name
        }

        var peek: UInt8? { pos < bytes.count ? bytes[pos] : nil }

        mutating func line(at offset: Int) -> Int {
            if offset < countedTo {
                lines = 1
                countedTo = 0
            }
            while countedTo < offset {
                if bytes[countedTo] == 0x0A { lines += 1 }
                countedTo += 1
            }
            return lines
        }

        mutating func error(_ reason: String) -> JSONStreamError {
            let at = min(pos, bytes.count)
            return JSONStreamError(file: name, offset: at, line: line(at: at), reason: reason)
        }

        mutating func skipSpace() {
            while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x0A || bytes[pos] == 0x0D || bytes[pos] == 0x09 { pos += 1 }
        }

        /// A string's contents (escapes kept as written: keys are plain in practice).
        mutating func string() throws -> String {
            guard peek == UInt8(ascii: "\"") else { throw error("expected a string") }
            let start = pos + 1
            try skipString()
            return String(decoding: bytes[start..<(pos - 1)], as: UTF8.self)
        }

        mutating func skipString() throws {
            pos += 1
            while pos < bytes.count {
                if let run = JSONBytes.plainRun(bytes, from: pos, controls: false) {
                    pos = run.end
                    guard pos < bytes.count else { break }
                }
                switch bytes[pos] {
                case UInt8(ascii: "\\"): pos += 2
                case UInt8(ascii: "\""):
                    pos += 1
                    return
                default: pos += 1
                }
            }
            throw error("the file ends inside a string (truncated?)")
        }

        /// Moves past one value of any kind, checking only its nesting.
        mutating func skipValue() throws {
            guard let c = peek else { throw error("the file ends where a value should be (truncated?)") }
            switch c {
            case UInt8(ascii: "\""): try skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                let start = pos
                while pos < bytes.count {
                    switch bytes[pos] {
                    case UInt8(ascii: "\""):
                        try skipString()
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            pos += 1
                            return
                        }
                    default: break
                    }
                    pos += 1
                }
                pos = start
                throw error("a value that starts here never closes (truncated file?)")
            default:
                let start = pos
                while pos < bytes.count, !",}] \n\r\t".utf8.contains(bytes[pos]) { pos += 1 }
                if pos == start { throw error("unexpected character '\(Character(UnicodeScalar(c)))'") }
            }
        }
    }
}
