/// The patterns a generated world was built to contain, written to `truth.json` so that each
/// detector can be scored against it (precision and recall), and the demo can ask about them.
public struct WorldTruth: Sendable, Codable, Hashable {
    public var seed: UInt64
    public var firms: Int
    public var rings: [Ring]
    public var topLosers: [TopLoser]
    public var fixedDifferencePairs: [FixedDifferencePair]
    public var judgeConflicts: [JudgeConflict]
    public var judgeConflictDecoys: [JudgeConflictDecoy]
    public var politicalWinners: [PoliticalWinner]
    public var superNodes: [SuperNode]

    enum CodingKeys: String, CodingKey {
        case seed, firms, rings
        case topLosers = "top_losers"
        case fixedDifferencePairs = "fixed_difference_pairs"
        case judgeConflicts = "judge_conflicts"
        case judgeConflictDecoys = "judge_conflict_decoys"
        case politicalWinners = "political_winners"
        case superNodes = "super_nodes"
    }

    /// Firms that co-bid on the same tenders and take turns winning, tied by a hidden link
    /// (GRAS 2.7 common shareholder, 2.8 common employee).
    public struct Ring: Sendable, Codable, Hashable {
        public enum Link: String, Sendable, Codable { case owner, ownershipChain = "ownership_chain", employee }
        public var id: String
        public var firms: [String]
        public var winners: [String]
        public var link: Link
        /// The person the ring firms share.
        public var shared: String
        /// From a ring firm up to the shared person, e.g. firm ← holding ← person.
        public var chain: [String]
        public var tenders: [String]
        public var agencies: [String]
        public var valueWon: Double

        enum CodingKeys: String, CodingKey {
            case id, firms, winners, link, shared, chain, tenders, agencies
            case valueWon = "value_won"
        }
    }

    /// A firm that bids often, wins (almost) never, and always loses to the same few (GRAS 2.1).
    public struct TopLoser: Sendable, Codable, Hashable {
        public var firm: String
        public var winners: [String]
        public var bids: Int
        public var wins: Int
    }

    /// Two firms whose bids in the same tenders differ by a constant (GRAS 2.2).
    public struct FixedDifferencePair: Sendable, Codable, Hashable {
        public enum Kind: String, Sendable, Codable { case absolute, percent }
        public var firms: [String]
        public var kind: Kind
        /// The amount (absolute) or the percentage of the lower bid (percent).
        public var difference: Double
        public var tenders: [String]
    }

    /// A judge presiding a case in which a party, or a party's lawyer, is linked to the judge
    /// outside the case, by a relationship valid on the filing date.
    public struct JudgeConflict: Sendable, Codable, Hashable {
        public enum Relation: String, Sendable, Codable {
            case relativeOwnsParty = "relative_owns_party"
            case lawyerIsRelative = "lawyer_is_relative"
            case declaredShares = "declared_shares"
            case appointedByDonee = "appointed_by_donee"
        }
        public var judge: String
        public var `case`: String
        public var party: String
        public var relation: Relation
        /// Entity IDs from the judge to the party (or the party's lawyer).
        public var chain: [String]
        public var filed: String
    }

    /// Looks like a conflict but is not one: the link ended before the case, or is too long.
    public struct JudgeConflictDecoy: Sendable, Codable, Hashable {
        public var judge: String
        public var `case`: String
        public var party: String
        public var reason: String
        public var chain: [String]
    }

    /// A firm whose owner (or itself) funded an elected candidate, and which then won
    /// contracts from an agency in that candidate's jurisdiction (GRAS 4.1).
    public struct PoliticalWinner: Sendable, Codable, Hashable {
        public var firm: String
        public var donor: String
        public var candidate: String
        public var agency: String
        public var contracts: [String]
        public var value: Double
    }

    /// Entities linked to very many others (registered agents, mass-registration addresses):
    /// a detector that calls their firms a ring is wrong.
    public struct SuperNode: Sendable, Codable, Hashable {
        public var kind: String
        public var id: String
        public var firms: Int
    }
}
