/// One thing wrong with one source record, said so that the user can find and fix it.
public struct IngestProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// The line the record starts on (1 is the header).
    public var line: Int
    public var column: String
    public var value: String
    public var reason: String

    public init(file: String, line: Int, column: String, value: String, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.value = value
        self.reason = reason
    }

    public var description: String {
        var s = "\(file):\(line)"
        if !column.isEmpty { s += ": \(column)" }
        if !value.isEmpty { s += " '\(value)'" }
        return s + ": \(reason)"
    }
}

/// A record that was not loaded, with every reason, kept for `rejected.csv`.
public struct RejectedRecord: Sendable {
    public var file: String
    public var line: Int
    public var problems: [IngestProblem]
    /// The record as read, column name → value, in the file's column order.
    public var fields: [(column: String, value: String)]
}

/// Why an import did not happen.
public enum IngestError: Error, Sendable, CustomStringConvertible {
    /// The data has problems and `--skip-invalid` was not given: nothing was loaded.
    case invalidRecords(problems: [IngestProblem], total: Int, rejectedRecords: Int)
    case noTables(directory: String)
    case notADirectory(String)
    /// A folder in a format of several files lacks one it needs.
    case missingFile(directory: String, file: String)
    case malformedFile(CSVError)
    /// A JSON file that cannot be split into items (truncated, not JSON at all).
    case malformedJSON(JSONStreamError)
    /// The database server ran out of disk space (or memory, or a configured limit) during
    /// the import's transaction, which was rolled back: nothing was loaded.
    case storeOutOfResources(dataset: String, resource: String, cause: String)

    /// How many problems a message lists before it says how many more there are.
    public static let listedProblems = 50

    public var description: String {
        switch self {
        case let .invalidRecords(problems, total, records):
            var lines = ["\(total) problem\(total == 1 ? "" : "s") in \(records) record\(records == 1 ? "" : "s"); nothing was loaded:"]
            lines += problems.prefix(Self.listedProblems).map { "  \($0)" }
            if total > Self.listedProblems { lines.append("  … and \(total - Self.listedProblems) more") }
            lines.append("Fix the records, or pass --skip-invalid to load the valid ones and write the rest to rejected.csv.")
            return lines.joined(separator: "\n")
        case let .noTables(dir):
            return "no GRAS tables in \(dir): expected one or more of " + GRASTable.allCases.map(\.fileName).joined(separator: ", ")
        case let .notADirectory(path): return "\(path) is not a directory"
        case let .missingFile(dir, file): return "\(dir) has no \(file), which this format needs"
        case let .malformedFile(e): return "\(e)"
        case let .malformedJSON(e): return "\(e)"
        case let .storeOutOfResources(dataset, resource, cause):
            return "the database server ran out of \(resource) while importing dataset '\(dataset)' (\(cause)); "
                + "the import was rolled back and nothing was loaded: free \(resource) on the database server and import again"
        }
    }
}
