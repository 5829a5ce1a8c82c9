/// Builds a JSON object's text field by field, for `jsonb` properties, without a round trip
/// through Foundation's JSONSerialization (which sorts nothing and allocates a lot per row).
public struct JSONObject: Sendable {
    /// The text so far, as UTF-8: keys and values are escaped straight into it.
    private var text: [UInt8] = [UInt8(ascii: "{")]
    private var empty = true

    public init() {}

    private mutating func key(_ k: String) {
        if !empty { text.append(UInt8(ascii: ",")) }
        empty = false
        JSONObject.appendQuoted(k, to: &text)
        text.append(UInt8(ascii: ":"))
    }

    public mutating func set(_ k: String, _ value: String) {
        key(k)
        JSONObject.appendQuoted(value, to: &text)
    }

    /// A number already checked to be a canonical JSON number.
    public mutating func set(_ k: String, number: String) {
        key(k)
        text.append(contentsOf: number.utf8)
    }

    public mutating func set(_ k: String, _ value: Bool) {
        key(k)
        text.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func set(_ k: String, _ value: Int) {
        key(k)
        text.append(contentsOf: String(value).utf8)
    }

    /// JSON text already encoded (an object or array kept whole).
    public mutating func set(_ k: String, json: String) {
        key(k)
        text.append(contentsOf: json.utf8)
    }

    /// A JSON value kept as it was published.
    mutating func set(_ k: String, raw value: RawJSON) {
        key(k)
        value.write(to: &text)
    }

    /// A JSON array of strings.
    public mutating func set(_ k: String, strings values: [String]) {
        key(k)
        text.append(UInt8(ascii: "["))
        for (i, v) in values.enumerated() {
            if i > 0 { text.append(UInt8(ascii: ",")) }
            JSONObject.appendQuoted(v, to: &text)
        }
        text.append(UInt8(ascii: "]"))
    }

    public var json: String { String(decoding: text + [UInt8(ascii: "}")], as: UTF8.self) }

    /// `s` as a JSON string: quote, backslash and control characters escaped, the runs between
    /// them copied whole.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        var s = s
        out.append(0x22)
        s.withUTF8 { bytes in
            var start = 0
            for i in 0..<bytes.count {
                let c = bytes[i]
                guard c < 0x20 || c == 0x22 || c == 0x5C else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                out.append(0x5C)
                switch c {
                case 0x22, 0x5C: out.append(c)
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 15)]])
                }
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(0x22)
    }

    public static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
