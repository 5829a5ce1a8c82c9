import Foundation
import Synchronization
public import TramaStore

/// A throwaway PostgreSQL for tests: one private cluster per test process (initdb in a temp
/// directory, its socket in that directory, no TCP), removed when the process exits. Each test
/// gets a database of its own, so tests run in parallel without seeing each other's rows.
///
/// `TRAMA_TEST_DATABASE_URL` points the tests at an existing server instead (each test then
/// still creates and drops its own database there).
public enum TestDatabase {
    /// The repository root, found from this file's path.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let schemaDirectory = repositoryRoot.appendingPathComponent("schema")
    public static let queriesDirectory = repositoryRoot.appendingPathComponent("queries")

    private static let shared = Mutex<Result<String, any Error>?>(nil)
    private static let counter = Atomic<Int>(0)

    /// URL of the maintenance database of the shared test server, starting it on first use.
    static func adminURL() throws -> String {
        try shared.withLock { state in
            if let state { return try state.get() }
            let result = Result<String, any Error> {
                if let url = ProcessInfo.processInfo.environment["TRAMA_TEST_DATABASE_URL"], !url.isEmpty { return url }
                let home = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("trama-test-\(getpid())-\(UUID().uuidString.prefix(8))")
                var cluster = try EmbeddedCluster(home: home, database: "postgres")
                cluster.durable = false
                try cluster.start()
                clusterToRemove.withLock { $0 = cluster }
                atexit {
                    if let c = TestDatabase.clusterToRemove.withLock({ $0 }) {
                        try? c.stop()
                        try? FileManager.default.removeItem(at: c.home)
                        try? FileManager.default.removeItem(at: c.clusterDirectory)
                    }
                }
                return cluster.url
            }
            state = result
            return try result.get()
        }
    }

    static let clusterToRemove = Mutex<EmbeddedCluster?>(nil)

    /// Runs `body` with a fresh store in a database of its own, dropped afterwards; migrated
    /// unless `migrate` is false.
    @discardableResult
    public static func withStore<R>(
        migrate: Bool = true, maximumConnections: Int = ConnectionPool.defaultMaximum, leaseTimeout: Duration = ConnectionPool.defaultTimeout,
        _ body: (Store) throws -> R
    ) throws -> R {
        let database = try ThrowawayDatabase()
        defer { database.drop() }
        let url = database.url
        let store = try Store(
            url: url, schemaDirectory: schemaDirectory, queriesDirectory: queriesDirectory, maximumConnections: maximumConnections,
            leaseTimeout: leaseTimeout)
        defer { store.close() }
        if migrate { try store.migrate() }
        return try body(store)
    }

    /// Runs `body` with the URL of a fresh, migrated database of its own, dropped afterwards:
    /// for tests that open several stores on one database (two servers behind one store).
    @discardableResult
    public static func withDatabase<R>(_ body: (String) async throws -> R) async throws -> R {
        let database = try ThrowawayDatabase()
        defer { database.drop() }
        let url = database.url
        let store = try Store(url: url, schemaDirectory: schemaDirectory, queriesDirectory: queriesDirectory)
        try store.migrate()
        store.close()
        return try await body(url)
    }

    /// A database of its own on the shared test server, for one test.
    struct ThrowawayDatabase {
        let admin: PQConnection
        let name: String
        let url: String

        init() throws {
            let adminURL = try TestDatabase.adminURL()
            name = "t\(getpid())_\(counter.add(1, ordering: .relaxed).newValue)_\(UUID().uuidString.prefix(6).lowercased())"
            admin = try PQConnection(adminURL)
            try admin.execute("CREATE DATABASE \(name)", name: "create_test_database")
            url = replacingDatabase(in: adminURL, with: name)
        }

        func drop() {
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", name: "drop_test_database")
            admin.close()
        }
    }

    /// The same server, another database: `postgresql://u@/db?params` → `…/name?params`.
    public static func replacingDatabase(in url: String, with name: String) -> String {
        if url.hasPrefix("postgres"), let scheme = url.range(of: "://") {
            let rest = url[scheme.upperBound...]
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            let query = rest[slash...].firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
            return String(url[..<slash]) + "/" + name + query
        }
        return url + " dbname=\(name)"
    }
}

extension Store {
    /// Runs one ad-hoc statement on a connection leased for it: tests look at and tamper with
    /// tables directly, which production code does only through named queries.
    @discardableResult
    public func sql(_ text: String, _ params: [String?] = []) throws -> QueryResult {
        try withConnection { try $0.execute(text, params, name: "test") }
    }
}
