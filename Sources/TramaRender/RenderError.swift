/// Why a map could not be drawn.
///
/// Graphviz failures carry the layout engine, the output format and Graphviz's own message
/// (e.g. `syntax error in line 1 near '->'`), so that a caller can show what went wrong.
public enum RenderError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The theme file is missing or is not a theme.
    case themeUnreadable(path: String, reason: String)
    /// Graphviz could not parse the DOT text.
    case invalidDOT(engine: String, format: String, message: String)
    /// The layout engine is unknown or failed on this graph.
    case layoutFailed(engine: String, format: String, message: String)
    /// The laid-out graph could not be rendered to the format.
    case renderFailed(engine: String, format: String, message: String)
    /// The map took longer than the renderer allows (``IsolatedRenderer``'s deadline): the
    /// drawing process was stopped.
    case timedOut(engine: String, format: String, seconds: Double)

    /// Graphviz's message, for the Graphviz cases.
    public var graphvizMessage: String? {
        switch self {
        case .themeUnreadable, .timedOut: nil
        case let .invalidDOT(_, _, message), let .layoutFailed(_, _, message), let .renderFailed(_, _, message): message
        }
    }

    public var description: String {
        switch self {
        case let .themeUnreadable(path, reason): "cannot read theme \(path): \(reason)"
        case let .invalidDOT(engine, format, message): "Graphviz could not read the DOT text (\(engine) → \(format)): \(message)"
        case let .layoutFailed(engine, format, message): "Graphviz layout '\(engine)' failed (→ \(format)): \(message)"
        case let .renderFailed(engine, format, message): "Graphviz could not render \(format) (\(engine) layout): \(message)"
        case let .timedOut(engine, format, seconds): "the map took longer than \(Int(seconds)) s to draw (\(engine) → \(format)) and was stopped"
        }
    }
}
