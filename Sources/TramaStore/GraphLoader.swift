import Foundation
public import TramaGraph

/// Loads the whole adjacency store into the engine through binary `COPY … TO STDOUT`.
///
/// Nodes arrive ordered by id, so a node's index is its rank and the graph's `nodeHandle`
/// array stays sorted. Edge endpoints are mapped from store ids to indices through a dense
/// table when ids are dense (the usual case: bigserial), else by binary search. Kinds arrive
/// as the store's codes (a `smallint` per row, not its name); the `kinds` table, read once
/// after the rows, names them, and the engine interns each name in the order the rows first
/// use it, as it did when rows carried the names.
public struct GraphLoader: Sendable {
    public struct Timing: Sendable {
        public var nodes: Int
        public var edges: Int
        public var seconds: Double
        /// Where the time went: reading nodes, reading edges, building the CSR arrays. A load
        /// from the stored topology reads and checks the built arrays: all of it is `edges`.
        public var phases: (nodes: Double, edges: Double, build: Double) = (0, 0, 0)
        /// What the graph was read from.
        public var source: Source = .rows
        /// The data generation the graph is, read before the load (nil for an earlier version).
        public var generation: Int?
        /// Whether the data generation was the same after a load from the rows as before it: only
        /// then is the graph exactly that generation, and its topology may be stored.
        public var unchangedWhileLoading = false
        /// Seconds spent storing the packed topology after a load from the rows (nil: not stored).
        public var storeSeconds: Double?
        /// Why the stored topology was not read or not written, when something went wrong; the
        /// load itself went on from the rows.
        public var notes: [String] = []
    }

    /// Where a graph was loaded from.
    public enum Source: String, Sendable {
        /// The `nodes` and `edges` tables, row by row.
        case rows
        /// The packed graph stored for its generation (schema/0020_graph_topology.sql).
        case storedTopology = "stored topology"
    }

    /// Whether a load from the rows stores the packed topology for the loads after it.
    public var storesTopology: Bool

    /// Whether a load reads the packed topology stored for the current generation, when there is one.
    public var readsTopology: Bool

    /// Bytes per stored chunk (tests make it small, to cut columns across chunks).
    var topologyChunkBytes = StoredTopology.chunkBytes

    public init(storesTopology: Bool = true, readsTopology: Bool = true) {
        self.storesTopology = storesTopology
        self.readsTopology = readsTopology
    }

    /// Loads the store's graph (from its replica, if it reads one: ``Store/readPool``): the
    /// packed topology stored for the current data generation when there is one, else the
    /// rows — nodes on a leased connection, edges in `workers` slices, each
    /// on a connection opened for the load (outside the pool, so that a load never waits on
    /// requests for connections, nor they on it) and closed after.
    /// A store viewing an earlier version (``Store/asOf(_:)``) is loaded in one stream each: the
    /// version's rows are a union of two tables, not a range of one.
    public func load(from store: Store, workers: Int = Parallelism.processorCount) throws -> (graph: CSRGraph, timing: Timing) {
        if let version = store.version {
            return try store.withReadConnection { conn in
                try conn.execute(.asOfSet, [String(version)])
                return try load(conn.pq, catalog: store.queries, workers: 1, nodes: .graphNodesAsOf, edges: .graphEdgesAsOf)
            }
        }
        let clock = ContinuousClock()
        let started = clock.now
        let generation = try store.dataGeneration()
        var notes: [String] = []
        do {
            if readsTopology, let graph = try store.withReadConnection({ try StoredTopology.read(generation, conn: $0.pq, catalog: store.queries) }) {
                let seconds = (clock.now - started) / .seconds(1)
                var timing = Timing(nodes: graph.nodeCount, edges: graph.edgeCount, seconds: seconds)
                timing.phases = (0, seconds, 0)
                timing.source = .storedTopology
                timing.generation = generation
                return (graph, timing)
            }
        } catch {
            notes.append("the stored topology of graph version \(generation) could not be read (\(error)); loaded from the rows")
            if storesTopology { _ = try? store.execute(.topologyForget, [String(generation)]) }
        }
        var (graph, timing) = try store.withReadConnection { conn in
            try load(conn.pq, catalog: store.queries, connect: { try store.openReadConnection() }, workers: workers)
        }
        timing.generation = generation
        // Storable only if no change landed during the load: the rows read are then exactly the
        // generation read before it (every change to nodes or edges moves it, in its own commit).
        timing.unchangedWhileLoading = try store.dataGeneration() == generation
        timing.notes = notes
        if storesTopology { storeTopology(of: graph, timing: &timing, in: store) }
        return (graph, timing)
    }

    /// Stores `graph`'s packed topology for the loads after this one, when it was loaded from
    /// the rows of a generation no change moved during the load; records how long that took,
    /// or why it failed, in `timing`. A server calls it after swapping the graph in, so that a
    /// swap does not wait for it.
    public func storeTopology(of graph: CSRGraph, timing: inout Timing, in store: Store) {
        guard timing.source == .rows, timing.unchangedWhileLoading, let generation = timing.generation, graph.nodeCount > 0 else { return }
        let clock = ContinuousClock()
        let storing = clock.now
        do {
            if try store.withConnection({ try StoredTopology.store(graph, generation: generation, conn: $0.pq, catalog: store.queries, chunkBytes: topologyChunkBytes) }) {
                timing.storeSeconds = (clock.now - storing) / .seconds(1)
            }
        } catch {
            timing.notes.append("the topology of graph version \(generation) was not stored: \(error)")
        }
    }

    /// Loads nodes on `conn`, then the edges in `workers` id slices at once, each on its own
    /// connection from `connect` (without one, in one stream on `conn`). PostgreSQL spends
    /// most of the load formatting rows, and one backend uses one core: two slices on two
    /// connections use both.
    public func load(
        _ conn: PQConnection, catalog: QueryCatalog, connect: (@Sendable () throws -> PQConnection)? = nil,
        workers: Int = Parallelism.processorCount, nodes: NamedQuery = .graphNodesCopy, edges: NamedQuery = .graphEdgesCopy
    ) throws -> (graph: CSRGraph, timing: Timing) {
        let clock = ContinuousClock()
        let started = clock.now
        var builder = GraphBuilder()
        /// Runs `read` on `workers` block slices of `table`, each on its own connection, or once
        /// on `conn` without `connect`; results in slice (that is, heap) order.
        func sliced<T>(_ table: String, whole: NamedQuery, slice: NamedQuery, _ read: @Sendable (PQConnection, String, String) throws -> T) throws -> [T] {
            guard let connect, workers > 1 else { return [try read(conn, catalog[whole], whole.rawValue)] }
            let blocks = try conn.execute(catalog[.tableBlocks], [table], name: NamedQuery.tableBlocks.rawValue).scalar.flatMap { Int64($0) } ?? 0
            // The last slice is open-ended: blocks added since the size was read are not missed.
            var cuts = (0...workers).map { blocks * Int64($0) / Int64(workers) }
            cuts[workers] = Int64(UInt32.max)
            let sql = catalog[slice]
            return try Parallelism.map(workers, workers: workers, minimumChunk: 1) { r in
                Result { () throws -> T in
                    let w = r.lowerBound
                    let c = try connect()
                    defer { c.close() }
                    try c.execute(catalog[.copyRangeSet], [String(cuts[w]), String(cuts[w + 1])], name: NamedQuery.copyRangeSet.rawValue)
                    return try read(c, sql, slice.rawValue)
                }
            }.map { try $0.get() }
        }

        let nodeSlices = try sliced("nodes", whole: nodes, slice: .graphNodesCopyRange) { c, sql, name in
            try NodeSlice(reading: c, sql: sql, name: name)
        }
        // Node index = rank of the store id. Slices arrive in heap order, which is id order
        // unless rows were deleted and re-inserted; sort only then.
        var ids: [Int64] = []
        ids.reserveCapacity(nodeSlices.reduce(0) { $0 + $1.ids.count })
        for slice in nodeSlices { ids += slice.ids }
        let order: [Int]? = zip(ids, ids.dropFirst()).contains(where: { $0 >= $1 }) ? ids.indices.sorted { ids[$0] < ids[$1] } : nil
        if let order { ids = order.map { ids[$0] } }
        let index = NodeIndex(ids: ids)
        let nodesDone = clock.now
        var slices = try sliced("edges", whole: edges, slice: .graphEdgesCopyRange) { c, sql, name in
            try EdgeSlice(reading: c, sql: sql, name: name, index: index)
        }
        let edgesDone = clock.now
        // Read after the rows: codes are never reused or renumbered, so the table names every
        // code the rows carry, even one an import added while they were read.
        let names = try StoreKindNames(conn.execute(catalog[.kindsList], name: NamedQuery.kindsList.rawValue))
        var kinds: [KindCode] = []
        kinds.reserveCapacity(ids.count)
        for slice in nodeSlices {
            let codes = try slice.kinds.storeCodes.map { try builder.internNodeKind(names.name(of: $0, domain: "node")) }
            kinds += slice.kind.map { codes[Int($0)] }
        }
        if let order { kinds = order.map { kinds[$0] } }
        builder.reserve(nodes: ids.count, edges: 0)
        for i in ids.indices { builder.addNode(kindCode: kinds[i], handle: ids[i]) }
        builder.reserve(nodes: 0, edges: slices.reduce(0) { $0 + $1.count })
        for i in slices.indices {
            // Each slice is freed once appended, so the edges are held at most about twice.
            let slice = slices[i]
            slices[i] = EdgeSlice()
            let codes = try slice.kinds.storeCodes.map { try builder.internEdgeKind(names.name(of: $0, domain: "edge")) }
            try builder.appendEdges(
                source: slice.source, target: slice.target, kind: slice.kind.map { codes[Int($0)] }, validFrom: slice.validFrom,
                validTo: slice.validTo, handle: slice.handle)
        }
        let graph = builder.freeze()
        let end = clock.now
        var timing = Timing(nodes: graph.nodeCount, edges: graph.edgeCount, seconds: (end - started) / .seconds(1))
        timing.phases = ((nodesDone - started) / .seconds(1), (edgesDone - nodesDone) / .seconds(1), (end - edgesDone) / .seconds(1))
        return (graph, timing)
    }
}

/// The nodes of one COPY stream, in id order, kinds coded per slice.
struct NodeSlice: Sendable {
    var ids: [Int64] = []
    var kind: [KindCode] = []
    var kinds = SliceKinds()

    init(reading conn: PQConnection, sql: String, name: String) throws {
        var reader = BinaryCopyReader(context: name)
        try conn.copyOut(sql, name: name) { message in
            try reader.read(message) { fields in
                let id = try fields.int64()
                kind.append(try kinds.code(fields.int16(), row: id, of: "node"))
                ids.append(id)
            }
        }
    }
}

/// The edges of one COPY stream, parsed into columns with endpoints already mapped to node
/// indices; kinds are coded per slice and recoded when slices are merged.
struct EdgeSlice: Sendable {
    var source: [UInt32] = []
    var target: [UInt32] = []
    var kind: [KindCode] = []
    var validFrom: [Int32] = []
    var validTo: [Int32] = []
    var handle: [Int64] = []
    var kinds = SliceKinds()
    var count: Int { source.count }

    init() {}

    init(reading conn: PQConnection, sql: String, name: String, index: NodeIndex) throws {
        var reader = BinaryCopyReader(context: name)
        try conn.copyOut(sql, name: name) { message in
            try reader.read(message) { fields in
                let id = try fields.int64()
                let s = try fields.int64()
                let t = try fields.int64()
                let storeKind = try fields.int16()
                guard let si = index[s], let ti = index[t] else { throw StoreError.malformedCopyData(context: "edge \(id)") }
                kind.append(try kinds.code(storeKind, row: id, of: "edge"))
                source.append(si)
                target.append(ti)
                validFrom.append(try fields.date() ?? Day.distantPast.rawValue)
                validTo.append(try fields.date() ?? Day.distantFuture.rawValue)
                handle.append(id)
            }
        }
    }
}

/// Store id → node index: an offset when the ids are one unbroken run (a store filled by
/// imports that never deleted), else a dense table when they are dense, else binary search.
struct NodeIndex: Sendable {
    private let ids: [Int64]
    private let dense: [UInt32]?
    private let base: Int64
    private let contiguous: Bool

    init(ids: [Int64]) {
        self.ids = ids
        base = ids.first ?? 0
        let span = (ids.last ?? 0) - base + 1
        contiguous = !ids.isEmpty && span == Int64(ids.count)
        if !contiguous, !ids.isEmpty, span <= Int64(ids.count) * 4 {
            var table = [UInt32](repeating: .max, count: Int(span))
            for (i, id) in ids.enumerated() { table[Int(id - base)] = UInt32(i) }
            dense = table
        } else {
            dense = nil
        }
    }

    @inline(__always)
    subscript(id: Int64) -> UInt32? {
        let k = id &- base
        if contiguous { return k >= 0 && k < Int64(ids.count) ? UInt32(truncatingIfNeeded: k) : nil }
        if let dense {
            guard k >= 0, k < Int64(dense.count), dense[Int(k)] != .max else { return nil }
            return dense[Int(k)]
        }
        var lo = 0
        var hi = ids.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ids[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < ids.count && ids[lo] == id ? UInt32(lo) : nil
    }
}

/// The store's kind codes one slice's rows carry, coded densely in the order the rows first
/// use them: merging slices then interns the names in the order a single stream meets them.
struct SliceKinds: Sendable {
    /// Slice code → store code.
    private(set) var storeCodes: [Int16] = []
    /// Store code → slice code, `.max` for none yet; store codes are positive smallints.
    private var slice: [UInt16] = []

    /// The slice code of store code `store`, found on row `row` of the `table` (nodes or edges).
    @inline(__always)
    mutating func code(_ store: Int16, row: Int64, of table: StaticString) throws -> KindCode {
        guard store > 0 else { throw StoreError.malformedCopyData(context: "\(table) \(row): kind code \(store)") }
        if Int(store) < slice.count, slice[Int(store)] != .max { return KindCode(truncatingIfNeeded: slice[Int(store)]) }
        return try add(store)
    }

    private mutating func add(_ store: Int16) throws -> KindCode {
        guard storeCodes.count <= Int(KindCode.max) else { throw GraphError.tooManyKinds(limit: Int(KindCode.max) + 1) }
        if Int(store) >= slice.count { slice += repeatElement(.max, count: Int(store) + 1 - slice.count) }
        slice[Int(store)] = UInt16(storeCodes.count)
        storeCodes.append(store)
        return KindCode(storeCodes.count - 1)
    }
}

/// The names of the store's kind codes (kinds_list), per domain.
struct StoreKindNames {
    private var names: [String: [Int16: String]] = [:]

    init(_ rows: QueryResult) throws {
        for row in rows.rows {
            guard let c = row[0].flatMap({ Int16($0) }), let domain = row[1], let name = row[2] else {
                throw StoreError.malformedCopyData(context: NamedQuery.kindsList.rawValue)
            }
            names[domain, default: [:]][c] = name
        }
    }

    func name(of code: Int16, domain: String) throws -> String {
        guard let name = names[domain]?[code] else { throw StoreError.malformedCopyData(context: "\(domain) kind code \(code) is not in kinds") }
        return name
    }
}
