import Foundation

/// What the store refuses, in words that say what to fix.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case noMigrations(directory: String)
    case migrationChanged(name: String)
    case unknownAppliedMigration(name: String)
    case queryFileMissing(name: String, directory: String)
    case unknownQueryFile(name: String, directory: String)
    case unknownEntity(reference: String, suggestions: [String])
    case ambiguousEntity(reference: String, candidates: [String])
    case malformedCopyData(context: String)
    /// A row names a kind code or dataset id that `kinds` or `datasets` does not have.
    case unknownCode(String)
    case noPostgresBinaries(searched: [String])
    case clusterCommandFailed(command: String, status: Int32, output: String)
    case clusterNotRunning(dataDirectory: String)
    /// Every connection of the pool stayed lent out for the whole lease timeout.
    case poolExhausted(waitedSeconds: Double, maximum: Int)
    /// The store was closed; nothing more can be leased from it.
    case poolClosed
    /// `--as-of` named no version: neither a version's number nor a time.
    case unknownVersion(String, latest: Int?)
    /// `--as-of` a time before the first version finished.
    case noVersionBefore(String)

    public var description: String {
        switch self {
        case let .noMigrations(dir): "no migrations (*.sql) found in \(dir)"
        case let .migrationChanged(name):
            "migration \(name) was applied but its file has changed since; add a new migration instead of editing an applied one"
        case let .unknownAppliedMigration(name):
            "the database has migration \(name) applied, which schema/ does not have: is this database from a newer Trama?"
        case let .queryFileMissing(name, dir): "named query \(name) has no file \(name).sql in \(dir)"
        case let .unknownQueryFile(name, dir): "\(dir)/\(name).sql is not a known named query"
        case let .unknownEntity(ref, suggestions):
            "no entity matches '\(ref)'" + (suggestions.isEmpty ? "" : "; did you mean: \(suggestions.joined(separator: ", "))?")
        case let .ambiguousEntity(ref, candidates):
            "'\(ref)' matches several entities: \(candidates.joined(separator: ", ")); use kind:ID"
        case let .malformedCopyData(context): "malformed binary COPY data in \(context)"
        case let .unknownCode(what): "the store is inconsistent: \(what)"
        case let .noPostgresBinaries(searched):
            "no PostgreSQL server binaries (initdb, pg_ctl) found; looked in \(searched.joined(separator: ", ")). "
                + "Install them with `apt-get install postgresql` or pass --database URL"
        case let .clusterCommandFailed(command, status, output):
            "\(command) exited with status \(status): \(output.trimmingNewlines())"
        case let .clusterNotRunning(dir): "the private PostgreSQL cluster in \(dir) is not running; start it with `trama db start`"
        case let .poolExhausted(waited, maximum):
            "all \(maximum) database connections stayed busy for \(String(format: "%.1f", waited)) s; try again, or allow more connections"
        case .poolClosed: "the store is closed"
        case let .unknownVersion(text, latest):
            "'\(text)' is not an import: give an import's number (`trama db imports` lists them"
                + (latest.map { "; the latest is \($0)" } ?? "; there are none yet") + ") or a time such as 2026-01-31T12:00:00Z"
        case let .noVersionBefore(time): "no import had finished by \(time)"
        }
    }
}
