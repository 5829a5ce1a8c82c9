/// Every threshold of the judicial screens, with its default and why. A `--params FILE` JSON
/// object overrides any of them by name; the parameters of a run are stored with its results.
public struct JudicialParameters: Sendable, Hashable, Codable {
    /// The longest chain from the judge to a party (or a party's lawyer) that counts as a
    /// conflict. Three reaches the judge's relative's firm's owner-of-record and the donor of
    /// the politician who appointed the judge; beyond that nearly everyone is linked.
    public var hops = 3
    /// Relationships a personal conflict may run through: family, declared interests,
    /// shareholdings and control, employment and office, representation (the IDB handbook's
    /// Issue Area 2). Case edges (`presides`, `party_to`, `counsel_in`, `heard_in`) are not
    /// among them — a conflict is a tie *outside* the case — nor is `serves_at`, which ties
    /// every judge of a court, nor `appointed`, which has its own rule below. Nor is
    /// `accountant_of`: one accountant keeps the books of dozens of firms, so a chain from the
    /// judge's company through its accountant to another client is a shared service provider,
    /// not a tie (generated worlds showed exactly that as the only false conflicts).
    public var relations = [
        "relative_of", "declared_relative", "declared_shareholding", "declared_post", "owns", "controls", "director_of", "employed_by",
        "legal_representative_of", "associate_of", "represents", "member_of", "paid", "owes",
    ]
    /// The judge's appointment (`appointed`, from the appointing authority) makes a conflict
    /// only through political money and membership, and the party's control: the party — or
    /// its owner, director, controller or legal representative — gave to or belongs to the
    /// politician who appointed the judge (GRAS 4.1 political finance counts firms' and
    /// their owners' donations). Anyone who merely works for a party, or is related to a
    /// donor, is not followed past an appointment: every large employer has staff who donate.
    public var appointmentRelations = [
        "donated_to", "member_of_party", "paid", "owns", "director_of", "controls", "legal_representative_of",
    ]
    /// Entities tied to more than this many others are not passed through: a ministry that
    /// employs thousands, a party with a mass membership, a registered agent. The same cut-off
    /// the collusion screens use for shared owners.
    public var maxDegree = 50

    // MARK: Judge–lawyer patterns

    /// Cases a lawyer must have before a judge for a frequent appearance to be reported, and
    /// before the judge and the judge's peers together for the pair to be tested: fewer is an
    /// anecdote however unlikely, while a lawyer's five cases all landing before one judge of
    /// four happens by chance once in a thousand.
    public var lawyerMinimumCases = 5
    /// Decided cases a lawyer must have before the judge, and before the judge's peers, for the
    /// win-rate comparison.
    public var lawyerMinimumDecided = 5
    /// A pattern is reported when its p-value is below this — one-sided for appearances (only
    /// an excess is a pattern), two-sided for win rates (a lawyer who always loses before one
    /// judge is as telling as one who always wins); with hundreds of lawyer–judge pairs tested,
    /// 1% keeps chance findings few, and the Bonferroni-adjusted p-value beside each says
    /// whether it survives the number of tests.
    public var significance = 0.01
    /// Cases a judge's peers must have heard between them for the judge to be compared with
    /// them at all (judge–lawyer patterns and the profile's peer figures): fewer make a
    /// baseline that is itself noise.
    public var peerMinimumCases = 20
    /// Decided cases a judge needs before the profile compares their time to decision and
    /// outcomes with the peers'. With fewer, one case moves a median by months and an outcome
    /// share by ten points or more: the figures are shown, and said to be too few for a verdict.
    public var verdictMinimumDecided = 10
    /// Party roles (as published, compared case-insensitively) on the plaintiff's side — the
    /// side that brought the case; every other role (defendant, respondent, third party, …) is
    /// on the defendant's side, which wins whenever the plaintiff does not.
    public var plaintiffRoles = ["plaintiff", "claimant", "applicant", "petitioner", "appellant", "complainant", "prosecutor"]
    /// Outcomes (as published, compared case-insensitively) that count as a win for the
    /// plaintiff's side; the defendant's side wins the rest of the decided cases, except
    /// `neutralOutcomes`.
    public var plaintiffWins = ["granted", "plaintiff", "upheld", "for plaintiff", "accepted", "won", "condemned", "convicted"]
    /// Outcomes that are a win for neither side (settled, withdrawn, dismissed for form).
    public var neutralOutcomes = ["settled", "withdrawn", "archived", "transferred"]

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = JudicialParameters()
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T { try c.decodeIfPresent(T.self, forKey: key) ?? fallback }
        hops = try value(.hops, d.hops)
        relations = try value(.relations, d.relations)
        appointmentRelations = try value(.appointmentRelations, d.appointmentRelations)
        maxDegree = try value(.maxDegree, d.maxDegree)
        lawyerMinimumCases = try value(.lawyerMinimumCases, d.lawyerMinimumCases)
        lawyerMinimumDecided = try value(.lawyerMinimumDecided, d.lawyerMinimumDecided)
        significance = try value(.significance, d.significance)
        plaintiffWins = try value(.plaintiffWins, d.plaintiffWins)
        neutralOutcomes = try value(.neutralOutcomes, d.neutralOutcomes)
        peerMinimumCases = try value(.peerMinimumCases, d.peerMinimumCases)
        verdictMinimumDecided = try value(.verdictMinimumDecided, d.verdictMinimumDecided)
        plaintiffRoles = try value(.plaintiffRoles, d.plaintiffRoles)
        try Parameters.rejectUnknownKeys(in: decoder, known: CodingKeys.allCases.map(\.stringValue))
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case hops, relations, appointmentRelations, maxDegree, lawyerMinimumCases, lawyerMinimumDecided, significance, plaintiffWins, neutralOutcomes
        case peerMinimumCases, plaintiffRoles, verdictMinimumDecided
    }
}
