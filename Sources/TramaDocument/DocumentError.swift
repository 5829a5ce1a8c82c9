/// Why a document could not be rendered to PDF. (``Document/html()`` cannot fail.)
public enum DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An ``Image``'s `png` bytes are not a PNG that cairo can read; `alt` says which picture.
    case unreadableImage(alt: String, reason: String)
    /// cairo or Pango failed while drawing or writing the PDF, with cairo's own message.
    case renderFailed(reason: String)

    public var description: String {
        switch self {
        case let .unreadableImage(alt, reason): "the picture \"\(alt)\" is not a readable PNG: \(reason)"
        case let .renderFailed(reason): "the PDF could not be drawn: \(reason)"
        }
    }
}
