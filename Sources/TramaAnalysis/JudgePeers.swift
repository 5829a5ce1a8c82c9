import Foundation

/// Whom a judge is compared with: the other judges of the same court — and, when both
/// specialisations are known, of the same specialisation — provided they heard enough cases
/// between them to be a baseline. The open-court portals compare a judge with exactly this
/// group, and the judge–lawyer tests need it for the same reason: the lawyers and outcomes a
/// judge sees depend on the court's docket, so only the judge's own peers say what chance
/// alone would give.
///
/// A judge's court is the court of most of their cases (the lowest court node among equals):
/// a judge who moved keeps the court they mostly sat in, and a case heard elsewhere still
/// counts for them. Specialisation comes from outside the case data (no case names it); a
/// family judge and a criminal judge of one court see different lawyers and different
/// outcomes, so comparing them would make every specialist a pattern. A judge whose
/// specialisation is unknown stays everyone's peer: dropping them would empty the groups of
/// sources that record it for only some judges.
public struct JudgePeers: Sendable {
    /// Each judge's court.
    public private(set) var courts: [UInt32: UInt32] = [:]
    /// Each judge's specialisation, lowercased, as given.
    public let specialisations: [UInt32: String]
    /// Cases each judge presides over.
    public private(set) var caseCounts: [UInt32: Int] = [:]
    /// The fewest cases a peer group must have heard (``JudicialParameters/peerMinimumCases``).
    public let minimumCases: Int
    private var judgesByCourt: [UInt32: [UInt32]] = [:]

    /// - Complexity: O(cases + judges log judges).
    public init(cases: [CaseFacts], specialisations: [UInt32: String] = [:], minimumCases: Int) {
        self.specialisations = specialisations.mapValues { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.value.isEmpty }
        self.minimumCases = minimumCases
        var perCourt: [UInt32: [UInt32: Int]] = [:]
        for c in cases {
            guard let judge = c.judge else { continue }
            caseCounts[judge, default: 0] += 1
            if let court = c.court { perCourt[judge, default: [:]][court, default: 0] += 1 }
        }
        for (judge, counts) in perCourt {
            let court = counts.min { ($1.value, $0.key) < ($0.value, $1.key) }!.key
            courts[judge] = court
            judgesByCourt[court, default: []].append(judge)
        }
        for court in judgesByCourt.keys { judgesByCourt[court]!.sort() }
    }

    public func court(of judge: UInt32) -> UInt32? { courts[judge] }

    /// The judge's peers in node order; empty when the judge has no court, or the peers heard
    /// fewer than ``minimumCases`` cases between them.
    public func peers(of judge: UInt32) -> [UInt32] {
        guard let court = courts[judge] else { return [] }
        let mine = specialisations[judge]
        let found = judgesByCourt[court, default: []].filter { other in
            guard other != judge else { return false }
            guard let mine, let theirs = specialisations[other] else { return true }
            return mine == theirs
        }
        return found.reduce(0) { $0 + caseCounts[$1, default: 0] } >= minimumCases ? found : []
    }
}
