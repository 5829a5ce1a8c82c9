/// GraphML 1.0 (http://graphml.graphdrawing.org/xmlns), valid against its schema: one directed
/// `<graph>`, every parallel edge its own `<edge id="…">` (the store's edge id), a `<key>` for
/// every attribute with `attr.type` `string`, `double` or `boolean` (``AttributeColumn``), and
/// the selection's description and datasets (as JSON) as graph data.
///
/// Node ids are references; the schema makes them NMTOKENs, so a character a name cannot hold
/// (a space in an address key, an `@` in an e-mail) is written `_xHHHH_` (``XMLName``), and the
/// `kind` and `key` data keep the reference exactly.
enum GraphMLFormat {
    static func write(_ g: PreparedGraph) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """
        out += "  <key id=\"g0\" for=\"graph\" attr.name=\"description\" attr.type=\"string\"/>\n"
        out += "  <key id=\"g1\" for=\"graph\" attr.name=\"datasets\" attr.type=\"string\"/>\n"
        let nodeKeys = keys(g.nodeColumns, prefix: "n", for: "node", into: &out)
        let edgeKeys = keys(g.edgeColumns, prefix: "e", for: "edge", into: &out)
        out += "  <graph id=\"G\" edgedefault=\"directed\">\n"
        out += "    <desc>\(XML.text(g.description))</desc>\n"
        out += "    <data key=\"g0\">\(XML.text(g.description))</data>\n"
        out += "    <data key=\"g1\">\(XML.text(g.datasetsJSON))</data>\n"
        for n in g.nodes {
            out += "    <node id=\"\(XML.attribute(nodeID(n.reference)))\">\n"
            for (c, v) in g.row(g.fixedValues(n), n.attributes, g.nodeColumns) {
                out += "      <data key=\"\(nodeKeys[c.name]!)\">\(XML.text(v.text))</data>\n"
            }
            out += "    </node>\n"
        }
        for e in g.edges {
            out += "    <edge id=\"\(e.id)\" source=\"\(XML.attribute(nodeID(e.from)))\" target=\"\(XML.attribute(nodeID(e.to)))\">\n"
            for (c, v) in g.row(g.fixedValues(e), e.attributes, g.edgeColumns) {
                out += "      <data key=\"\(edgeKeys[c.name]!)\">\(XML.text(v.text))</data>\n"
            }
            out += "    </edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }

    static func nodeID(_ reference: String) -> String { XMLName.encode(reference, keepColon: true) }

    /// Declares the columns as keys `n0`, `n1`, … (or `e…`); the key id for each column name.
    static func keys(_ columns: [AttributeColumn], prefix: String, for domain: String, into out: inout String) -> [String: String] {
        var ids: [String: String] = [:]
        for (i, c) in columns.enumerated() {
            let id = "\(prefix)\(i)"
            ids[c.name] = id
            out += "  <key id=\"\(id)\" for=\"\(domain)\" attr.name=\"\(XML.attribute(c.name))\" attr.type=\"\(c.type.rawValue)\"/>\n"
        }
        return ids
    }
}
