import Foundation

/// Writes a ``NetworkMap`` as DOT, styled by a ``Theme``.
///
/// - Every text from the data (names, details, edge labels, the title) goes into an HTML-like
///   label after escaping `&<>"'`, doubling backslashes and dropping control characters, and node names are DOT
///   identifiers the writer makes up (`n0`, `n1`, …), so no name can inject DOT syntax.
/// - Names are wrapped at spaces to lines of about ``wrapWidth`` characters; longer words are
///   cut after punctuation (`-/.@_`) or, failing that, hard.
/// - Each node shows its name in bold and a small line with its kind (the legend's word)
///   and ``MapNode/detail``.
/// - The legend lists the entity and relationship kinds the map uses, and nothing else, in the
///   theme's ``Theme/legendOrder``. With `dot` it is a free-standing table beside the map; with
///   the force-directed engines (which would drop it anywhere) it sits beside the title.
/// - Deterministic: nodes and edges in the map's order, attributes in a fixed order, nothing
///   hashed; the same map and theme give the same bytes.
/// - Edges whose ends are not nodes of the map are left out; of nodes sharing an id, the first
///   is drawn.
public struct DOTWriter: Sendable {
    public let theme: Theme
    /// Maps with more entities than this draw edge labels for findings only: elsewhere labels
    /// pile up around hubs, and the legend tells the kinds apart.
    public static let edgeLabelLimit = 40

    /// Names are wrapped to lines of about this many characters.
    public var wrapWidth = 24
    /// A name or edge label takes at most this many lines.
    public var maximumLabelLines = 4
    /// Edge labels are wrapped to lines of about this many characters.
    public var edgeLabelWidth = 30

    public init(theme: Theme) { self.theme = theme }

    public func dot(for map: NetworkMap, layout: Layout = .automatic) -> String {
        var seen = Set<String>()
        let nodes = map.nodes.filter { seen.insert($0.id).inserted }
        let engine = map.clusters.isEmpty || layout != .automatic ? layout.resolved(nodeCount: nodes.count) : .dot
        let ids = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($0.element.id, "n\($0.offset)") })
        let edges = map.edges.filter { ids[$0.from] != nil && ids[$0.to] != nil }
        let legend = legendTable(nodeKinds: nodes.map(\.kind), edges: edges, nodes: nodes)

        var out: [String] = []
        out.append("digraph trama {")
        var graph: [(String, String)] = [
            ("layout", engine.rawValue), ("bgcolor", q(theme.background)), ("fontname", q(theme.fontName)),
            ("fontsize", fmt(theme.fontSize)), ("fontcolor", q(theme.textColor)), ("labelloc", "t"), ("labeljust", "l"),
            ("pad", "0.4"), ("dpi", fmt(theme.dpi)), ("outputorder", "edgesfirst"), ("charset", q("UTF-8")),
        ]
        switch engine {
        case .dot, .automatic: graph += [("rankdir", "LR"), ("nodesep", "0.45"), ("ranksep", "1.0"), ("newrank", "true")]
        case .twopi:
            // Curved, not routed (`splines=true`): routed splines come out a little different
            // from one render to the next in the same process, and maps must be byte-identical.
            graph += [("overlap", "false"), ("ranksep", "2.2"), ("splines", "curved")]
            if let c = map.centre, let id = ids[c] { graph.append(("root", id)) }
        case .circo: graph += [("overlap", "false"), ("splines", "true"), ("mindist", "1.2")]
        case .neato, .sfdp:
            // Curved, not routed: routing splines around every node took Graphviz 0.30 s for
            // a 61-entity star (a hub's neighbourhood in the explorer) against 0.03 s curved;
            // `prism` already keeps the nodes apart.
            graph += [("overlap", "prism"), ("overlap_scaling", "3"), ("sep", q("+12")), ("splines", "curved")]
        }
        let header = legend.map { engine == .dot ? titleBlock(map) : titleBlock(map, legend: $0) } ?? titleBlock(map)
        graph.append(("label", "<\(header)>"))
        for (key, value) in (theme.graphAttributes ?? [:]).sorted(by: { $0.key < $1.key }) where key != "layout" {
            graph.append((key, q(value)))
        }
        out.append("  graph [\(graph.map { "\($0.0)=\($0.1)" }.joined(separator: ", "))];")
        out.append(
            "  node [fontname=\(q(theme.fontName)), fontsize=\(fmt(theme.fontSize)), fontcolor=\(q(theme.textColor)), "
                + "style=\"filled\", penwidth=1.3, margin=\"0.16,0.07\"];")
        out.append(
            "  edge [fontname=\(q(theme.fontName)), fontsize=\(fmt(theme.fontSize - 2)), penwidth=1.4, arrowsize=0.8];")

        var clusterOf: [String: Int] = [:]
        for (c, cluster) in map.clusters.enumerated() { for m in cluster.members where clusterOf[m] == nil { clusterOf[m] = c } }
        for (i, n) in nodes.enumerated() where clusterOf[n.id] == nil {
            out.append("  n\(i) [\(nodeAttributes(n).joined(separator: ", "))];")
        }
        for (c, cluster) in map.clusters.enumerated() {
            let members = nodes.enumerated().filter { clusterOf[$0.element.id] == c }
            guard !members.isEmpty else { continue }
            out.append("  subgraph cluster_\(c) {")
            out.append(
                "    graph [label=\(q(Self.bounded(cluster.label))), style=\"rounded,dashed\", color=\(q(theme.textColor)), penwidth=1.2, "
                    + "fontsize=\(fmt(theme.fontSize + 1)), labeljust=\"l\", margin=14];")
            for (i, n) in members { out.append("    n\(i) [\(nodeAttributes(n).joined(separator: ", "))];") }
            out.append("  }")
        }
        // In a radial map every tie of the centre starts at the same node, so labels at the
        // middle of those edges crowd each other; each label goes by the end further from the
        // centre, around the outer ring, where there is room (and Graphviz can move it there).
        let ring = engine == .twopi ? map.centre.map { Self.rings(from: $0, over: edges) } : nil
        for e in edges {
            let farEnd: FarEnd? = ring.map { ring in (ring[e.from] ?? .max) > (ring[e.to] ?? .max) ? .tail : .head }
            out.append("  \(ids[e.from]!) -> \(ids[e.to]!) [\(edgeAttributes(e, labelled: e.highlighted || nodes.count <= Self.edgeLabelLimit, at: farEnd).joined(separator: ", "))];")
        }
        if engine == .dot, let legend {
            out.append("  legend [shape=plain, style=\"\", margin=0, label=<\(legend)>];")
        }
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: - Parts

    private func nodeAttributes(_ n: MapNode) -> [String] {
        let s = theme.node(n.kind)
        let size = s.fontSize ?? theme.fontSize
        var label = "<B>\(wrap(n.label, width: wrapWidth).map(html).joined(separator: "<BR/>"))</B>"
        let small = [s.legend, n.detail].compactMap { $0 }.filter { !$0.isEmpty && $0 != n.label }
        if !small.isEmpty {
            label += "<BR/><FONT POINT-SIZE=\"\(fmt(size - 2))\">\(html(Self.bounded(small.joined(separator: " · "))))</FONT>"
        }
        let border = n.emphasis == .highlighted ? theme.highlight : s.border
        var attrs = [
            "shape=\(q(s.shape))", "style=\(q((["filled"] + (s.style.map { [$0] } ?? [])).joined(separator: ",")))",
            "fillcolor=\(q(s.fill))", "color=\(q(border))",
        ]
        if let font = s.font { attrs.append("fontcolor=\(q(font))") }
        if s.fontSize != nil { attrs.append("fontsize=\(fmt(size))") }
        if let p = s.peripheries { attrs.append("peripheries=\(p)") }
        if let m = s.margin { attrs.append("margin=\(q(m))") }
        if n.emphasis != .normal { attrs.append("penwidth=\(fmt(theme.endpointPenWidth))") }
        // The page in the browser's own frame (`_top`), not in the SVG's.
        if let link = n.link { attrs += ["URL=\(q(link))", "target=\"_top\""] }
        attrs += ["label=<\(label)>", "tooltip=\(q(n.id))"]
        return attrs
    }

    private enum FarEnd { case head, tail }

    /// Each entity's distance in ties from `centre`, ignoring direction (unreachable: absent).
    private static func rings(from centre: String, over edges: [MapEdge]) -> [String: Int] {
        var neighbours: [String: [String]] = [:]
        for e in edges {
            neighbours[e.from, default: []].append(e.to)
            neighbours[e.to, default: []].append(e.from)
        }
        var ring = [centre: 0]
        var frontier = [centre]
        while !frontier.isEmpty {
            var next: [String] = []
            for id in frontier {
                for n in neighbours[id] ?? [] where ring[n] == nil {
                    ring[n] = ring[id]! + 1
                    next.append(n)
                }
            }
            frontier = next
        }
        return ring
    }

    private func edgeAttributes(_ e: MapEdge, labelled: Bool, at farEnd: FarEnd? = nil) -> [String] {
        let s = theme.edge(e.kind)
        let color = e.highlighted ? theme.highlight : s.color
        var attrs = ["color=\(q(color))", "style=\(q(s.style))", "arrowhead=\(q(s.arrowhead ?? "normal"))"]
        if e.highlighted {
            attrs.append("penwidth=\(fmt(theme.highlightPenWidth ?? 3))")
        } else if let w = s.penWidth {
            attrs.append("penwidth=\(fmt(w))")
        }
        if labelled, let l = e.label, !l.isEmpty {
            let lines = l.split(whereSeparator: \.isNewline).flatMap { wrap(String($0), width: edgeLabelWidth) }
            let text = "<\(lines.map(html).joined(separator: "<BR/>"))>"
            switch farEnd {
            case nil: attrs += ["fontcolor=\(q(color))", "label=\(text)"]
            case .head?: attrs += ["labelfontcolor=\(q(color))", "labeldistance=4", "labelangle=0", "headlabel=\(text)"]
            case .tail?: attrs += ["labelfontcolor=\(q(color))", "labeldistance=4", "labelangle=0", "taillabel=\(text)"]
            }
        }
        attrs.append("tooltip=\(q(e.kind))")
        return attrs
    }

    /// The title in bold, the subtitle small beneath, and the legend to their right when
    /// given. (Side by side because Graphviz stretches a nested table to its cell's width: a
    /// legend under a long title would spread out.)
    private func titleBlock(_ map: NetworkMap, legend: String? = nil) -> String {
        var text = "<FONT POINT-SIZE=\"\(fmt(theme.fontSize + 7))\"><B>\(html(Self.bounded(map.title)))</B></FONT><BR ALIGN=\"LEFT\"/>"
        // Each line of the subtitle on its own line (court, appointment, sources, date…).
        for line in (map.subtitle ?? "").split(whereSeparator: \.isNewline) where !line.isEmpty {
            text += "<FONT POINT-SIZE=\"\(fmt(theme.fontSize))\">\(html(Self.bounded(String(line), 240)))</FONT><BR ALIGN=\"LEFT\"/>"
        }
        var cells = "<TD ALIGN=\"LEFT\" VALIGN=\"TOP\" BALIGN=\"LEFT\">\(text)</TD>"
        if let legend { cells += "<TD WIDTH=\"24\"></TD><TD VALIGN=\"TOP\">\(legend)</TD>" }
        return "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\"><TR>\(cells)</TR></TABLE>"
    }

    /// The legend of `map` as an HTML-like table (nil for an empty map).
    func legend(for map: NetworkMap) -> String? {
        var seen = Set<String>()
        let nodes = map.nodes.filter { seen.insert($0.id).inserted }
        let ids = Set(nodes.map(\.id))
        return legendTable(nodeKinds: nodes.map(\.kind), edges: map.edges.filter { ids.contains($0.from) && ids.contains($0.to) }, nodes: nodes)
    }

    /// Entity kinds in one column, relationship kinds in the next, then the emphasis marks.
    private func legendTable(nodeKinds: [String], edges: [MapEdge], nodes: [MapNode]) -> String? {
        let nodeKinds = orderedKinds(used: nodeKinds)
        let edgeKinds = orderedKinds(used: edges.map(\.kind))
        guard !nodeKinds.isEmpty || !edgeKinds.isEmpty else { return nil }
        let fs = fmt(theme.fontSize - 1)
        func text(_ s: String) -> String { "<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(fs)\">\(html(s))</FONT></TD>" }
        func stroke(_ glyphs: String, _ color: String) -> String {
            "<TD ALIGN=\"LEFT\"><FONT COLOR=\"\(html(color))\" POINT-SIZE=\"\(fs)\">\(glyphs)</FONT></TD>"
        }

        var nodeRows: [String] = nodeKinds.map { k in
            let s = theme.node(k)
            return "<TD>\(swatch(s))</TD>" + text(s.legend)
        }
        if nodes.contains(where: { $0.emphasis == .endpoint }) {
            nodeRows.append(
                "<TD><TABLE BORDER=\"3\" COLOR=\"#555555\" CELLBORDER=\"0\" CELLSPACING=\"0\"><TR><TD WIDTH=\"22\" HEIGHT=\"9\"> </TD></TR></TABLE></TD>"
                    + text("entity asked about"))
        }
        var edgeRows: [String] = edgeKinds.map { k in
            let s = theme.edge(k)
            return stroke(line(s.style) + head(s.arrowhead), s.color) + text(s.legend)
        }
        if edges.contains(where: \.highlighted) || nodes.contains(where: { $0.emphasis == .highlighted }) {
            edgeRows.append(stroke("━━━━▶", theme.highlight) + text("finding (pattern to review)"))
        }

        let height = max(nodeRows.count, edgeRows.count)
        let empty = "<TD></TD><TD></TD>"
        var rows = "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Entities</B></TD><TD WIDTH=\"14\"></TD><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Relationships</B></TD></TR>"
        for i in 0..<height {
            let left = i < nodeRows.count ? nodeRows[i] : empty
            let right = i < edgeRows.count ? edgeRows[i] : empty
            rows += "<TR>\(left)<TD></TD>\(right)</TR>"
        }
        return "<TABLE BORDER=\"1\" COLOR=\"#C8C8C8\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\" BGCOLOR=\"#FFFFFF\">\(rows)</TABLE>"
    }

    /// A small filled box in the kind's colours; rounded for the ellipse family.
    private func swatch(_ s: Theme.NodeStyle) -> String {
        let rounded = ["ellipse", "oval", "egg", "circle", "doublecircle", "Mcircle", "point"].contains(s.shape)
            || (s.style ?? "").contains("rounded")
        return "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"\(rounded ? " STYLE=\"rounded\"" : "") "
            + "BGCOLOR=\"\(html(s.fill))\" COLOR=\"\(html(s.border))\"><TR><TD WIDTH=\"28\" HEIGHT=\"13\"> </TD></TR></TABLE>"
    }

    /// Box-drawing characters that look like the line style (DejaVu Sans has them all).
    private func line(_ style: String) -> String {
        switch style {
        case "bold": "━━━━"
        case "dashed": "╺╸╺╸╺╸"
        case "dotted": "∙∙∙∙∙∙"
        default: "────"
        }
    }

    private func head(_ arrowhead: String?) -> String {
        switch arrowhead ?? "normal" {
        case "none": ""
        case "empty", "onormal": "▷"
        case "tee": "┫"
        case "dot": "●"
        case "odot": "○"
        case "diamond": "◆"
        case "odiamond": "◇"
        default: "▶"
        }
    }

    private func orderedKinds(used: [String]) -> [String] {
        var seen = Set<String>()
        let unique = used.filter { seen.insert($0).inserted }
        let order = Dictionary((theme.legendOrder ?? Theme.defaultLegendOrder).enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        return unique.sorted { (order[$0] ?? Int.max, $0) < (order[$1] ?? Int.max, $1) }
    }

    /// Splits `s` at whitespace into lines of at most `width` characters where words allow;
    /// a word longer than `width` is cut after punctuation in its first `width` characters,
    /// or at `width`. At most ``maximumLabelLines`` lines, the last ending in `…` when more
    /// was cut: a name is data, and a 50 MB one must not make Graphviz lay out for minutes.
    func wrap(_ s: String, width: Int) -> [String] {
        let width = max(width, 4)
        let kept = s.prefix(width * (maximumLabelLines + 1))
        var lines: [String] = []
        var line = ""
        for whole in kept.split(whereSeparator: \.isWhitespace) {
            var word = whole[...]
            while word.count > width {
                if !line.isEmpty {
                    lines.append(line)
                    line = ""
                }
                let head = word.prefix(width)
                var cut = head.endIndex
                if let p = head.dropFirst(width / 3).lastIndex(where: { "-/.@_,;".contains($0) }) { cut = word.index(after: p) }
                lines.append(String(word[..<cut]))
                word = word[cut...]
            }
            if word.isEmpty { continue }
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        if lines.count > maximumLabelLines || kept.endIndex != s.endIndex {
            lines = Array(lines.prefix(maximumLabelLines))
            lines[lines.count - 1] = Self.clipped(lines[lines.count - 1], to: width - 1) + "…"
        }
        return lines
    }

    /// At most `length` characters of `s`.
    static func clipped(_ s: some StringProtocol, to length: Int) -> String { String(s.prefix(max(0, length))) }

    /// `s`, or its first `length` characters and `…`: for the one-line texts of a map (details,
    /// cluster labels, the title), which are data too.
    static func bounded(_ s: String, _ length: Int = 160) -> String { s.count > length ? clipped(s, to: length - 1) + "…" : s }

    /// A DOT quoted string (for theme values, which are trusted but may hold spaces or `#`).
    private func q(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: " ") + "\""
    }

    private func fmt(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e9 ? String(Int(d)) : String(d) }
}

/// Text made safe for a Graphviz HTML-like label: markup characters become entities,
/// backslashes are doubled (Graphviz would read `\N` as the node's name), line breaks and tabs
/// become spaces, and other control characters (which the label parser rejects) vanish.
func html(_ s: String) -> String {
    var out = ""
    for ch in s {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        // Graphviz expands \N, \G, \E, … in HTML-like text too (after decoding entities, so
        // `&#92;` would not help); a doubled backslash is a literal one.
        case "\\": out += "\\\\"
        case "\t": out += " "
        case _ where ch.isNewline: out += " "
        case _ where ch.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }): break
        default: out.append(ch)
        }
    }
    return out
}

extension Theme {
    /// The legend's order when the theme gives none: organisations, people, politics,
    /// procurement, justice, contact data; then relationships grouped the same way.
    public static let defaultLegendOrder = [
        "agency", "firm", "economic_group", "person", "lawyer", "judge", "candidate", "party", "tender", "contract", "court", "case",
        "sanctioning_body", "address", "phone", "email",
        "owns", "declared_shareholding", "member_of_group", "employed_by", "legal_representative_of", "accountant_of", "declared_post",
        "relative_of", "declared_relative", "procures", "bid", "awarded_under", "holds_contract", "donated_to", "member_of_party",
        "appointed", "serves_at", "presides", "heard_in", "party_to", "counsel_in", "sanctioned_by", "registered_at", "has_phone", "has_email",
    ]
}
