/// A property as the INI file gives it.
struct INIProperty: Sendable {
    var key: String
    var value: String
    var line: Int
}

/// A section as the INI file gives it (nil name: the properties before the first section).
struct INISection: Sendable {
    var name: String?
    var line: Int
    var properties: [INIProperty]
}

/// Reads INI text the way cardinal's settings are read: rust-ini 0.21 with its default options
/// (quotes and backslash escapes on, no inline comments, no multi-line values), as the `config`
/// crate calls it.
///
/// What that means for a settings file:
/// - `;` and `#` start a comment only as the first character of a line; elsewhere they are text,
///   so `threshold = 15 # default` sets `threshold` to `15 # default` (which then is not a number).
/// - A key ends at the first `=` or `:`; keys and values are trimmed; a value may be quoted
///   (`"…"` or `'…'`); `\` escapes the next character (`\t`, `\n`, `\x0041`, …) and a `\` at the
///   end of a line continues the value on the next.
/// - A repeated section starts over: only its last occurrence counts (config keeps one table per
///   name); a repeated key keeps its last value.
struct INIParser: ~Copyable {
    private let chars: [Unicode.Scalar]
    private var position = 0
    private var line = 1
    private var column = 1

    init(_ text: String) {
        var scalars = Array(text.unicodeScalars)
        // rust-ini 0.21.3 (what `config` calls) leaves a byte-order mark in place; a settings file
        // saved by a Windows editor would then fail on its first line. Dropping it accepts files
        // cardinal rejects, and changes no accepted file.
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        chars = scalars
    }

    private var current: Unicode.Scalar? { position < chars.count ? chars[position] : nil }

    private mutating func bump() {
        guard position < chars.count else { return }
        if chars[position] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        position += 1
    }

    private func fail(_ reason: String) -> CardinalError {
        CardinalError.settingsSyntax(file: nil, line: line, reason: reason)
    }

    mutating func parse() throws(CardinalError) -> [INISection] {
        var sections: [INISection] = []
        var currentKey = ""
        var keyLine = line
        while let c = current {
            switch c {
            case ";", "#":
                if column > 1 {
                    throw fail("a comment must start a line ('\(c)' after other text on the line)")
                }
                skipComment()
            case "[":
                let headerLine = line
                let name = try parseSection()
                sections.append(INISection(name: name, line: headerLine, properties: []))
            case "=", ":":
                if currentKey.isEmpty { throw fail("missing key before '\(c)'") }
                let value = try parseValue()
                let property = INIProperty(key: currentKey, value: value, line: keyLine)
                if sections.isEmpty { sections.append(INISection(name: nil, line: keyLine, properties: [])) }
                sections[sections.count - 1].properties.append(property)
                currentKey = ""
            case " ", "\t":
                while let s = current, s == " " || s == "\t" { bump() }
                switch current {
                case "[":
                    let headerLine = line
                    let name = try parseSection()
                    sections.append(INISection(name: name, line: headerLine, properties: []))
                case "\n", "\r":
                    bump()
                    continue
                case nil:
                    break
                case let s?:
                    if s == ";" || s == "#" {
                        throw fail("a comment must start a line (this one is indented)")
                    }
                    keyLine = line
                    // rust-ini ignores an indented key that runs to the end of the file.
                    if let key = try? parseUntil(["=", ":"], what: "'=' after a key") { currentKey = trim(key) }
                }
            case "\n", "\r":
                bump()
            default:
                keyLine = line
                currentKey = trim(try parseUntil(["=", ":"], what: "'=' after a key"))
            }
            skipWhitespaceKeepingIndent()
        }
        if !currentKey.isEmpty {
            throw CardinalError.settingsSyntax(file: nil, line: keyLine, reason: "'\(currentKey)' has no '=' and no value")
        }
        return sections
    }

    private mutating func skipComment() {
        while let c = current {
            bump()
            if c == "\n" { break }
        }
    }

    /// After a token: spaces and line breaks, but not the indentation of the next line.
    private mutating func skipWhitespaceKeepingIndent() {
        while let c = current {
            switch c {
            case " ", "\t":
                bump()
            case "\n", "\r":
                bump()
                if current == " " || current == "\t" { return }
            default:
                if c.properties.isWhitespace { bump() } else { return }
            }
        }
    }

    private mutating func parseSection() throws(CardinalError) -> String {
        bump()  // [
        let name = try parseUntil(["]"], what: "']' to close the section name")
        if current == "]" { bump() }
        return trim(name)
    }

    /// Text up to one of `ends` (not consumed), with rust-ini's backslash escapes.
    private mutating func parseUntil(_ ends: Set<Unicode.Scalar>, endAtEOF: Bool = false, what: String) throws(CardinalError) -> String {
        var out = String.UnicodeScalarView()
        while true {
            guard let c = current else {
                if endAtEOF { return String(out) }
                throw fail("expected \(what) but the file ends")
            }
            if ends.contains(c) { return String(out) }
            if c == "\\" {
                bump()
                guard let e = current else {
                    out.append("\\")
                    continue
                }
                switch e {
                case "\n": break  // a line continuation
                case "0": out.append("\u{00}")
                case "a": out.append("\u{07}")
                case "b": out.append("\u{08}")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "n": out.append("\n")
                case "x":
                    var code = ""
                    for _ in 0..<4 {
                        bump()
                        guard let h = current else { throw fail("expected 4 hex digits after '\\x' but the file ends") }
                        code.unicodeScalars.append(h)
                    }
                    guard let v = UInt32(code, radix: 16), let s = Unicode.Scalar(v) else {
                        throw fail("'\\x\(code)' is not a character (write \\x and 4 hex digits)")
                    }
                    out.append(s)
                default: out.append(e)
                }
                bump()
                continue
            }
            out.append(c)
            bump()
        }
    }

    private mutating func parseValue() throws(CardinalError) -> String {
        bump()  // = or :
        while let c = current, c == "\t" || (c != "\n" && c != "\r" && c.properties.isWhitespace) { bump() }
        var value = ""
        var firstPart = true
        while true {
            switch current {
            case nil:
                return value
            case let q? where q == "\"" || q == "'":
                bump()
                value += try parseUntil([q], what: "a closing \(q)")
                bump()
                firstPart = false
            default:
                let part = try parseUntil(["\n", "\r"], endAtEOF: true, what: "the end of the line")
                value += firstPart ? trim(part) : trimEnd(part)
                return value
            }
        }
    }

    /// Rust's `str::trim`: Unicode White_Space at both ends.
    private func trim(_ s: String) -> String { trimEnd(trimStart(s)) }

    private func trimStart(_ s: String) -> String {
        var scalars = Substring(s).unicodeScalars
        while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
        return String(scalars)
    }

    private func trimEnd(_ s: String) -> String {
        var scalars = Substring(s).unicodeScalars
        while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
