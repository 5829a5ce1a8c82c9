public import Foundation

/// How maps look: a shape and colours per entity kind, a line per relationship kind, the
/// legend's words for each, fonts and graph-wide settings.
///
/// Loaded from `visualizations/themes/*.json` (format in `visualizations/README.md`) so that a
/// newsroom can restyle maps without touching code. Kinds the theme does not name are drawn
/// with ``fallbackNode`` / ``fallbackEdge``.
public struct Theme: Sendable, Decodable, Hashable {
    public struct NodeStyle: Sendable, Decodable, Hashable {
        /// The legend's name for the kind, e.g. "Firm"; also printed small inside each node.
        public var legend: String
        /// A Graphviz shape: box, ellipse, note, folder, hexagon, …
        public var shape: String
        /// Fill colour (light, so that dark text stays readable).
        public var fill: String
        /// Border colour; also the legend swatch's border.
        public var border: String
        /// Text colour; ``Theme/textColor`` when absent.
        public var font: String?
        /// Extra Graphviz node styles besides `filled`, e.g. `rounded`.
        public var style: String?
        /// Font size of the node's name; ``Theme/fontSize`` when absent (contact data is smaller).
        public var fontSize: Double?
        /// Number of borders (2 draws a double outline); 1 when absent.
        public var peripheries: Int?
        /// Graphviz node margin ("x,y" in inches) for shapes that crowd their label, e.g. `cds`.
        public var margin: String?

        public init(
            legend: String, shape: String, fill: String, border: String, font: String? = nil, style: String? = nil, fontSize: Double? = nil,
            peripheries: Int? = nil, margin: String? = nil
        ) {
            self.legend = legend
            self.shape = shape
            self.fill = fill
            self.border = border
            self.font = font
            self.style = style
            self.fontSize = fontSize
            self.peripheries = peripheries
            self.margin = margin
        }
    }

    public struct EdgeStyle: Sendable, Decodable, Hashable {
        /// The legend's words, e.g. "owns (shareholding)".
        public var legend: String
        /// Line and label colour (dark enough for text on white).
        public var color: String
        /// solid, dashed, dotted or bold.
        public var style: String
        /// A Graphviz arrowhead (normal, empty, tee, none, …); `normal` when absent.
        public var arrowhead: String?
        /// Line width; 1.4 when absent (`bold` lines are drawn wider by Graphviz).
        public var penWidth: Double?

        public init(legend: String, color: String, style: String, arrowhead: String? = nil, penWidth: Double? = nil) {
            self.legend = legend
            self.color = color
            self.style = style
            self.arrowhead = arrowhead
            self.penWidth = penWidth
        }
    }

    /// A font family fontconfig finds on Debian (`fonts-dejavu-core`), e.g. "DejaVu Sans".
    public var fontName: String
    /// Base font size in points: names; titles, details and edge labels are sized from it.
    public var fontSize: Double
    public var background: String
    public var textColor: String
    /// Colour of findings (a conflict's path, a ring's links): one colour no kind uses.
    public var highlight: String
    /// Line width of findings; 3 when absent.
    public var highlightPenWidth: Double?
    /// Border width of the entities asked about.
    public var endpointPenWidth: Double
    /// Raster resolution (PNG).
    public var dpi: Double
    /// Extra Graphviz graph attributes, written after (and so overriding) Trama's own;
    /// `layout` is ignored (the engine is chosen by ``Layout``).
    public var graphAttributes: [String: String]?
    public var nodes: [String: NodeStyle]
    public var edges: [String: EdgeStyle]
    public var fallbackNode: NodeStyle
    public var fallbackEdge: EdgeStyle
    /// The legend's order of kinds; kinds not listed follow by name.
    public var legendOrder: [String]?

    public func node(_ kind: String) -> NodeStyle { nodes[kind] ?? fallbackNode }
    public func edge(_ kind: String) -> EdgeStyle { edges[kind] ?? fallbackEdge }

    public static func load(from url: URL) throws(RenderError) -> Theme {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .themeUnreadable(path: url.path, reason: error.localizedDescription) }
        do {
            return try JSONDecoder().decode(Theme.self, from: data)
        } catch {
            throw .themeUnreadable(path: url.path, reason: "\(error)")
        }
    }
}
