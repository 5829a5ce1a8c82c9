import Foundation
import Testing
import TramaDocument

/// The printable page: escaped, self-contained, only safe links, the same bytes every time.
@Suite("Documents as a self-contained HTML page")
struct HTMLTests {
    static let hostile = Document(
        title: "Report on <script>alert('t')</script> & Co",
        subtitle: "Ltd. \"quoted\" & <b>bold</b>",
        generated: "2026-12-04 14:00 UTC </style><script>",
        blocks: [
            .heading(level: 1, ["<h1>Injected</h1>"]),
            .paragraph(["Fish & chips <script>alert(1)</script>", .strong("<img src=x onerror=alert(2)>"), .code("a<b && c>d")]),
            .facts([Fact("<label>", [.text("R&D <dept>")])]),
            .table(Table(columns: [.init("Name <th>"), .init("Amount", alignment: .trailing)], textRows: [["A & B <script>x</script>", "1 < 2"]])),
            .paragraph([
                .link(text: "the register", url: "https://example.gov.br/cnpj?id=1&x=\"2\""),
                " ", .link(text: "click me", url: "javascript:alert(document.cookie)"),
                " ", .link(text: "local", url: "file:///etc/passwd"),
                " ", .link(text: "data", url: "data:text/html,<script>alert(3)</script>"),
                " ", .link(text: "mail", url: "mailto:prosecutor@example.org"),
                " ", .link(text: "spaced", url: "  JavaScript:alert(4)"),
            ]),
            .list([["item <1>"], ["item & 2"]], ordered: false),
            .note(kind: .warning, ["A connection is not proof of wrongdoing <!-- -->"]),
        ])

    @Test func textEverywhereIsEscaped() {
        let html = Self.hostile.html()
        #expect(!html.contains("<script"), "no script element, anywhere")
        #expect(!html.contains("<img src=x") && !html.contains("<h1>Injected") && !html.contains("<b>bold") && !html.contains("<label>"))
        #expect(html.contains("Report on &lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; Co"))
        #expect(html.contains("Fish &amp; chips &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<td>A &amp; B &lt;script&gt;x&lt;/script&gt;</td>"), "table cells are escaped")
        #expect(html.contains("<td class=\"number\">1 &lt; 2</td>"), "a right-aligned column's cells are escaped and marked")
        #expect(html.contains("<th>Name &lt;th&gt;</th>"))
        #expect(html.contains("<dt>&lt;label&gt;</dt><dd>R&amp;D &lt;dept&gt;</dd>"))
        #expect(html.contains("<code>a&lt;b &amp;&amp; c&gt;d</code>"))
        #expect(html.contains("<!-- -->") == false)
        // The footer text sits in the style sheet too (the printed page's margin box): it must
        // not close the style element.
        #expect(html.occurrences(of: "</style>") == 1)
    }

    @Test func onlyWebAndMailLinksAreLinks() {
        let html = Self.hostile.html()
        let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(hrefs == ["https://example.gov.br/cnpj?id=1&amp;x=&quot;2&quot;", "mailto:prosecutor@example.org"])
        #expect(!html.lowercased().contains("href=\"javascript") && !html.contains("href=\"file") && !html.contains("href=\"data"))
        #expect(
            html.contains("click me <span class=\"url\">(javascript:alert(document.cookie))</span>"),
            "a refused link shows its text and its URL, inert")
        #expect(html.contains("<a href=\"mailto:prosecutor@example.org\" rel=\"noopener noreferrer\">mail</a>"))
    }

    @Test func nothingIsLoadedFromElsewhere() throws {
        let map = Image(png: Samples.tinyPNG, alt: "a map", caption: "Figure 1")
        let html = Document(title: "t", generated: "g", blocks: [.image(map), .paragraph([.link(text: "x", url: "http://example.org")])]).html()
        let lower = html.lowercased()
        for pattern in ["src=\"http", "src=\"//", "@import", "url(", "<link", "<script", "<iframe", "<object", "<embed"] {
            #expect(!lower.contains(pattern), "\(pattern)")
        }
        #expect(lower.contains("content-security-policy") && lower.contains("default-src 'none'"))
        let srcs = html.components(separatedBy: "src=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(srcs.count == 1 && srcs.allSatisfy { $0.hasPrefix("data:image/") })
    }

    @Test func thePictureIsEmbeddedAndSVGPreferred() throws {
        let png = Image(png: Samples.tinyPNG, alt: "Owner \"X\" & firms", caption: "Figure <1>")
        let html = Document(title: "t", generated: "g", blocks: [.image(png)]).html()
        let base64 = Data(Samples.tinyPNG).base64EncodedString()
        #expect(html.contains("<img src=\"data:image/png;base64,\(base64)\" alt=\"Owner &quot;X&quot; &amp; firms\" width=\"4\" height=\"2\">"))
        #expect(html.contains("<figcaption>Figure &lt;1&gt;</figcaption>"))

        let svg = #"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>"#
        let vector = Document(title: "t", generated: "g", blocks: [.image(Image(png: Samples.tinyPNG, svg: svg, alt: "map", dpi: 48))]).html()
        #expect(
            vector.contains("<img src=\"data:image/svg+xml;base64,\(Data(svg.utf8).base64EncodedString())\" alt=\"map\" width=\"8\" height=\"4\">"))
        #expect(!vector.contains("<svg") && !vector.contains("<script"), "an SVG is an image, never markup in the page")
    }

    @Test func tablesRepeatTheirHeaderAndKeepRowsWholeInPrint() {
        let html = Document(title: "t", generated: "g", blocks: [.table(Samples.payments(3)), .pageBreak]).html()
        #expect(html.contains("thead { display: table-header-group; }"))
        #expect(html.contains("tr, figure, aside.note { break-inside: avoid;"))
        #expect(html.contains("@page { size: A4; margin: 20mm;"))
        #expect(html.contains("<thead><tr><th>Record id</th><th>Payer</th><th>Payee</th><th class=\"number\">Amount (BRL)</th>"))
        #expect(html.contains("<col style=\"width: 11.6%\">"), "relative widths become percentages")
        #expect(html.contains("<div class=\"page-break\"></div>"))
    }

    @Test func sameDocumentSameBytes() throws {
        let document = Samples.evidenceReport(map: Samples.tinyPNG)
        #expect(document.html() == document.html())
        #expect(document.html().hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    }

    @Test func newlinesBreakLinesAndControlCharactersAreReplaced() {
        let html = Document(title: "t", generated: "g", blocks: [.paragraph(["Rua A, 100\r\nRecife\u{0}PE\u{7}"])]).html()
        #expect(html.contains("<p>Rua A, 100<br>Recife\u{FFFD}PE\u{FFFD}</p>"))
    }
}
