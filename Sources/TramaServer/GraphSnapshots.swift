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
    /// How the load went: its seconds, its source (rows or the stored topology), what went
    /// wrong with the stored topology if anything, and the seconds spent storing it after.
    public var load: GraphLoader.Timing
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
    /// The last graph loaded as an earlier version stood (``graph(asOf:)``): reports re-run on
    /// the data a case was built on tend to ask for the same version again.
    private let earlier = Mutex<(version: Int, graph: CSRGraph)?>(nil)

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
    /// `loading` hears the generation about to be loaded, before the load starts.
    @discardableResult
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
        // The packed topology is stored after the swap: requests move to the new graph without
        // waiting for it.
        let loader = GraphLoader(storesTopology: false)
        var fresh = try Self.load(store, loader: loader)
        current.withLock { $0 = fresh }
        records.forgetAll()
        loader.storeTopology(of: fresh.graph, timing: &fresh.load, in: store)
        // The served snapshot hears how storing went too, unless a newer one replaced it since.
        current.withLock { if $0.version == fresh.version { $0.load = fresh.load } }
        return fresh
    }

    /// The graph as version `asOf` (nil: the latest) left it, the store to read its records
    /// from, and the version it is — so that a report names the data it read. The current
    /// snapshot serves for the latest version when the data has not changed since it was
    /// loaded; any other version is loaded (blocking) and kept until another is asked for.
    public func graph(asOf: GraphVersion?) throws -> (graph: CSRGraph, store: Store, version: GraphVersion?) {
        var wanted = asOf
        if wanted == nil {
            let current = snapshot
            // The version is read before the generation: unchanged since the snapshot's load, the
            // snapshot holds exactly the versions finished by then, the latest included.
            let latest = try store.versions().first
            if try store.dataGeneration() == current.version { return (current.graph, store, latest) }
            wanted = latest
        }
        guard let version = wanted else { return (snapshot.graph, store, nil) }
        if let kept = earlier.withLock({ $0 }), kept.version == version.id { return (kept.graph, store.asOf(version.id), version) }
        let graph = try GraphLoader().load(from: store.asOf(version.id)).graph
        earlier.withLock { $0 = (version.id, graph) }
        return (graph, store.asOf(version.id), version)
    }

    /// The generation is read before the graph (``GraphLoader``): a change that lands during the
    /// load moves the generation past the one recorded, so the next check loads again.
    private static func load(_ store: Store, loader: GraphLoader = GraphLoader()) throws -> GraphSnapshot {
        let (graph, timing) = try loader.load(from: store)
        return GraphSnapshot(
            graph: graph, version: timing.generation ?? 0, loadedAt: Date(), load: timing, workspaces: SearchWorkspaces(nodeCount: graph.nodeCount))
    }
}
