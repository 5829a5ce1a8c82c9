/// Text from bytes a file gave, checked to be UTF-8, for the readers' hottest path (every CSV
/// field, every JSON string).
///
/// `String(validating:as:)` is generic over the encoding and, unspecialised, looks up type
/// metadata on every call: perf put 8% of an OCDS import there. ASCII — most fields of most
/// files — needs no validation at all; other text is decoded with repair and kept only when
/// nothing had to be repaired (the decoded bytes are the bytes given).
enum UTF8Text {
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
        let s = String(decoding: bytes, as: UTF8.self)
        var same = false
        var copy = s
        copy.withUTF8 { decoded in
            same = decoded.elementsEqual(bytes)
        }
        return same ? s : nil
    }

    static func string(_ bytes: [UInt8]) -> String? { bytes.withUnsafeBufferPointer { string($0) } }

    /// Whether every byte is below 0x80, eight at a time.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var i = 0
        var high: UInt64 = 0
        while i + 8 <= count {
            high |= UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            i += 8
        }
        while i < count {
            high |= UInt64(base[i])
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }
}

extension UTF8Text {
    /// The offset of the first byte that is not part of a well-formed UTF-8 sequence (Unicode's
    /// table 3-7: no overlong form, no surrogate, nothing above U+10FFFF), or nil when all are.
    static func firstInvalidByte(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = b.count
        func continuation(_ j: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool { j < n && range.contains(b[j]) }
        while i < n {
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            switch c {
            case 0xC2...0xDF:
                guard continuation(i + 1) else { return i }
                i += 2
            case 0xE0...0xEF:
                let second: ClosedRange<UInt8> = c == 0xE0 ? 0xA0...0xBF : c == 0xED ? 0x80...0x9F : 0x80...0xBF
                guard continuation(i + 1, second), continuation(i + 2) else { return i }
                i += 3
            case 0xF0...0xF4:
                let second: ClosedRange<UInt8> = c == 0xF0 ? 0x90...0xBF : c == 0xF4 ? 0x80...0x8F : 0x80...0xBF
                guard continuation(i + 1, second), continuation(i + 2), continuation(i + 3) else { return i }
                i += 4
            default: return i
            }
        }
        return nil
    }
}
