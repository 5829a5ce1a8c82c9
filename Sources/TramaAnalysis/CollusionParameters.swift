/// Every threshold of the collusion screens (GRAS group 2 and the cartel screens beyond it),
/// with its default and why. A `--params FILE` JSON object overrides any of them by name;
/// the parameters of a run are stored with its results.
public struct CollusionParameters: Sendable, Hashable, Codable {
    // MARK: Links between competitors (2.6–2.8)

    /// How far up ownership chains a common shareholder is looked for (GRAS 2.7: "directly or
    /// through ownership chains"); 3 reaches a person behind two layers of holdings, the
    /// depth the GRAS report's Brazilian case studies needed.
    public var ownershipDepth = 3
    /// A shared owner, employee, address, phone or e-mail linked to more firms than this is a
    /// super-node — a registered agent, a nominee company, the state, a mass-registration
    /// address — and links nothing: ICIJ's Offshore Leaks show single agents behind thousands
    /// of firms, while the cartels in the GRAS report's cases share one to a few dozen.
    public var maxSharedDegree = 50
    /// Entity kinds never taken as a common shareholder or employer (the state holds shares in
    /// many firms that bid against each other legitimately).
    public var excludedSharedKinds = ["agency", "party", "sanctioning_body"]

    // MARK: Top losers (2.1)

    /// Bids a firm must have made to be judged a top loser: fewer tells nothing.
    public var topLoserMinimumBids = 10
    /// At most this share of its bids won (GRAS 2.1.1: low winning rate).
    public var topLoserMaximumWinningRate = 0.1
    /// At most this many distinct firms it lost to (GRAS 2.1.2: few competitors): a cover
    /// bidder loses to the one or two firms it covers for.
    public var topLoserMaximumCompetitors = 3

    // MARK: Fixed-difference and fixed-multiple bids (2.2)

    /// Tenders a pair must have bid in together, both with prices, to be screened.
    public var fixedDifferenceMinimumTenders = 3
    /// Tenders in which the pair's difference repeats (GRAS 2.2: "repeatedly").
    public var fixedDifferenceMinimumRepeats = 3
    /// Share of the pair's common tenders the repeated difference must cover.
    public var fixedDifferenceMinimumShare = 0.5
    /// Two absolute differences are "the same" when they differ by at most this fraction of the
    /// pair's mean bid (rounding to whole units in real bids).
    public var absoluteDifferenceTolerance = 0.0005
    /// Two percentage differences are the same when within this many percentage points.
    public var percentDifferenceTolerance = 0.05
    /// Two ratios higher ÷ lower bid are the same multiple when their logarithms differ by at
    /// most this (0.0005 ≈ 0.05 %).
    public var multipleTolerance = 0.0005

    // MARK: Bid variance (2.3)

    /// Tenders need this many priced bids for a coefficient of variation or a relative
    /// distance to mean anything.
    public var bidVarianceMinimumBids = 3
    /// A coefficient of variation at or below this is "very low" (GRAS 2.3.1). Nil: a low
    /// outlier of the market, below Tukey's lower fence Q1 − 1.5 IQR of log CV — the fence
    /// cardinal-rs uses for its price screens (R024, R058).
    public var lowCoefficientOfVariation: Double? = nil
    /// A relative distance (second lowest − lowest) ÷ lowest at or above this is "very high"
    /// (GRAS 2.3.2). Nil: Tukey's upper fence Q3 + 1.5 IQR of the market, as cardinal-rs R058.
    public var highRelativeDistance: Double? = nil

    // MARK: Benford (2.4)

    /// Below this many contract values no Benford verdict is given. Nigrini (2012, *Benford's
    /// Law*, ch. 7) advises about 1,000 for a population; a supplier rarely has that many, so
    /// smaller samples get a verdict marked as small above this floor.
    public var benfordMinimumSample = 100

    // MARK: High price (2.5)

    /// Winning price ÷ estimated price above this is a high relative price (GRAS Table 2: "above
    /// a given threshold (e.g. 0.98)").
    public var highPriceRatio = 0.98

    // MARK: Rings

    /// A linked pair of competitors ties a ring only after bidding together this often: one
    /// shared tender is coincidence in a big market.
    public var ringMinimumCoBids = 3
    /// A top loser ties to a winner it lost to at least this often.
    public var ringMinimumLosses = 3
    /// Larger connected groups are split into communities (Louvain, seed 1).
    public var ringMaximumSize = 40

    // MARK: Winner rotation

    /// Tenders a cohort must have won among its members before turn-taking is tested.
    public var rotationMinimumTenders = 6
    /// Pairs bidding together this often form the co-bidding cohorts tested for rotation
    /// (besides the rings).
    public var rotationCohortMinimumCoBids = 5
    /// Turn-taking is flagged when a random order of the same wins has as few repeat winners
    /// with at most this probability.
    public var rotationSignificance = 0.05
    /// Random orders drawn for the permutation test (seeded, so the result is reproducible).
    public var rotationPermutations = 999

    // MARK: Market allocation

    /// Group buyers by region (the agency's location) instead of by agency.
    public var allocationByRegion = false
    /// Firms need this many awards in a product market to be screened for allocation.
    public var allocationMinimumWins = 5
    /// A firm dominates a buyer (or region) when it won at least this share of the market's
    /// awards there.
    public var allocationDominance = 0.5
    /// Two dominant firms "avoid" each other when they never bid at the same buyer although
    /// independent choice would give them at least this many buyers in common.
    public var allocationMinimumExpectedOverlap = 2.0

    // MARK: Market-relative screens and the composite

    /// A firm is ranked among its market's firms once it has bid this often against others.
    public var marketMinimumBids = 3
    /// Cover bidding: two firms are in each other's cohort after this many tenders together.
    public var coverCohortCoBids = 3
    /// Tenders are ranked within their product market when it holds this many, else together.
    public var marketMinimumTenders = 20
    /// A standing at or above this (the market's top decile) is stored as a flag.
    public var riskFlagStanding = 0.9

    /// The market-relative screens' parameters.
    public var market: MarketScreenParameters {
        var m = MarketScreenParameters()
        m.minimumBids = marketMinimumBids
        m.cohortCoBids = coverCohortCoBids
        m.minimumMarketTenders = marketMinimumTenders
        m.flagStanding = riskFlagStanding
        return m
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = CollusionParameters()
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T { try c.decodeIfPresent(T.self, forKey: key) ?? fallback }
        ownershipDepth = try value(.ownershipDepth, d.ownershipDepth)
        maxSharedDegree = try value(.maxSharedDegree, d.maxSharedDegree)
        excludedSharedKinds = try value(.excludedSharedKinds, d.excludedSharedKinds)
        topLoserMinimumBids = try value(.topLoserMinimumBids, d.topLoserMinimumBids)
        topLoserMaximumWinningRate = try value(.topLoserMaximumWinningRate, d.topLoserMaximumWinningRate)
        topLoserMaximumCompetitors = try value(.topLoserMaximumCompetitors, d.topLoserMaximumCompetitors)
        fixedDifferenceMinimumTenders = try value(.fixedDifferenceMinimumTenders, d.fixedDifferenceMinimumTenders)
        fixedDifferenceMinimumRepeats = try value(.fixedDifferenceMinimumRepeats, d.fixedDifferenceMinimumRepeats)
        fixedDifferenceMinimumShare = try value(.fixedDifferenceMinimumShare, d.fixedDifferenceMinimumShare)
        absoluteDifferenceTolerance = try value(.absoluteDifferenceTolerance, d.absoluteDifferenceTolerance)
        percentDifferenceTolerance = try value(.percentDifferenceTolerance, d.percentDifferenceTolerance)
        multipleTolerance = try value(.multipleTolerance, d.multipleTolerance)
        bidVarianceMinimumBids = try value(.bidVarianceMinimumBids, d.bidVarianceMinimumBids)
        lowCoefficientOfVariation = try c.decodeIfPresent(Double.self, forKey: .lowCoefficientOfVariation)
        highRelativeDistance = try c.decodeIfPresent(Double.self, forKey: .highRelativeDistance)
        benfordMinimumSample = try value(.benfordMinimumSample, d.benfordMinimumSample)
        highPriceRatio = try value(.highPriceRatio, d.highPriceRatio)
        ringMinimumCoBids = try value(.ringMinimumCoBids, d.ringMinimumCoBids)
        ringMinimumLosses = try value(.ringMinimumLosses, d.ringMinimumLosses)
        ringMaximumSize = try value(.ringMaximumSize, d.ringMaximumSize)
        rotationMinimumTenders = try value(.rotationMinimumTenders, d.rotationMinimumTenders)
        rotationCohortMinimumCoBids = try value(.rotationCohortMinimumCoBids, d.rotationCohortMinimumCoBids)
        rotationSignificance = try value(.rotationSignificance, d.rotationSignificance)
        rotationPermutations = try value(.rotationPermutations, d.rotationPermutations)
        allocationByRegion = try value(.allocationByRegion, d.allocationByRegion)
        allocationMinimumWins = try value(.allocationMinimumWins, d.allocationMinimumWins)
        allocationDominance = try value(.allocationDominance, d.allocationDominance)
        allocationMinimumExpectedOverlap = try value(.allocationMinimumExpectedOverlap, d.allocationMinimumExpectedOverlap)
        marketMinimumBids = try value(.marketMinimumBids, d.marketMinimumBids)
        coverCohortCoBids = try value(.coverCohortCoBids, d.coverCohortCoBids)
        marketMinimumTenders = try value(.marketMinimumTenders, d.marketMinimumTenders)
        riskFlagStanding = try value(.riskFlagStanding, d.riskFlagStanding)
        try Parameters.rejectUnknownKeys(in: decoder, known: CodingKeys.allCases.map(\.stringValue))
        try validate()
    }

    /// Checks every value is one the screens can use (found by fuzzing the settings reader:
    /// `Fuzz/`); decoding calls it, so a parameter file or a scan job's body is refused with the
    /// parameter named.
    public func validate() throws {
        func count(_ v: Int, _ name: String, _ range: ClosedRange<Int>) throws {
            try Parameters.require(range.contains(v), name, v, "from \(range.lowerBound) to \(range.upperBound)")
        }
        func fraction(_ v: Double, _ name: String, open lower: Bool = false) throws {
            try Parameters.require(v.isFinite && (lower ? v > 0 : v >= 0) && v <= 1, name, v, lower ? "above 0 and at most 1" : "from 0 to 1")
        }
        func positive(_ v: Double?, _ name: String) throws {
            guard let v else { return }
            try Parameters.require(v.isFinite && v >= 0 && v <= 1e9, name, v, "a finite number from 0 to 1e9")
        }
        try count(ownershipDepth, "ownershipDepth", 1...12)
        try count(maxSharedDegree, "maxSharedDegree", 1...10_000_000)
        try Parameters.require(excludedSharedKinds.count <= 100 && excludedSharedKinds.allSatisfy { !$0.isEmpty && $0.utf8.count <= 64 },
                               "excludedSharedKinds", excludedSharedKinds.count, "at most 100 kind names of 1 to 64 bytes")
        try count(topLoserMinimumBids, "topLoserMinimumBids", 1...1_000_000_000)
        try fraction(topLoserMaximumWinningRate, "topLoserMaximumWinningRate")
        try count(topLoserMaximumCompetitors, "topLoserMaximumCompetitors", 1...1_000_000_000)
        try count(fixedDifferenceMinimumTenders, "fixedDifferenceMinimumTenders", 1...1_000_000_000)
        try count(fixedDifferenceMinimumRepeats, "fixedDifferenceMinimumRepeats", 1...1_000_000_000)
        try fraction(fixedDifferenceMinimumShare, "fixedDifferenceMinimumShare")
        try fraction(absoluteDifferenceTolerance, "absoluteDifferenceTolerance")
        try fraction(percentDifferenceTolerance, "percentDifferenceTolerance")
        try fraction(multipleTolerance, "multipleTolerance")
        try count(bidVarianceMinimumBids, "bidVarianceMinimumBids", 2...1_000_000_000)
        try positive(lowCoefficientOfVariation, "lowCoefficientOfVariation")
        try positive(highRelativeDistance, "highRelativeDistance")
        try count(benfordMinimumSample, "benfordMinimumSample", 1...1_000_000_000)
        try Parameters.require(highPriceRatio.isFinite && highPriceRatio > 0 && highPriceRatio <= 100, "highPriceRatio", highPriceRatio, "above 0 and at most 100")
        try count(ringMinimumCoBids, "ringMinimumCoBids", 1...1_000_000_000)
        try count(ringMinimumLosses, "ringMinimumLosses", 0...1_000_000_000)
        try count(ringMaximumSize, "ringMaximumSize", 2...100_000)
        try count(rotationMinimumTenders, "rotationMinimumTenders", 1...1_000_000_000)
        try count(rotationCohortMinimumCoBids, "rotationCohortMinimumCoBids", 1...1_000_000_000)
        try fraction(rotationSignificance, "rotationSignificance", open: true)
        try count(rotationPermutations, "rotationPermutations", 1...100_000)
        try count(allocationMinimumWins, "allocationMinimumWins", 1...1_000_000_000)
        try fraction(allocationDominance, "allocationDominance", open: true)
        try positive(allocationMinimumExpectedOverlap, "allocationMinimumExpectedOverlap")
        try count(marketMinimumBids, "marketMinimumBids", 1...1_000_000_000)
        try count(coverCohortCoBids, "coverCohortCoBids", 1...1_000_000_000)
        try count(marketMinimumTenders, "marketMinimumTenders", 1...1_000_000_000)
        try fraction(riskFlagStanding, "riskFlagStanding")
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case ownershipDepth, maxSharedDegree, excludedSharedKinds
        case topLoserMinimumBids, topLoserMaximumWinningRate, topLoserMaximumCompetitors
        case fixedDifferenceMinimumTenders, fixedDifferenceMinimumRepeats, fixedDifferenceMinimumShare
        case absoluteDifferenceTolerance, percentDifferenceTolerance, multipleTolerance
        case bidVarianceMinimumBids, lowCoefficientOfVariation, highRelativeDistance
        case benfordMinimumSample, highPriceRatio
        case ringMinimumCoBids, ringMinimumLosses, ringMaximumSize
        case rotationMinimumTenders, rotationCohortMinimumCoBids, rotationSignificance, rotationPermutations
        case allocationByRegion, allocationMinimumWins, allocationDominance, allocationMinimumExpectedOverlap
        case marketMinimumBids, coverCohortCoBids, marketMinimumTenders, riskFlagStanding
    }
}
