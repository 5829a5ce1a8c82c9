/// What both renderers do the same way with the caller's text: which characters are shown,
/// which URLs become links, the picture's size and the document's date.

extension String {
    /// The text with control characters (other than newline and tab) replaced by U+FFFD: HTML
    /// forbids them, and a NUL would end the string at the C boundary, silently cutting evidence
    /// short. Carriage returns are dropped so that `\r\n` breaks a line once.
    var printable: String {
        guard unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return self }
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: scalars.append(scalar)
            case 0x0D: continue
            case 0..<0x20, 0x7F: scalars.append("\u{FFFD}")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}

enum LinkPolicy {
    /// `url` if a reader may follow it (http, https, mailto; no control characters), else nil.
    static func followable(_ url: String) -> String? {
        let trimmed = url.trimmingSpaces
        guard !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") else { return nil }
        return trimmed
    }

    /// Whether the URL is worth printing after the link's text: not when the text already is
    /// the URL (or the address of a mailto link).
    static func showsURL(text: String, url: String) -> Bool {
        let shown = text.trimmingSpaces
        return shown != url && "mailto:" + shown != url
    }
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}

enum PNG {
    /// Width and height in pixels from the IHDR chunk, or nil when `bytes` is not a PNG.
    static func size(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 24, bytes[0..<8].elementsEqual(signature), bytes[12..<16].elementsEqual(Array("IHDR".utf8)) else { return nil }
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        return width > 0 && height > 0 ? (width, height) : nil
    }
}

extension Document {
    /// ``generated`` as the ISO 8601 moment cairo writes as the PDF's creation and modification
    /// date (`2026-12-04T14:00:00Z`), or nil when it does not start with a date.
    var isoDate: String? {
        var rest = Substring(generated.trimmingSpaces)
        func number(_ digits: Int, max: Int, min: Int = 0) -> Int? {
            let prefix = rest.prefix(digits)
            guard prefix.count == digits, prefix.allSatisfy(\.isASCII), prefix.allSatisfy(\.isNumber), let value = Int(prefix),
                (min...max).contains(value)
            else { return nil }
            rest = rest.dropFirst(digits)
            return value
        }
        func skip(_ text: String) -> Bool {
            guard rest.hasPrefix(text) else { return false }
            rest = rest.dropFirst(text.count)
            return true
        }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        guard let year = number(4, max: 9999, min: 1), skip("-"), let month = number(2, max: 12, min: 1), skip("-"),
            let day = number(2, max: 31, min: 1)
        else { return nil }
        var time = "00:00:00"
        let afterDate = rest
        if skip("T") || skip(" ") {
            if let hour = number(2, max: 23), skip(":"), let minute = number(2, max: 59) {
                var second = 0
                let beforeSeconds = rest
                if skip(":") {
                    if let s = number(2, max: 60) { second = s } else { rest = beforeSeconds }
                }
                time = "\(two(hour)):\(two(minute)):\(two(second))"
            } else {
                rest = afterDate
            }
        }
        var zone = ""
        rest = rest.drop { $0 == " " }
        if skip("UTC") || skip("GMT") || skip("Z") {
            zone = "Z"
        } else if let sign = rest.first, sign == "+" || sign == "-" {
            rest = rest.dropFirst()
            if let hours = number(2, max: 14), skip(":"), let minutes = number(2, max: 59) {
                zone = "\(sign)\(two(hours)):\(two(minutes))"
            }
        }
        let yearText = String(repeating: "0", count: 4 - String(year).count) + String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(time)\(zone)"
    }
}
