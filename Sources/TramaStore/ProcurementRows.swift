import TramaGraph

/// The prices, outcomes and dates of a procurement market as the store holds them (nodes and
/// edges named by store id), read by binary COPY for the collusion screens. Who bought a
/// tender and who holds a contract are edges of the graph, so they are not read again here.
/// The service maps store ids to graph indices; the store knows nothing of the analyses.
public struct ProcurementRows: Sendable {
    public struct BidRow: Sendable {
        public var edge: Int64
        public var firm: Int64
        public var tender: Int64
        public var value: Double?
        public var won: Bool
        /// Days since 1970-01-01.
        public var day: Int32?
    }

    public struct TenderRow: Sendable {
        public var tender: Int64
        public var published: Int32?
        public var estimatedPrice: Double?
        public var product: String?
        public var method: String?
        public var deadline: Int32?
    }

    public struct ContractRow: Sendable {
        public var contract: Int64
        public var value: Double?
        public var day: Int32?
        /// What its amendments added to its value.
        public var amendment: Double? = nil
        /// The delivery date agreed, and the date it was implemented.
        public var plannedDelivery: Int32? = nil
        public var delivered: Int32? = nil
    }

    public var bids: [BidRow] = []
    public var tenders: [TenderRow] = []
    public var contracts: [ContractRow] = []
    /// Agency store id → its location.
    public var regions: [Int64: String] = [:]

    public init() {}
}

extension Store {
    /// Every bid, tender and contract with the figures the screens need: three COPY streams,
    /// the bids on a connection of their own (opened for the read, outside the pool) so that
    /// the two largest reads overlap.
    public func procurementRows() throws -> ProcurementRows {
        try withReadConnection { main in try procurementRows(main: main.pq) }
    }

    private func procurementRows(main: PQConnection) throws -> ProcurementRows {
        let catalog = queries
        let side = try openReadConnection()
        defer { side.close() }
        let parts = Parallelism.map(2, workers: 2, minimumChunk: 1) { r in
            Result { () throws -> ProcurementRows in
                var rows = ProcurementRows()
                if r.lowerBound == 0 {
                    var reader = BinaryCopyReader(context: NamedQuery.factsBidsCopy.rawValue)
                    try side.copyOut(catalog[.factsBidsCopy], name: NamedQuery.factsBidsCopy.rawValue) { message in
                        try reader.read(message) { f in
                            rows.bids.append(.init(
                                edge: try f.int64(), firm: try f.int64(), tender: try f.int64(), value: try f.float8(), won: try f.bool() ?? false,
                                day: try f.date()))
                        }
                    }
                    return rows
                }
                var tenders = BinaryCopyReader(context: NamedQuery.factsTendersCopy.rawValue)
                try main.copyOut(catalog[.factsTendersCopy], name: NamedQuery.factsTendersCopy.rawValue) { message in
                    try tenders.read(message) { f in
                        rows.tenders.append(.init(
                            tender: try f.int64(), published: try f.date(), estimatedPrice: try f.float8(), product: try f.text(), method: try f.text(),
                            deadline: try f.date()))
                    }
                }
                var contracts = BinaryCopyReader(context: NamedQuery.factsContractsCopy.rawValue)
                try main.copyOut(catalog[.factsContractsCopy], name: NamedQuery.factsContractsCopy.rawValue) { message in
                    try contracts.read(message) { f in
                        rows.contracts.append(.init(
                            contract: try f.int64(), value: try f.float8(), day: try f.date(), amendment: try f.float8(), plannedDelivery: try f.date(),
                            delivered: try f.date()))
                    }
                }
                var agencies = BinaryCopyReader(context: NamedQuery.factsAgenciesCopy.rawValue)
                try main.copyOut(catalog[.factsAgenciesCopy], name: NamedQuery.factsAgenciesCopy.rawValue) { message in
                    try agencies.read(message) { f in
                        let id = try f.int64()
                        if let region = try f.text() { rows.regions[id] = region }
                    }
                }
                return rows
            }
        }
        var rows = try parts[1].get()
        rows.bids = try parts[0].get().bids
        return rows
    }
}
