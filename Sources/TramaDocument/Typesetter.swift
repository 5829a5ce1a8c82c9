import CPangoCairo

/// How a run of text is set: font, size, colour, alignment, spacing.
struct TextStyle {
    enum Alignment { case left, center, right }

    var family = Typesetter.sans
    var size = 10.0
    var bold = false
    var italic = false
    var color = Color(0x1A1A1A)
    var alignment = Alignment.left
    /// Line height as a multiple of the font's.
    var lineSpacing = 1.2
    /// One line, cut with "…" when too long (running headers and footers).
    var singleLine = false
}

/// Turns text into ``TextLayout``s with one Pango context, made for the PDF's cairo context.
///
/// The user's text never passes through Pango markup: it is set as plain text
/// (`pango_layout_set_text`) and styled with attributes over byte ranges, so nothing in a
/// name or a note (`<b>`, `&`, `<span foreground=…>`) can change how the document looks.
final class Typesetter {
    static let sans = "DejaVu Sans"
    static let mono = "DejaVu Sans Mono"
    static let linkColor = Color(0x1A4F8B)
    static let quietColor = Color(0x666666)

    private let context: OpaquePointer

    init(cairo: OpaquePointer, language: String) {
        _ = Fontconfig.ready
        context = pango_cairo_create_context(cairo)!
        // Sizes are in points and the PDF's unit is the point: 72 dpi makes them one.
        pango_cairo_context_set_resolution(context, 72)
        // A PDF is not a pixel grid: rounding glyph positions to whole points would only make
        // the spacing uneven.
        pango_context_set_round_glyph_positions(context, 0)
        if let tag = pango_language_from_string(language.isEmpty ? "en" : language) { pango_context_set_language(context, tag) }
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(context)) }

    /// `runs` set in `style`, wrapped at `width` points (between words, or inside a word
    /// longer than the line, such as a hash).
    func layout(_ runs: [Inline], style: TextStyle, width: Double) -> TextLayout {
        var text = StyledText()
        for run in runs { text.append(run) }
        return layout(text, style: style, width: width)
    }

    func layout(_ plain: String, style: TextStyle, width: Double) -> TextLayout {
        var text = StyledText()
        text.append(.text(plain))
        return layout(text, style: style, width: width)
    }

    private func layout(_ text: StyledText, style: TextStyle, width: Double) -> TextLayout {
        let layout = pango_layout_new(context)!
        let font = pango_font_description_new()!
        pango_font_description_set_family(font, style.family)
        pango_font_description_set_absolute_size(font, style.size * Double(PANGO_SCALE))
        pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_layout_set_font_description(layout, font)
        pango_font_description_free(font)

        pango_layout_set_width(layout, Int32((max(width, 1) * Double(PANGO_SCALE)).rounded(.down)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_line_spacing(layout, Float(style.lineSpacing))
        switch style.alignment {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        var content = text.text
        if style.singleLine {
            content = content.replacingNewlines(with: " ")
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
            pango_layout_set_single_paragraph_mode(layout, 1)
        }
        pango_layout_set_text(layout, content, Int32(content.utf8.count))

        let attributes = pango_attr_list_new()!
        // Lines break inside a word only when it is longer than the line: a hash, an id, a
        // URL. A hyphen there would read as part of it.
        CPangoCairo_insertAttribute(attributes, pango_attr_insert_hyphens_new(0), 0, UInt32.max)
        for span in text.spans {
            let start = UInt32(span.start)
            let end = UInt32(span.end)
            switch span.kind {
            case .strong:
                CPangoCairo_insertAttribute(attributes, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start, end)
            case .emphasis:
                CPangoCairo_insertAttribute(attributes, pango_attr_style_new(PANGO_STYLE_ITALIC), start, end)
            case .code:
                CPangoCairo_insertAttribute(attributes, pango_attr_family_new(Self.mono), start, end)
                CPangoCairo_insertAttribute(attributes, pango_attr_scale_new(0.92), start, end)
            case .link:
                let (red, green, blue) = Self.linkColor.pango
                CPangoCairo_insertAttribute(attributes, pango_attr_foreground_new(red, green, blue), start, end)
            case .url:
                let (red, green, blue) = Self.quietColor.pango
                CPangoCairo_insertAttribute(attributes, pango_attr_foreground_new(red, green, blue), start, end)
                CPangoCairo_insertAttribute(attributes, pango_attr_scale_new(0.9), start, end)
            }
        }
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
        return TextLayout(owning: layout, color: style.color, links: text.links)
    }
}

/// Text with the byte ranges of its styles and links, as Pango's attributes need them.
///
/// A link is drawn as its text in the link colour, followed (when the URL says more than the
/// text) by the URL in grey: on paper a link is only as good as the address printed beside it.
struct StyledText {
    enum Kind { case strong, emphasis, code, link, url }

    private(set) var text = ""
    private(set) var spans: [(kind: Kind, start: Int, end: Int)] = []
    private(set) var links: [(url: String, start: Int, end: Int)] = []

    mutating func append(_ run: Inline) {
        switch run {
        case let .text(string): add(string, nil)
        case let .strong(string): add(string, .strong)
        case let .emphasis(string): add(string, .emphasis)
        case let .code(string): add(string, .code)
        case let .link(label, url):
            if let target = LinkPolicy.followable(url) {
                let range = add(label, .link)
                if !range.isEmpty { links.append((target, range.lowerBound, range.upperBound)) }
                if LinkPolicy.showsURL(text: label, url: target) {
                    let shown = add(" (" + target + ")", .url)
                    links.append((target, shown.lowerBound, shown.upperBound))
                }
            } else {
                add(label, nil)
                if LinkPolicy.showsURL(text: label, url: url) { add(" (" + url + ")", .url) }
            }
        }
    }

    @discardableResult
    private mutating func add(_ string: String, _ kind: Kind?) -> Range<Int> {
        let start = text.utf8.count
        text += string.printable
        let end = text.utf8.count
        if let kind, start < end { spans.append((kind, start, end)) }
        return start..<end
    }
}
