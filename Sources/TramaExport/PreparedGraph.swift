import TramaModel

/// One flattened attribute value: a property's scalar, or an array or object as compact JSON.
enum AttributeValue: Hashable, Sendable {
    case string(String)
    /// JSON number text, as written in the properties.
    case number(String)
    case bool(Bool)
    /// An array or object, as compact JSON text.
    case json(String)

    var text: String {
        switch self {
        case .string(let s), .number(let s), .json(let s): s
        case .bool(let b): b ? "true" : "false"
        }
    }
}

/// The type a column is declared with: a number where every value of it is a number, a boolean
/// where every value is a boolean, else text (numbers and booleans written as JSON writes them).
enum AttributeType: String, Sendable {
    case string, double, boolean
}

/// One attribute of nodes or of edges, in every format under the same name.
///
/// Naming: the fixed attributes keep their names (`kind`, `key`, `name`, `dataset`, `source`;
/// for edges `kind`, `valid_from`, `valid_to`, `dataset`, `source`); a property becomes
/// `prop_` and its name, always, so a property called `label`, `id` or `source` can never
/// collide with a fixed attribute or with what DOT and Neo4j give meaning to. A character GraphML
/// cannot have in a name (its `attr.name` is an XML NMTOKEN), a `:` (Neo4j's header takes it for a
/// type) and an `_` before an `x` are written `_xHHHH_` with their code point, as .NET's
/// XmlConvert does, so the name stays one and the same in all five formats and two properties
/// never share one. Columns are declared fixed ones first, then properties by name.
struct AttributeColumn: Hashable, Sendable {
    var name: String
    /// The property it flattens, or nil for a fixed attribute.
    var property: String?
    var type: AttributeType
}

/// What every writer writes: the graph closed (no edge without its nodes), deduplicated, in
/// its one order, with properties parsed once.
struct PreparedGraph: Sendable {
    struct Node: Sendable {
        var reference: String
        var kind: String
        var key: String
        var name: String?
        var dataset: String
        var source: String
        /// The properties object, compact; `{}` when the text was not a JSON object.
        var propertiesJSON: String
        var properties: [JSONValue.Member]
        var attributes: [String: AttributeValue]
    }

    struct Edge: Sendable {
        var id: Int64
        var kind: String
        var from: String
        var to: String
        var validFrom: String?
        var validTo: String?
        var dataset: String
        var source: String
        var propertiesJSON: String
        var properties: [JSONValue.Member]
        var attributes: [String: AttributeValue]
    }

    var description: String
    var datasets: [ExportGraph.Dataset]
    var nodes: [Node]
    var edges: [Edge]
    var nodeColumns: [AttributeColumn]
    var edgeColumns: [AttributeColumn]
    var nodeIndex: [String: Int]

    static let nodeFixed = ["kind", "key", "name", "dataset", "source"]
    static let edgeFixed = ["kind", "valid_from", "valid_to", "dataset", "source"]

    init(_ graph: ExportGraph) {
        description = graph.description
        datasets = graph.datasets.sorted { byBytes($0.name, $1.name) }

        var nodes: [Node] = []
        var index: [String: Int] = [:]
        for n in graph.nodes where index[n.reference] == nil {
            index[n.reference] = nodes.count
            let (json, members) = Self.parse(n.propertiesJSON)
            nodes.append(Node(
                reference: n.reference, kind: n.kind, key: n.key, name: n.name, dataset: n.dataset, source: n.source, propertiesJSON: json,
                properties: members, attributes: Self.flatten(members)))
        }
        var seenEdges = Set<Int64>()
        var edges: [Edge] = []
        for e in graph.edges.sorted(by: { $0.id < $1.id }) where seenEdges.insert(e.id).inserted {
            for end in [e.from, e.to] where index[end] == nil {
                let kk = KindKey(end)
                index[end] = nodes.count
                nodes.append(Node(
                    reference: end, kind: kk?.kind ?? "", key: kk?.key ?? end, name: nil, dataset: "", source: "", propertiesJSON: "{}", properties: [],
                    attributes: [:]))
            }
            let (json, members) = Self.parse(e.propertiesJSON)
            edges.append(Edge(
                id: e.id, kind: e.kind, from: e.from, to: e.to, validFrom: e.validFrom, validTo: e.validTo, dataset: e.dataset, source: e.source,
                propertiesJSON: json, properties: members, attributes: Self.flatten(members)))
        }
        nodes.sort { byBytes($0.reference, $1.reference) }
        nodeIndex = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($0.element.reference, $0.offset) })
        self.nodes = nodes
        self.edges = edges
        nodeColumns = Self.columns(fixed: Self.nodeFixed, nodes.map(\.attributes))
        edgeColumns = Self.columns(fixed: Self.edgeFixed, edges.map(\.attributes))
    }

    /// The fixed attributes of a node, by column name (absent ones left out).
    func fixedValues(_ n: Node) -> [String: AttributeValue] {
        var v: [String: AttributeValue] = ["kind": .string(n.kind), "key": .string(n.key)]
        if let name = n.name { v["name"] = .string(name) }
        // A bare node (an endpoint outside the selection) has neither.
        if !n.dataset.isEmpty { v["dataset"] = .string(n.dataset) }
        if !n.source.isEmpty { v["source"] = .string(n.source) }
        return v
    }

    func fixedValues(_ e: Edge) -> [String: AttributeValue] {
        var v: [String: AttributeValue] = ["kind": .string(e.kind), "dataset": .string(e.dataset), "source": .string(e.source)]
        if let d = e.validFrom { v["valid_from"] = .string(d) }
        if let d = e.validTo { v["valid_to"] = .string(d) }
        return v
    }

    /// Every attribute value of a node or edge, fixed and flattened, by column, in column order.
    func row(_ fixed: [String: AttributeValue], _ attributes: [String: AttributeValue], _ columns: [AttributeColumn]) -> [(AttributeColumn, AttributeValue)] {
        columns.compactMap { c in (c.property == nil ? fixed[c.name] : attributes[c.name]).map { (c, $0) } }
    }

    /// The latest day a dataset was imported, which is when the exported data last changed.
    var lastModified: String? {
        datasets.compactMap { d -> String? in
            let day = String(d.importedAt.prefix(10))
            return isDay(day) ? day : nil
        }.max()
    }

    /// The datasets as compact JSON, for formats with a graph-level attribute to hold them.
    var datasetsJSON: String {
        JSONValue.array(datasets.map { d in
            .object([
                .init(key: "name", value: .string(d.name)), .init(key: "format", value: .string(d.format)), .init(key: "digest", value: .string(d.digest)),
                .init(key: "imported_at", value: .string(d.importedAt)),
                .init(key: "files", value: .array(d.files.map { f in
                    .object([
                        .init(key: "name", value: .string(f.name)), .init(key: "sha256", value: .string(f.sha256)),
                        .init(key: "rows", value: f.rows.map { .number(String($0)) } ?? .null),
                    ])
                })),
            ])
        }).compact
    }

    static func parse(_ text: String) -> (String, [JSONValue.Member]) {
        guard case .object(let members)? = JSONValue(parsing: text) else { return ("{}", []) }
        return (JSONValue.object(members).compact, members)
    }

    /// Properties as attribute values by column name; a null is no value.
    static func flatten(_ members: [JSONValue.Member]) -> [String: AttributeValue] {
        var out: [String: AttributeValue] = [:]
        for m in members {
            let value: AttributeValue
            switch m.value {
            case .null: continue
            case .string(let s): value = .string(s)
            case .number(let n): value = .number(n)
            case .bool(let b): value = .bool(b)
            case .array, .object: value = .json(m.value.compact)
            }
            out[columnName(property: m.key)] = value
        }
        return out
    }

    static func columns(fixed: [String], _ rows: [[String: AttributeValue]]) -> [AttributeColumn] {
        var kinds: [String: Set<AttributeType>] = [:]
        for row in rows {
            for (name, v) in row {
                let t: AttributeType = switch v {
                case .number: .double
                case .bool: .boolean
                case .string, .json: .string
                }
                kinds[name, default: []].insert(t)
            }
        }
        let properties = kinds.keys.sorted(by: byBytes).map { name in
            let types = kinds[name]!
            return AttributeColumn(name: name, property: name, type: types.count == 1 ? types.first! : .string)
        }
        return fixed.map { AttributeColumn(name: $0, property: nil, type: .string) } + properties
    }

    static func columnName(property: String) -> String { "prop_" + XMLName.encode(property, keepColon: false) }
}

/// Byte order of UTF-8, the order PostgreSQL's C collation and Python's `sorted` give too.
func byBytes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

/// `yyyy-mm-dd` with a month and day that exist.
func isDay(_ s: String) -> Bool {
    let b = Array(s.utf8)
    guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
    func number(_ r: Range<Int>) -> Int? { b[r].allSatisfy { (0x30...0x39).contains($0) } ? Int(String(decoding: b[r], as: UTF8.self)) : nil }
    guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), (1...12).contains(m), d >= 1 else { return false }
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return d <= days
}
