/// The patterns a generated world was built to contain, written to `truth.json` so that each
/// detector can be scored against it (precision and recall), and the demo can ask about them.
///
/// Every ID is as written in the CSV tables; dates are `YYYY-MM-DD`; money is in the dataset's
/// currency (the sum of the CSV values, exact to the cent).
public struct WorldTruth: Sendable, Codable, Hashable {
    public var seed: UInt64
    /// `WorldConfig.firms` (the firms table may hold a few more in tiny worlds).
    public var firms: Int
    public var rings: [Ring]
    public var topLosers: [TopLoser]
    public var fixedDifferencePairs: [FixedDifferencePair]
    public var judgeConflicts: [JudgeConflict]
    public var judgeConflictDecoys: [JudgeConflictDecoy]
    public var politicalWinners: [PoliticalWinner]
    public var sanctionedLinks: [SanctionedLink] = []
    /// GRAS 3.7.1 and 3.8.1: a shareholder on social benefits, one with a criminal record.
    public var lowStatusShareholders: [PlantedHolder] = []
    public var convictedShareholders: [PlantedHolder] = []
    public var politicianConnections: [PoliticianConnection] = []
    /// Firms owned by a candidate who lost: connected to a politician (GRAS 4.2.1), not elected.
    public var unelectedConnections: [PlantedHolder] = []
    public var superNodes: [SuperNode]

    public init(
        seed: UInt64, firms: Int, rings: [Ring] = [], topLosers: [TopLoser] = [], fixedDifferencePairs: [FixedDifferencePair] = [],
        judgeConflicts: [JudgeConflict] = [], judgeConflictDecoys: [JudgeConflictDecoy] = [], politicalWinners: [PoliticalWinner] = [],
        superNodes: [SuperNode] = []
    ) {
        self.seed = seed
        self.firms = firms
        self.rings = rings
        self.topLosers = topLosers
        self.fixedDifferencePairs = fixedDifferencePairs
        self.judgeConflicts = judgeConflicts
        self.judgeConflictDecoys = judgeConflictDecoys
        self.politicalWinners = politicalWinners
        self.superNodes = superNodes
    }

    enum CodingKeys: String, CodingKey {
        case seed, firms, rings
        case topLosers = "top_losers"
        case fixedDifferencePairs = "fixed_difference_pairs"
        case judgeConflicts = "judge_conflicts"
        case judgeConflictDecoys = "judge_conflict_decoys"
        case politicalWinners = "political_winners"
        case sanctionedLinks = "sanctioned_links"
        case lowStatusShareholders = "low_status_shareholders"
        case convictedShareholders = "convicted_shareholders"
        case politicianConnections = "politician_connections"
        case unelectedConnections = "unelected_connections"
        case superNodes = "super_nodes"
    }

    /// Reads a truth file; one written before a kind of pattern was planted has none of it.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seed = try c.decode(UInt64.self, forKey: .seed)
        firms = try c.decode(Int.self, forKey: .firms)
        rings = try c.decode([Ring].self, forKey: .rings)
        topLosers = try c.decode([TopLoser].self, forKey: .topLosers)
        fixedDifferencePairs = try c.decode([FixedDifferencePair].self, forKey: .fixedDifferencePairs)
        judgeConflicts = try c.decode([JudgeConflict].self, forKey: .judgeConflicts)
        judgeConflictDecoys = try c.decode([JudgeConflictDecoy].self, forKey: .judgeConflictDecoys)
        politicalWinners = try c.decodeIfPresent([PoliticalWinner].self, forKey: .politicalWinners) ?? []
        sanctionedLinks = try c.decodeIfPresent([SanctionedLink].self, forKey: .sanctionedLinks) ?? []
        lowStatusShareholders = try c.decodeIfPresent([PlantedHolder].self, forKey: .lowStatusShareholders) ?? []
        convictedShareholders = try c.decodeIfPresent([PlantedHolder].self, forKey: .convictedShareholders) ?? []
        politicianConnections = try c.decodeIfPresent([PoliticianConnection].self, forKey: .politicianConnections) ?? []
        unelectedConnections = try c.decodeIfPresent([PlantedHolder].self, forKey: .unelectedConnections) ?? []
        superNodes = try c.decode([SuperNode].self, forKey: .superNodes)
    }

    /// A supplier and the shareholder a planted record concerns.
    public struct PlantedHolder: Sendable, Codable, Hashable {
        public var firm: String
        public var person: String
    }

    /// A supplier tied to a sanctioned company (GRAS 3.6.3): its shareholder also holds shares
    /// in a company that was debarred.
    public struct SanctionedLink: Sendable, Codable, Hashable {
        public var firm: String
        public var company: String
        public var person: String
        public var sanctionStart: String

        enum CodingKeys: String, CodingKey { case firm, company, person, sanctionStart = "sanction_start" }
    }

    /// Firms that co-bid on the same tenders of a few agencies and take turns winning, tied by a
    /// hidden link (GRAS 2.7 common shareholder, 2.8 common employee).
    public struct Ring: Sendable, Codable, Hashable {
        public enum Link: String, Sendable, Codable {
            /// One person holds shares in every ring firm directly.
            case owner
            /// Every ring firm is owned through holding firms by the same person.
            case ownershipChain = "ownership_chain"
            /// One person is employed by every ring firm while they bid.
            case employee
        }
        public var id: String
        public var firms: [String]
        /// The ring firms that won at least one of the ring's tenders.
        public var winners: [String]
        public var link: Link
        /// The person the ring firms share (owner, ultimate owner or employee).
        public var shared: String
        /// For `ownershipChain`: the highest holding firm common to every ring firm.
        public var sharedHolding: String?
        /// `chains[i]` goes from `firms[i]` up to `shared`: firm, [holdings…], person. Every
        /// link is a row of shareholders.csv (or employment.csv) valid from before `firstBid`
        /// to after `lastBid`.
        public var chains: [[String]]
        /// `chains[0]`, kept for readers that show one chain.
        public var chain: [String]
        public var tenders: [String]
        public var agencies: [String]
        /// Sum of the ring's contracts on `tenders`.
        public var valueWon: Double
        public var firstBid: String
        public var lastBid: String

        enum CodingKeys: String, CodingKey {
            case id, firms, winners, link, shared, chains, chain, tenders, agencies
            case sharedHolding = "shared_holding"
            case valueWon = "value_won"
            case firstBid = "first_bid"
            case lastBid = "last_bid"
        }
    }

    /// A firm that bids often, (almost) never wins, and always loses to the same one or two
    /// firms (GRAS 2.1). `tenders` are all of its bids.
    public struct TopLoser: Sendable, Codable, Hashable {
        public var firm: String
        public var winners: [String]
        public var bids: Int
        public var wins: Int
        public var tenders: [String]
    }

    /// Two firms whose bids in the same tenders differ by a constant (GRAS 2.2): in every one of
    /// `tenders`, bid(firms[1]) − bid(firms[0]) = `difference` (absolute), or
    /// (bid(firms[1]) − bid(firms[0])) / bid(firms[0]) × 100 = `difference` (percent).
    public struct FixedDifferencePair: Sendable, Codable, Hashable {
        public enum Kind: String, Sendable, Codable { case absolute, percent }
        public var firms: [String]
        public var kind: Kind
        public var difference: Double
        public var tenders: [String]
    }

    /// A judge presiding a case in which a party, or a party's lawyer, is linked to the judge
    /// outside the case, by relationships valid on the filing date.
    public struct JudgeConflict: Sendable, Codable, Hashable {
        public enum Relation: String, Sendable, Codable {
            /// judge —relative→ person —owns→ party firm.
            case relativeOwnsParty = "relative_owns_party"
            /// judge —relative→ person, who is the party's lawyer in the case.
            case lawyerIsRelative = "lawyer_is_relative"
            /// judge —declared shares (asset_declarations, and shareholders)→ party firm.
            case declaredShares = "declared_shares"
            /// judge —appointed by→ candidate ←donated— party.
            case appointedByDonee = "appointed_by_donee"
        }
        public var judge: String
        public var `case`: String
        public var party: String
        public var relation: Relation
        /// Entity IDs from the judge to the party (to the lawyer for `lawyerIsRelative`).
        public var chain: [String]
        public var filed: String
        /// The party's lawyer, for `lawyerIsRelative`.
        public var lawyer: String?
    }

    /// Looks like a judge conflict but is not one on the filing date, or is too remote.
    public struct JudgeConflictDecoy: Sendable, Codable, Hashable {
        public enum Kind: String, Sendable, Codable {
            /// The relative's shareholding in the party ended before the case was filed.
            case endedBeforeFiling = "ended_before_filing"
            /// The relative's shareholding in the party began after the case was filed.
            case startedAfterFiling = "started_after_filing"
            /// The link is four hops long: judge, relative, two holdings, party.
            case chainTooLong = "chain_too_long"
        }
        public var judge: String
        public var `case`: String
        public var party: String
        public var kind: Kind
        public var reason: String
        public var chain: [String]
        public var filed: String
    }

    /// A firm owned by an elected politician or the politician's relative, which then won
    /// contracts from an agency of the politician's city during the term (GRAS 4.2).
    public struct PoliticianConnection: Sendable, Codable, Hashable {
        public enum Link: String, Sendable, Codable { case direct, indirect }
        public var firm: String
        public var politician: String
        public var candidate: String
        public var link: Link
        public var agency: String
        public var contracts: [String]
    }

    /// A firm whose owner (or the firm itself) funded an elected candidate, and which then won
    /// contracts from an agency in that candidate's jurisdiction (GRAS 4.1). Every contract is
    /// dated after the election year.
    public struct PoliticalWinner: Sendable, Codable, Hashable {
        public var firm: String
        /// The firm itself or its owner (a person).
        public var donor: String
        public var candidate: String
        public var agency: String
        public var contracts: [String]
        public var value: Double
        public var donationYear: Int
        public var electionYear: Int

        enum CodingKeys: String, CodingKey {
            case firm, donor, candidate, agency, contracts, value
            case donationYear = "donation_year"
            case electionYear = "election_year"
        }
    }

    /// Entities linked to very many firms — registered agents, a nominee company,
    /// mass-registration addresses: a detector that calls their firms a ring is wrong.
    public struct SuperNode: Sendable, Codable, Hashable {
        /// "person", "firm" or "address".
        public var kind: String
        /// A PersonID, a FirmID, or the address exactly as firms.csv writes it.
        public var id: String
        public var role: String
        /// Firms it holds shares in (or that are registered at it).
        public var firms: Int
    }
}
