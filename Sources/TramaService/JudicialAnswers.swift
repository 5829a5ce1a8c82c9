import Foundation

// The documents the judicial analyses store — conflicts (`judicial`), judge–lawyer patterns and
// judge profiles (`judicial_patterns`) — and their runs' summaries. Entities are named by
// `kind:key`, each beside its name. The same types are written to `analysis_results.body`, read
// back by the reports and the score, and listed by the CLI and the API.

/// A judge tied, outside the case, to a party before them or to the party's lawyer: the case,
/// the party, and the chain in the shape of `trama path --format json`.
public struct JudgeConflictDocument: Answer {
    public var judge: String
    public var judgeName: String?
    public var `case`: String
    /// The day the case was filed, which every tie of the chain was valid on.
    public var filed: String?
    public var party: String
    public var partyName: String?
    /// The party's role in the case.
    public var role: String?
    /// The party's lawyer, when the chain reaches the lawyer.
    public var lawyer: String?
    /// `party` or `lawyer`.
    public var reaches: String
    public var hops: Int
    /// The chain's relationship kinds, judge first.
    public var relations: [String]
    public var path: PathAnswer

    enum CodingKeys: String, CodingKey {
        case judge, judgeName = "judge_name", `case`, filed, party, partyName = "party_name", role, lawyer, reaches, hops, relations, path
    }

    /// `judge:J1 —relative_of→ person:P2 —owns→ firm:F3`, each arrow in the relationship's direction.
    public var chain: String {
        guard let p = path.paths.first, let first = p.nodes.first else { return "" }
        var out = first.reference
        for (i, e) in p.edges.enumerated() where i + 1 < p.nodes.count {
            out += e.from == p.nodes[i].reference ? " —\(e.kind)→ " : " ←\(e.kind)— "
            out += p.nodes[i + 1].reference
        }
        return out
    }
}

/// A `judicial` run's summary: cases screened and conflicts found.
public struct JudicialRunSummary: Answer, Hashable {
    public var cases: Int
    public var conflicts: Int
}

/// A lawyer before one judge more often than the judge's share of the peer group's cases
/// explains (one-sided binomial test).
public struct LawyerAppearance: Answer, Hashable {
    public var lawyer: String
    public var lawyerName: String?
    public var judge: String
    public var judgeName: String?
    public var court: String
    public var courtName: String?
    public var casesBeforeJudge: Int
    public var casesInPeerGroup: Int
    /// The judge's share of the peer group's cases.
    public var judgeShare: Double
    /// Cases before the judge the share predicts.
    public var expected: Double
    public var ratio: Double
    public var pValue: Double
    /// Bonferroni-adjusted over `tests`.
    public var adjustedPValue: Double
    public var tests: Int
    public var significantAfterAdjustment: Bool
    /// The lawyer's cases before the judge, `kind:key`, sorted.
    public var cases: [String]

    enum CodingKeys: String, CodingKey {
        case lawyer, lawyerName = "lawyer_name", judge, judgeName = "judge_name", court, courtName = "court_name"
        case casesBeforeJudge = "cases_before_judge", casesInPeerGroup = "cases_in_peer_group", judgeShare = "judge_share", expected, ratio
        case pValue = "p_value", adjustedPValue = "adjusted_p_value", tests, significantAfterAdjustment = "significant_after_adjustment", cases
    }
}

/// Decided cases and wins.
public struct WinRecord: Codable, Sendable, Hashable {
    public var won: Int
    public var decided: Int
    /// `won ÷ decided`; null when nothing was decided.
    public var rate: Double?

    init(won: Int, decided: Int) {
        self.won = won
        self.decided = decided
        rate = decided == 0 ? nil : Double(won) / Double(decided)
    }
}

/// A lawyer who wins before one judge more or less often than before the judge's peers
/// (two-sided Fisher exact test).
public struct LawyerWinRate: Answer, Hashable {
    public var lawyer: String
    public var lawyerName: String?
    public var judge: String
    public var judgeName: String?
    public var court: String
    public var courtName: String?
    /// `higher` or `lower`.
    public var direction: String
    public var beforeJudge: WinRecord
    public var beforePeers: WinRecord
    public var pValue: Double
    public var adjustedPValue: Double
    public var tests: Int
    public var significantAfterAdjustment: Bool
    public var cases: [String]

    enum CodingKeys: String, CodingKey {
        case lawyer, lawyerName = "lawyer_name", judge, judgeName = "judge_name", court, courtName = "court_name", direction
        case beforeJudge = "before_judge", beforePeers = "before_peers", pValue = "p_value", adjustedPValue = "adjusted_p_value", tests
        case significantAfterAdjustment = "significant_after_adjustment", cases
    }
}

/// A judge's caseload and outcomes beside their peers' (the same court and specialisation).
public struct JudgeProfileDocument: Answer, Hashable {
    public var judge: String
    public var judgeName: String?
    public var court: String?
    public var courtName: String?
    public var specialisation: String?
    public var caseload: Caseload
    /// The peers' figures per judge; null when no peer has enough cases.
    public var peers: PeerCaseload?
    public var outcomes: [OutcomeShare]
    public var versusPeers: VersusPeers?
    /// Why the figures support no comparison, said plainly (too few decided cases, no peers);
    /// null when they do.
    public var verdict: String?

    public struct Caseload: Codable, Sendable, Hashable {
        public var cases: Int
        public var decided: Int
        public var pending: Int
        public var medianDaysToDecision: Double?

        enum CodingKeys: String, CodingKey { case cases, decided, pending, medianDaysToDecision = "median_days_to_decision" }
    }

    /// The peer group: its judges, then its figures per judge.
    public struct PeerCaseload: Codable, Sendable, Hashable {
        public var judges: [String]
        public var casesPerJudge: Double
        public var cases: Int
        public var decided: Int
        public var pending: Int
        public var medianDaysToDecision: Double?

        enum CodingKeys: String, CodingKey {
            case judges, casesPerJudge = "cases_per_judge", cases, decided, pending, medianDaysToDecision = "median_days_to_decision"
        }
    }

    /// One outcome's cases and share, the judge's beside the peers'.
    public struct OutcomeShare: Codable, Sendable, Hashable {
        public var outcome: String
        public var cases: Int
        public var share: Double?
        public var peerCases: Int?
        public var peerShare: Double?

        enum CodingKeys: String, CodingKey { case outcome, cases, share, peerCases = "peer_cases", peerShare = "peer_share" }
    }

    public struct VersusPeers: Codable, Sendable, Hashable {
        public var caseloadRatio: Double?
        public var medianDaysDifference: Double?

        enum CodingKeys: String, CodingKey { case caseloadRatio = "caseload_ratio", medianDaysDifference = "median_days_difference" }
    }

    enum CodingKeys: String, CodingKey {
        case judge, judgeName = "judge_name", court, courtName = "court_name", specialisation, caseload, peers, outcomes
        case versusPeers = "versus_peers", verdict
    }
}

/// `trama judges profile --format json`: the run's header, then the profile.
public struct JudgeProfileReport: Answer {
    public var header: RunHeader
    public var profile: JudgeProfileDocument

    public init(header: RunHeader, profile: JudgeProfileDocument) {
        self.header = header
        self.profile = profile
    }

    enum CodingKeys: String, CodingKey { case profile }

    public init(from decoder: any Decoder) throws {
        header = try RunHeader(from: decoder)
        profile = try decoder.container(keyedBy: CodingKeys.self).decode(JudgeProfileDocument.self, forKey: .profile)
    }

    public func encode(to encoder: any Encoder) throws {
        try header.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(profile, forKey: .profile)
    }
}

/// A `judicial_patterns` run's summary: what was tested and found, before and after the
/// Bonferroni adjustment.
public struct JudicialPatternsSummary: Answer, Hashable {
    public var cases: Int
    public var judges: Int
    public var appearanceTests: Int
    public var winRateTests: Int
    public var appearances: Int
    public var winRates: Int
    public var appearancesAfterAdjustment: Int
    public var winRatesAfterAdjustment: Int
    /// Lawyer–judge pairs in the cases, and those too small to test; null in runs made before
    /// they were counted.
    public var pairs: Int?
    public var pairsTooFew: Int?

    enum CodingKeys: String, CodingKey {
        case cases, judges, appearanceTests = "appearance_tests", winRateTests = "win_rate_tests", appearances, winRates = "win_rates"
        case appearancesAfterAdjustment = "appearances_after_adjustment", winRatesAfterAdjustment = "win_rates_after_adjustment"
        case pairs, pairsTooFew = "pairs_too_few"
    }
}

/// What `trama judges lawyers --format json` prints: the run, the tests made, the patterns.
public struct JudicialPatternsAnswer: Answer {
    public var run: Int
    public var cases: Int
    public var judges: Int
    public var tests: Tests
    public var appearance: [LawyerAppearance]
    public var winRate: [LawyerWinRate]

    public struct Tests: Codable, Sendable, Hashable {
        public var appearance: Int
        public var winRate: Int
        /// Lawyer–judge pairs in the cases, and those with too few cases for a verdict (not
        /// tested, no p-value); null for runs made before they were counted.
        public var pairs: Int?
        public var tooFew: Int?

        enum CodingKeys: String, CodingKey { case appearance, winRate = "win_rate", pairs, tooFew = "too_few" }
    }

    enum CodingKeys: String, CodingKey { case run, cases, judges, tests, appearance, winRate = "win_rate" }
}
