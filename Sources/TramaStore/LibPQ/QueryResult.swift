import CLibPQ

/// The rows of a query, copied out of libpq's `PGresult` (text format; NULL is `nil`).
public struct QueryResult: Sendable {
    public var columns: [String]
    public var rows: [[String?]]
    /// Rows affected, for INSERT/UPDATE/DELETE/COPY.
    public var affected: Int

    /// Whether a failure is the connection's, not the statement's: the server went away (the
    /// connection is now bad, SQLSTATE class 08) or is shutting down or starting (57P01–57P03).
    /// Such a failure is "unavailable" — try again — rather than an internal error.
    static func lost(_ conn: OpaquePointer, sqlState: String?) -> Bool {
        if PQstatus(conn) == CONNECTION_BAD { return true }
        guard let s = sqlState else { return false }
        return s.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(s)
    }

    init(copying res: OpaquePointer?, conn: OpaquePointer, context: String) throws(PQError) {
        guard let res else {
            throw PQError(code: Self.lost(conn, sqlState: nil) ? .connectionFailed : .queryFailed, message: String(cString: PQerrorMessage(conn)).trimmingNewlines(), context: context)
        }
        let status = PQresultStatus(res)
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_EMPTY_QUERY:
            break
        default:
            func field(_ code: Int32) -> String? { PQresultErrorField(res, code).map { String(cString: $0) } }
            let sqlState = field(CLibPQ_DIAG_SQLSTATE)
            throw PQError(
                code: Self.lost(conn, sqlState: sqlState) ? .connectionFailed : .queryFailed, sqlState: sqlState,
                message: field(CLibPQ_DIAG_MESSAGE_PRIMARY) ?? String(cString: PQresultErrorMessage(res)).trimmingNewlines(),
                detail: field(CLibPQ_DIAG_MESSAGE_DETAIL), hint: field(CLibPQ_DIAG_MESSAGE_HINT), context: context
            )
        }
        let nf = Int(PQnfields(res))
        let nt = Int(PQntuples(res))
        columns = (0..<nf).map { String(cString: PQfname(res, Int32($0))) }
        var rows: [[String?]] = []
        rows.reserveCapacity(nt)
        for r in 0..<nt {
            var row: [String?] = []
            row.reserveCapacity(nf)
            for c in 0..<nf {
                if PQgetisnull(res, Int32(r), Int32(c)) == 1 {
                    row.append(nil)
                } else {
                    row.append(String(cString: PQgetvalue(res, Int32(r), Int32(c))))
                }
            }
            rows.append(row)
        }
        self.rows = rows
        affected = Int(String(cString: PQcmdTuples(res))) ?? 0
    }

    /// The value at `row`, column named `column`.
    public subscript(_ row: Int, _ column: String) -> String? {
        guard let c = columns.firstIndex(of: column) else { return nil }
        return rows[row][c]
    }

    /// The first column of the first row.
    public var scalar: String? { rows.first?.first ?? nil }
}
