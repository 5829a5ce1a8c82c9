import Foundation
public import Hummingbird
public import Logging
import ServiceLifecycle
import NIOCore
import TramaGraph
public import TramaRender
public import TramaService
import TramaStore

/// `trama serve`: one process holding the graph in memory, answering the JSON API for many users
/// at once. Everything it keeps between requests — tokens, the audit log, analysis results — is
/// in PostgreSQL, so several servers behind a proxy answer alike.
public struct TramaServer: Sendable {
    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// Threads for blocking work (libpq, searches); Graphviz has one more of its own.
        public var threads = max(4, ProcessInfo.processInfo.activeProcessorCount * 2)
        /// Threads for path searches (`GET /paths`, `POST /paths/batch`): one more than the
        /// cores (see ``BlockingWork``).
        public var pathThreads = ProcessInfo.processInfo.activeProcessorCount + 1
        /// The nice value path threads run at (0: the same as the others; see ``BlockingWork``).
        public var pathNice: Int32 = 5
        /// Name searches run at once, each holding a database connection and a PostgreSQL
        /// backend on a core: half the cores, at least two, at most half the store's
        /// connections — so that searches for common words never hold every connection.
        public var searchThreads = min(max(2, ProcessInfo.processInfo.activeProcessorCount / 2), ConnectionPool.defaultMaximum / 2)
        /// How often the store's data generation is checked for a newer graph.
        public var refreshInterval: Duration = .seconds(1)
        /// How often the audit index's pending list is merged (``AuditIndexTidier``).
        public var auditIndexTidyInterval: Duration = .seconds(1)
        /// Whether webhooks added over the API may name this machine or a private network
        /// (`trama serve --webhooks-to-private-addresses`): off, so that a user cannot make the
        /// server send requests where only it can reach.
        public var webhooksToPrivateAddresses = false
        /// Largest request body accepted, in bytes.
        public var maximumBodyBytes = 1 << 20
        /// Largest import body (`POST /api/v1/imports`), streamed to a temporary file.
        public var maximumImportBytes = 512 << 20
        /// How often a server tells the others its jobs are still alive, and after how long
        /// without a sign a job is failed as orphaned.
        public var jobHeartbeat: Duration = .seconds(30)
        public var staleJobAfter: Duration = .seconds(120)
        /// What the server logs: requests' failures and graph swaps at `info`.
        public var logLevel: Logger.Level = .info
        /// Origins whose pages may call the API from a browser (CORS); none by default.
        public var allowedOrigins: [String] = []
        /// Unknown tokens a client may send in a minute before it is refused (429).
        public var failedTokenAttempts = 20
        /// How long a session (`POST /api/v1/sessions`) lasts at most, and after how long
        /// unused it ends.
        public var sessionLifetime = AccessTokens.defaultSessionLifetime
        public var sessionIdle = AccessTokens.defaultSessionIdle
        /// What draws maps: in this process by default (tests, embedding); `trama serve`
        /// draws in a child process replaced every 500 maps (``IsolatedRenderer``), because
        /// Graphviz leaks memory on every map.
        public var renderer: any MapDrawing = GraphvizRenderer()

        public init() {}
    }

    public let session: Session
    public let configuration: Configuration

    public init(session: Session, configuration: Configuration) {
        self.session = session
        self.configuration = configuration
    }

    /// Loads the graph, then serves until stopped (SIGINT/SIGTERM); `ready` hears the address
    /// once the socket is listening.
    public func run(ready: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        let app = try makeApplication(ready: ready)
        try await app.runService()
    }

    /// The application, for `run` and for tests that start it on a port of their choosing.
    public func makeApplication(ready: @escaping @Sendable (String) -> Void = { _ in }) throws -> some ApplicationProtocol {
        let state = try ServerState(session: session, configuration: configuration)
        let router = Router(context: TramaContext.self)
        let knownPaths = KnownPaths()
        router.add(middleware: SecurityMiddleware(allowedOrigins: Set(configuration.allowedOrigins)))
        router.add(middleware: ProblemMiddleware(knownPaths: knownPaths))
        Routes(state: state, knownPaths: knownPaths).register(on: router)
        let refresher = SnapshotRefresher(state: state)
        var logger = Logger(label: "trama.serve")
        logger.logLevel = configuration.logLevel
        let first = state.snapshots.snapshot
        logger.info(
            "graph version \(first.version): \(first.graph.nodeCount) entities, \(first.graph.edgeCount) relationships loaded in \(String(format: "%.2f", first.load.seconds)) s from the \(first.load.source.rawValue)")
        for note in first.load.notes { logger.warning("\(note)") }
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "trama"),
            services: [refresher, JobService(state: state), WebhookSender(state: state), AuditChainCheck(store: state.store, work: state.work, logger: logger),
                AuditIndexTidier(store: state.store, work: state.work, logger: logger, interval: configuration.auditIndexTidyInterval),
            ],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                ready("http://\(configuration.host):\(port)")
            },
            logger: logger)
    }
}

/// What the routes share: the store, the current graph, the threads blocking work runs on, and
/// the things loaded once (theme, OpenAPI document).
final class ServerState: Sendable {
    let session: Session
    var store: Store { session.store }
    let snapshots: GraphSnapshots
    let work: BlockingWork
    let authorization: Authorization
    let audit: AuditWriter
    let jobs: JobRunner
    let theme: Theme
    let renderer: any MapDrawing
    let openAPI: [UInt8]
    let disclosure: Disclosure
    let configuration: TramaServer.Configuration
    /// The explorer's stylesheet and script (`visualizations/web/`), by file name.
    let assets: [String: (contentType: String, bytes: [UInt8])]
    let indicators: Indicators

    init(session: Session, configuration: TramaServer.Configuration) throws {
        self.session = session
        self.configuration = configuration
        snapshots = try GraphSnapshots(store: session.store)
        work = BlockingWork(
            threads: configuration.threads, pathThreads: configuration.pathThreads, pathNice: configuration.pathNice, searchThreads: configuration.searchThreads)
        authorization = Authorization(
            cache: TokenCache(tokens: AccessTokens(store: session.store), sessionIdle: configuration.sessionIdle), work: work,
            failures: FailedAttempts(limit: configuration.failedTokenAttempts, window: .seconds(60)))
        audit = AuditWriter(log: AuditLog(store: session.store), work: work)
        jobs = JobRunner(store: session.store)
        theme = try Theme.load(from: session.resources.theme("default"))
        renderer = configuration.renderer
        openAPI = Array(try Data(contentsOf: session.resources.root.appendingPathComponent("openapi.json")))
        disclosure = try Disclosure.of(session.store)
        indicators = Indicators.gras
        let web = session.resources.root.appendingPathComponent("visualizations/web")
        var assets: [String: (contentType: String, bytes: [UInt8])] = [:]
        for (name, type) in [("trama.css", "text/css; charset=utf-8"), ("trama.js", "text/javascript; charset=utf-8")] {
            assets[name] = (type, Array(try Data(contentsOf: web.appendingPathComponent(name))))
        }
        self.assets = assets
    }
}

/// Checks the data generation in the background and swaps in a new graph when it moved on.
struct SnapshotRefresher: Service {
    let state: ServerState

    func run() async throws {
        var logger = Logger(label: "trama.snapshots")
        logger.logLevel = state.configuration.logLevel
        let snapshots = state.snapshots
        // Ends with the server: a graceful shutdown (SIGTERM, SIGINT) cancels the loop.
        let log = logger
        try? await cancelWhenGracefulShutdown { try await refresh(snapshots, log) }
    }

    private func refresh(_ snapshots: GraphSnapshots, _ logger: Logger) async throws {
        var swapped = false
        while !Task.isCancelled {
            try await Task.sleep(for: state.configuration.refreshInterval)
            // A tick after a swap (requests on the old graph have had time to finish): the old
            // graph's memory goes back to the system. glibc keeps freed memory in its arenas
            // otherwise, and the server would sit at twice a graph's size after the first
            // import (bench/soak measured 277 → 490 MB on 300,000 firms).
            if swapped {
                swapped = false
                Self.returnFreedMemory()
            }
            do {
                let loading: @Sendable (Int) -> Void = { logger.info("graph version \($0) found: loading it beside the one served") }
                if let fresh = try await state.work.run({ try snapshots.refreshIfStale(loading: loading) }) {
                    swapped = true
                    logger.info(
                        "graph version \(fresh.version) loaded: \(fresh.graph.nodeCount) entities, \(fresh.graph.edgeCount) relationships in \(String(format: "%.2f", fresh.load.seconds)) s from the \(fresh.load.source.rawValue)")
                    if let stored = fresh.load.storeSeconds {
                        logger.info("graph version \(fresh.version): topology stored for the next loads in \(String(format: "%.2f", stored)) s")
                    }
                    for note in fresh.load.notes { logger.warning("\(note)") }
                    // Every new graph: the watch rules due on it, diffed into alerts (counts
                    // only in the log: alerts name people).
                    let store = state.store
                    let evaluation = try await state.work.run { try AlertEvaluation.run(store: store, graph: fresh.graph, generation: fresh.version) }
                    if evaluation.evaluated > 0 {
                        logger.info("\(evaluation.evaluated) watch rules evaluated on graph version \(fresh.version): \(evaluation.alerts) alerts")
                    }
                }
            } catch {
                logger.warning("could not refresh the graph: \(String(describing: error))")
            }
        }
    }
}

/// Checks the audit log's hash chain once, as the server starts: an edited or deleted row is
/// reported in the log at once, not when someone next runs `trama audit verify`. It runs beside
/// the serving, on the blocking pool, because it reads every row: a chain of 14.1 million rows
/// takes 40 s to check (`trama audit verify`, one core), and the server did not listen until
/// it was done.
struct AuditChainCheck: Service {
    let store: Store
    let work: BlockingWork
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown { await check() }
        // A service that returns ends the application: this one stays until the shutdown.
        try? await gracefulShutdown()
    }

    /// Verifies the chain and says in the log what it found.
    func check() async {
        let store = self.store
        do {
            let audit = try await work.run { try AuditLog(store: store).verify() }
            if let broken = audit.firstBrokenID {
                logger.error("the audit log's hash chain is broken at row \(broken): \(audit.reason ?? "") (\(audit.rowsChecked) rows before it verified)")
            } else {
                logger.info("audit log intact: \(audit.rowsChecked) rows verified")
            }
        } catch {
            logger.warning("could not check the audit log: \(String(describing: error))")
        }
    }
}

/// Merges the audit index's pending list every second (``AuditLog/tidyIndex()``), on the
/// blocking pool, so that the requests' appends only add to the list. Merged in bulk, the
/// references cost a fraction of what each append paid to put them in the index itself.
/// When the store refuses (a user that does not own the index), it says so once and stops:
/// appends then merge the list themselves once it is full.
struct AuditIndexTidier: Service {
    let store: Store
    let work: BlockingWork
    let logger: Logger
    let interval: Duration

    func run() async throws {
        let store = self.store
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                do {
                    _ = try await work.run { try AuditLog(store: store).tidyIndex() }
                } catch {
                    logger.warning("stopped merging the audit index's pending list: \(String(describing: error))")
                    return
                }
            }
        }
        try? await gracefulShutdown()
    }
}

/// Sends the alert webhooks that are due, every few seconds, on the blocking pool (a receiver
/// that is slow to answer holds a thread, never an event loop).
struct WebhookSender: Service {
    let state: ServerState
    var interval: Duration = .seconds(5)

    func run() async throws {
        var logger = Logger(label: "trama.webhooks")
        logger.logLevel = state.configuration.logLevel
        let log = logger
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                let store = state.store
                do {
                    var delivery = WebhookDelivery()
                    delivery.privateAddresses = state.configuration.webhooksToPrivateAddresses
                    let sender = delivery
                    let sent = try await state.work.run { try sender.deliverDue(store: store) }
                    if sent.delivered + sent.failed > 0 { log.info("webhooks: \(sent.delivered) alerts delivered, \(sent.failed) attempts failed") }
                } catch {
                    log.warning("could not send webhooks: \(String(describing: error))")
                }
            }
        }
    }
}

extension SnapshotRefresher {
    static func returnFreedMemory() {
        #if os(Linux)
        _ = mallocTrim(0)
        #endif
    }
}

#if os(Linux)
/// glibc's `malloc_trim` (in `<malloc.h>`, which the Glibc module does not import).
@_silgen_name("malloc_trim")
private func mallocTrim(_ pad: UInt) -> Int32
#endif

/// `GET /health`: open to anyone, so that a proxy or an orchestrator can tell a server is up
/// and which graph it serves.
public struct HealthAnswer: Answer {
    public var status: String
    public var graphVersion: Int
    public var nodes: Int
    public var edges: Int
    public var loadedAt: String
    public var loadSeconds: Double

    enum CodingKeys: String, CodingKey {
        case status, graphVersion = "graph_version", nodes, edges, loadedAt = "loaded_at", loadSeconds = "load_seconds"
    }
}

/// An API token just created: its record, and the secret, shown this once.
public struct CreatedToken: Answer {
    public var token: AccessToken
    public var secret: String
}

/// A session just opened: its secret, shown this once, and when it ends.
public struct OpenedSession: Answer {
    public var id: Int
    public var role: Role
    public var createdAt: String
    /// The latest it ends; it ends sooner when unused for `idle_seconds`, at logout, or when
    /// the token it was opened with is revoked.
    public var expiresAt: String
    public var idleSeconds: Int
    public var secret: String

    enum CodingKeys: String, CodingKey {
        case id, role, createdAt = "created_at", expiresAt = "expires_at", idleSeconds = "idle_seconds", secret
    }
}

/// A page of API tokens.
public struct TokenList: Answer {
    public var tokens: [AccessToken]
}

/// A page of the audit log.
public struct AuditPage: Answer {
    public var page: Page
    public var entries: [AuditEntry]
}

/// The body of `POST /paths/batch`: pairs, and the options `GET /paths` takes as parameters.
public struct PathBatchRequest: Answer {
    public struct Pair: Codable, Sendable {
        public var from: String
        public var to: String
    }

    public var pairs: [Pair]
    public var kinds: [String]?
    public var at: String?
    public var maxHops: Int?
    public var maxDegree: Int?
    public var budget: Int?
    public var k: Int?
    public var all: Bool?
    public var limit: Int?
    public var weights: [String: Double]?
    public var directed: Bool?

    enum CodingKeys: String, CodingKey {
        case pairs, kinds, at, maxHops = "max_hops", maxDegree = "max_degree", budget, k, all, limit, weights, directed
    }
}

/// The body of `POST /paths/among`: the entities to screen and the path filters.
public struct PathScreenRequest: Answer {
    public var entities: [String]
    public var kinds: [String]?
    public var at: String?
    public var maxHops: Int?
    public var maxDegree: Int?
    public var budget: Int?
    public var directed: Bool?
    public var limit: Int?

    enum CodingKeys: String, CodingKey {
        case entities, kinds, at, maxHops = "max_hops", maxDegree = "max_degree", budget, directed, limit
    }
}

/// The answers of a batch, in the order of its pairs: each a path answer or, for a pair that
/// could not be asked, the reason.
public struct PathBatchAnswer: Answer {
    public var answers: [JSONValue]
}

/// The body of `POST /tokens`.
public struct TokenRequest: Answer {
    public var role: Role
    public var name: String?
}
