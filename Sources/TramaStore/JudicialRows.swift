import TramaGraph

/// The cases of the store with their judges, courts, dates, outcomes, parties and lawyers
/// (nodes and edges named by store id), read by binary COPY for the judicial screens. The
/// service maps store ids to graph indices; the store knows nothing of the analyses.
public struct JudicialRows: Sendable {
    public struct CaseRow: Sendable {
        public var caseID: Int64
        public var judge: Int64?
        public var court: Int64?
        /// Days since 1970-01-01.
        public var filed: Int32?
        public var decided: Int32?
        public var outcome: String?
    }

    /// A party (with its role) or a lawyer (with the party it acts for, when named).
    public struct ParticipantRow: Sendable {
        public var caseID: Int64
        public var party: Int64?
        public var role: String?
        public var lawyer: Int64?
    }

    public var cases: [CaseRow] = []
    public var participants: [ParticipantRow] = []
    /// Each judge's specialisation where a source records one (judges.csv `Specialisation`).
    public var specialisations: [(judge: Int64, specialisation: String)] = []

    public init() {}
}

extension Store {
    public func judicialRows() throws -> JudicialRows {
        try withReadConnection { conn in try Self.judicialRows(on: conn) }
    }

    private static func judicialRows(on conn: StoreConnection) throws -> JudicialRows {
        var rows = JudicialRows()
        try conn.copyTuples(.factsCasesCopy) { f in
            rows.cases.append(.init(
                caseID: try f.int64(), judge: try f.optionalInt64(), court: try f.optionalInt64(), filed: try f.date(), decided: try f.date(),
                outcome: try f.text()))
        }
        try conn.copyTuples(.factsCasePartiesCopy) { f in
            rows.participants.append(.init(caseID: try f.int64(), party: try f.optionalInt64(), role: try f.text(), lawyer: try f.optionalInt64()))
        }
        try conn.copyTuples(.factsJudgeSpecialisationsCopy) { f in
            let judge = try f.int64()
            if let s = try f.text() { rows.specialisations.append((judge, s)) }
        }
        return rows
    }
}
