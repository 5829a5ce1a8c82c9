import Foundation
import Testing
@testable import TramaRender

@Suite("Maps: the theme file")
struct ThemeTests {
    let theme = Sample.theme

    @Test func stylesEveryEntityAndRelationshipKind() {
        #expect(Set(theme.nodes.keys) == Set(Sample.nodeKinds))
        #expect(Set(theme.edges.keys) == Set(Sample.edgeKinds))
        #expect(Set((theme.legendOrder ?? [])).isSuperset(of: Sample.nodeKinds + Sample.edgeKinds))
    }

    @Test func entityKindsDifferInShapeAndInColour() {
        let styles = Sample.nodeKinds.map { theme.node($0) }
        let outlines = styles.map { "\($0.shape)/\($0.style ?? "")/\($0.peripheries ?? 1)" }
        #expect(Set(outlines).count == outlines.count, "two entity kinds share an outline: \(outlines)")
        #expect(Set(styles.map { $0.fill.uppercased() }).count == styles.count, "two entity kinds share a fill")
        #expect(Set(styles.map(\.legend)).count == styles.count)
        for (kind, s) in zip(Sample.nodeKinds, styles) {
            #expect(contrast(s.font ?? theme.textColor, s.fill) >= 7, "text on \(kind) is hard to read")
            #expect(contrast(s.border, theme.background) >= 3, "\(kind)'s border is faint")
        }
    }

    @Test func relationshipKindsDifferAndFindingsStandOut() {
        let styles = Sample.edgeKinds.map { theme.edge($0) }
        let looks = styles.map { "\($0.color.uppercased())/\($0.style)/\($0.arrowhead ?? "normal")" }
        #expect(Set(looks).count == looks.count, "two relationship kinds look the same")
        #expect(Set(styles.map(\.legend)).count == styles.count)
        #expect(styles.allSatisfy { ["solid", "dashed", "dotted", "bold"].contains($0.style) })
        for (kind, s) in zip(Sample.edgeKinds, styles) {
            #expect(contrast(s.color, theme.background) >= 3, "\(kind)'s line and label are faint")
        }
        let kindColours = Set(styles.map { $0.color.uppercased() } + Sample.nodeKinds.flatMap { [theme.node($0).fill.uppercased(), theme.node($0).border.uppercased()] })
        #expect(!kindColours.contains(theme.highlight.uppercased()), "the findings' colour is also a kind's")
        #expect(contrast(theme.highlight, theme.background) >= 4.5)
    }

    @Test func kindsOfFamilyOwnershipRegistrationAndProcurementFollowTheLineConventions() {
        for k in ["owns", "relative_of"] { #expect(["solid", "bold"].contains(theme.edge(k).style), "\(k)") }
        for k in ["registered_at", "has_phone", "has_email"] { #expect(theme.edge(k).style == "dotted", "\(k)") }
        for k in ["bid", "awarded_under"] { #expect(theme.edge(k).style == "dashed", "\(k)") }
    }

    @Test func unknownKindsFallBack() {
        #expect(theme.node("ufo") == theme.fallbackNode)
        #expect(theme.edge("teleports") == theme.fallbackEdge)
    }

    @Test func aMissingOrMalformedThemeIsAThemeError() throws {
        #expect {
            try Theme.load(from: URL(fileURLWithPath: "/nonexistent/theme.json"))
        } throws: { error in
            guard case let RenderError.themeUnreadable(path, _) = error else { return false }
            return path == "/nonexistent/theme.json"
        }
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("trama-bad-theme-\(UUID().uuidString).json")
        try Data(#"{"fontName": "DejaVu Sans"}"#.utf8).write(to: bad)
        defer { try? FileManager.default.removeItem(at: bad) }
        #expect {
            try Theme.load(from: bad)
        } throws: { error in
            guard case RenderError.themeUnreadable = error else { return false }
            return true
        }
    }
}

@Suite("Maps: DOT")
struct DOTWriterTests {
    let writer = DOTWriter(theme: Sample.theme)

    @Test func labelsAreEscaped() {
        let dot = writer.dot(for: Sample.ring)
        #expect(dot.contains("&lt;subsidiary&gt; &amp; &quot;Co&quot;"))
        #expect(!dot.contains("<subsidiary>"))
        #expect(!dot.contains("\"Co\""))
    }

    @Test func namesFromTheDataCannotInjectDOT() throws {
        let evil = NetworkMap(
            title: "x\"]; evil [label=\"", subtitle: "} digraph { z",
            nodes: [
                MapNode(id: "a\" ]; b [label=\"", kind: "firm", label: "}\n digraph { a -> b } \\N \\\" <b>&amp;", detail: "-> c;\r\n//"),
                MapNode(id: "c\\", kind: "person\"; x", label: "Tab\there, bell\u{07}, nul\u{0}"),
            ],
            edges: [MapEdge(from: "a\" ]; b [label=\"", to: "c\\", kind: "owns", label: "\"; n0 -> n0 [")])
        let dot = writer.dot(for: evil)
        #expect(dot.contains("x&quot;]; evil [label=&quot;"))
        #expect(dot.contains(#"\\N"#), "backslashes doubled, or Graphviz reads \\N as the node's name")
        #expect(dot.components(separatedBy: "\n").filter { $0.contains("tooltip=") && !$0.contains(" -> ") }.count == 2)
        #expect(dot.components(separatedBy: "\n").filter { $0.contains(" -> n") }.count == 1)
        // Graphviz reads it as exactly two entities (plus the legend) and one relationship,
        // and shows the text as it was.
        let svg = try GraphvizRenderer().render(evil, theme: Sample.theme, format: .svg).text
        #expect(svg.occurrences(of: "<g id=\"node") == 3)
        #expect(svg.occurrences(of: "<g id=\"edge") == 1)
        #expect(svg.contains("&lt;b&gt;&amp;amp;"))
        #expect(svg.contains(#"} \N</text>"#) && !svg.contains("} n0"), "text as given, \\N not expanded to the node's name")
        #expect(svg.contains("Tab here, bell, nul"))
        #expect(svg.contains("x&quot;]; evil [label=&quot;"))
    }

    @Test func longNamesWrapAtSpacesAndLongWordsAreCut() {
        let name = "Beta Engenharia e Construções Ltda. subsidiary of Grupo Beta"
        let lines = writer.wrap(name, width: 24)
        #expect(lines.count > 1 && lines.allSatisfy { $0.count <= 24 })
        #expect(lines.joined(separator: " ") == name)
        let email = "contato@gamma-servicos-ltda.com.br"
        let cut = writer.wrap(email, width: 24)
        #expect(cut.count == 2 && cut.allSatisfy { $0.count <= 24 })
        #expect(cut.joined() == email)
        #expect(cut[0].hasSuffix("-") || cut[0].hasSuffix(".") || cut[0].hasSuffix("@"), "cut after punctuation: \(cut)")
        #expect(writer.wrap("Alfa Obras S.A.", width: 24) == ["Alfa Obras S.A."])
        #expect(writer.wrap("", width: 24) == [""])
        #expect(writer.dot(for: Sample.ring).contains("<B>Beta Engenharia e<BR/>Construções Ltda.<BR/>"))
    }

    @Test func outputIsDeterministic() {
        let first = writer.dot(for: Sample.ring)
        for _ in 0..<5 {
            #expect(DOTWriter(theme: Sample.theme).dot(for: Sample.ring) == first)
        }
        #expect(writer.dot(for: Sample.star(80)) == writer.dot(for: Sample.star(80)))
    }

    @Test func theLegendListsExactlyTheKindsUsed() throws {
        let theme = Sample.theme
        var map = Sample.ring
        map.edges.append(MapEdge(from: "firm:F1", to: "nowhere", kind: "donated_to"))  // dangling: not drawn, not listed
        let legend = try #require(writer.legend(for: map))
        let usedNodes = Set(map.nodes.map(\.kind))
        let usedEdges = Set(Sample.ring.edges.map(\.kind))
        for kind in Sample.nodeKinds {
            #expect(legend.contains(">\(html(theme.node(kind).legend))</FONT>") == usedNodes.contains(kind), "\(kind)")
        }
        for kind in Sample.edgeKinds {
            #expect(legend.contains(">\(html(theme.edge(kind).legend))</FONT>") == usedEdges.contains(kind), "\(kind)")
        }
        #expect(legend.contains("finding (pattern to review)"))
        #expect(legend.contains("entity asked about"))
        // In the theme's order: entities as listed there, then relationships.
        let agency = try #require(legend.range(of: ">Public agency<"))
        let phone = try #require(legend.range(of: ">Phone<"))
        #expect(agency.lowerBound < phone.lowerBound)

        let plain = NetworkMap(title: "t", nodes: [MapNode(id: "a", kind: "judge", label: "A")])
        let small = try #require(writer.legend(for: plain))
        #expect(small.contains(">Judge</FONT>") && !small.contains("finding") && !small.contains("asked about"))
        #expect(writer.legend(for: NetworkMap(title: "empty")) == nil)
    }

    @Test func theTitleBlockCarriesTitleAndSubtitle() {
        let dot = writer.dot(for: Sample.ring)
        #expect(dot.contains("<B>Alfa Obras S.A. ↔ Beta Engenharia Ltda.</B>"))
        #expect(dot.contains("2 hops · data: demo"))
    }

    @Test func emphasisAndFindingsAreStyled() {
        let theme = Sample.theme
        let dot = writer.dot(for: Sample.ring)
        let lines = dot.components(separatedBy: "\n")
        let f1 = lines.first { $0.contains("tooltip=\"firm:F1\"") } ?? ""
        #expect(f1.contains("penwidth=\(Int(theme.endpointPenWidth))") && f1.contains("color=\"\(theme.node("firm").border)\""))
        let p6 = lines.first { $0.contains("tooltip=\"person:P6\"") } ?? ""
        #expect(p6.contains("color=\"\(theme.highlight)\""))
        let owns = lines.filter { $0.contains("tooltip=\"owns\"") }
        #expect(owns.count == 2 && owns.allSatisfy { $0.contains("color=\"\(theme.highlight)\"") && $0.contains("penwidth=3") })
        #expect(owns.contains { $0.contains("label=<owns<BR/>60%<BR/>since 2006-01-01>") })
    }

    @Test func duplicateEntitiesAndDanglingRelationshipsAreDropped() throws {
        let map = NetworkMap(
            title: "dups",
            nodes: [MapNode(id: "a", kind: "firm", label: "First"), MapNode(id: "a", kind: "person", label: "Second"), MapNode(id: "b", kind: "firm", label: "B")],
            edges: [MapEdge(from: "a", to: "b", kind: "owns"), MapEdge(from: "a", to: "zzz", kind: "bid")])
        let dot = writer.dot(for: map)
        #expect(dot.contains("First") && !dot.contains("Second"))
        #expect(dot.components(separatedBy: "\n").filter { $0.contains(" -> ") }.count == 1)
        let svg = try GraphvizRenderer().render(map, theme: Sample.theme, format: .svg).text
        #expect(svg.occurrences(of: "<g id=\"edge") == 1)
    }

    @Test func themeGraphAttributesApplyButCannotChangeTheEngine() {
        var theme = Sample.theme
        theme.graphAttributes = ["splines": "ortho", "layout": "neato"]
        let dot = DOTWriter(theme: theme).dot(for: Sample.ring)
        #expect(dot.contains("splines=\"ortho\""))
        #expect(dot.contains("layout=dot") && !dot.contains("neato"))
    }
}

@Suite("Maps: layouts")
struct LayoutTests {
    @Test func automaticDrawsSmallMapsLayeredAndLargeOnesForceDirected() {
        #expect(Layout.automatic.resolved(nodeCount: 10) == .dot)
        #expect(Layout.automatic.resolved(nodeCount: 40) == .dot)
        #expect(Layout.automatic.resolved(nodeCount: 41) == .sfdp)
        #expect(Layout.neato.resolved(nodeCount: 1000) == .neato)
        let writer = DOTWriter(theme: Sample.theme)
        let small = writer.dot(for: Sample.ring)
        #expect(small.contains("layout=dot") && small.contains("rankdir=LR"))
        #expect(small.contains("  legend [shape=plain"))
        let large = writer.dot(for: Sample.star(60))
        #expect(large.contains("layout=sfdp") && large.contains("overlap=prism") && large.contains("splines=curved"))
        #expect(!large.contains("  legend [") && large.contains("Entities"), "force layouts carry the legend in the title block")
    }

    @Test(arguments: Layout.allCases)
    func everyLayoutRenders(_ layout: Layout) throws {
        let svg = try GraphvizRenderer().render(Sample.ring, theme: Sample.theme, format: .svg, layout: layout).text
        #expect(svg.contains("<svg") && svg.contains("Fabio Costa"))
        #expect(svg.occurrences(of: "<g id=\"node") == Sample.ring.nodes.count + (layout.resolved(for: Sample.ring) == .dot ? 1 : 0))
    }

    @Test func largeMapsLabelOnlyTheirFindings() {
        let dot = DOTWriter(theme: Sample.theme).dot(for: Sample.star(50))
        #expect(dot.contains("edge 7"))
        #expect(!dot.contains("edge 8"))
        #expect(DOTWriter(theme: Sample.theme).dot(for: Sample.star(20)).contains("edge 8"))
    }
}

@Suite("Maps: Graphviz rendering")
struct GraphvizRendererTests {
    @Test func svgShowsEveryLabelAndTheLegend() throws {
        let svg = try GraphvizRenderer().render(Sample.ring, theme: Sample.theme, format: .svg).text
        #expect(svg.contains("<svg"))
        for label in ["Fabio Costa", "Alfa Obras S.A.", "Ministry of Roads", "Contract 2021/0778", "+55 81 3333&#45;1234", "bid 990000, won"] {
            #expect(svg.contains(label), "\(label) missing")
        }
        #expect(svg.contains("Entities") && svg.contains("owns (shareholding)"))
        #expect(svg.occurrences(of: "<g id=\"node") == Sample.ring.nodes.count + 1)
        #expect(svg.occurrences(of: "<g id=\"edge") == Sample.ring.edges.count)
    }

    @Test func pngIsAPNGOfReadableSize() throws {
        let png = try GraphvizRenderer().render(Sample.ring, theme: Sample.theme, format: .png)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let size = try #require(png.pngSize)
        #expect((800...20_000).contains(size.width) && (300...20_000).contains(size.height), "\(size)")
        #expect(Array(png.suffix(8)) == [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82], "ends with IEND")

        var coarse = Sample.theme
        coarse.dpi = Sample.theme.dpi / 2
        let half = try #require(try GraphvizRenderer().render(Sample.ring, theme: coarse, format: .png).pngSize)
        #expect(abs(Double(size.width) / Double(half.width) - 2) < 0.1, "the theme's dpi sets the resolution")
    }

    @Test func svgIsTrueSizeWhateverTheDPI() throws {
        let svg = try GraphvizRenderer().render(Sample.ring, theme: Sample.theme, format: .svg).text
        let width = try #require(svg.firstMatch(of: #/<svg width="([0-9.]+)pt"/#)).1
        let viewBox = try #require(svg.firstMatch(of: #/viewBox="[0-9.]+ [0-9.]+ ([0-9.]+) /#)).1
        #expect(abs(Double(width)! - Double(viewBox)!) <= 1, "the SVG is scaled: \(width)pt for \(viewBox)")
    }

    @Test func pdfIsAPDF() throws {
        let pdf = try GraphvizRenderer().render(Sample.ring, theme: Sample.theme, format: .pdf)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        #expect(pdf.suffix(16).text.contains("%%EOF"))
    }

    @Test func dotFormatIsTheDOTText() throws {
        let r = GraphvizRenderer()
        #expect(try r.render(Sample.ring, theme: Sample.theme, format: .dot).text == DOTWriter(theme: Sample.theme).dot(for: Sample.ring))
        #expect(try r.render(dot: "not even DOT", layout: "dot", format: .dot).text == "not even DOT")
    }

    @Test func renderingIsDeterministic() throws {
        let r = GraphvizRenderer()
        #expect(try r.render(Sample.ring, theme: Sample.theme, format: .svg) == GraphvizRenderer().render(Sample.ring, theme: Sample.theme, format: .svg))
    }

    @Test func invalidDOTIsAnErrorWithGraphvizMessageAndNothingOnStderr() {
        let (result, stderr) = capturingStandardError { Result { () throws(RenderError) in try GraphvizRenderer().render(dot: "digraph { a -> ", layout: "dot", format: .svg) } }
        guard case let .failure(error) = result, case let .invalidDOT(engine, format, message) = error else {
            Issue.record("expected invalidDOT, got \(result)")
            return
        }
        #expect(engine == "dot" && format == "svg")
        #expect(message.contains("syntax error"), "\(message)")
        #expect(error.graphvizMessage == message)
        #expect(error.description.contains(message))
        #expect(!stderr.contains("syntax error") && !stderr.contains("Error"), "Graphviz printed: \(stderr)")
    }

    @Test func emptyDOTIsInvalid() {
        #expect {
            try GraphvizRenderer().render(dot: "  \n", layout: "dot", format: .png)
        } throws: { error in
            guard case let RenderError.invalidDOT(_, format, message) = error else { return false }
            return format == "png" && !message.isEmpty
        }
    }

    @Test func unknownEngineIsALayoutErrorWithItsOwnMessage() {
        let r = GraphvizRenderer()
        _ = try? r.render(dot: "digraph { a -> ", layout: "dot", format: .svg)  // leaves a parse error behind
        let (result, stderr) = capturingStandardError { Result { () throws(RenderError) in try r.render(dot: "digraph { a -> b }", layout: "nosuch", format: .pdf) } }
        guard case let .failure(.layoutFailed(engine, format, message)) = result else {
            Issue.record("expected layoutFailed, got \(result)")
            return
        }
        #expect(engine == "nosuch" && format == "pdf")
        #expect(message.contains("nosuch") && !message.contains("syntax error"), "\(message)")
        #expect(!stderr.contains("nosuch"))
    }

    @Test func theGraphsOwnLayoutAttributeWins() throws {
        let svg = try GraphvizRenderer().render(dot: "digraph { graph [layout=circo]; a -> b -> c -> a }", layout: "nosuch", format: .svg).text
        #expect(svg.contains("<svg"))
    }

    @Test func concurrentRendersAreSerialisedAndAllSucceed() async throws {
        let shared = GraphvizRenderer()
        let results = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for i in 0..<16 {
                group.addTask {
                    // Half share one renderer, half make (and free) their own context meanwhile.
                    let r = i.isMultiple(of: 2) ? shared : GraphvizRenderer()
                    let format: RenderFormat = [.svg, .png, .pdf, .svg][i % 4]
                    if i % 5 == 4 { _ = try? r.render(dot: "digraph {", layout: "dot", format: .svg) }
                    return (i, try r.render(Sample.ring, theme: Sample.theme, format: format))
                }
            }
            return try await group.reduce(into: [Int: [UInt8]]()) { $0[$1.0] = $1.1 }
        }
        #expect(results.count == 16)
        let svgs = results.filter { $0.key % 4 == 0 || $0.key % 4 == 3 }.map(\.value)
        #expect(Set(svgs).count == 1, "concurrent SVG renders of one map differ")
        #expect(results.filter { $0.key % 4 == 1 }.allSatisfy { $0.value.pngSize != nil })
        #expect(results.filter { $0.key % 4 == 2 }.allSatisfy { $0.value.starts(with: Array("%PDF".utf8)) })
    }
}
