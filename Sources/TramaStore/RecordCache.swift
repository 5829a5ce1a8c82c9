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
///
/// Records and references are spread over shards, each behind a lock of its own. Every answer
/// of a loaded server reads here from several threads at once: with one lock, a thread holding
/// it when the scheduler took its core made every other reader sleep until it came back
/// (`perf`: every call to the lock's slow path came from here), and the p99 of `/paths` grew
/// with the number of threads.
public final class RecordCache: Sendable {
    public let capacity: Int
    /// Query results kept at most: a search's page is a few kilobytes, fifty times a record.
    public let resultCapacity: Int

    private struct Tables {
        var epoch = 0
        var nodes: [Int64: Store.NodeRecord] = [:]
        var edges: [Int64: Store.EdgeRecord] = [:]
        var references: [ReferenceKey: [Store.NodeRef]] = [:]
    }

    private struct Results {
        var epoch = 0
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

    private final class Shard: Sendable {
        let tables = Mutex(Tables())
    }

    /// The current epoch; a shard whose own is older holds what was read before the last
    /// ``forgetAll()`` and answers nothing until it is emptied.
    private let current = Atomic<Int>(0)
    private let shards: [Shard]
    /// Entries per table in one shard: together no more than `capacity`.
    private let shardCapacity: Int
    private let results = Mutex(Results())

    public init(capacity: Int) {
        precondition(capacity > 0, "a record cache needs room for at least one record")
        self.capacity = capacity
        resultCapacity = max(1, capacity / 50)
        shards = (0..<min(16, capacity)).map { _ in Shard() }
        shardCapacity = capacity / shards.count
    }

    /// Drops everything: the data changed.
    public func forgetAll() {
        let epoch = current.add(1, ordering: .sequentiallyConsistent).newValue
        for shard in shards { shard.tables.withLock { t in if t.epoch < epoch { t = Tables(epoch: epoch) } } }
        results.withLock { r in if r.epoch < epoch { r = Results(epoch: epoch) } }
    }

    public var counts: (nodes: Int, edges: Int, references: Int, results: Int) {
        let epoch = self.epoch
        var counts = (nodes: 0, edges: 0, references: 0, results: 0)
        for shard in shards {
            shard.tables.withLock { t in
                guard t.epoch == epoch else { return }
                counts.nodes += t.nodes.count
                counts.edges += t.edges.count
                counts.references += t.references.count
            }
        }
        counts.results = results.withLock { $0.epoch == epoch ? $0.results.count : 0 }
        return counts
    }

    var epoch: Int { current.load(ordering: .sequentiallyConsistent) }

    private func shard(_ id: Int64) -> Shard {
        shards[Int((UInt64(bitPattern: id) &* 0x9E37_79B9_7F4A_7C15) >> 32) % shards.count]
    }

    private func shard(_ key: ReferenceKey) -> Shard {
        shards[Int(UInt(bitPattern: key.hashValue) % UInt(shards.count))]
    }

    /// The node records of `ids`: those kept, and the others read with `read` and kept.
    func nodes(_ ids: [Int64], read: ([Int64]) throws -> [Int64: Store.NodeRecord]) throws -> [Int64: Store.NodeRecord] {
        try records(ids, \.nodes, read: read)
    }

    /// The edge records of `ids`, as ``nodes(_:read:)``.
    func edges(_ ids: [Int64], read: ([Int64]) throws -> [Int64: Store.EdgeRecord]) throws -> [Int64: Store.EdgeRecord] {
        try records(ids, \.edges, read: read)
    }

    /// A read begun in one epoch keeps nothing once the next has begun (see ``forgetAll()``);
    /// a shard's table that would grow past its share of `capacity` starts over.
    private func records<R: Sendable>(
        _ ids: [Int64], _ table: WritableKeyPath<Tables, [Int64: R]>, read: ([Int64]) throws -> [Int64: R]
    ) throws -> [Int64: R] {
        let epoch = self.epoch
        var found: [Int64: R] = [:]
        found.reserveCapacity(ids.count)
        var missing: [Int64] = []
        for id in ids {
            let hit = shard(id).tables.withLock { t in t.epoch == epoch ? t[keyPath: table][id] : nil }
            if let hit { found[id] = hit } else { missing.append(id) }
        }
        if missing.isEmpty { return found }
        let fresh = try read(missing)
        for (id, record) in fresh {
            found[id] = record
            keep(in: shard(id), readIn: epoch) { t in
                if t[keyPath: table].count >= shardCapacity { t[keyPath: table] = [:] }
                t[keyPath: table][id] = record
            }
        }
        return found
    }

    /// Runs `update` on the shard's tables if they belong to `epoch`, emptying them first if
    /// they are older (a ``forgetAll()`` has not reached them yet).
    private func keep(in shard: Shard, readIn epoch: Int, _ update: (inout Tables) -> Void) {
        shard.tables.withLock { t in
            if t.epoch < epoch { t = Tables(epoch: epoch) }
            guard t.epoch == epoch else { return }
            update(&t)
        }
    }

    func references(_ key: ReferenceKey) -> [Store.NodeRef]? {
        let epoch = self.epoch
        return shard(key).tables.withLock { t in t.epoch == epoch ? t.references[key] : nil }
    }

    func keep(references: [Store.NodeRef], for key: ReferenceKey, readIn epoch: Int) {
        keep(in: shard(key), readIn: epoch) { t in
            if t.references.count >= shardCapacity { t.references = [:] }
            t.references[key] = references
        }
    }

    func result(_ key: ResultKey) -> QueryResult? {
        let epoch = self.epoch
        return results.withLock { r in r.epoch == epoch ? r.results[key] : nil }
    }

    func keep(result: QueryResult, for key: ResultKey, readIn epoch: Int) {
        results.withLock { r in
            if r.epoch < epoch { r = Results(epoch: epoch) }
            guard r.epoch == epoch else { return }
            if r.results.count >= resultCapacity { r.results = [:] }
            r.results[key] = result
        }
    }
}
