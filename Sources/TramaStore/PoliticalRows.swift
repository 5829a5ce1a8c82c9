import Foundation

/// The figures GRAS 4.1 (political finance) needs that the graph's arrays do not carry: who each
/// candidate is (elected, where, when) and each donation's value and date.
public struct PoliticalRows: Sendable {
    public struct CandidateRow: Sendable {
        public var candidate: Int64
        public var elected: Bool
        public var jurisdiction: String?
        public var year: Int?
    }

    public struct DonationRow: Sendable {
        /// The `donated_to` edge: the way back to its source record.
        public var edge: Int64
        public var donor: Int64
        public var candidate: Int64
        public var value: Double?
        /// Days since 1970-01-01.
        public var day: Int32?
    }

    public var candidates: [CandidateRow] = []
    public var donations: [DonationRow] = []

    public init() {}
}

extension Store {
    /// Every candidate and donation, in two COPY streams on one connection.
    public func politicalRows() throws -> PoliticalRows {
        try withReadConnection { conn in
            var rows = PoliticalRows()
            try conn.copyTuples(.factsCandidatesCopy) { f in
                rows.candidates.append(.init(
                    candidate: try f.int64(), elected: try f.bool() ?? false, jurisdiction: try f.text(), year: try f.optionalInt64().map(Int.init)))
            }
            try conn.copyTuples(.factsDonationsCopy) { f in
                rows.donations.append(.init(edge: try f.int64(), donor: try f.int64(), candidate: try f.int64(), value: try f.float8(), day: try f.date()))
            }
            return rows
        }
    }
}
