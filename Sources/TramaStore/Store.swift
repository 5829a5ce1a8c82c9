import Foundation

/// The adjacency store: a connection to PostgreSQL plus the named queries, migrated on open.
public final class Store: Sendable {
    public let connection: PQConnection
    public let queries: QueryCatalog
    /// Where the store is, for messages: the URL with no password.
    public let location: String

    /// Connects to `url`, applies pending migrations from `schemaDirectory` and loads the
    /// named queries from `queriesDirectory`.
    /// The connection string, for opening more connections (parallel loads); it may hold a
    /// password, so it is never printed.
    private let url: String

    public init(url: String, schemaDirectory: URL, queriesDirectory: URL) throws {
        self.url = url
        connection = try PQConnection(url)
        location = Self.redactingPassword(url)
        queries = try QueryCatalog(directory: queriesDirectory)
        try Migrator(directory: schemaDirectory).migrate(connection)
    }

    public func close() { connection.close() }

    /// A further connection to the same database, owned by the caller.
    public func openConnection() throws(PQError) -> PQConnection { try PQConnection(url) }

    /// `url` with any password replaced by `***`, for messages and logs.
    public static func redactingPassword(_ url: String) -> String {
        guard let at = url.firstIndex(of: "@"), let scheme = url.range(of: "://"), scheme.upperBound < at else { return url }
        let userinfo = url[scheme.upperBound..<at]
        guard let colon = userinfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }

    @discardableResult
    public func execute(_ q: NamedQuery, _ params: [String?] = []) throws(PQError) -> QueryResult {
        try connection.execute(q, in: queries, params)
    }

    /// A node as the user refers to it.
    public struct NodeRef: Sendable, Hashable {
        public var id: Int64
        public var kind: String
        public var key: String
        public var name: String?

        /// `kind:key`, the reference users type.
        public var reference: String { "\(kind):\(key)" }
    }

    /// Full record of a node, with its provenance.
    public struct NodeRecord: Sendable {
        public var ref: NodeRef
        public var propertiesJSON: String
        public var dataset: String
        public var source: String
    }

    /// Full record of an edge, with its provenance.
    public struct EdgeRecord: Sendable {
        public var id: Int64
        public var kind: String
        public var source: String  // kind:key
        public var target: String  // kind:key
        public var validFrom: String?
        public var validTo: String?
        public var propertiesJSON: String
        public var dataset: String
        public var sourceRecord: String
    }

    func refs(_ r: QueryResult) -> [NodeRef] {
        r.rows.map { NodeRef(id: Int64($0[0]!)!, kind: $0[1]!, key: $0[2]!, name: $0[3]) }
    }

    public func nodes(kinds: [String], key: String) throws -> [NodeRef] {
        try refs(execute(.nodeByKindKey, [Self.textArray(kinds), key]))
    }

    public func nodes(key: String) throws -> [NodeRef] { try refs(execute(.nodesByKey, [key])) }

    public func nodes(named name: String) throws -> [NodeRef] { try refs(execute(.nodesByName, [name])) }

    public func nodes(similarTo name: String) throws -> [NodeRef] { try refs(execute(.nodesSimilarName, [name])) }

    public func nodeRecords(ids: [Int64]) throws -> [Int64: NodeRecord] {
        let r = try execute(.nodeDetails, [Self.bigintArray(ids)])
        var out: [Int64: NodeRecord] = [:]
        for row in r.rows {
            let ref = NodeRef(id: Int64(row[0]!)!, kind: row[1]!, key: row[2]!, name: row[3])
            out[ref.id] = NodeRecord(ref: ref, propertiesJSON: row[4] ?? "{}", dataset: row[5]!, source: row[6]!)
        }
        return out
    }

    /// Kind, key and name of each node, in batches (one array parameter per batch).
    public func nodeRefs(ids: [Int64]) throws -> [Int64: NodeRef] {
        var out: [Int64: NodeRef] = [:]
        out.reserveCapacity(ids.count)
        var start = 0
        while start < ids.count {
            let batch = Array(ids[start..<min(ids.count, start + 100_000)])
            for row in try execute(.nodeKeys, [Self.bigintArray(batch)]).rows {
                let ref = NodeRef(id: Int64(row[0]!)!, kind: row[1]!, key: row[2]!, name: row[3])
                out[ref.id] = ref
            }
            start += batch.count
        }
        return out
    }

    public func edgeRecords(ids: [Int64]) throws -> [Int64: EdgeRecord] {
        let r = try execute(.edgeDetails, [Self.bigintArray(ids)])
        var out: [Int64: EdgeRecord] = [:]
        for row in r.rows {
            let id = Int64(row[0]!)!
            out[id] = EdgeRecord(
                id: id, kind: row[1]!, source: "\(row[2]!):\(row[3]!)", target: "\(row[4]!):\(row[5]!)",
                validFrom: row[6], validTo: row[7], propertiesJSON: row[8] ?? "{}", dataset: row[9]!, sourceRecord: row[10]!)
        }
        return out
    }

    public struct Counts: Sendable, Equatable {
        public var nodes: Int
        public var edges: Int
        public var datasets: Int

        public init(nodes: Int, edges: Int, datasets: Int) {
            self.nodes = nodes
            self.edges = edges
            self.datasets = datasets
        }
    }

    public func counts() throws -> Counts {
        let r = try execute(.storeCounts)
        return Counts(nodes: Int(r.rows[0][0]!)!, edges: Int(r.rows[0][1]!)!, datasets: Int(r.rows[0][2]!)!)
    }

    /// A PostgreSQL array literal of bigints, sent as one parameter.
    static func bigintArray(_ ids: [Int64]) -> String { "{" + ids.map(String.init).joined(separator: ",") + "}" }

    /// A PostgreSQL array literal of text values, each quoted and escaped, sent as one parameter.
    static func textArray(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }
}
