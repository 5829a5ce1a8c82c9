import CLibPQ
#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Synchronization

/// One libpq connection: the only place Trama touches `PGconn`.
///
/// `@unchecked Sendable` is sound because every use of the pointer happens while holding
/// ``lock``: libpq is thread-safe per connection as long as no two threads use one `PGconn` at
/// once (`PQisthreadsafe()` is 1 on Debian's build). All calls block; callers that must not
/// block (an HTTP server) run them on a thread pool of their own.
public final class PQConnection: @unchecked Sendable {
    private let lock = Mutex<Void>(())
    private var raw: OpaquePointer?
    /// The statements prepared on this connection, by name, with the SQL each was prepared from.
    private var prepared: [String: String] = [:]
    /// The session's `plan_cache_mode` as last set here; nil when not known (a new connection,
    /// or a setting a transaction may yet roll back).
    private var planning: PlanChoice?

    /// Opens a connection to a `postgresql://` URL or `key=value` conninfo string.
    public init(_ conninfo: String) throws(PQError) {
        let conn = PQconnectdb(conninfo)
        guard let conn, PQstatus(conn) == CONNECTION_OK else {
            let message = conn.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            if let conn { PQfinish(conn) }
            throw PQError(code: .connectionFailed, message: message.trimmingNewlines(), context: "connect")
        }
        CLibPQ_silenceNotices(conn)
        raw = conn
    }

    deinit { close() }

    public func close() {
        lock.withLock { _ in
            if let raw { PQfinish(raw) }
            raw = nil
        }
    }

    /// Whether the connection can be lent again: open, healthy (`PQstatus` is `CONNECTION_OK`)
    /// and idle, outside any transaction. A connection that lost its server, or that a body left
    /// inside a transaction (or a failed one), would hand its state to the next borrower, so
    /// the pool discards it instead.
    public var isReusable: Bool {
        lock.withLock { _ in
            guard let raw else { return false }
            return PQstatus(raw) == CONNECTION_OK && PQtransactionStatus(raw) == PQTRANS_IDLE
        }
    }

    /// The server's version number, e.g. 150018.
    public var serverVersion: Int { withConn { Int(PQserverVersion($0)) } }

    private func withConn<R>(_ body: (OpaquePointer) throws(PQError) -> R) throws(PQError) -> R {
        try lock.withLock { _ throws(PQError) -> R in
            guard let raw else { throw PQError(code: .connectionFailed, message: "connection is closed") }
            return try body(raw)
        }
    }

    private func withConn<R>(_ body: (OpaquePointer) -> R) -> R {
        lock.withLock { _ in body(raw!) }
    }

    /// Runs one statement with `$1…$n` parameters sent separately from the SQL text (never
    /// spliced into it), in text format, and copies the result into Swift values.
    @discardableResult
    public func execute(_ sql: String, _ params: [String?] = [], name: String? = nil) throws(PQError) -> QueryResult {
        try withConn { conn throws(PQError) -> QueryResult in
            try Self.refuseNUL(params, name ?? "statement")
            // Statements with parameters are planned by the mode too (as a generic plan when forced).
            if !params.isEmpty { try plan(.auto, conn) }
            let res = withCStringArray(params) { values in
                PQexecParams(conn, sql, Int32(params.count), nil, values, nil, nil, 0)
            }
            defer { PQclear(res) }
            return try QueryResult(copying: res, conn: conn, context: name ?? firstWords(sql))
        }
    }

    /// Runs one statement as ``execute(_:_:name:)`` does, but prepared once per connection under
    /// `name`: parsed and analysed once, then executed by name, planned as `plan` says (see
    /// ``PlanChoice``).
    @discardableResult
    public func executePrepared(_ sql: String, _ params: [String?] = [], name: String, plan choice: PlanChoice = .auto) throws(PQError) -> QueryResult {
        try executePrepared(sql, params, bytes: nil, name: name, plan: choice)
    }

    /// ``executePrepared(_:_:name:)`` with one more parameter after `params`: `bytes`, sent in
    /// binary format (a `bytea` of any size, without the text format's hex doubling).
    @discardableResult
    public func executePrepared(
        _ sql: String, _ params: [String?], bytes: UnsafeRawBufferPointer?, name: String, plan choice: PlanChoice = .auto
    ) throws(PQError) -> QueryResult {
        let count = params.count + (bytes == nil ? 0 : 1)
        return try withConn { conn throws(PQError) -> QueryResult in
            if count > 0 { try plan(choice, conn) }
            if prepared[name] != sql {
                if prepared[name] != nil {
                    // The same name for other SQL (a tool's ad-hoc statement): drop the old one.
                    let res = PQexec(conn, Self.deallocate(name))
                    PQclear(res)
                    prepared[name] = nil
                }
                let res = PQprepare(conn, name, sql, Int32(count), nil)
                defer { PQclear(res) }
                _ = try QueryResult(copying: res, conn: conn, context: name)
                prepared[name] = sql
            }
            try Self.refuseNUL(params, name)
            let res = withCStringArray(params) { values in
                guard let bytes else { return PQexecPrepared(conn, name, Int32(count), values, nil, nil, 0) }
                let all = values + [bytes.baseAddress?.assumingMemoryBound(to: CChar.self)]
                let lengths = [Int32](repeating: 0, count: params.count) + [Int32(bytes.count)]
                let formats = [Int32](repeating: 0, count: params.count) + [1]
                return PQexecPrepared(conn, name, Int32(count), all, lengths, formats, 0)
            }
            defer { PQclear(res) }
            return try QueryResult(copying: res, conn: conn, context: name)
        }
    }

    /// Sends `statements` in one pipeline (libpq's pipeline mode) and waits once for all their
    /// results: one round trip to the server, where separate calls make one each. On a busy
    /// machine each round trip waits for the server's backend to be scheduled: the audit log's
    /// append took seven of them, 2.5 ms a batch at the median under 64 connections of `/paths`.
    ///
    /// A statement that fails makes the ones after it fail unrun (PostgreSQL skips them up to
    /// the pipeline's end): the first failure is thrown. Statements with a `name` are prepared
    /// once per connection under it, as ``executePrepared(_:_:name:)`` does.
    @discardableResult
    public func pipeline(_ statements: [PipelineStatement]) throws(PQError) -> [QueryResult] {
        try withConn { conn throws(PQError) -> [QueryResult] in
            for s in statements { try Self.refuseNUL(s.params, s.context) }
            guard PQenterPipelineMode(conn) == 1 else {
                throw PQError(code: .unexpectedResult, message: String(cString: PQerrorMessage(conn)).trimmingNewlines(), context: "pipeline")
            }
            // What each result answers: a statement, the preparation of one under a name, or
            // the dropping of what a name was prepared as before.
            enum Step { case statement, prepare(String), drop, setting, showSetting }
            var expected: [(statement: Int, step: Step)] = []
            // Names prepared earlier in this pipeline, recorded once their results are read.
            var preparing: [String: String] = [:]
            var planned = planning
            for (i, s) in statements.enumerated() {
                if !s.params.isEmpty, planned != s.plan {
                    guard PQsendQueryParams(conn, Self.setting(s.plan), 0, nil, nil, nil, nil, 0) == 1 else { try abandon(conn, s.context) }
                    expected.append((i, .setting))
                    planned = s.plan
                }
                let sent: Int32
                if let name = s.name {
                    let known = preparing[name] ?? prepared[name]
                    if known != s.sql {
                        if known != nil {
                            guard PQsendQueryParams(conn, Self.deallocate(name), 0, nil, nil, nil, nil, 0) == 1 else { try abandon(conn, s.context) }
                            expected.append((i, .drop))
                            prepared[name] = nil
                        }
                        guard PQsendPrepare(conn, name, s.sql, Int32(s.params.count), nil) == 1 else { try abandon(conn, s.context) }
                        expected.append((i, .prepare(name)))
                        preparing[name] = s.sql
                    }
                    sent = withCStringArray(s.params) { PQsendQueryPrepared(conn, name, Int32(s.params.count), $0, nil, nil, 0) }
                } else {
                    sent = withCStringArray(s.params) { PQsendQueryParams(conn, s.sql, Int32(s.params.count), nil, $0, nil, nil, 0) }
                }
                guard sent == 1 else { try abandon(conn, s.context) }
                expected.append((i, .statement))
            }
            // A setting sent in a pipeline may sit in a transaction that a later statement rolls
            // back: what the session ended with is read back rather than assumed.
            if planned != planning {
                planning = nil
                guard PQsendQueryParams(conn, "SHOW plan_cache_mode", 0, nil, nil, nil, nil, 0) == 1 else { try abandon(conn, "pipeline") }
                expected.append((statements.count - 1, .showSetting))  // reported as the last statement's, should it fail
            }
            guard PQpipelineSync(conn) == 1 else { try abandon(conn, "pipeline") }
            var results: [QueryResult] = []
            var failure: PQError?
            var shown: PlanChoice?
            for (i, step) in expected {
                let context = statements[i].context
                guard let res = PQgetResult(conn) else { try abandon(conn, context) }
                do throws(PQError) {
                    let result = try QueryResult(copying: res, conn: conn, context: context)
                    switch step {
                    case .statement: results.append(result)
                    case .prepare(let name): prepared[name] = statements[i].sql
                    case .drop, .setting: break
                    case .showSetting: shown = result.scalar.flatMap(PlanChoice.init(rawValue:))
                    }
                } catch {
                    failure = failure ?? error
                }
                PQclear(res)
                // Each statement's results end with a null.
                while let extra = PQgetResult(conn) { PQclear(extra) }
            }
            guard let sync = PQgetResult(conn), PQresultStatus(sync) == PGRES_PIPELINE_SYNC else { try abandon(conn, "pipeline") }
            PQclear(sync)
            // Only outside a transaction is the setting shown the session's for good (the
            // status is the one the sync reported).
            if let shown, PQtransactionStatus(conn) == PQTRANS_IDLE { planning = shown }
            guard PQexitPipelineMode(conn) == 1 else { try abandon(conn, "pipeline") }
            if let failure { throw failure }
            return results
        }
    }

    /// A pipeline that went wrong on libpq's side (a lost connection) leaves results the
    /// connection cannot be used past: it is closed, so the pool discards it.
    private func abandon(_ conn: OpaquePointer, _ context: String) throws(PQError) -> Never {
        let lost = PQstatus(conn) == CONNECTION_BAD
        let error = PQError(code: lost ? .connectionFailed : .unexpectedResult, message: String(cString: PQerrorMessage(conn)).trimmingNewlines(), context: context)
        PQfinish(conn)
        raw = nil
        prepared = [:]
        planning = nil
        throw error
    }

    /// Makes the session plan the statement about to run as `choice` says: one `SET` when the
    /// session is not known to already. Inside a transaction the setting is `LOCAL` and is
    /// forgotten here at once, since the transaction's end undoes it.
    private func plan(_ choice: PlanChoice, _ conn: OpaquePointer) throws(PQError) {
        guard planning != choice else { return }
        let inTransaction = PQtransactionStatus(conn) != PQTRANS_IDLE
        planning = nil
        let res = PQexec(conn, Self.setting(choice, local: inTransaction))
        defer { PQclear(res) }
        _ = try QueryResult(copying: res, conn: conn, context: "SET plan_cache_mode")
        if !inTransaction { planning = choice }
    }

    /// Runs several statements separated by semicolons, without parameters (for migrations).
    /// A script may change the tables prepared statements read, so they are dropped first and
    /// prepared again on their next use.
    public func executeScript(_ sql: String, name: String) throws(PQError) {
        try withConn { conn throws(PQError) in
            if !prepared.isEmpty {
                PQclear(PQexec(conn, "DEALLOCATE ALL"))
                prepared = [:]
            }
            planning = nil
            let res = PQexec(conn, sql)
            defer { PQclear(res) }
            _ = try QueryResult(copying: res, conn: conn, context: name)
        }
    }

    /// Sends a COPY statement; throws unless the server entered the COPY mode `status`.
    private func startCopy(_ sql: String, entering status: ExecStatusType, name: String) throws(PQError) {
        try withConn { conn throws(PQError) in
            let res = PQexec(conn, sql)
            defer { PQclear(res) }
            guard PQresultStatus(res) == status else {
                _ = try QueryResult(copying: res, conn: conn, context: name)
                throw PQError(code: .unexpectedResult, message: "server did not enter \(status == PGRES_COPY_IN ? "COPY IN" : "COPY OUT")", context: name)
            }
        }
    }

    /// Runs `COPY … FROM STDIN` and lets `body` stream rows into it.
    /// If `body` throws, the COPY is aborted and the error rethrown.
    public func copyIn(_ sql: String, name: String, _ body: (inout CopyInWriter) throws -> Void) throws {
        try startCopy(sql, entering: PGRES_COPY_IN, name: name)
        var writer = CopyInWriter(sink: { [unowned self] bytes in try self.send(bytes) })
        var failure: (any Error)?
        do {
            try body(&writer)
            try writer.flush()
        } catch {
            failure = error
        }
        try withConn { conn throws(PQError) in
            let endRC = failure.map { PQputCopyEnd(conn, "aborted by client: \($0)") } ?? PQputCopyEnd(conn, nil)
            guard endRC == 1 else {
                throw PQError(code: .copyFailed, message: String(cString: PQerrorMessage(conn)).trimmingNewlines(), context: name)
            }
            var firstError: PQError?
            while let res = PQgetResult(conn) {
                defer { PQclear(res) }
                do { _ = try QueryResult(copying: res, conn: conn, context: name) } catch let e as PQError { firstError = firstError ?? e } catch {}
            }
            if failure == nil, let firstError { throw firstError }
        }
        if let failure { throw failure }
    }

    private func send(_ bytes: UnsafeRawBufferPointer) throws(PQError) {
        try withConn { conn throws(PQError) in
            let rc = bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(conn, $0.baseAddress, Int32($0.count)) }
            guard rc == 1 else {
                throw PQError(code: .copyFailed, message: String(cString: PQerrorMessage(conn)).trimmingNewlines(), context: "COPY data")
            }
        }
    }

    /// Runs `COPY … TO STDOUT` and hands each row's bytes to `row`, in the order the server sends
    /// them. The buffer is only valid during the call.
    public func copyOut(_ sql: String, name: String, row: (UnsafeRawBufferPointer) throws -> Void) throws {
        try copyOut(sql, name: name, pulling: { messages in
            while let message = try messages.next() { try row(message) }
        })
    }

    /// Runs `COPY … TO STDOUT` and lets `body` pull the server's messages one at a time — for a
    /// reader that knows how much it wants next (the packed graph's columns span its chunks).
    /// Messages `body` leaves unread are read and dropped, so the connection ends idle.
    public func copyOut<R>(_ sql: String, name: String, pulling body: (CopyOutMessages) throws -> R) throws -> R {
        try startCopy(sql, entering: PGRES_COPY_OUT, name: name)
        // The connection stays locked for the whole COPY: its messages are pulled without a
        // lock each (a graph load pulls millions).
        let outcome: Result<R, any Error> = withConn { conn in
            let messages = CopyOutMessages(conn: conn, context: name)
            var outcome: Result<R, any Error>
            do { outcome = .success(try body(messages)) } catch { outcome = .failure(error) }
            func keepFirst(_ error: any Error) { if case .success = outcome { outcome = .failure(error) } }
            do { while try messages.next() != nil {} } catch { keepFirst(error) }
            messages.release()
            while let res = PQgetResult(conn) {
                defer { PQclear(res) }
                do { _ = try QueryResult(copying: res, conn: conn, context: name) } catch { keepFirst(error) }
            }
            return outcome
        }
        return try outcome.get()
    }

    /// Runs `body` inside `BEGIN … COMMIT`, rolling back if it throws.
    public func transaction<R>(_ body: () throws -> R) throws -> R {
        try execute("BEGIN", name: "begin")
        return try rollingBack {
            let result = try body()
            try execute("COMMIT", name: "commit")
            return result
        }
    }

    /// Runs `body`, which begins and commits a transaction of its own (in a ``pipeline(_:)``,
    /// say), and rolls back whatever it left open if it throws.
    public func rollingBack<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch {
            _ = try? execute("ROLLBACK", name: "rollback")
            throw error
        }
    }
}

/// One statement of a ``PQConnection/pipeline(_:)``.
public struct PipelineStatement: Sendable {
    public var sql: String
    public var params: [String?]
    /// The name it is prepared under, or nil to send it unprepared (`BEGIN`, `COMMIT`).
    public var name: String?
    /// How it is planned (a statement without parameters is planned alike either way).
    public var plan: PlanChoice

    public init(_ sql: String, _ params: [String?] = [], name: String? = nil, plan: PlanChoice = .auto) {
        self.sql = sql
        self.params = params
        self.name = name
        self.plan = plan
    }

    var context: String { name ?? firstWords(sql) }
}

private func firstWords(_ sql: String) -> String {
    String(sql.split(whereSeparator: { $0 == " " || $0 == "\n" }).prefix(3).joined(separator: " "))
}

/// How PostgreSQL plans a prepared statement's runs: its `plan_cache_mode`.
///
/// By default (``auto``) PostgreSQL plans a statement afresh with its parameters for five runs
/// and then keeps a generic plan only if it is estimated to cost no more. A look-up of a few ids
/// by `= ANY($1)` never passes that test (the generic plan assumes ten ids where the custom one
/// counts them), so it is planned on every run: under `/paths` with each pair asked once,
/// PostgreSQL spent more time planning the path's records (0.24 ms for the edges' three-way join)
/// than reading them (0.06 ms), about a quarter of its CPU. Such statements are marked
/// `-- plan: generic` in `queries/`.
public enum PlanChoice: String, Sendable {
    /// PostgreSQL's own choice: for statements whose best plan depends on the values (a name
    /// pattern, a filter that may be NULL, a range).
    case auto
    /// One generic plan, made once per connection and reused: for look-ups by key or id, whose
    /// plan is the same whatever the values.
    case generic = "force_generic_plan"
}

extension PQConnection {
    /// The statement that makes the session, or only the transaction, plan as `choice` says.
    static func setting(_ choice: PlanChoice, local: Bool = false) -> String {
        "SET \(local ? "LOCAL " : "")plan_cache_mode = \(choice.rawValue)"
    }

    /// `DEALLOCATE` of the statement prepared under `name`, the name quoted as an identifier.
    static func deallocate(_ name: String) -> String {
        "DEALLOCATE \"\(name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\""))\""
    }

    /// A value with a NUL byte would reach PostgreSQL cut short at it (libpq takes C strings):
    /// `firm:F1\0anything` would be looked up as `firm:F1`. Found by the API's hostile-value
    /// test; refused instead.
    static func refuseNUL(_ params: [String?], _ context: String) throws(PQError) {
        if let i = params.firstIndex(where: { $0?.utf8.contains(0) == true }) {
            throw PQError(code: .invalidParameter, message: "parameter $\(i + 1) contains a NUL byte, which PostgreSQL text cannot hold", context: context)
        }
    }
}

private func withCStringArray<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let owned: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } }
    defer { for p in owned { free(p) } }
    return body(owned.map { $0.map { UnsafePointer($0) } })
}

extension String {
    func trimmingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// The messages of a COPY OUT in progress, pulled one at a time (``PQConnection/copyOut(_:name:pulling:)``,
/// which holds the connection's lock meanwhile).
public final class CopyOutMessages {
    private let conn: OpaquePointer
    private let context: String
    private var current: UnsafeMutablePointer<CChar>?
    private var ended = false

    init(conn: OpaquePointer, context: String) {
        self.conn = conn
        self.context = context
    }

    deinit { release() }

    /// The next message, valid until the next call; nil once the COPY has sent everything.
    public func next() throws(PQError) -> UnsafeRawBufferPointer? {
        release()
        guard !ended else { return nil }
        let n = PQgetCopyData(conn, &current, 0)
        if n > 0, let current { return UnsafeRawBufferPointer(start: current, count: Int(n)) }
        current = nil
        ended = true
        if n == -1 { return nil }
        throw PQError(code: .copyFailed, message: String(cString: PQerrorMessage(conn)).trimmingNewlines(), context: context)
    }

    func release() {
        if let current { PQfreemem(current) }
        current = nil
    }
}
