/// A piece of HTML. Text from anywhere but the page's own literals is escaped on the way in:
/// entity names come from public data and may hold markup (`<script>` as a firm's name), so
/// the only way to put unescaped text into a page is ``HTML/init(trusted:)``, which takes what
/// Trama itself made (a Graphviz map, whose labels the DOT writer escaped).
///
/// Pages are plain Swift rather than templates: a renamed field of an answer type is a compile
/// error in the page that shows it, and escaping is decided by type, not by remembering to
/// write `{{` rather than `{{{`.
public struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var text: String

    public init(trusted text: String) { self.text = text }

    public init(stringLiteral value: String) { text = value }

    public init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    public var description: String { text }

    public static let empty = HTML(trusted: "")

    /// Escapes `&<>"'`: safe in element content and in double- or single-quoted attributes.
    public static func escape(_ s: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    public struct Interpolation: StringInterpolationProtocol {
        var text = ""

        public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity + interpolationCount * 16) }

        /// The page's own markup.
        public mutating func appendLiteral(_ literal: String) { text += literal }

        /// Text: escaped.
        public mutating func appendInterpolation(_ value: String) { text += HTML.escape(value) }

        /// Text or nothing.
        public mutating func appendInterpolation(_ value: String?) { if let value { text += HTML.escape(value) } }

        public mutating func appendInterpolation(_ value: Int) { text += String(value) }

        public mutating func appendInterpolation(_ html: HTML) { text += html.text }

        public mutating func appendInterpolation(_ parts: [HTML]) { for p in parts { text += p.text } }
    }
}

extension Array where Element == HTML {
    /// The parts one after the other, as one piece.
    public var joined: HTML { HTML(trusted: map(\.text).joined()) }

    /// The parts with `separator` (page markup or text, escaped) between them.
    public func joined(separator: String) -> HTML { HTML(trusted: map(\.text).joined(separator: HTML.escape(separator))) }
}
