import CPangoCairo

extension Document {
    /// The document as an A4 PDF, drawn with Pango and cairo: DejaVu fonts embedded, a running
    /// header with the title, "Generated …" and "Page N of M" in every footer, tables whose
    /// header row repeats on each page they span, links clickable and their URLs printed.
    ///
    /// Reproducible: the same document gives byte-identical bytes, run after run and process
    /// after process, on the same cairo, Pango and fonts (their versions shape the glyphs and
    /// cairo names itself in the file). cairo would otherwise stamp the time of rendering as the
    /// creation date; here the dates come from ``generated`` (or are left out), and nothing
    /// else in cairo 1.16's output varies between runs.
    ///
    /// Safe to call from several threads at once: each render has its own cairo and Pango
    /// objects, and Pango's font caches are per thread. It is CPU work (about 10 ms a page of a
    /// long table, 30 ms for a three-page report with a map): in a server, run it off the event
    /// loops.
    ///
    /// - Throws: ``DocumentError/unreadableImage(alt:reason:)`` for a picture that is not a PNG,
    ///   ``DocumentError/renderFailed(reason:)`` when cairo fails.
    public func pdf() throws(DocumentError) -> [UInt8] {
        try PDFWriter(self).render()
    }
}

/// Lays a ``Document`` out onto pages (``PageComposer``), then draws them into a PDF.
final class PDFWriter {
    private let document: Document
    private let geometry = PageGeometry()
    private let surface: PDFSurface
    private let typesetter: Typesetter
    private let composer: PageComposer

    private static let body = TextStyle()
    private static let grid = Color(0xBBBBBB)
    private static let hairline = Color(0xDDDDDD)
    private static let quiet = Color(0x555555)

    init(_ document: Document) throws(DocumentError) {
        self.document = document
        surface = try PDFSurface(width: geometry.width, height: geometry.height)
        typesetter = Typesetter(cairo: surface.cairo, language: document.language)
        composer = PageComposer(geometry: geometry)
    }

    func render() throws(DocumentError) -> [UInt8] {
        setMetadata()
        placeTitle()
        for block in document.blocks { try place(block) }
        composer.finish()
        draw()
        return try surface.finish()
    }

    private func setMetadata() {
        surface.setMetadata(CAIRO_PDF_METADATA_TITLE, document.title.printable)
        if let subtitle = document.subtitle { surface.setMetadata(CAIRO_PDF_METADATA_SUBJECT, subtitle.printable) }
        surface.setMetadata(CAIRO_PDF_METADATA_CREATOR, "Trama")
        // An empty date is one cairo cannot parse, so it writes none instead of the current time.
        let date = document.isoDate ?? ""
        surface.setMetadata(CAIRO_PDF_METADATA_CREATE_DATE, date)
        surface.setMetadata(CAIRO_PDF_METADATA_MOD_DATE, date)
    }

    // MARK: Layout

    private func placeTitle() {
        var title = TextStyle()
        title.size = 20
        title.bold = true
        title.lineSpacing = 1.1
        composer.place(Row(cells: [.init(layout: typesetter.layout(document.title, style: title, width: geometry.textWidth), x: geometry.left)]))
        if let subtitle = document.subtitle {
            var style = TextStyle()
            style.size = 11.5
            style.color = Self.quiet
            composer.place(
                Row(cells: [.init(layout: typesetter.layout(subtitle, style: style, width: geometry.textWidth), x: geometry.left)], paddingTop: 3))
        }
        composer.rule(color: Color(0x999999), lineWidth: 0.75, after: 6)
        composer.gap(14)
    }

    private func place(_ block: Block) throws(DocumentError) {
        switch block {
        case let .heading(level, content):
            placeHeading(min(max(level, 1), 3), content)
        case let .paragraph(content):
            composer.place(paragraph(content, style: Self.body, x: geometry.left, width: geometry.textWidth))
            composer.gap(7)
        case let .list(items, ordered):
            placeList(items, ordered: ordered)
            composer.gap(7)
        case let .facts(facts):
            placeFacts(facts)
            composer.gap(10)
        case let .table(table):
            placeTable(table)
            composer.gap(12)
        case let .image(image):
            try placeImage(image)
            composer.gap(12)
        case let .note(kind, content):
            placeNote(kind, content)
            composer.gap(10)
        case .pageBreak:
            composer.breakPage()
        }
    }

    private func paragraph(_ content: [Inline], style: TextStyle, x: Double, width: Double) -> Row {
        Row(cells: [.init(layout: typesetter.layout(content, style: style, width: width), x: x)], splittable: true)
    }

    private func placeHeading(_ level: Int, _ content: [Inline]) {
        var style = TextStyle()
        style.bold = true
        style.lineSpacing = 1.1
        style.size = [14.5, 12, 10.5][level - 1]
        composer.gap([14, 10, 8][level - 1])
        var row = Row(cells: [.init(layout: typesetter.layout(content, style: style, width: geometry.textWidth), x: geometry.left)])
        row.paddingBottom = level == 1 ? 5 : 3
        // The heading and about three lines of what follows stay together.
        row.keepWithNext = 45
        row.outline = (level, content.plainText)
        if level == 1 {
            row.decoration = { rect in
                [.rule(x0: rect.x, x1: rect.x + rect.width, y: rect.maxY - 1.5, Color(0xCCCCCC), lineWidth: 0.6)]
            }
        }
        composer.place(row)
        composer.gap(level == 1 ? 6 : 4)
    }

    private func placeList(_ items: [[Inline]], ordered: Bool) {
        let indent = ordered ? 22.0 : 16.0
        var markerStyle = Self.body
        markerStyle.alignment = .right
        for (index, item) in items.enumerated() {
            let marker = typesetter.layout(ordered ? "\(index + 1)." : "•", style: markerStyle, width: indent - 6)
            let text = typesetter.layout(item, style: Self.body, width: geometry.textWidth - indent)
            var row = Row(cells: [.init(layout: marker, x: geometry.left), .init(layout: text, x: geometry.left + indent)], splittable: true)
            row.paddingBottom = index == items.count - 1 ? 0 : 2.5
            composer.place(row)
        }
    }

    private func placeFacts(_ facts: [Fact]) {
        let labelWidth = (geometry.textWidth * 0.3).rounded()
        var label = TextStyle()
        label.bold = true
        label.size = 9
        label.color = Self.quiet
        label.lineSpacing = 1.25
        for fact in facts {
            var row = Row(cells: [
                .init(layout: typesetter.layout(fact.label, style: label, width: labelWidth - 8), x: geometry.left),
                .init(layout: typesetter.layout(fact.value, style: Self.body, width: geometry.textWidth - labelWidth), x: geometry.left + labelWidth),
            ])
            row.paddingTop = 3.5
            row.paddingBottom = 3.5
            row.alignBaselines()
            row.decoration = { rect in
                [.rule(x0: rect.x, x1: rect.x + rect.width, y: rect.maxY, Self.hairline, lineWidth: 0.5)]
            }
            composer.place(row)
        }
    }

    private func placeTable(_ table: Table) {
        guard !table.columns.isEmpty else { return }
        let shares = table.columns.map { $0.width.isFinite && $0.width > 0 ? $0.width : 1 }
        let total = shares.reduce(0, +)
        var edges = [geometry.left]
        for share in shares { edges.append(edges.last! + geometry.textWidth * share / total) }
        edges[edges.count - 1] = geometry.right
        let padding = (x: 4.0, y: 3.0)

        func style(_ column: Table.Column, header: Bool) -> TextStyle {
            var style = TextStyle()
            style.size = 8.5
            style.lineSpacing = 1.1
            style.bold = header
            if column.monospace && !header {
                style.family = Typesetter.mono
                style.size = 8
            }
            switch column.alignment {
            case .leading: style.alignment = .left
            case .center: style.alignment = .center
            case .trailing: style.alignment = .right
            }
            return style
        }
        func row(_ cells: [Table.Cell], header: Bool, shade: Color?) -> Row {
            var row = Row(
                cells: table.columns.enumerated().map { index, column in
                    let content = index < cells.count ? cells[index] : []
                    let width = edges[index + 1] - edges[index] - 2 * padding.x
                    return .init(layout: typesetter.layout(content, style: style(column, header: header), width: width), x: edges[index] + padding.x)
                })
            row.paddingTop = padding.y
            row.paddingBottom = padding.y
            row.alignBaselines()
            row.decoration = { rect in
                var ops: [DrawOp] = []
                if let shade { ops.append(.fill(rect, shade)) }
                for index in 0..<(edges.count - 1) {
                    let cell = Rect(x: edges[index], y: rect.y, width: edges[index + 1] - edges[index], height: rect.height)
                    ops.append(.stroke(cell, Self.grid, lineWidth: 0.5))
                }
                return ops
            }
            return row
        }

        var lead = 0.0
        var caption: Row?
        if let text = table.caption {
            var style = TextStyle()
            style.size = 9
            style.italic = true
            style.color = Color(0x444444)
            caption = Row(
                cells: [.init(layout: typesetter.layout(text, style: style, width: geometry.textWidth), x: geometry.left)], paddingBottom: 4)
            lead = caption!.height
        }
        let header = row(table.columns.map { [.text($0.header)] }, header: true, shade: Color(0xECECEC))
        let rows = table.rows.enumerated().map { index, cells in row(cells, header: false, shade: index % 2 == 1 ? Color(0xF7F7F7) : nil) }
        if let caption {
            composer.ensure(lead + composer.opening(header: header, first: rows.first))
            composer.place(caption)
        }
        composer.placeTable(header: header, rows: rows)
    }

    private func placeImage(_ image: Image) throws(DocumentError) {
        let png = try PNGSurface(png: image.png, alt: image.alt)
        var caption: TextLayout?
        if let text = image.caption {
            var style = TextStyle()
            style.size = 9
            style.italic = true
            style.color = Color(0x444444)
            style.alignment = .center
            caption = typesetter.layout(text, style: style, width: geometry.textWidth)
        }
        let dpi = image.dpi.isFinite && image.dpi > 0 ? image.dpi : 96
        let natural = (width: Double(png.width) * 72 / dpi, height: Double(png.height) * 72 / dpi)
        let maxHeight = geometry.bottom - geometry.top - (caption.map { $0.height + 4 } ?? 0)
        let scale = min(1, geometry.textWidth / natural.width, maxHeight / natural.height)
        composer.place(png, size: (natural.width * scale, natural.height * scale), caption: caption)
    }

    private func placeNote(_ kind: NoteKind, _ content: [Inline]) {
        let (tint, border): (Color, Color) =
            switch kind {
            case .info: (Color(0xEEF4FB), Color(0x5B8BD0))
            case .warning: (Color(0xFFF6E0), Color(0xD9A400))
            }
        let inset = 12.0
        var row = Row(cells: [
            .init(layout: typesetter.layout(content, style: Self.body, width: geometry.textWidth - 2 * inset), x: geometry.left + inset)
        ])
        row.paddingTop = 7
        row.paddingBottom = 7
        row.decoration = { rect in
            [
                .fill(rect, tint),
                .stroke(rect, border, lineWidth: 0.75),
                .fill(Rect(x: rect.x, y: rect.y, width: 3.5, height: rect.height), border),
            ]
        }
        composer.place(row)
    }

    // MARK: Drawing

    private func draw() {
        let cairo = surface.cairo
        let pageCount = composer.pages.count
        var small = TextStyle()
        small.size = 8
        small.color = Self.quiet
        small.singleLine = true
        let header = typesetter.layout(document.title, style: small, width: geometry.textWidth)
        let footer = typesetter.layout("Generated " + document.generated, style: small, width: geometry.textWidth * 0.7)
        var numberStyle = small
        numberStyle.alignment = .right
        var outlineParents = [Int32(0), 0, 0, 0]

        for (index, ops) in composer.pages.enumerated() {
            let pageNumber = index + 1
            if pageNumber > 1 {
                show(header, x: geometry.left, y: geometry.top - 24, lines: nil)
                strokeRule(x0: geometry.left, x1: geometry.right, y: geometry.top - 10, Color(0xAAAAAA), lineWidth: 0.5)
            }
            strokeRule(x0: geometry.left, x1: geometry.right, y: geometry.bottom + 12, Color(0xAAAAAA), lineWidth: 0.5)
            show(footer, x: geometry.left, y: geometry.bottom + 17, lines: nil)
            let number = typesetter.layout("Page \(pageNumber) of \(pageCount)", style: numberStyle, width: geometry.textWidth * 0.3)
            show(number, x: geometry.right - geometry.textWidth * 0.3, y: geometry.bottom + 17, lines: nil)

            for op in ops {
                switch op {
                case let .text(layout, x, y, lines):
                    show(layout, x: x, y: y, lines: lines)
                case let .fill(rect, color):
                    cairo_set_source_rgb(cairo, color.red, color.green, color.blue)
                    cairo_rectangle(cairo, rect.x, rect.y, rect.width, rect.height)
                    cairo_fill(cairo)
                case let .stroke(rect, color, lineWidth):
                    cairo_set_source_rgb(cairo, color.red, color.green, color.blue)
                    cairo_set_line_width(cairo, lineWidth)
                    cairo_rectangle(cairo, rect.x, rect.y, rect.width, rect.height)
                    cairo_stroke(cairo)
                case let .rule(x0, x1, y, color, lineWidth):
                    strokeRule(x0: x0, x1: x1, y: y, color, lineWidth: lineWidth)
                case let .image(png, rect):
                    cairo_save(cairo)
                    cairo_translate(cairo, rect.x, rect.y)
                    cairo_scale(cairo, rect.width / Double(png.width), rect.height / Double(png.height))
                    cairo_set_source_surface(cairo, png.surface, 0, 0)
                    cairo_paint(cairo)
                    cairo_restore(cairo)
                case let .outline(level, title, y):
                    let parent = outlineParents[level - 1]
                    let destination = "page=\(pageNumber) pos=[\(Self.number(geometry.left)) \(Self.number(y))]"
                    let id = cairo_pdf_surface_add_outline(surface.surface, parent, title.printable, destination, CAIRO_PDF_OUTLINE_FLAG_OPEN)
                    outlineParents[level] = id
                    for deeper in (level + 1)..<outlineParents.count { outlineParents[deeper] = id }
                }
            }
            cairo_show_page(cairo)
        }
    }

    /// Draws `layout` with its top left at (x, y), only `lines` of it if given, and makes its
    /// links clickable there.
    private func show(_ layout: TextLayout, x: Double, y: Double, lines: Range<Int>?) {
        let cairo = surface.cairo
        cairo_set_source_rgb(cairo, layout.color.red, layout.color.green, layout.color.blue)
        if let lines {
            for index in lines {
                let line = layout.lines[index]
                cairo_move_to(cairo, x + line.x, y + line.baseline)
                pango_cairo_show_layout_line(cairo, pango_layout_get_line_readonly(layout.layout, Int32(index)))
            }
        } else {
            cairo_move_to(cairo, x, y)
            pango_cairo_show_layout(cairo, layout.layout)
        }
        cairo_new_path(cairo)
        let shown = lines.map { (top: layout.lines[$0.lowerBound].top - 0.01, bottom: layout.lines[$0.upperBound - 1].bottom + 0.01) }
        for link in layout.links {
            let rects = link.rects.filter { rect in
                guard let shown else { return true }
                return rect.y >= shown.top && rect.maxY <= shown.bottom
            }.map { Rect(x: $0.x + x, y: $0.y + y, width: $0.width, height: $0.height) }
            guard !rects.isEmpty else { continue }
            let area = rects.map { "\(Self.number($0.x)) \(Self.number($0.y)) \(Self.number($0.width)) \(Self.number($0.height))" }.joined(
                separator: " ")
            let attributes = "uri='\(Self.attributeString(link.url))' rect=[\(area)]"
            cairo_tag_begin(cairo, CPangoCairo_linkTag(), attributes)
            cairo_tag_end(cairo, CPangoCairo_linkTag())
        }
    }

    private func strokeRule(x0: Double, x1: Double, y: Double, _ color: Color, lineWidth: Double) {
        let cairo = surface.cairo
        cairo_set_source_rgb(cairo, color.red, color.green, color.blue)
        cairo_set_line_width(cairo, lineWidth)
        cairo_move_to(cairo, x0, y)
        cairo_line_to(cairo, x1, y)
        cairo_stroke(cairo)
    }

    /// A number for cairo's attribute strings, which are parsed with `.` as the decimal
    /// separator whatever the locale.
    private static func number(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// A value inside single quotes in cairo's tag attributes: backslash escapes quote and backslash.
    private static func attributeString(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "'" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

extension [Inline] {
    /// The words alone, for bookmarks.
    var plainText: String {
        map { run in
            switch run {
            case let .text(text), let .strong(text), let .emphasis(text), let .code(text), let .link(text, _): text
            }
        }.joined().replacingNewlines(with: " ")
    }
}
