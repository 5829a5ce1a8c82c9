/// Graphviz DOT that carries the data rather than a drawing (TramaRender draws maps): a
/// `digraph` with every node by its reference and every edge, parallel ones included, each
/// with its attributes (``AttributeColumn``): a node's name is its `label`, an edge's kind its
/// `label` and its store id its `id`; the selection and datasets are graph attributes. Every
/// value is a quoted string (``DOT/quoted(_:)``), so no data can change the file's syntax.
enum DOTFormat {
    static func write(_ g: PreparedGraph) -> String {
        var out = "digraph trama {\n"
        out += "  graph [description=\(DOT.quoted(g.description)), datasets=\(DOT.quoted(g.datasetsJSON))];\n"
        for n in g.nodes {
            var attrs: [String] = []
            for (c, v) in g.row(g.fixedValues(n), n.attributes, g.nodeColumns) {
                attrs.append("\(DOT.id(c.name == "name" ? "label" : c.name))=\(DOT.quoted(v.text))")
            }
            out += "  \(DOT.quoted(n.reference)) [\(attrs.joined(separator: ", "))];\n"
        }
        for e in g.edges {
            var attrs = ["id=\(DOT.quoted(String(e.id)))", "label=\(DOT.quoted(e.kind))"]
            for (c, v) in g.row(g.fixedValues(e), e.attributes, g.edgeColumns) { attrs.append("\(DOT.id(c.name))=\(DOT.quoted(v.text))") }
            out += "  \(DOT.quoted(e.from)) -> \(DOT.quoted(e.to)) [\(attrs.joined(separator: ", "))];\n"
        }
        return out + "}\n"
    }
}
