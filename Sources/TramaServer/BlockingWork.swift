import NIOPosix
import Synchronization
import TramaService

/// Where the server's blocking work runs: libpq calls, graph searches and Graphviz, on threads
/// of their own, never on the NIO event loops that read and write the sockets.
///
/// Graphviz keeps global state and is not thread-safe, so renders take a lane of their own, one
/// at a time, behind a bounded queue: a request that finds the queue full is told to come back
/// (503 with `Retry-After`) instead of waiting without end.
public final class BlockingWork: Sendable {
    private let pool: NIOThreadPool
    private let renderLane: NIOThreadPool
    private let waitingRenders = Atomic<Int>(0)
    /// Renders allowed to wait behind the one being drawn.
    public let renderQueueLimit: Int

    public init(threads: Int, renderQueueLimit: Int = 16) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        renderLane = NIOThreadPool(numberOfThreads: 1)
        self.renderQueueLimit = renderQueueLimit
        pool.start()
        renderLane.start()
    }

    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }

    /// Runs a Graphviz render in its lane, or refuses at once when too many are waiting.
    public func render<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let waiting = waitingRenders.add(1, ordering: .relaxed).newValue
        defer { waitingRenders.subtract(1, ordering: .relaxed) }
        guard waiting <= renderQueueLimit + 1 else {
            throw ServiceError.busy(reason: "\(waiting - 1) maps are waiting to be drawn; try again shortly", retryAfterSeconds: 2)
        }
        return try await renderLane.runIfActive(body)
    }

    public func shutdown() async {
        try? await pool.shutdownGracefully()
        try? await renderLane.shutdownGracefully()
    }
}
