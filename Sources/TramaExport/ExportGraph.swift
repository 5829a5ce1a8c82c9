/// A selected part of Trama's graph as plain values: what the store hands over to be written in
/// an interchange format, and all an export knows. Nodes are named by their reference,
/// `kind:key`, which is the node's id in every format (GraphML escapes what its ids cannot hold).
public struct ExportGraph: Sendable, Hashable {
    /// One file of a dataset, as the import recorded it.
    public struct File: Sendable, Hashable {
        public var name: String
        public var sha256: String
        public var rows: Int?

        public init(name: String, sha256: String, rows: Int? = nil) {
            self.name = name
            self.sha256 = sha256
            self.rows = rows
        }
    }

    /// A dataset the selection draws on: its provenance travels with the export.
    public struct Dataset: Sendable, Hashable {
        public var name: String
        public var format: String
        public var digest: String
        /// When Trama imported it; its date (the first ten characters, `yyyy-mm-dd`) dates the export.
        public var importedAt: String
        public var files: [File]

        public init(name: String, format: String, digest: String, importedAt: String, files: [File] = []) {
            self.name = name
            self.format = format
            self.digest = digest
            self.importedAt = importedAt
            self.files = files
        }
    }

    public struct Node: Sendable, Hashable {
        public var kind: String
        public var key: String
        public var name: String?
        /// A JSON object; anything else is exported as no properties.
        public var propertiesJSON: String
        public var dataset: String
        /// The source record, `file:line`.
        public var source: String

        public init(kind: String, key: String, name: String? = nil, propertiesJSON: String = "{}", dataset: String, source: String) {
            self.kind = kind
            self.key = key
            self.name = name
            self.propertiesJSON = propertiesJSON
            self.dataset = dataset
            self.source = source
        }

        /// `kind:key`.
        public var reference: String { "\(kind):\(key)" }
    }

    public struct Edge: Sendable, Hashable {
        /// The store's id: it tells parallel edges apart and orders the export.
        public var id: Int64
        public var kind: String
        /// `kind:key` of the source node.
        public var from: String
        /// `kind:key` of the target node.
        public var to: String
        /// `yyyy-mm-dd`; nil is unbounded.
        public var validFrom: String?
        public var validTo: String?
        public var propertiesJSON: String
        public var dataset: String
        public var source: String

        public init(
            id: Int64, kind: String, from: String, to: String, validFrom: String? = nil, validTo: String? = nil, propertiesJSON: String = "{}",
            dataset: String, source: String
        ) {
            self.id = id
            self.kind = kind
            self.from = from
            self.to = to
            self.validFrom = validFrom
            self.validTo = validTo
            self.propertiesJSON = propertiesJSON
            self.dataset = dataset
            self.source = source
        }
    }

    /// What was selected, in words ("dataset gras-mx", "2 hops around firm:MX-RFC-ABC").
    public var description: String
    public var datasets: [Dataset]
    public var nodes: [Node]
    public var edges: [Edge]

    public init(description: String, datasets: [Dataset] = [], nodes: [Node], edges: [Edge]) {
        self.description = description
        self.datasets = datasets
        self.nodes = nodes
        self.edges = edges
    }
}

/// The interchange formats, each for the tools its users open it with.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// GraphML 1.0, for yEd, Cytoscape, Gephi and networkx.
    case graphml
    /// GEXF 1.3, for Gephi.
    case gexf
    /// FollowTheMoney entities as JSON Lines, for Aleph and OpenSanctions' tools, and for Trama's
    /// own FollowTheMoney importer, which reads them back into the same graph.
    case ftm
    /// `neo4j-admin database import` CSV files.
    case neo4j
    /// Graphviz DOT carrying the data, not a styled map.
    case dot
}

/// One file of an export.
public struct ExportFile: Sendable, Hashable {
    public var name: String
    /// What to serve it as over HTTP.
    public var mediaType: String
    public var bytes: [UInt8]

    public init(name: String, mediaType: String, bytes: [UInt8]) {
        self.name = name
        self.mediaType = mediaType
        self.bytes = bytes
    }
}

/// Writes `graph` in `format`: one file, or for Neo4j `nodes.csv`, `relationships.csv` and a
/// `README.txt` with the import command. Pure and deterministic: the same graph gives the same
/// bytes, whatever the order of its nodes and edges.
///
/// Every format sees the same graph, closed and ordered:
/// - nodes sorted by reference (UTF-8 byte order); of nodes sharing a reference the first given
///   is kept; an edge's endpoint that is not among the nodes is added as a bare node (its kind
///   and key only), so every file is a graph of its own;
/// - edges sorted by id, parallel edges kept; of edges sharing an id the first given is kept;
/// - properties flattened into attributes, one scheme for all formats: `prop_` and the property name (see `AttributeColumn`).
///
/// - Complexity: O((*n* + *m*) log(*n* + *m*)) plus the size of the properties.
public func export(_ graph: ExportGraph, as format: ExportFormat) -> [ExportFile] {
    let prepared = PreparedGraph(graph)
    switch format {
    case .graphml: return [ExportFile(name: "graph.graphml", mediaType: "application/graphml+xml", bytes: Array(GraphMLFormat.write(prepared).utf8))]
    case .gexf: return [ExportFile(name: "graph.gexf", mediaType: "application/gexf+xml", bytes: Array(GEXFFormat.write(prepared).utf8))]
    case .ftm: return [ExportFile(name: "entities.ftm.json", mediaType: "application/x-ndjson", bytes: Array(FtMFormat.write(prepared).utf8))]
    case .dot: return [ExportFile(name: "graph.dot", mediaType: "text/vnd.graphviz", bytes: Array(DOTFormat.write(prepared).utf8))]
    case .neo4j:
        let files = Neo4jFormat.write(prepared)
        return [
            ExportFile(name: "nodes.csv", mediaType: "text/csv", bytes: Array(files.nodes.utf8)),
            ExportFile(name: "relationships.csv", mediaType: "text/csv", bytes: Array(files.relationships.utf8)),
            ExportFile(name: "README.txt", mediaType: "text/plain", bytes: Array(files.readme.utf8)),
        ]
    }
}
