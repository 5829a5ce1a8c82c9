import Synchronization

/// Records a long-running process has read, kept while the data they came from is current: a
/// server answering paths meets the same entities again and again (the firms asked about, and
/// the owners, addresses and groups paths run through), and every store read costs a round
/// trip to PostgreSQL (≈0.2 ms on the benchmark machine, against ≈0.2 ms for the whole search).
///
/// Entries are valid for one data generation. ``forgetAll()`` starts an epoch: a read that
/// began before it does not put what it read into the cache afterwards, so a record fetched
/// before a change is never served after the change was noticed. Capacity is counted in
/// entries; a full table is emptied rather than ordered by use, which costs nothing per hit and
/// only matters for the rare process that keeps asking about more distinct entities than it
/// holds.
public final class RecordCache: Sendable {
    public let capacity: Int

    private struct Tables {
        var epoch = 0
        var nodes: [Int64: Store.NodeRecord] = [:]
        var edges: [Int64: Store.EdgeRecord] = [:]
        var references: [ReferenceKey: [Store.NodeRef]] = [:]
        var results: [ResultKey: QueryResult] = [:]
    }

    struct ReferenceKey: Hashable {
        var kinds: [String]
        var key: String
    }

    struct ResultKey: Hashable {
        var query: NamedQuery
        var params: [String?]
    }

    private let tables = Mutex(Tables())

    /// Query results kept at most: a search's page is a few kilobytes, fifty times a record.
    public let resultCapacity: Int

    public init(capacity: Int) {
        precondition(capacity > 0, "a record cache needs room for at least one record")
        self.capacity = capacity
        resultCapacity = max(1, capacity / 50)
    }

    /// Drops everything: the data changed.
    public func forgetAll() {
        tables.withLock { t in
            t = Tables(epoch: t.epoch + 1)
        }
    }

    public var counts: (nodes: Int, edges: Int, references: Int, results: Int) {
        tables.withLock { ($0.nodes.count, $0.edges.count, $0.references.count, $0.results.count) }
    }

    var epoch: Int { tables.withLock { $0.epoch } }

    /// The node records of `ids`: those kept, and the others read with `read` and kept.
    func nodes(_ ids: [Int64], read: ([Int64]) throws -> [Int64: Store.NodeRecord]) throws -> [Int64: Store.NodeRecord] {
        try records(ids, \.nodes, read: read)
    }

    /// The edge records of `ids`, as ``nodes(_:read:)``.
    func edges(_ ids: [Int64], read: ([Int64]) throws -> [Int64: Store.EdgeRecord]) throws -> [Int64: Store.EdgeRecord] {
        try records(ids, \.edges, read: read)
    }

    /// A read begun in one epoch keeps nothing once the next has begun (see ``forgetAll()``);
    /// a table that would grow past `capacity` starts over.
    private func records<R: Sendable>(
        _ ids: [Int64], _ table: WritableKeyPath<Tables, [Int64: R]>, read: ([Int64]) throws -> [Int64: R]
    ) throws -> [Int64: R] {
        let (cached, missing, epoch) = tables.withLock { t in
            var found: [Int64: R] = [:]
            var missing: [Int64] = []
            for id in ids {
                if let r = t[keyPath: table][id] { found[id] = r } else { missing.append(id) }
            }
            return (found, missing, t.epoch)
        }
        if missing.isEmpty { return cached }
        let fresh = try read(missing)
        tables.withLock { t in
            guard t.epoch == epoch else { return }
            if t[keyPath: table].count + fresh.count > capacity { t[keyPath: table] = [:] }
            t[keyPath: table].merge(fresh) { _, new in new }
        }
        return cached.merging(fresh) { _, new in new }
    }

    func references(_ key: ReferenceKey) -> [Store.NodeRef]? { tables.withLock { $0.references[key] } }

    func keep(references: [Store.NodeRef], for key: ReferenceKey, readIn epoch: Int) {
        tables.withLock { t in
            guard t.epoch == epoch else { return }
            if t.references.count >= capacity { t.references = [:] }
            t.references[key] = references
        }
    }

    func result(_ key: ResultKey) -> QueryResult? { tables.withLock { $0.results[key] } }

    func keep(result: QueryResult, for key: ResultKey, readIn epoch: Int) {
        tables.withLock { t in
            guard t.epoch == epoch else { return }
            if t.results.count >= resultCapacity { t.results = [:] }
            t.results[key] = result
        }
    }
}
