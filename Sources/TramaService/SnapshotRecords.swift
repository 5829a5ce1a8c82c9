import TramaGraph
import TramaStore

/// The store's records of some of a snapshot's nodes and edges, read in one query each, for an
/// answer to name what the engine found.
///
/// The graph is a snapshot, the store is live: between the two, an import may have deleted or
/// replaced rows the snapshot still holds. Such a record is missing, and the answer fails with
/// ``ServiceError/busy(reason:retryAfterSeconds:)`` (a new graph is being loaded; asking again
/// gets an answer on it) instead of naming a record that no longer exists.
struct SnapshotRecords {
    let graph: CSRGraph
    private var nodes: [Int64: Store.NodeRecord] = [:]
    private var edges: [Int64: Store.EdgeRecord] = [:]

    init(nodes n: some Sequence<UInt32>, edges e: some Sequence<UInt32> = [], of graph: CSRGraph, store: Store) throws {
        self.graph = graph
        let nodeIDs = Array(Set(n.map { graph.nodeHandle[Int($0)] }))
        let edgeIDs = Array(Set(e.map { graph.edgeHandle[Int($0)] }))
        if !nodeIDs.isEmpty { nodes = try store.nodeRecords(ids: nodeIDs) }
        if !edgeIDs.isEmpty { edges = try store.edgeRecords(ids: edgeIDs) }
    }

    func record(_ n: UInt32) throws -> Store.NodeRecord {
        guard let r = nodes[graph.nodeHandle[Int(n)]] else { throw Self.changed }
        return r
    }

    func entity(_ n: UInt32) throws -> EntityInfo { EntityInfo(try record(n).ref) }

    func edge(_ e: UInt32) throws -> EdgeInfo {
        guard let r = edges[graph.edgeHandle[Int(e)]] else { throw Self.changed }
        return EdgeInfo(r)
    }

    static let changed = ServiceError.busy(reason: "the data changed while this answer was read; ask again", retryAfterSeconds: 1)
}
