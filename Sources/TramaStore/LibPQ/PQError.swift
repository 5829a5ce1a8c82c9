/// A failure reported by libpq or the server, with the context needed to act on it.
///
/// The message names the *named* query that failed (from `queries/`), never parameter values:
/// values can be personal data from the sources, and errors end up in logs.
public struct PQError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public enum Code: String, Sendable {
        case connectionFailed = "connection failed"
        case queryFailed = "query failed"
        case copyFailed = "COPY failed"
        case unexpectedResult = "unexpected result"
        /// A parameter PostgreSQL cannot take as text (a NUL byte, which libpq's C strings
        /// would silently cut the value at): refused before it is sent.
        case invalidParameter = "invalid parameter"
    }

    public var code: Code
    /// The five-character SQLSTATE, when the server sent one (e.g. `23505` unique violation).
    public var sqlState: String?
    /// The server's or libpq's primary message.
    public var message: String
    public var detail: String?
    public var hint: String?
    /// The name of the query or operation, e.g. `insert_edges_from_staging`.
    public var context: String?

    public init(code: Code, sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil, context: String? = nil) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.context = context
    }

    public var description: String {
        var s = "PostgreSQL \(code.rawValue)"
        if let context { s += " in \(context)" }
        if let sqlState { s += " [SQLSTATE \(sqlState)]" }
        s += ": \(message)"
        if let hint { s += " (hint: \(hint))" }
        return s
    }

    /// The server ran out of something it needs (SQLSTATE class 53): disk space (`53100`),
    /// memory (`53200`), connections (`53300`) or a configured limit such as
    /// `temp_file_limit` (`53400`). The statement failed as a whole; trying again once the
    /// resource is back can succeed.
    public var isOutOfResources: Bool { sqlState?.hasPrefix("53") == true }

    /// What ran out, in words, for an out-of-resources failure.
    public var resourceExhausted: String? {
        switch sqlState {
        case "53100": "disk space"
        case "53200": "memory"
        case "53300": "connections"
        case let s? where s.hasPrefix("53"): "a configured limit"
        default: nil
        }
    }

    /// Adds the server's detail line, which may quote row values.
    public var debugDescription: String {
        description + (detail.map { "\ndetail: \($0)" } ?? "")
    }
}
