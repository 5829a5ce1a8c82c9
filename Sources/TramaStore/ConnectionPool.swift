import Dispatch
import Synchronization

/// A bounded set of libpq connections to one database, lent out one per operation.
///
/// A `PGconn` serves one statement at a time, so a server that shares one store across many
/// concurrent requests needs one connection per request in flight, and a transaction needs the
/// *same* connection for all of its statements. The pool opens connections lazily, up to
/// ``maximum``; a lease beyond that waits for one to come back, and gives up after ``timeout``
/// with ``StoreError/poolExhausted(waitedSeconds:maximum:)`` rather than hang a request forever.
///
/// Waiting is a counting semaphore of ``maximum`` permits (one per lease in flight); the idle
/// connections sit in a `Mutex`-guarded stack. Connections are opened and closed outside the
/// lock, so a slow connect never holds up leases of idle connections.
///
/// Calls block: use it from a thread pool, never from an event loop or the cooperative pool.
///
/// - Important: Leasing again from inside a lease (same thread) can wait until ``timeout`` when
///   all ``maximum`` connections are lent out, since the outer lease is not returned while it
///   waits. Pass the leased connection down instead of leasing another one.
public final class ConnectionPool: Sendable {
    public static let defaultMaximum = 8
    public static let defaultTimeout: Duration = .seconds(30)

    /// The most connections open at once.
    public let maximum: Int
    /// How long a lease waits for a connection before throwing.
    public let timeout: Duration

    private struct State {
        var idle: [PQConnection] = []
        /// Open connections, idle or lent out.
        var open = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let permits: DispatchSemaphore
    private let connect: @Sendable () throws -> PQConnection

    /// - Parameters:
    ///   - maximum: the most connections open at once (at least 1).
    ///   - timeout: how long a lease may wait for a connection.
    ///   - connect: opens one new connection; called lazily, when no idle connection is left.
    public init(maximum: Int = defaultMaximum, timeout: Duration = defaultTimeout, connect: @escaping @Sendable () throws -> PQConnection) {
        precondition(maximum >= 1, "a connection pool needs at least one connection")
        self.maximum = maximum
        self.timeout = timeout
        self.connect = connect
        permits = DispatchSemaphore(value: maximum)
    }

    deinit { close() }

    /// Open connections, idle or lent out, and how many of them are idle.
    public var counts: (open: Int, idle: Int) { state.withLock { ($0.open, $0.idle.count) } }

    /// Lends a connection to `body` and takes it back afterwards, whether `body` returns or throws.
    /// The connection must not escape `body`. A connection left broken, or inside a transaction,
    /// is closed rather than lent again.
    public func withConnection<R>(_ body: (PQConnection) throws -> R) throws -> R {
        let conn = try lease()
        defer { giveBack(conn) }
        return try body(conn)
    }

    /// Closes the idle connections; leases after this throw ``StoreError/poolClosed``, and
    /// connections lent out now are closed when they come back.
    public func close() {
        let idle = state.withLock { s -> [PQConnection] in
            s.closed = true
            defer { s.idle.removeAll() }
            s.open -= s.idle.count
            return s.idle
        }
        for c in idle { c.close() }
    }

    private func lease() throws -> PQConnection {
        let clock = ContinuousClock()
        let started = clock.now
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        guard permits.wait(timeout: .now() + .nanoseconds(Int(clamping: nanoseconds))) == .success else {
            throw StoreError.poolExhausted(waitedSeconds: (clock.now - started) / .seconds(1), maximum: maximum)
        }
        enum Next { case idle(PQConnection), open, closed }
        let next = state.withLock { s -> Next in
            if s.closed { return .closed }
            if let c = s.idle.popLast() { return .idle(c) }
            s.open += 1
            return .open
        }
        switch next {
        case let .idle(c):
            return c
        case .closed:
            permits.signal()
            throw StoreError.poolClosed
        case .open:
            do {
                return try connect()
            } catch {
                state.withLock { $0.open -= 1 }
                permits.signal()
                throw error
            }
        }
    }

    private func giveBack(_ conn: PQConnection) {
        let keep = conn.isReusable
        let close = state.withLock { s -> Bool in
            guard keep, !s.closed else {
                s.open -= 1
                return true
            }
            s.idle.append(conn)
            return false
        }
        if close { conn.close() }
        permits.signal()
    }
}
