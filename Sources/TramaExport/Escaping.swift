/// XML 1.0 text: the characters XML 1.0 cannot carry at all (C0 controls other than tab, line
/// feed and carriage return; U+FFFE, U+FFFF) become U+FFFD, so a stray control character in a
/// name costs a visible mark instead of a file no parser opens.
enum XML {
    static func isAllowed(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Element content: `&`, `<`, `>` as entities, a carriage return as `&#13;` (a parser would
    /// otherwise read it as a line feed).
    static func text(_ s: String) -> String { escaped(s, attribute: false) }

    /// A double-quoted attribute value: also `"` and `'`, and tab and line feed as character
    /// references, which attribute-value normalisation would otherwise turn into spaces.
    static func attribute(_ s: String) -> String { escaped(s, attribute: true) }

    private static func escaped(_ s: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&apos;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            default: out.unicodeScalars.append(isAllowed(u) ? u : "\u{FFFD}")
            }
        }
        return out
    }
}

/// Names for places that take only an XML NMTOKEN (GraphML ids and `attr.name`): every
/// character XML 1.0 (fifth edition) allows in a name is kept, others are written `_xHHHH_`
/// with their code point, and so is an `_` that an `x` follows, so the encoding is one-to-one
/// and an ordinary reference such as `firm:MX-RFC-ABC010101AB1` is its own encoding.
enum XMLName {
    static func encode(_ s: String, keepColon: Bool) -> String {
        let scalars = Array(s.unicodeScalars)
        var out = ""
        for (i, u) in scalars.enumerated() {
            let escapeUnderscore = u == "_" && i + 1 < scalars.count && scalars[i + 1] == "x"
            if isNameChar(u), keepColon || u != ":", !escapeUnderscore {
                out.unicodeScalars.append(u)
            } else {
                let hex = String(u.value, radix: 16, uppercase: true)
                out += "_x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "_"
            }
        }
        return out
    }

    static func isNameChar(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x3A, 0x41...0x5A, 0x5F, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D,
            0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            true
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: true
        default: false
        }
    }
}

/// DOT double-quoted strings. Only `\"` is an escape in DOT itself; Graphviz reads `\\`, `\n`
/// and `\r` in labels, and a backslash before a line break continues the line, so every
/// backslash is doubled and line breaks are written `\n` and `\r`: a value can neither end its
/// string early nor run into the next line. Other control characters become U+FFFD.
enum DOT {
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\t"
            case _ where u.value < 0x20 || u.value == 0x7F: out += "\u{FFFD}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// An attribute name as a plain DOT identifier when it is one, else quoted.
    static func id(_ s: String) -> String {
        let plain = s.unicodeScalars.enumerated().allSatisfy { i, u in
            (u.value >= 0x80) || u == "_" || ("a"..."z").contains(u) || ("A"..."Z").contains(u) || (i > 0 && ("0"..."9").contains(u))
        }
        let keywords: Set<String> = ["node", "edge", "graph", "digraph", "subgraph", "strict"]
        return !s.isEmpty && plain && !keywords.contains(s.lowercased()) ? s : quoted(s)
    }
}

/// RFC 4180 fields: quoted when they hold a comma, a quote or a line break (quotes doubled), or
/// when empty, so an empty string stays apart from a missing value.
enum CSV {
    static func field(_ s: String?) -> String {
        guard let s else { return "" }
        if s.isEmpty { return "\"\"" }
        guard s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else { return s }
        return "\"" + s.replacing("\"", with: "\"\"") + "\""
    }

    static func line(_ fields: [String?]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }
}
