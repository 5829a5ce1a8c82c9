/// Why a map could not be drawn.
public enum RenderError: Error, Sendable, Hashable, CustomStringConvertible {
    case themeUnreadable(path: String, reason: String)
    /// Graphviz could not parse the DOT text; `message` is Graphviz's own.
    case invalidDOT(message: String)
    case layoutFailed(engine: String, message: String)
    case renderFailed(format: String, message: String)

    public var description: String {
        switch self {
        case let .themeUnreadable(path, reason): "cannot read theme \(path): \(reason)"
        case let .invalidDOT(message): "Graphviz could not read the DOT text: \(message)"
        case let .layoutFailed(engine, message): "Graphviz layout '\(engine)' failed: \(message)"
        case let .renderFailed(format, message): "Graphviz could not render \(format): \(message)"
        }
    }
}
