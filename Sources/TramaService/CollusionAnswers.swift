import Foundation

// The documents a collusion scan stores, one type per section (``CollusionDocuments/Section``),
// and the run's summary. Entities are named by `kind:key`. The same types are written to
// `analysis_results.body`, read back by the reports and the score, and listed by the CLI and
// the API, so a renamed field is a compile error rather than a silently empty column.

/// GRAS 2.6–2.8: two bidders in one tender that share a shareholder, an employee or
/// registration data, with every link between them.
public struct LinkedBidderPair: Answer, Hashable, RunReportItem {
    public static let listKey = "pairs"

    public var tender: String
    /// The two firms, `kind:key`.
    public var firms: [String]
    public var winner: String?
    public var links: [Link]

    /// One thing the two firms share.
    public struct Link: Codable, Sendable, Hashable {
        /// `common_shareholder`, `common_employee`, `shared_registration`, …
        public var kind: String
        /// The GRAS indicator (`2.6.1`, `2.7.1`, …).
        public var indicator: String
        /// The shared entity.
        public var via: String
        public var hops: Int
        public var weight: Double
    }
}

/// GRAS 2.1 per firm: how often it bids and wins, whom it loses to, and whether it is a top
/// loser (or beats top losers).
public struct TopLoserFigures: Answer, Hashable, RunReportItem {
    public static let listKey = "firms"

    public var firm: String
    public var name: String?
    public var bids: Int
    public var wins: Int
    public var winningRate: Double
    public var winningValueRate: Double?
    public var competitors: Int
    /// The five firms it lost to most often.
    public var lostTo: [LostTo]
    public var topLoser: Bool
    public var score: Double
    public var winsAgainstTopLosers: Int
    public var winRateAgainstTopLosers: Double?
    public var topLosersBeaten: Int
    /// The market-relative screens (``MarketScreens``), for firms with enough bids: the low
    /// winning rate's standing in the market, the cover-bidding score and its standing, and the
    /// composite collusion risk.
    public var relativeLowWinning: Double?
    public var coverBidding: Double?
    public var coverStanding: Double?
    public var collusionRisk: Double?

    public struct LostTo: Codable, Sendable, Hashable {
        public var firm: String
        public var times: Int
    }

    enum CodingKeys: String, CodingKey {
        case firm, name, bids, wins, winningRate = "winning_rate", winningValueRate = "winning_value_rate", competitors, lostTo = "lost_to"
        case topLoser = "top_loser", score, winsAgainstTopLosers = "wins_against_top_losers"
        case winRateAgainstTopLosers = "win_rate_against_top_losers", topLosersBeaten = "top_losers_beaten"
        case relativeLowWinning = "relative_low_winning", coverBidding = "cover_bidding", coverStanding = "cover_standing"
        case collusionRisk = "collusion_risk"
    }
}

/// GRAS 2.6–2.8 per firm: its competitors that share an owner, an employee or registration data
/// with it, per indicator family. Each family (`"2.6"`, `"2.7"`, `"2.7.4"`, …) is a key of
/// the document itself, after `firm` and `name`, in family order.
public struct SharedCompetitors: Answer, Hashable {
    public var firm: String
    public var name: String?
    /// Figures per indicator family.
    public var families: [String: Figures]

    public struct Figures: Codable, Sendable, Hashable {
        /// Competitors that share the family's tie with the firm.
        public var competitors: Int
        /// Tenders where they met.
        public var tenders: Int
        public var winShare: Double?
        public var winValueShare: Double?

        enum CodingKeys: String, CodingKey { case competitors, tenders, winShare = "win_share", winValueShare = "win_value_share" }
    }

    init(firm: String, name: String?, families: [String: Figures]) {
        self.firm = firm
        self.name = name
        self.families = families
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: DocumentKey.self)
        firm = try c.decode(String.self, forKey: DocumentKey("firm"))
        name = try c.decodeIfPresent(String.self, forKey: DocumentKey("name"))
        var families: [String: Figures] = [:]
        for key in c.allKeys where key.stringValue != "firm" && key.stringValue != "name" {
            families[key.stringValue] = try c.decode(Figures.self, forKey: key)
        }
        self.families = families
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DocumentKey.self)
        try c.encode(firm, forKey: DocumentKey("firm"))
        try c.encode(name, forKey: DocumentKey("name"))
        for family in families.keys.sorted() { try c.encode(families[family]!, forKey: DocumentKey(family)) }
    }
}

/// GRAS 2.2 (and fixed multiples): two firms whose bids keep the same difference or ratio
/// across the tenders they both bid in.
public struct FixedRelation: Answer, Hashable {
    /// `absolute`, `percent` or `multiple`.
    public var relation: String
    public var firms: [String]
    public var difference: Double
    public var tenders: [String]
    public var commonTenders: Int

    enum CodingKeys: String, CodingKey { case relation, firms, difference, tenders, commonTenders = "common_tenders" }
}

/// GRAS 2.3 per tender: the coefficient of variation of its bids and the relative distance of
/// the two lowest.
public struct BidVariance: Answer, Hashable, RunReportItem {
    public static let listKey = "tenders"

    public var tender: String
    public var bids: Int
    /// Coefficient of variation.
    public var cv: Double
    /// Relative distance of the two lowest bids.
    public var rd: Double
    public var lowVariance: Bool
    public var highDistance: Bool
    /// The market-relative screens: the standing of low dispersion (−CV) and of Imhof's relative
    /// distance within the tender's market, that distance, and the composite collusion risk.
    public var lowDispersion: Double?
    public var distanceStanding: Double?
    public var imhofDistance: Double?
    public var collusionRisk: Double?

    enum CodingKeys: String, CodingKey {
        case tender, bids, cv, rd, lowVariance = "low_variance", highDistance = "high_distance", lowDispersion = "low_dispersion"
        case distanceStanding = "distance_standing", imhofDistance = "imhof_distance", collusionRisk = "collusion_risk"
    }
}

/// GRAS 2.2–2.3 per firm: the shares of its priced bids in low-variance and high-distance
/// tenders, and its fixed-difference partners.
public struct BidScreenFigures: Answer, Hashable {
    public var firm: String
    public var pricedBids: Int
    public var lowVarianceShare: Double?
    public var highDistanceShare: Double?
    public var fixedDifferencePartners: Int
    public var fixedDifferenceTenders: Int
    public var fixedDifferenceShare: Double?

    enum CodingKeys: String, CodingKey {
        case firm, pricedBids = "priced_bids", lowVarianceShare = "low_variance_share", highDistanceShare = "high_distance_share"
        case fixedDifferencePartners = "fixed_difference_partners", fixedDifferenceTenders = "fixed_difference_tenders"
        case fixedDifferenceShare = "fixed_difference_share"
    }
}

/// GRAS 2.4: the first digits of a set of values against Benford's law.
public struct BenfordFigures: Codable, Sendable, Hashable {
    public var values: Int
    /// Count of each first digit, 1 to 9.
    public var firstDigits: [Int]
    /// Mean absolute deviation from Benford's shares.
    public var mad: Double
    public var chiSquare: Double
    public var pValue: Double
    public var verdict: String
    public var smallSample: Bool
    public var shareWithExcessDigit: Double

    enum CodingKeys: String, CodingKey {
        case values, firstDigits = "first_digits", mad, chiSquare = "chi_square", pValue = "p_value", verdict, smallSample = "small_sample"
        case shareWithExcessDigit = "share_with_excess_digit"
    }
}

/// GRAS 2.4–2.5 per supplier: Benford's test of its contract values and how many of its
/// contracts were priced above the estimate.
public struct ContractValueFigures: Answer, Hashable {
    public var firm: String
    public var contracts: Int
    public var benford: BenfordFigures
    public var pricedAgainstEstimate: Int
    public var highPriceShare: Double?
    public var highPriceValueShare: Double?

    enum CodingKeys: String, CodingKey {
        case firm, contracts, benford, pricedAgainstEstimate = "priced_against_estimate", highPriceShare = "high_price_share"
        case highPriceValueShare = "high_price_value_share"
    }
}

/// A group of co-bidders tied by shared owners, employees or registration data, or by a top
/// loser's losses (GRAS 2.1, 2.6–2.8): its firms, ties, tenders and period.
public struct BidderRing: Answer, Hashable, RunReportItem {
    public static let listKey = "rings"

    /// `ring-1`, … in rank order.
    public var id: String
    public var firms: [String]
    /// The firms' names, in `firms` order.
    public var names: [String?]
    public var winners: [String]
    public var losers: [String]
    public var links: [Tie]
    /// How many tenders the ring's firms co-bid in.
    public var tenders: Int
    public var tenderKeys: [String]
    public var agencies: [String]
    public var period: ReportPeriod
    /// The value the ring's firms won.
    public var value: Double

    /// One tie between two of the ring's firms.
    public struct Tie: Codable, Sendable, Hashable {
        /// `common_shareholder`, `common_employee`, `shared_registration`, `loses_to`, …
        public var kind: String
        public var indicator: String
        public var firms: [String]
        /// The shared entity (none for `loses_to`).
        public var via: String?
        public var viaName: String?
        public var hops: Int
        public var coBids: Int
        /// Losses of the first firm to the second (`loses_to` only).
        public var times: Int?
        /// The source records of the tie's relationships, `dataset:record`.
        public var sources: [String]

        enum CodingKeys: String, CodingKey {
            case kind, indicator, firms, via, viaName = "via_name", hops, coBids = "co_bids", times, sources
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, firms, names, winners, losers, links, tenders, tenderKeys = "tender_keys", agencies, period, value
    }
}

/// Firms that take turns winning the tenders they co-bid in (a runs test on the winners' order).
public struct WinnerRotation: Answer, Hashable {
    /// What the sequence is over (the tenders' `source`).
    public var source: String
    public var firms: [String]
    public var winnersInOrder: [String]
    public var tenders: [String]
    public var statistic: Int
    public var pValue: Double
    public var evenness: Double
    public var flagged: Bool

    enum CodingKeys: String, CodingKey {
        case source, firms, winnersInOrder = "winners_in_order", tenders, statistic, pValue = "p_value", evenness, flagged
    }
}

/// Firms of one market that each dominate their own buyers or regions and avoid each other's.
public struct MarketAllocationPattern: Answer, Hashable {
    public var market: String
    /// `buyer` or `region`.
    public var by: String
    public var firms: [Firm]
    public var avoidEachOther: [Avoidance]

    public struct Firm: Codable, Sendable, Hashable {
        public var firm: String
        public var wins: Int
        public var bids: Int
        public var dominates: [Dominance]
    }

    /// A buyer (`kind:key`) or region a firm wins most of.
    public struct Dominance: Codable, Sendable, Hashable {
        public var place: String
        public var share: Double
        public var wins: Int
    }

    /// Two firms that meet less often than their markets would have them.
    public struct Avoidance: Codable, Sendable, Hashable {
        public var firms: [String]
        public var expectedShared: Double

        enum CodingKeys: String, CodingKey { case firms, expectedShared = "expected_shared" }
    }

    enum CodingKeys: String, CodingKey { case market, by, firms, avoidEachOther = "avoid_each_other" }
}

/// A collusion run's summary (`analysis_runs.summary`): the market's Benford test (GRAS 2.4),
/// the price-screen thresholds, counts per section, and timings per stage.
public struct CollusionRunSummary: Answer, Hashable {
    public var marketBenford: BenfordFigures
    public var thresholds: Thresholds
    public var counts: NamedValues<Int>
    /// Top losers found.
    public var topLosers: Int
    public var rings: Int
    /// Seconds per stage.
    public var timings: NamedValues<Double>

    /// The GRAS 2.3 cut-offs the run used.
    public struct Thresholds: Codable, Sendable, Hashable {
        public var lowCV: Double
        public var highRD: Double

        enum CodingKeys: String, CodingKey { case lowCV = "low_cv", highRD = "high_rd" }
    }

    enum CodingKeys: String, CodingKey { case marketBenford = "market_benford", thresholds, counts, topLosers = "top_losers", rings, timings }
}

/// What `trama collusion scan --format json` prints: the run, its time, counts per section and
/// timings per stage.
public struct CollusionScanAnswer: Answer, Hashable {
    public var run: Int
    public var seconds: Double
    public var counts: NamedValues<Int>
    public var timings: NamedValues<Double>
}
