/// CSV files for `neo4j-admin database import full` (RFC 4180: quoted where needed, quotes
/// doubled, lines ending CRLF; a missing value is an empty field, an empty string `""`).
///
/// - `nodes.csv`: `id:ID,:LABEL,key,name,dataset,source,<properties>`; the id is the reference,
///   the label the kind as Trama names it (`firm`, `sanctioning_body`).
/// - `relationships.csv`: `:START_ID,:END_ID,:TYPE,valid_from:date,valid_to:date,dataset,source,<properties>`.
///   The type is the kind in UPPER_SNAKE (`director_of` → `DIRECTOR_OF`), the convention of
///   Cypher's style guide and of every Neo4j example users will copy from; it maps back to
///   Trama's kind by lower-casing, so nothing is lost.
/// - Property columns are typed `:double` or `:boolean` where the column is (``AttributeColumn``),
///   strings otherwise; arrays and objects are JSON text, as Neo4j has no nested values.
enum Neo4jFormat {
    static func write(_ g: PreparedGraph) -> (nodes: String, relationships: String, readme: String) {
        let nodeProps = g.nodeColumns.filter { $0.property != nil }
        let edgeProps = g.edgeColumns.filter { $0.property != nil }
        var nodes = CSV.line(["id:ID", ":LABEL", "key", "name", "dataset", "source"] + nodeProps.map(header))
        for n in g.nodes {
            let fixed = g.fixedValues(n)
            nodes += CSV.line([n.reference, n.kind, n.key, n.name, fixed["dataset"]?.text, fixed["source"]?.text] + nodeProps.map { n.attributes[$0.name]?.text })
        }
        var relationships = CSV.line([":START_ID", ":END_ID", ":TYPE", "valid_from:date", "valid_to:date", "dataset", "source"] + edgeProps.map(header))
        for e in g.edges {
            let from = e.validFrom.flatMap { isDay($0) ? $0 : nil }
            let to = e.validTo.flatMap { isDay($0) ? $0 : nil }
            relationships += CSV.line([e.from, e.to, relationshipType(e.kind), from, to, e.dataset, e.source] + edgeProps.map { e.attributes[$0.name]?.text })
        }
        var readme = "Trama export for Neo4j: \(g.description)\n"
        readme += "\(g.nodes.count) nodes (nodes.csv), \(g.edges.count) relationships (relationships.csv).\n"
        for d in g.datasets { readme += "Dataset \(d.name) (\(d.format), imported \(d.importedAt), digest \(d.digest)).\n" }
        readme += "Import into a new database (names and values may span lines, hence --multiline-fields):\n"
        readme += "neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv --multiline-fields=true neo4j\n"
        return (nodes, relationships, readme)
    }

    static func header(_ c: AttributeColumn) -> String {
        switch c.type {
        case .string: c.name
        case .double: c.name + ":double"
        case .boolean: c.name + ":boolean"
        }
    }

    /// `director_of` → `DIRECTOR_OF`.
    static func relationshipType(_ kind: String) -> String { kind.uppercased() }
}
