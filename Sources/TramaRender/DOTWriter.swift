import Foundation

/// Graphviz layout engines Trama uses.
public enum Layout: String, Sendable, CaseIterable {
    /// `dot` left to right for maps of up to 40 entities (paths and small rings read as a
    /// chain), `sfdp` beyond (force-directed, scales to thousands).
    case automatic
    case dot, neato, twopi, sfdp, circo

    public func resolved(nodeCount: Int) -> Layout {
        guard self == .automatic else { return self }
        return nodeCount <= 40 ? .dot : .sfdp
    }
}

/// Writes a ``NetworkMap`` as DOT, styled by a ``Theme``.
///
/// Every label is an HTML-like label built from escaped text, so no name from the data can
/// inject DOT syntax. Output is deterministic: nodes and edges in the map's order, the legend
/// in the theme's kind order, nothing hashed.
public struct DOTWriter: Sendable {
    public let theme: Theme
    /// Maps with more entities than this draw edge labels for findings only.
    public static let edgeLabelLimit = 40

    /// Names are wrapped to lines of about this many characters.
    public var wrapWidth = 24

    public init(theme: Theme) { self.theme = theme }

    public func dot(for map: NetworkMap, layout: Layout = .automatic) -> String {
        let engine = layout.resolved(nodeCount: map.nodes.count)
        var out: [String] = []
        out.append("digraph trama {")
        var graphAttrs = [
            "layout=\(engine.rawValue)", "bgcolor=\(q(theme.background))", "fontname=\(q(theme.fontName))", "fontsize=\(fmt(theme.fontSize + 6))",
            "fontcolor=\(q(theme.textColor))", "labelloc=t", "labeljust=l", "pad=0.4", "dpi=\(fmt(theme.dpi))", "outputorder=edgesfirst",
        ]
        switch engine {
        case .dot: graphAttrs += ["rankdir=LR", "nodesep=0.5", "ranksep=1.1", "newrank=true"]
        case .twopi: graphAttrs += ["overlap=false", "ranksep=1.6"]
        default: graphAttrs += ["overlap=prism", "overlap_scaling=3", "sep=\"+12\"", "splines=true"]
        }
        var title = "<B>\(html(map.title))</B>"
        if let s = map.subtitle, !s.isEmpty { title += "<BR/><FONT POINT-SIZE=\"\(fmt(theme.fontSize))\">\(html(s))</FONT>" }
        graphAttrs.append("label=<\(title)>")
        out.append("  graph [\(graphAttrs.joined(separator: ", "))];")
        out.append("  node [fontname=\(q(theme.fontName)), fontsize=\(fmt(theme.fontSize)), style=\"filled\", penwidth=1.2, margin=\"0.15,0.07\"];")
        out.append("  edge [fontname=\(q(theme.fontName)), fontsize=\(fmt(theme.fontSize - 2)), penwidth=1.4, arrowsize=0.8];")

        let ids = Dictionary(map.nodes.enumerated().map { ($0.element.id, "n\($0.offset)") }, uniquingKeysWith: { a, _ in a })
        for (i, n) in map.nodes.enumerated() {
            let s = theme.node(n.kind)
            var label = "<B>\(wrap(n.label).map(html).joined(separator: "<BR/>"))</B>"
            let small = [s.legend, n.detail].compactMap { $0 }.filter { !$0.isEmpty && $0 != n.label }
            if !small.isEmpty { label += "<BR/><FONT POINT-SIZE=\"\(fmt(theme.fontSize - 2))\">\(html(small.joined(separator: " · ")))</FONT>" }
            var attrs = [
                "shape=\(q(s.shape))", "fillcolor=\(q(s.fill))", "color=\(q(n.emphasis == .highlighted ? theme.highlight : s.border))",
                "fontcolor=\(q(s.font ?? theme.textColor))", "label=<\(label)>", "tooltip=\(q(n.id))",
            ]
            switch n.emphasis {
            case .normal: break
            case .endpoint: attrs.append("penwidth=\(fmt(theme.endpointPenWidth))")
            case .highlighted: attrs.append("penwidth=\(fmt(theme.endpointPenWidth))")
            }
            out.append("  n\(i) [\(attrs.joined(separator: ", "))];")
        }
        for e in map.edges {
            guard let a = ids[e.from], let b = ids[e.to] else { continue }
            let s = theme.edge(e.kind)
            let color = e.highlighted ? theme.highlight : s.color
            var attrs = ["color=\(q(color))", "style=\(q(s.style))", "arrowhead=\(q(s.arrowhead ?? "normal"))", "fontcolor=\(q(color))"]
            if e.highlighted { attrs.append("penwidth=3") }
            // In large maps edge labels pile up around hubs: only findings keep theirs there;
            // the legend tells the kinds apart.
            if let l = e.label, !l.isEmpty, e.highlighted || map.nodes.count <= Self.edgeLabelLimit {
                attrs.append("label=<\(l.split(separator: "\n").map { html(String($0)) }.joined(separator: "<BR/>"))>")
            }
            out.append("  \(a) -> \(b) [\(attrs.joined(separator: ", "))];")
        }
        out.append(contentsOf: legend(for: map))
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    /// A table of the entity and relationship kinds the map uses, in the theme's order.
    func legend(for map: NetworkMap) -> [String] {
        let nodeKinds = orderedKinds(used: map.nodes.map(\.kind))
        let edgeKinds = orderedKinds(used: map.edges.map(\.kind))
        guard !nodeKinds.isEmpty || !edgeKinds.isEmpty else { return [] }
        let fs = fmt(theme.fontSize - 1)
        var rows = ["<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Legend</B></TD></TR>"]
        for k in nodeKinds {
            let s = theme.node(k)
            rows.append(
                "<TR><TD BGCOLOR=\"\(html(s.fill))\" COLOR=\"\(html(s.border))\" BORDER=\"1\" WIDTH=\"28\"> </TD>"
                    + "<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(fs)\">\(html(s.legend))</FONT></TD></TR>")
        }
        for k in edgeKinds {
            let s = theme.edge(k)
            let stroke = s.style == "dashed" ? "- - ▶" : s.style == "dotted" ? "· · · ▶" : s.style == "bold" ? "━━▶" : "──▶"
            rows.append(
                "<TR><TD><FONT COLOR=\"\(html(s.color))\" POINT-SIZE=\"\(fs)\"><B>\(stroke)</B></FONT></TD>"
                    + "<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(fs)\">\(html(s.legend))</FONT></TD></TR>")
        }
        if map.edges.contains(where: \.highlighted) || map.nodes.contains(where: { $0.emphasis == .highlighted }) {
            rows.append(
                "<TR><TD><FONT COLOR=\"\(html(theme.highlight))\" POINT-SIZE=\"\(fs)\"><B>━━▶</B></FONT></TD>"
                    + "<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(fs)\">finding (pattern to review)</FONT></TD></TR>")
        }
        let table = "<TABLE BORDER=\"1\" COLOR=\"#BBBBBB\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"2\" BGCOLOR=\"#FFFFFF\">\(rows.joined())</TABLE>"
        return ["  legend [shape=plain, style=\"\", label=<\(table)>];"]
    }

    private func orderedKinds(used: [String]) -> [String] {
        var seen = Set<String>()
        let unique = used.filter { seen.insert($0).inserted }
        let order = theme.kindOrder
        return unique.sorted { (order[$0] ?? Int.max, $0) < (order[$1] ?? Int.max, $1) }
    }

    /// Splits a long name into lines of about ``wrapWidth`` characters at spaces.
    func wrap(_ s: String) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in s.split(separator: " ", omittingEmptySubsequences: true) {
            if !line.isEmpty, line.count + 1 + word.count > wrapWidth {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    private func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }

    private func fmt(_ d: Double) -> String { d == d.rounded() ? String(Int(d)) : String(d) }
}

/// Text made safe for a Graphviz HTML-like label.
func html(_ s: String) -> String {
    var out = ""
    for ch in s {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        case "\n", "\r": out += " "
        default: out.append(ch)
        }
    }
    return out
}

extension Theme {
    /// The legend's order: organisations, people, procurement, justice, contact data; then
    /// relationships grouped the same way. Kinds not listed follow by name.
    var kindOrder: [String: Int] {
        let order = [
            "agency", "firm", "person", "judge", "lawyer", "candidate", "party", "tender", "contract", "court", "case", "sanctioning_body",
            "economic_group", "address", "phone", "email",
            "owns", "employed_by", "legal_representative_of", "accountant_of", "relative_of", "member_of_group", "registered_at", "has_phone",
            "has_email", "procures", "bid", "awarded_under", "holds_contract", "donated_to", "member_of_party", "sanctioned_by", "appointed",
            "serves_at", "presides", "heard_in", "party_to", "counsel_in", "declared_shareholding", "declared_relative", "declared_post",
        ]
        return Dictionary(uniqueKeysWithValues: order.enumerated().map { ($0.element, $0.offset) })
    }
}
