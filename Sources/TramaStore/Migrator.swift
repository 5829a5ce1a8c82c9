import Foundation

/// Applies the SQL files of `schema/` in name order (`NNNN_snake_case.sql`), each in its own
/// transaction, recording name and SHA-256 in `schema_migrations`.
///
/// An applied file whose text has since changed is an error, not something to re-run: a
/// migration that has touched real data must be followed by a new one, never edited.
public struct Migrator: Sendable {
    public struct Migration: Sendable, Hashable {
        public var name: String
        public var sql: String
        public var checksum: String
    }

    public let migrations: [Migration]

    public init(directory: URL) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        migrations = try files.map { file in
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            return Migration(name: String(file.dropLast(4)), sql: sql, checksum: SHA256.hex(Array(sql.utf8)))
        }
        guard !migrations.isEmpty else { throw StoreError.noMigrations(directory: directory.path) }
    }

    /// Applies what is not applied yet and returns the names applied now.
    @discardableResult
    public func migrate(_ conn: PQConnection) throws -> [String] {
        try conn.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
            """, name: "create_schema_migrations")
        // Two processes migrating at once would both try to apply the same file.
        return try conn.transaction {
            try conn.execute("SELECT pg_advisory_xact_lock(727172)", name: "migration_lock")
            let applied = try conn.execute("SELECT name, checksum FROM schema_migrations", name: "applied_migrations")
            var known: [String: String] = [:]
            for row in applied.rows { known[row[0]!] = row[1]! }
            var done: [String] = []
            for m in migrations {
                if let checksum = known[m.name] {
                    guard checksum == m.checksum else { throw StoreError.migrationChanged(name: m.name) }
                    continue
                }
                try conn.executeScript(m.sql, name: "migration \(m.name)")
                try conn.execute("INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)", [m.name, m.checksum], name: "record_migration")
                done.append(m.name)
            }
            let names = Set(migrations.map(\.name))
            if let unknown = known.keys.sorted().first(where: { !names.contains($0) }) {
                throw StoreError.unknownAppliedMigration(name: unknown)
            }
            return done
        }
    }
}
