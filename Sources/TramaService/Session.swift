import Foundation
public import TramaGraph
public import TramaStore

/// An open Trama: the store (migrated), the project's resources, and the graph loaded from the
/// store on first use. The CLI opens one per command; the server will hold one.
public final class Session: Sendable {
    public let resources: Resources
    public let store: Store
    /// Where the store is, for messages (no password).
    public var location: String { store.location }

    public init(resources: Resources, store: Store) {
        self.resources = resources
        self.store = store
    }

    /// Opens the store `--database` names, else `TRAMA_DATABASE_URL`, else the embedded cluster
    /// (started, and initialised on first use), and applies pending migrations unless `migrate`
    /// is false; `notes` hears what was done to get there. Once per CLI process: migrating here
    /// rather than in `Store.init` keeps a long-running server's stores from touching the schema.
    /// `replica`, a PostgreSQL URL, is a streaming replica of the store to read the graph from
    /// (``Store/readPool``); it is never migrated — it follows the primary.
    public static func open(database: String?, replica: String? = nil, migrate: Bool = true, notes: (String) -> Void) throws -> Session {
        let resources = try Resources.locate()
        let location = try StoreLocation.resolve(option: database)
        let url = try location.connect(notes: notes)
        let store = try Store(url: url, replicaURL: replica, schemaDirectory: resources.schema, queriesDirectory: resources.queries)
        if migrate {
            do {
                for name in try store.migrate() { notes("applied migration \(name)") }
            } catch {
                store.close()
                throw error
            }
        }
        return Session(resources: resources, store: store)
    }

    public func close() { store.close() }

    /// The whole store as an engine graph, with how long loading took.
    /// `fromRows`: from the `nodes` and `edges` rows even when the stored topology could be
    /// read, storing none (to measure, or to rule the stored copy out).
    public func loadGraph(fromRows: Bool = false) throws -> (graph: CSRGraph, timing: GraphLoader.Timing) {
        try GraphLoader(storesTopology: !fromRows, readsTopology: !fromRows).load(from: store)
    }

    /// The graph to answer on: today's (the latest import's), or as it stood after the import
    /// `asOf` names (a number or a time, ``Store/version(named:)``), with the store to read its
    /// records from and the version it is.
    public func graph(asOf: String?) throws -> (graph: CSRGraph, store: Store, version: GraphVersion?) {
        guard let asOf else { return (try loadGraph().graph, store, try store.versions().first) }
        let version = try store.version(named: asOf)
        let view = store.asOf(version.id)
        return (try GraphLoader().load(from: view).graph, view, version)
    }
}
