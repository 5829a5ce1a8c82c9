extension Document {
    /// The document as one self-contained HTML5 page, for screens and for printing to A4.
    ///
    /// Nothing is loaded from elsewhere: the style sheet is inline, pictures are `data:` URIs and
    /// a Content-Security-Policy forbids any other source, scripts included, so the page opens the
    /// same offline, years later, and a crafted name in the data can neither run code nor call
    /// out. All text is escaped. The same document gives the same bytes.
    public func html() -> String {
        var writer = HTMLWriter()
        writer.write(self)
        return writer.output
    }
}

/// Builds ``Document/html()``'s page.
struct HTMLWriter {
    private(set) var output = ""

    mutating func write(_ document: Document) {
        let title = escape(document.title)
        output += """
            <!DOCTYPE html>
            <html lang="\(escape(document.language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
            <meta name="generator" content="Trama">
            <title>\(title)</title>
            <style>
            \(Self.styleSheet)
            @page { @bottom-left { content: "Generated \(cssString(document.generated))"; } }
            </style>
            </head>
            <body>
            <header class="document">
            <h1>\(title)</h1>

            """
        if let subtitle = document.subtitle { output += "<p class=\"subtitle\">\(escape(subtitle))</p>\n" }
        output += "</header>\n<main>\n"
        for block in document.blocks { write(block) }
        output += "</main>\n<footer><p>Generated \(escape(document.generated))</p></footer>\n</body>\n</html>\n"
    }

    private mutating func write(_ block: Block) {
        switch block {
        case let .heading(level, content):
            // The document's title is the page's one <h1>.
            let tag = "h\(min(max(level, 1), 3) + 1)"
            output += "<\(tag)>\(inline(content))</\(tag)>\n"
        case let .paragraph(content):
            output += "<p>\(inline(content))</p>\n"
        case let .list(items, ordered):
            let tag = ordered ? "ol" : "ul"
            output += "<\(tag)>\n"
            for item in items { output += "<li>\(inline(item))</li>\n" }
            output += "</\(tag)>\n"
        case let .facts(facts):
            output += "<dl class=\"facts\">\n"
            for fact in facts { output += "<div><dt>\(escape(fact.label))</dt><dd>\(inline(fact.value))</dd></div>\n" }
            output += "</dl>\n"
        case let .table(table):
            write(table)
        case let .image(image):
            write(image)
        case let .note(kind, content):
            output += "<aside class=\"note \(kind.rawValue)\">\(inline(content))</aside>\n"
        case .pageBreak:
            output += "<div class=\"page-break\"></div>\n"
        }
    }

    private mutating func write(_ table: Table) {
        guard !table.columns.isEmpty else { return }
        output += "<table>\n"
        if let caption = table.caption { output += "<caption>\(escape(caption))</caption>\n" }
        let total = table.columns.reduce(0) { $0 + Self.share($1) }
        output += "<colgroup>"
        for column in table.columns {
            output += "<col style=\"width: \(Self.percent(Self.share(column) / total))\">"
        }
        output += "</colgroup>\n<thead><tr>"
        for column in table.columns { output += "<th\(Self.cellClass(column, header: true))>\(escape(column.header))</th>" }
        output += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            output += "<tr>"
            for (index, column) in table.columns.enumerated() {
                output += "<td\(Self.cellClass(column))>\(index < row.count ? inline(row[index]) : "")</td>"
            }
            output += "</tr>\n"
        }
        output += "</tbody>\n</table>\n"
    }

    /// A picture as an `<img>` with a `data:` URI, the SVG when there is one.
    ///
    /// An SVG is not pasted into the page: as an image, browsers neither run its scripts nor
    /// fetch what it references, so whatever an SVG holds, the page stays self-contained and
    /// inert, and it still prints as vectors.
    private mutating func write(_ image: Image) {
        output += "<figure>"
        var size = ""
        if let pixels = PNG.size(image.png) {
            let scale = 96 / (image.dpi > 0 ? image.dpi : 96)
            size = " width=\"\(Int((Double(pixels.width) * scale).rounded()))\" height=\"\(Int((Double(pixels.height) * scale).rounded()))\""
        }
        let source =
            if let svg = image.svg {
                "data:image/svg+xml;base64," + Base64.encode(Array(svg.utf8))
            } else {
                "data:image/png;base64," + Base64.encode(image.png)
            }
        output += "<img src=\"\(source)\" alt=\"\(escape(image.alt))\"\(size)>"
        if let caption = image.caption { output += "<figcaption>\(escape(caption))</figcaption>" }
        output += "</figure>\n"
    }

    private func inline(_ content: [Inline]) -> String {
        var html = ""
        for run in content {
            switch run {
            case let .text(text): html += escapeLines(text)
            case let .strong(text): html += "<strong>\(escapeLines(text))</strong>"
            case let .emphasis(text): html += "<em>\(escapeLines(text))</em>"
            case let .code(text): html += "<code>\(escapeLines(text))</code>"
            case let .link(text, url):
                if let target = LinkPolicy.followable(url) {
                    let bare = LinkPolicy.showsURL(text: text, url: target) ? "" : " class=\"bare\""
                    html += "<a href=\"\(escape(target))\"\(bare) rel=\"noopener noreferrer\">\(escapeLines(text))</a>"
                } else {
                    html += escapeLines(text)
                    if LinkPolicy.showsURL(text: text, url: url) { html += " <span class=\"url\">(\(escape(url)))</span>" }
                }
            }
        }
        return html
    }

    /// Escaped text, its newlines as line breaks (as in the PDF).
    private func escapeLines(_ text: String) -> String {
        escape(text).replacingNewlines(with: "<br>")
    }

    private func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.printable.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Text for a CSS string in double quotes inside `<style>`: quotes and backslashes escaped,
    /// and `<` too, so that the text cannot close the style element.
    private func cssString(_ text: String) -> String {
        var css = ""
        for scalar in text.printable.unicodeScalars {
            switch scalar {
            case "\"", "\\", "<", ">", "&", "\n", "\t": css += "\\" + String(scalar.value, radix: 16) + " "
            default: css.unicodeScalars.append(scalar)
            }
        }
        return css
    }

    private static func share(_ column: Table.Column) -> Double {
        column.width.isFinite && column.width > 0 ? column.width : 1
    }

    private static func percent(_ fraction: Double) -> String {
        let tenths = Int((fraction * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// Alignment for header and cells alike; monospace for the cells only (a header is words).
    private static func cellClass(_ column: Table.Column, header: Bool = false) -> String {
        var classes: [String] = []
        switch column.alignment {
        case .leading: break
        case .center: classes.append("center")
        case .trailing: classes.append("number")
        }
        if column.monospace && !header { classes.append("mono") }
        return classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
    }

    /// Sober and close to the PDF: DejaVu Sans where installed (as in the PDF), the reader's
    /// sans-serif otherwise; nothing fetched.
    static let styleSheet = """
        :root { color: #1a1a1a; background: #fff; }
        body { font: 10.5pt/1.45 "DejaVu Sans", "Noto Sans", "Liberation Sans", Arial, sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1.5em; }
        header.document { border-bottom: 1px solid #999; margin-bottom: 1.2em; }
        h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 .2em; }
        .subtitle { color: #555; font-size: 11.5pt; margin: 0 0 .8em; }
        h2 { font-size: 14pt; margin: 1.4em 0 .4em; border-bottom: 1px solid #ccc; padding-bottom: .1em; }
        h3 { font-size: 12pt; margin: 1.2em 0 .3em; }
        h4 { font-size: 10.5pt; margin: 1em 0 .3em; }
        h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
        p { margin: 0 0 .6em; overflow-wrap: anywhere; }
        ul, ol { margin: 0 0 .6em; padding-left: 1.6em; }
        li { overflow-wrap: anywhere; }
        code, .mono { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: .9em; }
        a { color: #1a4f8b; }
        .url { color: #666; overflow-wrap: anywhere; }
        dl.facts { margin: 0 0 .8em; }
        dl.facts > div { display: grid; grid-template-columns: 32% 1fr; gap: 0 1em; padding: .25em 0; border-bottom: 1px solid #e2e2e2; break-inside: avoid; }
        dl.facts dt { font-weight: bold; color: #555; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 1em; font-size: 9pt; }
        caption { text-align: left; font-style: italic; color: #444; padding-bottom: .3em; }
        th, td { border: 1px solid #bbb; padding: .25em .4em; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #ececec; }
        tbody tr:nth-child(even) { background: #f7f7f7; }
        .number { text-align: right; font-variant-numeric: tabular-nums; }
        .center { text-align: center; }
        thead { display: table-header-group; }
        tr, figure, aside.note { break-inside: avoid; page-break-inside: avoid; }
        figure { margin: 0 0 1em; text-align: center; }
        figure img { max-width: 100%; height: auto; }
        figcaption { font-size: 9pt; font-style: italic; color: #444; margin-top: .3em; }
        aside.note { margin: 0 0 .8em; padding: .5em .8em; border: 1px solid; border-left-width: 4px; overflow-wrap: anywhere; }
        aside.note.info { background: #eef4fb; border-color: #5b8bd0; }
        aside.note.warning { background: #fff6e0; border-color: #d9a400; }
        footer { margin-top: 2em; border-top: 1px solid #999; color: #555; font-size: 9pt; }
        .page-break { break-before: page; page-break-before: always; }
        .page-break:last-child { break-before: auto; page-break-before: auto; }
        @page { size: A4; margin: 20mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #555; } }
        @page { @bottom-left { font-size: 8pt; color: #555; } }
        @media print {
          body { max-width: none; margin: 0; padding: 0; }
          a { color: inherit; text-decoration: none; }
          a[href]::after { content: " (" attr(href) ")"; color: #666; font-size: .9em; overflow-wrap: anywhere; }
          a.bare[href]::after { content: none; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """
}

extension String {
    func replacingNewlines(with replacement: String) -> String {
        guard contains("\n") else { return self }
        return split(separator: "\n", omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

/// RFC 4648 base64, for `data:` URIs (Foundation is not needed for this one thing).
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 2 < bytes.count {
            let n = Int(bytes[index]) << 16 | Int(bytes[index + 1]) << 8 | Int(bytes[index + 2])
            out += [alphabet[n >> 18], alphabet[n >> 12 & 63], alphabet[n >> 6 & 63], alphabet[n & 63]]
            index += 3
        }
        let left = bytes.count - index
        if left == 1 {
            let n = Int(bytes[index]) << 16
            out += [alphabet[n >> 18], alphabet[n >> 12 & 63], UInt8(ascii: "="), UInt8(ascii: "=")]
        } else if left == 2 {
            let n = Int(bytes[index]) << 16 | Int(bytes[index + 1]) << 8
            out += [alphabet[n >> 18], alphabet[n >> 12 & 63], alphabet[n >> 6 & 63], UInt8(ascii: "=")]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
