/// Writes JSON text as cardinal-rs's `serde_json::to_string` does: compact (no spaces), members
/// in order, numbers as their kept text, strings escaped the serde_json way.
enum JSONWriter {
    static func write(_ value: JSON, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let text): out += text
        case .string(let s): writeString(s, to: &out)
        case .array(let elements):
            out += "["
            for (i, e) in elements.enumerated() {
                if i > 0 { out += "," }
                write(e, to: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            var first = true
            for (k, v) in object.members {
                if !first { out += "," }
                first = false
                writeString(k, to: &out)
                out += ":"
                write(v, to: &out)
            }
            out += "}"
        }
    }

    static func string(_ value: JSON) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    /// serde_json's escaping: `"` and `\`, the short forms `\b \t \n \f \r`, `\u00XX` (lower-case
    /// hex) for the other control characters, and everything else (DEL, `/`, non-ASCII) as is.
    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        var needsEscape = false
        for b in s.utf8 where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
            needsEscape = true
            break
        }
        if !needsEscape {
            out += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\u{08}": out += "\\b"
                case "\t": out += "\\t"
                case "\n": out += "\\n"
                case "\u{0C}": out += "\\f"
                case "\r": out += "\\r"
                case "\u{00}"..."\u{1F}":
                    let hex = Array("0123456789abcdef")
                    let v = Int(scalar.value)
                    out += "\\u00"
                    out.append(hex[v >> 4])
                    out.append(hex[v & 0xF])
                default:
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// A float as cardinal-rs prints one: serde_json turns an `f64` into a JSON number with the
    /// `zmij` crate's `format_finite` (the `ryu` crate before serde_json 1.0.147; both give the same
    /// shortest round-trip digits and the same layout for exponents −5 to 15), and NaN or an
    /// infinity into `null` (`Value::from(f64)`).
    ///
    /// The layout: a whole number gets `.0` (`1.0`, `99.0`); exponents −5 to 15 are written out in
    /// full (`0.16666666666666666`, `0.00001`, `1234567890123456.0`); others in scientific form with
    /// a signed exponent (`1e+16`, `1.5e-7`).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let (digits, exponent) = shortestDigits(value.magnitude)
        var out = value.sign == .minus ? "-" : ""
        let n = digits.count
        if (-5...15).contains(exponent) {
            if exponent >= n - 1 {
                out += digits + String(repeating: "0", count: exponent - (n - 1)) + ".0"
            } else if exponent >= 0 {
                let cut = digits.index(digits.startIndex, offsetBy: exponent + 1)
                out += digits[..<cut] + "." + digits[cut...]
            } else {
                out += "0." + String(repeating: "0", count: -exponent - 1) + digits
            }
        } else {
            out += String(digits.first!)
            if n > 1 { out += "." + digits.dropFirst() }
            out += exponent >= 0 ? "e+\(exponent)" : "e-\(-exponent)"
        }
        return out
    }

    /// The shortest digit string that reads back as `value` (positive, finite) and the decimal
    /// exponent of its first digit: `0.25` → ("25", −1). Swift's `description` computes the same
    /// shortest, closest digits as Ryū and Żmij; only its layout differs, so it is re-laid here.
    static func shortestDigits(_ value: Double) -> (digits: String, exponent: Int) {
        let text = value.description  // "1.2345e-07", "12345.0", "0.001"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...])!
        }
        var digits = ""
        var pointPosition: Int? = nil
        for c in mantissa {
            if c == "." { pointPosition = digits.count } else { digits.append(c) }
        }
        let integerDigits = pointPosition ?? digits.count
        // Strip leading zeros (0.001 → "0001" with 1 integer digit).
        var leading = 0
        for c in digits {
            if c == "0" { leading += 1 } else { break }
        }
        digits.removeFirst(leading)
        while digits.last == "0" { digits.removeLast() }
        exponent += integerDigits - 1 - leading
        return (digits, exponent)
    }
}
