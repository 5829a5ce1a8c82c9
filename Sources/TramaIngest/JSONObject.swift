/// Builds a JSON object's text field by field, for `jsonb` properties, without a round trip
/// through Foundation's JSONSerialization (which sorts nothing and allocates a lot per row).
public struct JSONObject: Sendable {
    private var text = "{"
    private var empty = true

    public init() {}

    private mutating func key(_ k: String) {
        if !empty { text += "," }
        empty = false
        JSONObject.appendString(k, to: &text)
        text += ":"
    }

    public mutating func set(_ k: String, _ value: String) {
        key(k)
        JSONObject.appendString(value, to: &text)
    }

    /// A number already checked to be a canonical JSON number.
    public mutating func set(_ k: String, number: String) {
        key(k)
        text += number
    }

    public mutating func set(_ k: String, _ value: Bool) {
        key(k)
        text += value ? "true" : "false"
    }

    public mutating func set(_ k: String, _ value: Int) {
        key(k)
        text += String(value)
    }

    public var json: String { text + "}" }

    public static func appendString(_ s: String, to out: inout String) {
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    public static func quoted(_ s: String) -> String {
        var out = ""
        appendString(s, to: &out)
        return out
    }
}
