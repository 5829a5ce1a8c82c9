/// What draws maps: Graphviz in this process (``GraphvizRenderer``) or in a child process
/// replaced now and then (``IsolatedRenderer``). Callers draw DOT text or a ``NetworkMap``
/// the same way with either.
public protocol MapDrawing: Sendable {
    /// Lays out and renders DOT text; `.dot` returns the text unchanged (not even parsed).
    /// The graph's `dpi` sets a PNG's resolution; SVG and PDF are drawn at 72 dpi, true size.
    ///
    /// - Parameter engine: the layout engine (`dot`, `neato`, `sfdp`, …) for graphs that do not
    ///   name one; a graph's own `layout` attribute wins, and ``DOTWriter`` always writes one.
    /// - Throws: ``RenderError/invalidDOT(engine:format:message:)`` when Graphviz cannot parse
    ///   the text, ``RenderError/layoutFailed(engine:format:message:)`` for an unknown engine
    ///   or a failed layout, ``RenderError/renderFailed(engine:format:message:)`` when the
    ///   output cannot be produced; each with Graphviz's own message. Nothing goes to stderr.
    func draw(dot: String, layout engine: String, format: RenderFormat) throws(RenderError) -> RenderedMap
}

extension MapDrawing {
    /// ``draw(dot:layout:format:)``'s bytes.
    public func render(dot: String, layout engine: String = "dot", format: RenderFormat) throws(RenderError) -> [UInt8] {
        try draw(dot: dot, layout: engine, format: format).bytes
    }

    /// Draws `map` with `theme`: ``DOTWriter`` then Graphviz, with the engine
    /// ``Layout/resolved(for:)`` picks (written into the DOT as its `layout` attribute).
    public func render(_ map: NetworkMap, theme: Theme, format: RenderFormat, layout: Layout = .automatic) throws(RenderError) -> [UInt8] {
        try draw(map, theme: theme, format: format, layout: layout).bytes
    }

    /// ``render(_:theme:format:layout:)``, also saying how many edge labels still cover a
    /// node or other text.
    public func draw(_ map: NetworkMap, theme: Theme, format: RenderFormat, layout: Layout = .automatic) throws(RenderError) -> RenderedMap {
        let dot = DOTWriter(theme: theme).dot(for: map, layout: layout)
        return try draw(dot: dot, layout: layout.resolved(for: map).rawValue, format: format)
    }
}

/// Lays out and renders maps in-process with libgvc.
///
/// Safe to share between tasks and threads: every Graphviz call in the process is serialised
/// (see ``GraphvizContext``), so concurrent renders queue rather than crash. One Graphviz
/// context lives as long as the renderer, so plugins are loaded once per renderer: keep one
/// around for many maps. Debian's Graphviz 2.42 leaks a few kilobytes per map (HTML-like
/// labels and pango markup, found with valgrind): fine for a command, not for a server, which
/// draws through ``IsolatedRenderer``.
public final class GraphvizRenderer: MapDrawing {
    private let context = GraphvizContext()

    public init() {}

    public func draw(dot: String, layout engine: String = "dot", format: RenderFormat) throws(RenderError) -> RenderedMap {
        if format == .dot { return RenderedMap(bytes: Array(dot.utf8)) }
        return try context.render(dot: dot, engine: engine, format: format)
    }
}

/// A rendered map and what its label placement could not resolve.
public struct RenderedMap: Sendable {
    public var bytes: [UInt8]
    /// Edge labels that still cover a node or another label (see ``LabelPlacer``); 0 is a
    /// clean map.
    public var overlappingLabels = 0
    /// End labels moved from their first spot to clear a node or another label.
    public var movedLabels = 0
    /// Extra points of room kept around every node so that the labels fit (0: none needed).
    public var spread = 0.0
}

/// What a map is rendered to.
public enum RenderFormat: String, Sendable, CaseIterable, Codable {
    case svg, png, pdf
    /// The DOT text itself, for Graphviz users and debugging.
    case dot

    /// A conventional file extension.
    public var fileExtension: String { rawValue }

    /// SVG and PDF are drawn at 72 dpi whatever the graph's `dpi` (which only sets a PNG's
    /// resolution), so that points are points.
    var isVector: Bool { self == .svg || self == .pdf }

    /// Graphviz's output format: PNG and PDF through cairo, for antialiased text and real fonts.
    var graphvizName: String {
        switch self {
        case .svg: "svg"
        case .png: "png:cairo"
        case .pdf: "pdf:cairo"
        case .dot: "dot"
        }
    }
}
