/// A connection leased from a ``Store``, with the store's named queries at hand.
///
/// It is valid only inside the body it was lent to (``Store/withConnection(_:)``,
/// ``Store/transaction(_:)``): the pool lends the same `PQConnection` to someone else once the
/// body returns. Everything run through it shares the lease's session and, in a transaction,
/// the transaction.
public struct StoreConnection: Sendable {
    /// The libpq connection, for what the named queries do not cover (tests, the graph loader).
    public let pq: PQConnection
    public let queries: QueryCatalog

    public init(pq: PQConnection, queries: QueryCatalog) {
        self.pq = pq
        self.queries = queries
    }

    /// Runs one named query with its parameters.
    @discardableResult
    public func execute(_ q: NamedQuery, _ params: [String?] = []) throws(PQError) -> QueryResult {
        try pq.execute(q, in: queries, params)
    }

    /// Runs one ad-hoc statement; production code uses named queries, tests and tools use this.
    @discardableResult
    public func execute(_ sql: String, _ params: [String?] = [], name: String? = nil) throws(PQError) -> QueryResult {
        try pq.execute(sql, params, name: name)
    }

    /// Runs named queries, or plain statements, in one round trip (``PQConnection/pipeline(_:)``).
    @discardableResult
    public func pipeline(_ statements: [PipelineStatement]) throws(PQError) -> [QueryResult] {
        try pq.pipeline(statements)
    }

    /// A named query for ``pipeline(_:)``.
    public func statement(_ q: NamedQuery, _ params: [String?] = []) -> PipelineStatement {
        PipelineStatement(queries[q], params, name: q.rawValue, plan: queries.plan(q))
    }

    /// Runs the named `COPY … FROM STDIN` and lets `body` stream rows into it.
    public func copyIn(_ q: NamedQuery, _ body: (inout CopyInWriter) throws -> Void) throws {
        try pq.copyIn(queries[q], name: q.rawValue, body)
    }

    /// Runs the named `COPY … TO STDOUT` and hands each row's bytes to `row`.
    public func copyOut(_ q: NamedQuery, row: (UnsafeRawBufferPointer) throws -> Void) throws {
        try pq.copyOut(queries[q], name: q.rawValue, row: row)
    }

    /// The tuples of a binary COPY, each read field by field in order.
    public func copyTuples(_ q: NamedQuery, _ tuple: (inout FieldCursor) throws -> Void) throws {
        var reader = BinaryCopyReader(context: q.rawValue)
        try copyOut(q) { message in try reader.read(message, tuple: tuple) }
    }
}
