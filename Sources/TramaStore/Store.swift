import Foundation
import Synchronization
import TramaGraph

/// The adjacency store: a pool of connections to PostgreSQL plus the named queries.
///
/// One store is shared by everything in a process (an HTTP server's concurrent requests
/// included): each call leases a connection from ``pool`` for its own duration, and
/// ``transaction(_:)`` keeps one connection for all the statements (and COPYs) of a
/// transaction, so that two threads' transactions never interleave on one connection.
///
/// Opening a store does not migrate it: a process that serves requests should not race other
/// processes to alter the schema on every open. Call ``migrate()`` once (the CLI does, in
/// `Session.open`; `trama db migrate` does it alone).
public final class Store: Sendable {
    public let queries: QueryCatalog
    /// Where the store is, for messages: the URL with no password.
    public let location: String
    /// The connections; ``withConnection(_:)`` and ``transaction(_:)`` lease from it.
    public let pool: ConnectionPool
    /// Where reads of the graph's own tables go — nodes, edges, their kinds and datasets, the
    /// data generation, the import history and the rows the scans read (procurement,
    /// judicial, political, supplier facts): a streaming replica of the store when one was
    /// given (`trama serve --replica`), else ``pool``. Everything else (tokens, sessions, the
    /// audit log, jobs, runs, every write) stays on the primary, which a hot standby cannot
    /// take. A server then follows the replica: it sees an import once the replica has
    /// replayed it, graph and records alike.
    public let readPool: ConnectionPool
    /// The connection strings of the primary and of what the graph is read from (the same
    /// without a replica): `readURL` opens the parallel slices of a graph load. They may hold a
    /// password, so they are never printed.
    private let url: String
    private let readURL: String
    private let schemaDirectory: URL
    /// Kind and dataset names by code, read once and again only when a code is new to them.
    private let names = Mutex(StoreNames())
    /// Node and edge records and resolved references kept across calls, when the process asked
    /// for it (``cacheRecords(capacity:)``): a server, which forgets them when the data changes.
    private let recordCache = Mutex<RecordCache?>(nil)
    /// The version of the graph this store reads records of: `nil` for the live graph, else a
    /// view of the graph as it stood after that import (``asOf(_:)``).
    public let version: Int?

    /// Keeps records read by ``nodeRecords(ids:)``, ``edgeRecords(ids:)`` and
    /// ``nodes(kinds:key:)``, and results read by ``executeKept(_:_:)``, until ``RecordCache/forgetAll()`` is called on the cache returned.
    /// For a process that notices every change to the data (a server following the data
    /// generation); a process that writes and reads without noticing must not use it.
    @discardableResult
    public func cacheRecords(capacity: Int) -> RecordCache {
        let cache = RecordCache(capacity: capacity)
        recordCache.withLock { $0 = cache }
        return cache
    }

    private var cache: RecordCache? { recordCache.withLock { $0 } }

    /// Connects to `url` (one connection, to fail early on a wrong URL; more are opened as
    /// needed, up to `maximumConnections`) and loads the named queries from `queriesDirectory`.
    /// The schema is neither checked nor changed: see ``migrate()``.
    /// `replicaURL`, when given, is a streaming replica of `url` that reads of the graph go to
    /// (``readPool``); it gets a pool of the same size.
    public init(
        url: String, replicaURL: String? = nil, schemaDirectory: URL, queriesDirectory: URL, maximumConnections: Int = ConnectionPool.defaultMaximum,
        leaseTimeout: Duration = ConnectionPool.defaultTimeout
    ) throws {
        self.url = url
        readURL = replicaURL ?? url
        self.schemaDirectory = schemaDirectory
        location = Self.redactingPassword(url) + (replicaURL.map { ", reading from the replica " + Self.redactingPassword($0) } ?? "")
        queries = try QueryCatalog(directory: queriesDirectory)
        pool = ConnectionPool(maximum: maximumConnections, timeout: leaseTimeout) { try PQConnection(url) }
        readPool = replicaURL.map { replica in ConnectionPool(maximum: maximumConnections, timeout: leaseTimeout) { try PQConnection(replica) } } ?? pool
        version = nil
        try pool.withConnection { _ in }
        if readsReplica { try readPool.withConnection { _ in } }
    }

    private init(viewOf store: Store, version: Int) {
        (url, readURL, schemaDirectory, location, queries, pool, readPool) =
            (store.url, store.readURL, store.schemaDirectory, store.location, store.queries, store.pool, store.readPool)
        self.version = version
    }

    /// Whether reads of the graph go to a replica (see ``readPool``).
    public var readsReplica: Bool { readPool !== pool }

    /// The graph as it stood after import `version` (see `schema/0012_import_history.sql`): the
    /// records of nodes and edges it reads, and the graph ``GraphLoader`` loads from it, are
    /// that version's, retired rows included. Shares this store's connections (closing either
    /// closes both) but keeps no records across calls.
    public func asOf(_ version: Int) -> Store { Store(viewOf: self, version: version) }

    /// Closes the idle connections; the store is unusable afterwards.
    public func close() {
        pool.close()
        if readsReplica { readPool.close() }
    }

    /// Applies the migrations of the schema directory not applied yet and returns their names
    /// (empty when the schema is up to date). Safe to run from several processes at once: the
    /// ``Migrator`` holds an advisory lock while it applies.
    @discardableResult
    public func migrate() throws -> [String] {
        let migrator = try Migrator(directory: schemaDirectory)
        return try pool.withConnection { try migrator.migrate($0) }
    }

    /// Lends one connection to `body` for its whole duration. The connection must not escape
    /// `body`; calling the store's own methods inside `body` leases *other* connections.
    @discardableResult
    public func withConnection<R>(_ body: (StoreConnection) throws -> R) throws -> R {
        try pool.withConnection { try body(StoreConnection(pq: $0, queries: queries)) }
    }

    /// Runs `body` inside `BEGIN … COMMIT` on one leased connection, rolling back if it throws.
    /// Every statement that belongs to the transaction must go through the connection passed to
    /// `body` (``StoreConnection/execute(_:_:)``, ``StoreConnection/copyIn(_:_:)``): the store's own
    /// ``execute(_:_:)`` leases another connection and runs outside the transaction.
    @discardableResult
    public func transaction<R>(_ body: (StoreConnection) throws -> R) throws -> R {
        try withConnection { conn in try conn.pq.transaction { try body(conn) } }
    }

    /// ``withConnection(_:)`` on a connection of ``readPool``: for reads of the graph's tables only.
    @discardableResult
    public func withReadConnection<R>(_ body: (StoreConnection) throws -> R) throws -> R {
        try readPool.withConnection { try body(StoreConnection(pq: $0, queries: queries)) }
    }

    /// A further connection to the database the graph is read from (the replica, if any),
    /// outside the pool and owned by the caller (who closes it): the parallel slices of a
    /// graph load.
    public func openReadConnection() throws(PQError) -> PQConnection { try PQConnection(readURL) }

    /// `url` with any password replaced by `***`, for messages and logs.
    public static func redactingPassword(_ url: String) -> String {
        guard let at = url.firstIndex(of: "@"), let scheme = url.range(of: "://"), scheme.upperBound < at else { return url }
        let userinfo = url[scheme.upperBound..<at]
        guard let colon = userinfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }

    /// Runs one named query on a connection leased for this call alone.
    @discardableResult
    public func execute(_ q: NamedQuery, _ params: [String?] = []) throws -> QueryResult {
        try withConnection { try $0.execute(q, params) }
    }

    /// ``execute(_:_:)`` for a read of the graph's own tables, on ``readPool``.
    public func read(_ q: NamedQuery, _ params: [String?] = []) throws -> QueryResult {
        try withReadConnection { try $0.execute(q, params) }
    }

    /// ``execute(_:_:)`` for a read whose answer depends only on the graph's tables (nodes,
    /// edges, their kinds and datasets), which move the data generation when they change: its
    /// result is kept, with the records, until the cache is told the data changed. A costly
    /// read that users repeat — a search for a common name matches tens of thousands of names
    /// — is then answered from memory. Without a record cache, the same as ``read(_:_:)``.
    public func executeKept(_ q: NamedQuery, _ params: [String?] = []) throws -> QueryResult {
        guard let cache else { return try read(q, params) }
        let key = RecordCache.ResultKey(query: q, params: params)
        if let hit = cache.result(key) { return hit }
        let epoch = cache.epoch
        let fresh = try read(q, params)
        cache.keep(result: fresh, for: key, readIn: epoch)
        return fresh
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

    /// Rows of `id, kind_code, key, name, …` as references, the code named from ``names``.
    private func codedRefs(_ r: QueryResult) throws -> [NodeRef] {
        let names = try self.names(covering: r.rows.map { $0[1] })
        return try r.rows.map { NodeRef(id: Int64($0[0]!)!, kind: try names.kind($0[1]), key: $0[2]!, name: $0[3]) }
    }

    /// The names, re-read first if any of `codes` (kind codes as text) is not among them: a kind
    /// or dataset created since they were read.
    private func names(covering codes: [String?], datasets: [String?] = []) throws -> StoreNames {
        let current = names.withLock { $0 }
        if current.knows(kinds: codes, datasets: datasets) { return current }
        let fresh = try StoreNames(read(.storeNames))
        names.withLock { $0 = fresh }
        return fresh
    }

    public func nodes(kinds: [String], key: String) throws -> [NodeRef] {
        guard let cache else { return try readNodes(kinds: kinds, key: key) }
        let k = RecordCache.ReferenceKey(kinds: kinds, key: key)
        if let hit = cache.references(k) { return hit }
        let epoch = cache.epoch
        let found = try readNodes(kinds: kinds, key: key)
        cache.keep(references: found, for: k, readIn: epoch)
        return found
    }

    private func readNodes(kinds: [String], key: String) throws -> [NodeRef] {
        var codes = names.withLock { $0 }.codes(of: kinds, domain: "node")
        if codes.count < kinds.count { codes = try names(covering: [nil]).codes(of: kinds, domain: "node") }
        if codes.isEmpty { return [] }
        let array = "{" + codes.map(String.init).joined(separator: ",") + "}"
        return try codedRefs(version.map { try read(.nodeByKindKeyAsOf, [array, key, String($0)]) } ?? read(.nodeByKindKey, [array, key]))
    }

    public func nodes(key: String) throws -> [NodeRef] { try refs(read(.nodesByKey, [key])) }

    public func nodes(named name: String) throws -> [NodeRef] { try refs(read(.nodesByName, [name])) }

    public func nodes(similarTo name: String) throws -> [NodeRef] { try refs(read(.nodesSimilarName, [name])) }

    public func nodeRecords(ids: [Int64]) throws -> [Int64: NodeRecord] {
        try cache.map { try $0.nodes(ids, read: readNodeRecords) } ?? readNodeRecords(ids: ids)
    }

    private func readNodeRecords(ids: [Int64]) throws -> [Int64: NodeRecord] {
        let r = try version.map { try read(.nodeDetailsAsOf, [Self.bigintArray(ids), String($0)]) } ?? read(.nodeDetails, [Self.bigintArray(ids)])
        let names = try names(covering: r.rows.map { $0[1] }, datasets: r.rows.map { $0[5] })
        var out: [Int64: NodeRecord] = [:]
        for row in r.rows {
            let ref = NodeRef(id: Int64(row[0]!)!, kind: try names.kind(row[1]), key: row[2]!, name: row[3])
            out[ref.id] = NodeRecord(ref: ref, propertiesJSON: row[4] ?? "{}", dataset: try names.dataset(row[5]), source: row[6]!)
        }
        return out
    }

    /// Kind, key and name of each node, in batches (one array parameter per batch).
    public func nodeRefs(ids: [Int64]) throws -> [Int64: NodeRef] {
        let size = 100_000
        let batches = stride(from: 0, to: ids.count, by: size).map { ids[$0..<min(ids.count, $0 + size)] }
        // More than one batch (a scan's documents name over a million entities) is read on two
        // pooled connections at once: PostgreSQL looks each batch up on one core.
        let parts = Parallelism.map(batches.count, workers: 2, minimumChunk: 1) { range in
            Result { () throws -> [NodeRef] in
                try range.flatMap { i -> [NodeRef] in
                    let batch = Self.bigintArray(Array(batches[i]))
                    return try codedRefs(version.map { try read(.nodeKeysAsOf, [batch, String($0)]) } ?? read(.nodeKeys, [batch]))
                }
            }
        }
        var out: [Int64: NodeRef] = [:]
        out.reserveCapacity(ids.count)
        for part in parts {
            for ref in try part.get() { out[ref.id] = ref }
        }
        return out
    }

    public func edgeRecords(ids: [Int64]) throws -> [Int64: EdgeRecord] {
        try cache.map { try $0.edges(ids, read: readEdgeRecords) } ?? readEdgeRecords(ids: ids)
    }

    private func readEdgeRecords(ids: [Int64]) throws -> [Int64: EdgeRecord] {
        let r = try version.map { try read(.edgeDetailsAsOf, [Self.bigintArray(ids), String($0)]) } ?? read(.edgeDetails, [Self.bigintArray(ids)])
        let names = try names(covering: r.rows.flatMap { [$0[1], $0[2], $0[4]] }, datasets: r.rows.map { $0[9] })
        var out: [Int64: EdgeRecord] = [:]
        for row in r.rows {
            let id = Int64(row[0]!)!
            out[id] = EdgeRecord(
                id: id, kind: try names.kind(row[1]), source: "\(try names.kind(row[2])):\(row[3]!)",
                target: "\(try names.kind(row[4])):\(row[5]!)", validFrom: row[6], validTo: row[7], propertiesJSON: row[8] ?? "{}",
                dataset: try names.dataset(row[9]), sourceRecord: row[10]!)
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

    /// The data generation: it moves on with every change to nodes or edges, from any process.
    public func dataGeneration() throws -> Int {
        try read(.dataGeneration).rows.first.flatMap { $0[0].flatMap { Int($0) } } ?? 0
    }

    public func counts() throws -> Counts {
        let r = try read(.storeCounts)
        return Counts(nodes: Int(r.rows[0][0]!)!, edges: Int(r.rows[0][1]!)!, datasets: Int(r.rows[0][2]!)!)
    }

    /// A PostgreSQL array literal of bigints, sent as one parameter.
    public static func bigintArray(_ ids: [Int64]) -> String { "{" + ids.map(String.init).joined(separator: ",") + "}" }

    /// A PostgreSQL array literal of text values, each quoted and escaped, sent as one parameter.
    /// Escaped byte by byte (the audit log writes one per revealing request): no byte of a
    /// multi-byte UTF-8 sequence is ASCII, so only quotes and backslashes need a backslash.
    public static func textArray(_ values: [String]) -> String { arrayLiteral(values.lazy.map { Optional($0) }) }

    /// ``textArray(_:)`` with NULL elements for nil.
    public static func textArray(_ values: [String?]) -> String { arrayLiteral(values) }

    private static func arrayLiteral(_ values: some Sequence<String?>) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (i, value) in values.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            guard let value else {
                out.append(contentsOf: "NULL".utf8)
                continue
            }
            out.append(UInt8(ascii: "\""))
            for b in value.utf8 {
                if b == UInt8(ascii: "\\") || b == UInt8(ascii: "\"") { out.append(UInt8(ascii: "\\")) }
                out.append(b)
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}

/// The store's kind and dataset names by their codes (store_names.sql). Kind codes are never
/// reused, and a dataset keeps its id and name, so a name once read stays right; a code not
/// yet known means the names must be read again.
struct StoreNames: Sendable {
    private var kinds: [Int16: String] = [:]
    private var codes: [String: [String: Int16]] = [:]
    private var datasets: [Int32: String] = [:]

    init() {}

    init(_ r: QueryResult) throws {
        for row in r.rows {
            guard let what = row[0], let id = row[1].flatMap({ Int32($0) }), let name = row[3] else {
                throw StoreError.unknownCode("a malformed row in \(NamedQuery.storeNames.rawValue)")
            }
            if what == "dataset" {
                datasets[id] = name
            } else {
                kinds[Int16(truncatingIfNeeded: id)] = name
                codes[row[2] ?? "", default: [:]][name] = Int16(truncatingIfNeeded: id)
            }
        }
    }

    func knows(kinds k: [String?], datasets d: [String?]) -> Bool {
        k.allSatisfy { $0.flatMap { Int16($0) }.map { kinds[$0] != nil } ?? false }
            && d.allSatisfy { $0.flatMap { Int32($0) }.map { datasets[$0] != nil } ?? false }
    }

    func kind(_ code: String?) throws -> String {
        guard let name = code.flatMap({ Int16($0) }).flatMap({ kinds[$0] }) else {
            throw StoreError.unknownCode("kind code \(code ?? "null") is not in kinds")
        }
        return name
    }

    func dataset(_ id: String?) throws -> String {
        guard let name = id.flatMap({ Int32($0) }).flatMap({ datasets[$0] }) else {
            throw StoreError.unknownCode("dataset id \(id ?? "null") is not in datasets")
        }
        return name
    }

    /// The codes of those of `names` known in `domain`.
    func codes(of names: [String], domain: String) -> [Int16] { names.compactMap { codes[domain]?[$0] } }
}
