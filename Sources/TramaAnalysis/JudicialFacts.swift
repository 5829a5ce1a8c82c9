import Foundation
import TramaGraph

/// One case as the judicial screens read it (GRAS judicial tables `cases.csv` and
/// `case_parties.csv`; any importer's `case` nodes with `presides`, `party_to`, `counsel_in`).
public struct CaseFacts: Sendable, Hashable {
    public var node: UInt32
    /// The presiding judge; nil when the source names none.
    public var judge: UInt32?
    public var court: UInt32?
    public var filed: Day?
    public var decided: Day?
    /// As published (`Outcome`): the profile counts shares of each.
    public var outcome: String?
    public var parties: [CaseParty]
    /// Lawyers in the case whose client the source does not name.
    public var otherLawyers: [UInt32]

    public init(
        node: UInt32, judge: UInt32?, court: UInt32? = nil, filed: Day?, decided: Day? = nil, outcome: String? = nil, parties: [CaseParty],
        otherLawyers: [UInt32] = []
    ) {
        self.node = node
        self.judge = judge
        self.court = court
        self.filed = filed
        self.decided = decided
        self.outcome = outcome
        self.parties = parties
        self.otherLawyers = otherLawyers
    }

    /// Every lawyer in the case, each once.
    public var lawyers: [UInt32] {
        var seen = Set<UInt32>()
        return (parties.flatMap(\.lawyers) + otherLawyers).filter { seen.insert($0).inserted }
    }
}

/// A party to a case (`Role`: plaintiff, defendant, third party, …) and its lawyers.
public struct CaseParty: Sendable, Hashable {
    public var node: UInt32
    public var role: String?
    public var lawyers: [UInt32]

    public init(node: UInt32, role: String?, lawyers: [UInt32] = []) {
        self.node = node
        self.role = role
        self.lawyers = lawyers
    }
}

extension CaseFacts {
    /// A published word (an outcome, a role) as the screens compare it: sources write
    /// "Plaintiff", "plaintiff " and "PLAINTIFF" for one outcome. Lowercased, without
    /// surrounding spaces; nil when nothing is left.
    static func word(_ text: String?) -> String? {
        guard let w = text?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), !w.isEmpty else { return nil }
        return w
    }
}
