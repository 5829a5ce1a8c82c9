import Dispatch
import Foundation
import Synchronization
import Testing
import TramaStore
import TramaTestSupport

/// Runs `body(i)` for `count` indices on as many threads at once, and rethrows the first error.
private func onThreads(_ count: Int, _ body: @Sendable (Int) throws -> Void) throws {
    let firstError = Mutex<(any Error)?>(nil)
    DispatchQueue.concurrentPerform(iterations: count) { i in
        do { try body(i) } catch { firstError.withLock { $0 = $0 ?? error } }
    }
    if let error = firstError.withLock({ $0 }) { throw error }
}

/// Blocks until `parties` threads have arrived.
private final class Barrier: Sendable {
    private let arrived = Atomic<Int>(0)
    private let parties: Int
    init(parties: Int) { self.parties = parties }
    func wait() {
        arrived.add(1, ordering: .sequentiallyConsistent)
        while arrived.load(ordering: .sequentiallyConsistent) < parties { usleep(1_000) }
    }
}

@Suite("Connection pool against a real PostgreSQL")
struct ConnectionPoolTests {
    @Test(.timeLimit(.minutes(1))) func manyThreadsShareOneStore() throws {
        try TestDatabase.withStore(maximumConnections: 4) { store in
            let seen = Mutex<Set<String>>([])
            try onThreads(16) { _ in
                for _ in 0..<20 {
                    #expect(try store.execute(.storeCounts).rows.count == 1)
                    let pid = try store.sql("SELECT pg_backend_pid()").scalar!
                    seen.withLock { _ = $0.insert(pid) }
                }
            }
            #expect(store.pool.counts.open <= 4)
            #expect(seen.withLock { $0.count } <= 4)
        }
    }

    /// Two transactions at once, each inserting rows and reading them back: each sees only its
    /// own uncommitted rows on one backend throughout, which would fail if their statements
    /// interleaved on one connection.
    @Test(.timeLimit(.minutes(1))) func concurrentTransactionsKeepTheirOwnConnection() throws {
        try TestDatabase.withStore { store in
            try store.sql("CREATE TABLE t (owner int NOT NULL, v int NOT NULL)")
            for round in 0..<5 {
                let written = Barrier(parties: 2)
                let read = Barrier(parties: 2)
                try onThreads(2) { owner in
                    try store.transaction { conn in
                        let pid = try conn.execute("SELECT pg_backend_pid()").scalar
                        for v in 0..<10 { try conn.execute("INSERT INTO t VALUES ($1, $2)", [String(owner), String(v)]) }
                        written.wait()  // both transactions are open with rows written
                        #expect(try conn.execute("SELECT count(*) FROM t WHERE owner = $1", [String(owner)]).scalar == String(10 * (round + 1)))
                        #expect(try conn.execute("SELECT count(*) FROM t WHERE owner <> $1", [String(owner)]).scalar == String(10 * round))
                        #expect(try conn.execute("SELECT pg_backend_pid()").scalar == pid)
                        #expect(try conn.execute("SELECT count(*) FROM t").scalar == String(20 * round + 10))
                        read.wait()  // neither commits before both have read
                    }
                }
            }
            #expect(try store.sql("SELECT count(*) FROM t").scalar == "100")
        }
    }

    @Test func aThrowingTransactionIsRolledBack() throws {
        struct Boom: Error {}
        try TestDatabase.withStore(maximumConnections: 1) { store in
            try store.sql("CREATE TABLE t (a int)")
            #expect(throws: Boom.self) {
                try store.transaction { conn in
                    try conn.execute("INSERT INTO t VALUES (1)")
                    throw Boom()
                }
            }
            #expect(try store.sql("SELECT count(*) FROM t").scalar == "0")
            // The connection went back clean and is lent again.
            #expect(store.pool.counts == (open: 1, idle: 1))
        }
    }

    @Test(.timeLimit(.minutes(1))) func aLeasePastTheMaximumWaitsThenTimesOut() throws {
        try TestDatabase.withStore(maximumConnections: 2, leaseTimeout: .milliseconds(300)) { store in
            try store.withConnection { _ in
                try store.withConnection { _ in
                    do {
                        _ = try store.execute(.storeCounts)
                        Issue.record("a third lease should have timed out")
                    } catch let StoreError.poolExhausted(waited, maximum) {
                        #expect(waited >= 0.25)
                        #expect(maximum == 2)
                    }
                }
            }
            // Once the two leases are back, leasing works again.
            #expect(try store.execute(.storeCounts).rows.count == 1)
        }
    }

    /// A released lease wakes a waiting one before its timeout.
    @Test(.timeLimit(.minutes(1))) func aWaitingLeaseGetsAReturnedConnection() throws {
        try TestDatabase.withStore(maximumConnections: 1, leaseTimeout: .seconds(20)) { store in
            let holding = DispatchSemaphore(value: 0)
            try onThreads(2) { i in
                if i == 0 {
                    try store.withConnection { _ in
                        holding.signal()
                        usleep(200_000)
                    }
                } else {
                    holding.wait()
                    #expect(try store.execute(.storeCounts).rows.count == 1)
                }
            }
        }
    }

    @Test func brokenOrUnfinishedConnectionsAreDiscarded() throws {
        try TestDatabase.withStore(maximumConnections: 1) { store in
            #expect(store.pool.counts == (open: 1, idle: 1))
            try store.withConnection { conn in
                _ = try? conn.execute("SELECT pg_terminate_backend(pg_backend_pid())")
            }
            #expect(store.pool.counts == (open: 0, idle: 0))
            try store.withConnection { conn in try conn.execute("BEGIN") }
            #expect(store.pool.counts == (open: 0, idle: 0))
            #expect(try store.execute(.storeCounts).rows.count == 1)
            #expect(store.pool.counts == (open: 1, idle: 1))
        }
    }

    @Test func openingAStoreDoesNotMigrate() throws {
        try TestDatabase.withStore(migrate: false) { store in
            #expect(try store.sql("SELECT to_regclass('schema_migrations')").scalar == nil)
            let applied = try store.migrate()
            let newest = try FileManager.default.contentsOfDirectory(atPath: TestDatabase.schemaDirectory.path).filter { $0.hasSuffix(".sql") }.max()
            #expect(applied.first == "0001_adjacency_store" && applied.last.map { $0 + ".sql" } == newest)
            #expect(try store.sql("SELECT to_regclass('schema_migrations')").scalar == "schema_migrations")
            #expect(try store.migrate().isEmpty)
        }
    }

    @Test func aClosedPoolRefusesLeases() throws {
        try TestDatabase.withStore { store in
            store.close()
            #expect(store.pool.counts == (open: 0, idle: 0))
            #expect(throws: StoreError.self) { try store.execute(.storeCounts) }
        }
    }
}
