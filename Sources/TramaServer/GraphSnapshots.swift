import Foundation
import Synchronization
public import TramaGraph
import TramaService
import TramaStore

/// One loaded graph, shared read-only by every request that starts while it is current.
public struct GraphSnapshot: Sendable {
    public var graph: CSRGraph
    /// The data generation the graph was loaded at (see `schema/0006_data_generation.sql`):
    /// the version every answer names.
    public var version: Int
    public var loadedAt: Date
    public var loadSeconds: Double
    /// Search tables sized for this graph, lent to its path requests.
    public var workspaces: SearchWorkspaces
}

/// The current snapshot and its replacement: after an import or merge — by this server or a CLI
/// elsewhere — the generation moves on, a new graph is loaded beside the old one and swapped
/// in at once. Requests hold the snapshot they started with, so none sees half of each and
/// none fails during a swap; the old graph is freed when the last of them ends.
public final class GraphSnapshots: Sendable {
    private let current: Mutex<GraphSnapshot>
    private let loading = Mutex(false)
    private let store: Store
    /// The store's records read while answering, forgotten when a new snapshot is swapped in.
    /// Requests still on the old snapshot then read the store again, like a cold cache.
    private let records: RecordCache

    /// Records kept between swaps: at most this many nodes, as many edges and as many resolved
    /// references (a few hundred bytes each), and a fiftieth as many search pages.
    public static let cachedRecords = 200_000

    /// Loads the first snapshot (blocking: call it before serving) and has the store keep the
    /// records answers read until the data changes.
    public init(store: Store) throws {
        self.store = store
        current = Mutex(try Self.load(store))
        records = store.cacheRecords(capacity: Self.cachedRecords)
    }

    public var snapshot: GraphSnapshot { current.withLock { $0 } }

    /// Loads a new snapshot when the store's generation differs from the current one; returns
    /// the new snapshot, or nil when nothing changed or another refresh is under way. Blocking.
    @discardableResult
    /// `loading` hears the generation about to be loaded, before the load starts.
    public func refreshIfStale(loading starting: (Int) -> Void = { _ in }) throws -> GraphSnapshot? {
        let generation = try store.dataGeneration()
        guard generation != snapshot.version else { return nil }
        guard loading.withLock({ busy in
            if busy { return false }
            busy = true
            return true
        }) else { return nil }
        defer { loading.withLock { $0 = false } }
        starting(generation)
        let fresh = try Self.load(store)
        current.withLock { $0 = fresh }
        records.forgetAll()
        return fresh
    }

    /// The generation is read before the graph: a change that lands during the load moves the
    /// generation past the one recorded, so the next check loads again rather than missing it.
    private static func load(_ store: Store) throws -> GraphSnapshot {
        let generation = try store.dataGeneration()
        let (graph, timing) = try GraphLoader().load(from: store)
        return GraphSnapshot(
            graph: graph, version: generation, loadedAt: Date(), loadSeconds: timing.seconds, workspaces: SearchWorkspaces(nodeCount: graph.nodeCount))
    }
}
