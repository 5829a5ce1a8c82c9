import Foundation

/// The explorer's addresses. Every page has a stable URL that can be shared: what a page
/// shows is named by its path and query, never by state kept in the browser.
public enum Links {
    /// Characters left as they are in a path segment: `kind:key` keeps its colon, so that
    /// `/entities/firm:F0000123` reads as it is typed.
    static let segment = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~:@!$()*,;"))
        .subtracting(CharacterSet(charactersIn: "\u{80}"..."\u{10FFFF}"))
    /// Characters left as they are in a query value.
    static let queryValue = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~:@!$()*,/"))
        .subtracting(CharacterSet(charactersIn: "\u{80}"..."\u{10FFFF}"))

    public static func entity(_ reference: String) -> String {
        "/entities/" + (reference.addingPercentEncoding(withAllowedCharacters: segment) ?? reference)
    }

    /// `path?name=value&…` without the pairs whose value is nil or empty.
    public static func with(_ path: String, _ query: [(String, String?)]) -> String {
        let pairs = query.compactMap { name, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return name + "=" + (value.addingPercentEncoding(withAllowedCharacters: queryValue) ?? value)
        }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }

    public static func search(_ text: String, kind: String? = nil, dataset: String? = nil, flagged: Bool? = nil, offset: Int = 0) -> String {
        with("/search", [("q", text), ("kind", kind), ("dataset", dataset), ("flagged", flagged.map { $0 ? "true" : "false" }), ("offset", offset > 0 ? String(offset) : nil)])
    }

    public static func judge(_ reference: String) -> String {
        "/judges/" + (reference.addingPercentEncoding(withAllowedCharacters: segment) ?? reference)
    }

    public static func paths(from: String, to: String? = nil) -> String { with("/paths", [("from", from), ("to", to)]) }

    /// Where a sign-in may send the user back to: a path of this site only (`/…`, not `//host`
    /// or `/\host`, which browsers read as another site).
    public static func isLocal(_ target: String) -> Bool {
        target.hasPrefix("/") && !target.hasPrefix("//") && !target.hasPrefix("/\\") && !target.contains(where: { $0.isNewline || $0 == "\u{0}" })
    }

    /// The files of a report at `base` (`/evidence`, `/entities/firm%3AF1`), as the server names them.
    public static func reportFiles(_ base: String, bundle: String, _ query: [(String, String?)] = []) -> [(title: String, href: String)] {
        [("PDF", with("\(base)/report.pdf", query)), ("HTML", with("\(base)/report.html", query)),
         ("Bundle (.zip, with manifest)", with("\(base)/\(bundle).zip", query))]
    }

    /// The exports of the selection at `base` (`/rings/ring-3`, `/investigations/4`).
    public static func exports(_ base: String, _ query: [(String, String?)] = []) -> [(title: String, href: String)] {
        [("GraphML", "graphml"), ("GEXF", "gexf"), ("FtM", "ftm"), ("Neo4j CSV", "neo4j"), ("DOT", "dot")].map { ($0.0, with("\(base)/export.\($0.1)", query)) }
    }
}
