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
    }

    struct ReferenceKey: Hashable {
        var kinds: [String]
        var key: String
    }

    private let tables = Mutex(Tables())

    public init(capacity: Int) {
        precondition(capacity > 0, "a record cache needs room for at least one record")
        self.capacity = capacity
    }

    /// Drops everything: the data changed.
    public func forgetAll() {
        tables.withLock { t in
            t = Tables(epoch: t.epoch + 1)
        }
    }

    public var counts: (nodes: Int, edges: Int, references: Int) {
        tables.withLock { ($0.nodes.count, $0.edges.count, $0.references.count) }
    }

    var epoch: Int { tables.withLock { $0.epoch } }

    /// The cached nodes among `ids`, and the ids still to read.
    func nodes(_ ids: [Int64]) -> (found: [Int64: Store.NodeRecord], missing: [Int64]) {
        tables.withLock { t in split(ids, t.nodes) }
    }

    func edges(_ ids: [Int64]) -> (found: [Int64: Store.EdgeRecord], missing: [Int64]) {
        tables.withLock { t in split(ids, t.edges) }
    }

    func references(_ key: ReferenceKey) -> [Store.NodeRef]? { tables.withLock { $0.references[key] } }

    func keep(nodes: [Int64: Store.NodeRecord], readIn epoch: Int) {
        tables.withLock { t in
            guard t.epoch == epoch else { return }
            if t.nodes.count + nodes.count > capacity { t.nodes = [:] }
            t.nodes.merge(nodes) { _, new in new }
        }
    }

    func keep(edges: [Int64: Store.EdgeRecord], readIn epoch: Int) {
        tables.withLock { t in
            guard t.epoch == epoch else { return }
            if t.edges.count + edges.count > capacity { t.edges = [:] }
            t.edges.merge(edges) { _, new in new }
        }
    }

    func keep(references: [Store.NodeRef], for key: ReferenceKey, readIn epoch: Int) {
        tables.withLock { t in
            guard t.epoch == epoch else { return }
            if t.references.count >= capacity { t.references = [:] }
            t.references[key] = references
        }
    }

    private func split<R>(_ ids: [Int64], _ table: [Int64: R]) -> (found: [Int64: R], missing: [Int64]) {
        var found: [Int64: R] = [:]
        var missing: [Int64] = []
        for id in ids {
            if let r = table[id] { found[id] = r } else { missing.append(id) }
        }
        return (found, missing)
    }
}
