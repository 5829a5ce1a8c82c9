public import Foundation

/// How maps look: a shape and colours per entity kind, a line per relationship kind, the
/// legend's words for each. Loaded from `visualizations/themes/*.json` so that a newsroom can
/// restyle maps without touching code.
public struct Theme: Sendable, Decodable, Hashable {
    public struct NodeStyle: Sendable, Decodable, Hashable {
        /// The legend's name for the kind, e.g. "Firm".
        public var legend: String
        /// A Graphviz shape: box, ellipse, note, folder, hexagon, …
        public var shape: String
        public var fill: String
        public var border: String
        public var font: String?
    }

    public struct EdgeStyle: Sendable, Decodable, Hashable {
        /// The legend's words, e.g. "owns (shareholding)".
        public var legend: String
        public var color: String
        /// solid, dashed, dotted or bold.
        public var style: String
        public var arrowhead: String?
    }

    public var fontName: String
    public var fontSize: Double
    public var background: String
    public var textColor: String
    /// Colour of findings (a conflict's path, a ring's links).
    public var highlight: String
    /// Border width of the entities asked about.
    public var endpointPenWidth: Double
    public var dpi: Double
    public var nodes: [String: NodeStyle]
    public var edges: [String: EdgeStyle]
    public var fallbackNode: NodeStyle
    public var fallbackEdge: EdgeStyle

    public func node(_ kind: String) -> NodeStyle { nodes[kind] ?? fallbackNode }
    public func edge(_ kind: String) -> EdgeStyle { edges[kind] ?? fallbackEdge }

    public static func load(from url: URL) throws -> Theme {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw RenderError.themeUnreadable(path: url.path, reason: error.localizedDescription) }
        do {
            return try JSONDecoder().decode(Theme.self, from: data)
        } catch {
            throw RenderError.themeUnreadable(path: url.path, reason: "\(error)")
        }
    }
}
