/// GEXF 1.3 (http://gexf.net/1.3), valid against its schema, for Gephi.
///
/// - `defaultedgetype="directed"`; every parallel edge is its own `<edge>` with the store's id,
///   its kind as both the GEXF edge `kind` (Gephi's edge type, which keeps parallel edges of
///   different kinds apart) and its `label`.
/// - Attributes are declared per class (`<attributes class="node">`, `class="edge"`) with ids
///   `0`, `1`, … and the column names as titles (``AttributeColumn``).
/// - Validity: an edge's `valid_from`/`valid_to` are also its GEXF `start`/`end`
///   (`timeformat="date"`, `mode="dynamic"`), so Gephi's timeline filters them; the graph is
///   `static` when no edge has a date.
/// - `<meta>` names Trama as creator, the selection as description, the datasets as keywords,
///   and is dated by the latest import (``PreparedGraph/lastModified``) — never the clock, so an
///   export of the same data is the same file.
enum GEXFFormat {
    static func write(_ g: PreparedGraph) -> String {
        let dynamic = g.edges.contains { $0.validFrom != nil || $0.validTo != nil }
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">

            """
        out += "  <meta\(g.lastModified.map { " lastmodifieddate=\"\($0)\"" } ?? "")>\n"
        out += "    <creator>Trama</creator>\n"
        if !g.datasets.isEmpty { out += "    <keywords>\(XML.text(g.datasets.map(\.name).joined(separator: ", ")))</keywords>\n" }
        out += "    <description>\(XML.text(g.description))</description>\n"
        out += "  </meta>\n"
        out += "  <graph defaultedgetype=\"directed\" mode=\"\(dynamic ? "dynamic" : "static")\"\(dynamic ? " timeformat=\"date\"" : "")>\n"
        let nodeIDs = attributes(g.nodeColumns, class: "node", into: &out)
        let edgeIDs = attributes(g.edgeColumns, class: "edge", into: &out)
        out += "    <nodes count=\"\(g.nodes.count)\">\n"
        for n in g.nodes {
            out += "      <node id=\"\(XML.attribute(n.reference))\" label=\"\(XML.attribute(n.name ?? n.reference))\">\n"
            values(g.row(g.fixedValues(n), n.attributes, g.nodeColumns), nodeIDs, into: &out)
            out += "      </node>\n"
        }
        out += "    </nodes>\n"
        out += "    <edges count=\"\(g.edges.count)\">\n"
        for e in g.edges {
            var attrs = "id=\"\(e.id)\" source=\"\(XML.attribute(e.from))\" target=\"\(XML.attribute(e.to))\""
            attrs += " kind=\"\(XML.attribute(e.kind))\" label=\"\(XML.attribute(e.kind))\""
            // An edge dated only at one end has no GEXF interval bound at the other (unbounded).
            if let d = e.validFrom, isDay(d) { attrs += " start=\"\(d)\"" }
            if let d = e.validTo, isDay(d) { attrs += " end=\"\(d)\"" }
            out += "      <edge \(attrs)>\n"
            values(g.row(g.fixedValues(e), e.attributes, g.edgeColumns), edgeIDs, into: &out)
            out += "      </edge>\n"
        }
        out += "    </edges>\n  </graph>\n</gexf>\n"
        return out
    }

    static func attributes(_ columns: [AttributeColumn], class cls: String, into out: inout String) -> [String: String] {
        var ids: [String: String] = [:]
        out += "    <attributes class=\"\(cls)\">\n"
        for (i, c) in columns.enumerated() {
            ids[c.name] = String(i)
            out += "      <attribute id=\"\(i)\" title=\"\(XML.attribute(c.name))\" type=\"\(c.type.rawValue)\"/>\n"
        }
        out += "    </attributes>\n"
        return ids
    }

    static func values(_ row: [(AttributeColumn, AttributeValue)], _ ids: [String: String], into out: inout String) {
        guard !row.isEmpty else { return }
        out += "        <attvalues>\n"
        for (c, v) in row { out += "          <attvalue for=\"\(ids[c.name]!)\" value=\"\(XML.attribute(v.text))\"/>\n" }
        out += "        </attvalues>\n"
    }
}
