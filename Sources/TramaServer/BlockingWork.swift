import Foundation
import NIOPosix
import Synchronization
import TramaService

/// Where the server's blocking work runs: libpq calls, graph searches and Graphviz, on threads
/// of their own, never on the NIO event loops that read and write the sockets.
///
/// Work whose cost grows with the data gets a lane of its own, so that it cannot take every
/// thread and core from the cheap questions: name searches (a common word matches tens of
/// thousands of names, a tenth of a second of PostgreSQL's time each — under a 30-minute soak
/// on 300,000 firms they held both cores and entity pages, a few milliseconds alone, waited
/// over two seconds behind them) and maps (Graphviz keeps global state and is not thread-safe:
/// one at a time). The audit log's appends have a thread of their own too: every revealing
/// answer waits for its batch, so a batch queued behind path searches held each of them.
///
/// Path searches have threads of their own, as many as the cores and one more: with a path's
/// records and references in the record cache, its work is computation, and threads beyond
/// the cores only take turns on them, each turn a request's wait. The other pages wait on
/// PostgreSQL and keep more threads. `/paths` at 64 connections on 2 cores, three rounds of
/// 20 s alternating: p99 17.3–18.5 ms on 2 threads, 18.6–19.3 on 3, 20.0–21.1 on 4; but
/// `/entities/{ref}` gave 2,450–2,544 requests/s on 3 against 2,625–2,748 on 4.
///
/// Path threads may run at a lower priority (`TramaServer.Configuration.pathNice`, 5 for
/// `trama serve`): a search is the one long stretch of computation in a request, while the
/// audit append every revealing answer waits for, PostgreSQL's backends and the event loops
/// each need the CPU briefly and often, and should go ahead of a search on a busy core rather
/// than wait out its time slice. `/paths` at 64 connections paced to 2,900–3,400 requests/s
/// (`bench/api-load`'s paced run), five runs of 20 s each way over five server starts: p99
/// 17.7–18.8 ms at nice 5 against 16.7–23.0 ms at 0 (and 5,419 against 5,737 requests/s
/// unpaced, one run each).
public final class BlockingWork: Sendable {
    private let pool: NIOThreadPool
    private let pathPool: NIOThreadPool
    private let pathNice: Int32
    private let auditPool: NIOThreadPool
    let renders: Lane
    let searches: Lane

    public init(
        threads: Int, pathThreads: Int = 1, pathNice: Int32 = 0, searchThreads: Int = 1, renderQueueLimit: Int = 16, searchQueueLimit: Int = 64
    ) {
        self.pathNice = pathNice
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
        pathPool = NIOThreadPool(numberOfThreads: max(1, pathThreads))
        pathPool.start()
        auditPool = NIOThreadPool(numberOfThreads: 1)
        auditPool.start()
        renders = Lane(threads: 1, queueLimit: renderQueueLimit, name: "maps to draw")
        searches = Lane(threads: searchThreads, queueLimit: searchQueueLimit, name: "searches")
    }

    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }

    /// Runs a path search, with the reads of its records, on the path threads.
    public func paths<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let nice = pathNice
        return try await pathPool.runIfActive {
            ThreadPriority.lower(to: nice)
            return try body()
        }
    }

    /// Appends to the audit log on its own thread (one batch at a time: see `AuditWriter`).
    public func audit<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await auditPool.runIfActive(body)
    }

    /// Runs a Graphviz render in its lane, or refuses at once when too many are waiting.
    public func render<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await renders.run(body)
    }

    /// Runs a name search in its lane, or refuses at once when too many are waiting.
    public func search<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await searches.run(body)
    }

    public func shutdown() async {
        try? await pool.shutdownGracefully()
        try? await pathPool.shutdownGracefully()
        try? await auditPool.shutdownGracefully()
        await renders.shutdown()
        await searches.shutdown()
    }

    /// A few threads behind a bounded queue: a request that finds the queue full is told to come
    /// back (503 with `Retry-After`) instead of waiting without end.
    final class Lane: Sendable {
        private let pool: NIOThreadPool
        private let inside = Atomic<Int>(0)
        let threads: Int
        /// Tasks allowed to wait behind the ones running.
        let queueLimit: Int
        /// What waits in the lane, for the refusal.
        private let name: String

        init(threads: Int, queueLimit: Int, name: String) {
            self.threads = max(1, threads)
            self.queueLimit = queueLimit
            self.name = name
            pool = NIOThreadPool(numberOfThreads: self.threads)
            pool.start()
        }

        func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
            let count = inside.add(1, ordering: .relaxed).newValue
            defer { inside.subtract(1, ordering: .relaxed) }
            guard count <= queueLimit + threads else {
                throw ServiceError.busy(
                    reason: "too many \(name) at once (\(threads) under way, \(count - 1 - threads) waiting); try again shortly", retryAfterSeconds: 2)
            }
            return try await pool.runIfActive(body)
        }

        /// Tasks running or waiting.
        var occupancy: Int { inside.load(ordering: .relaxed) }

        func shutdown() async {
            try? await pool.shutdownGracefully()
        }
    }
}

/// A thread's scheduling priority (its nice value: Linux gives each thread its own), lowered
/// once per thread. Lowering needs no privilege; a failure leaves the thread as it was.
enum ThreadPriority {
    /// The key of a per-thread flag: set once the calling thread's nice value is lowered.
    private static let lowered: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "no thread-specific key left")
        return key
    }()

    static func lower(to nice: Int32) {
        guard nice > 0, pthread_getspecific(lowered) == nil else { return }
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
        #endif
        pthread_setspecific(lowered, UnsafeRawPointer(bitPattern: 1))
    }
}
