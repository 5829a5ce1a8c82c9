/// What GRAS group 3 needs of firms and shareholdings that the graph's arrays do not carry,
/// named by store id: the service maps them to graph indices.
public struct SupplierRows: Sendable {
    public struct FirmRow: Sendable {
        public var firm: Int64
        /// Days since 1970-01-01.
        public var constituted: Int32?
        public var country: String?
        public var turnover: Double?
        public var profit: Double?
        public var activity: String?
    }

    public var firms: [FirmRow] = []
    /// `owns` edge store id → the country the shareholding states for its holder.
    public var holderCountries: [Int64: String] = [:]

    public init() {}
}

extension Store {
    /// Every firm's constitution date, country, turnover, profit and activity, and every
    /// shareholding's stated holder country: two COPY streams on one connection.
    public func supplierRows() throws -> SupplierRows {
        try withReadConnection { conn in
            var rows = SupplierRows()
            try conn.copyTuples(.factsFirmsCopy) { f in
                rows.firms.append(.init(
                    firm: try f.int64(), constituted: try f.date(), country: try f.text(), turnover: try f.float8(), profit: try f.float8(),
                    activity: try f.text()))
            }
            try conn.copyTuples(.factsHoldingsCopy) { f in
                let edge = try f.int64()
                if let country = try f.text() { rows.holderCountries[edge] = country }
            }
            return rows
        }
    }
}
