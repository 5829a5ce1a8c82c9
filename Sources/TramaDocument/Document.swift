/// A report or dossier as one model, rendered to a self-contained printable page
/// (``html()``) and to a PDF (``pdf()``) that say the same thing.
///
/// Prosecutors file these, so both outputs are reproducible: the same document gives
/// byte-identical files, which lets a filed copy be checked against a fresh render. Nothing in
/// the output depends on the clock; the only date is ``generated``, which the caller fixes.
public struct Document: Sendable, Hashable {
    public var title: String
    public var subtitle: String?
    /// When the evidence was drawn, as shown in every page's footer (e.g. `2026-12-04 14:00 UTC`).
    ///
    /// When it starts with an ISO date (`YYYY-MM-DD`, optionally ` HH:MM[:SS]` and `UTC`, `Z`
    /// or `±hh:mm`), the PDF's creation and modification dates are that moment; otherwise the
    /// PDF carries no dates at all rather than the time of rendering, which would make every
    /// render differ.
    public var generated: String
    /// A BCP 47 tag (`en`, `pt-BR`): the HTML's `lang`, and the language Pango shapes text for.
    public var language: String
    public var blocks: [Block]

    public init(title: String, subtitle: String? = nil, generated: String, language: String = "en", blocks: [Block]) {
        self.title = title
        self.subtitle = subtitle
        self.generated = generated
        self.language = language
        self.blocks = blocks
    }
}

/// One part of a document's body, laid out top to bottom.
public enum Block: Sendable, Hashable {
    /// A section title; levels 1 to 3 (others are clamped). The document's own title sits
    /// above level 1.
    case heading(level: Int, [Inline])
    case paragraph([Inline])
    /// Bulleted or numbered items, one run of text each.
    case list([[Inline]], ordered: Bool)
    /// Key/value rows such as "Tax id: 12.345.678/0001-90".
    case facts([Fact])
    case table(Table)
    case image(Image)
    /// A callout box, e.g. "A connection is not proof of wrongdoing".
    case note(kind: NoteKind, [Inline])
    /// What follows starts on a new page (in print and in the PDF).
    case pageBreak
}

/// A run of text with one style. A newline inside any of them breaks the line. A string
/// literal is plain ``text(_:)``.
public enum Inline: Sendable, Hashable, ExpressibleByStringInterpolation {
    case text(String)
    case strong(String)
    case emphasis(String)
    /// Identifiers, hashes, queries: monospace.
    case code(String)
    /// A hyperlink. Only `http`, `https` and `mailto` URLs become links; any other is shown as
    /// text after `text`, so that a document can never carry `javascript:` or a local file
    /// reference that a reader's click would follow.
    case link(text: String, url: String)

    public init(stringLiteral value: String) { self = .text(value) }
}

/// One row of a ``Block/facts(_:)`` list.
public struct Fact: Sendable, Hashable {
    public var label: String
    public var value: [Inline]

    public init(_ label: String, _ value: [Inline]) {
        self.label = label
        self.value = value
    }

    public init(_ label: String, _ value: String) {
        self.init(label, [.text(value)])
    }
}

/// Rows under a header row that is repeated on every PDF page (and printed page) the table spans.
///
/// A row with fewer cells than ``columns`` is padded with empty cells; cells beyond the last
/// column are not shown.
public struct Table: Sendable, Hashable {
    /// The contents of one cell.
    public typealias Cell = [Inline]

    public var columns: [Column]
    public var rows: [[Cell]]
    /// A line above the table, e.g. "Table 2: payments from the agency to the two firms".
    public var caption: String?

    public init(columns: [Column], rows: [[Cell]], caption: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.caption = caption
    }

    /// A table of plain-text cells.
    public init(columns: [Column], textRows: [[String]], caption: String? = nil) {
        self.init(columns: columns, rows: textRows.map { $0.map { [.text($0)] } }, caption: caption)
    }

    public struct Column: Sendable, Hashable {
        public enum Alignment: Sendable, Hashable {
            case leading, center
            /// For amounts and counts, so that digits line up.
            case trailing
        }

        public var header: String
        public var alignment: Alignment
        /// For hashes and record ids, which are read character by character.
        public var monospace: Bool
        /// This column's share of the table's width, relative to the others' (any positive scale).
        public var width: Double

        public init(_ header: String, alignment: Alignment = .leading, monospace: Bool = false, width: Double = 1) {
            self.header = header
            self.alignment = alignment
            self.monospace = monospace
            self.width = width
        }
    }
}

/// A picture, usually a network map drawn by Graphviz.
///
/// The HTML shows ``svg`` when there is one (vector, sharp in print) and the PNG otherwise; the
/// PDF always draws the PNG. Shown ``png``'s pixels ÷ ``dpi`` inches wide, shrunk to fit the
/// text width (and, in the PDF, the page), never stretched.
public struct Image: Sendable, Hashable {
    public var png: [UInt8]
    public var svg: String?
    /// What the picture shows, for readers who cannot see it.
    public var alt: String
    public var caption: String?
    /// The PNG's resolution. 96, CSS's pixel, is also Graphviz's default.
    public var dpi: Double

    public init(png: [UInt8], svg: String? = nil, alt: String, caption: String? = nil, dpi: Double = 96) {
        self.png = png
        self.svg = svg
        self.alt = alt
        self.caption = caption
        self.dpi = dpi
    }
}

/// A ``Block/note(kind:_:)``'s look.
public enum NoteKind: String, Sendable, Hashable, CaseIterable {
    case info, warning
}
