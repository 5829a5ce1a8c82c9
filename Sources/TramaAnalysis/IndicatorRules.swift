/// The red-flag rules GRAS and cardinal-rs share, written once and parameterised: `trama
/// suppliers scan` applies them to the graph's tenders and contracts, `trama cardinal
/// indicators` to OCDS releases, each with its own keys (`Key` is the source's spelling of a
/// procurement method: cardinal compares bytes, the GRAS screens normalised words).

/// The procurement methods a rule judges: an empty set admits every tender, a listed set only
/// tenders whose method is listed (a tender of unknown method is then left out).
public struct ProcedureFilter<Key: Hashable & Sendable>: Sendable {
    public var methods: Set<Key>

    public init(_ methods: Set<Key> = []) { self.methods = methods }

    public func admits(_ method: Key?) -> Bool { methods.isEmpty || method.map(methods.contains) == true }
}

/// GRAS 1.1.3 (shortened advertisement period) ≈ cardinal R003 (short submission period): a
/// tender whose advertisement lasted fewer whole days than the minimum for its kind of procedure.
public struct ShortAdvertisementRule<Key: Hashable & Sendable>: Sendable {
    public var procedures: ProcedureFilter<Key>
    /// Whole days (cardinal's default: 15, the EU directive's floor for accelerated procedures).
    public var minimumDays: Int64
    /// Minima for particular procedures (cardinal's `[R003.procurement_method_details]`).
    public var minimumDaysByProcedure: [Key: Int64]

    public init(procedures: ProcedureFilter<Key> = ProcedureFilter(), minimumDays: Int64 = 15, minimumDaysByProcedure: [Key: Int64] = [:]) {
        self.procedures = procedures
        self.minimumDays = minimumDays
        self.minimumDaysByProcedure = minimumDaysByProcedure
    }

    public func minimum(for procedure: Key?) -> Int64 { procedure.flatMap { minimumDaysByProcedure[$0] } ?? minimumDays }

    public func isShort(days: Int64, procedure: Key?) -> Bool { days < minimum(for: procedure) }
}

/// GRAS 1.2.1 (single bidder) ≈ cardinal R018 (single bid received): a tender of a competitive
/// procedure (open or selective by default: a direct award has one bidder by design) that drew
/// one bid.
public struct SingleBiddingRule<Key: Hashable & Sendable>: Sendable {
    /// The competitive procedures the rule judges.
    public var procedures: ProcedureFilter<Key>

    public init(procedures: ProcedureFilter<Key>) { self.procedures = procedures }

    public func isSingle(bidders: Int) -> Bool { bidders == 1 }
}

/// GRAS 2.1.1 (top loser: low winning rate) in its market-relative form ≈ cardinal R025
/// (excessive unsuccessful bids): among the bidders who bid at least as often as the given
/// percentile of all bidders, those whose share of wins is at or below the lower Tukey fence of
/// every bidder's share (or a fixed threshold). Skipped unless Q1 > 0 and the fence > 0: shares
/// are never negative, so otherwise a quarter or more of bidders would be flagged.
public struct LowWinningRateRule: Sendable, Hashable {
    public var percentile: UInt64
    public var threshold: Double?

    public init(percentile: UInt64 = 75, threshold: Double? = nil) {
        self.percentile = percentile
        self.threshold = threshold
    }

    public struct Outcome: Sendable, Hashable {
        /// The percentile of the numbers of bids a bidder must reach.
        public var minimumBids: Double
        /// The quartiles of the shares of wins (nil with a fixed threshold).
        public var fences: TukeyFences?
        /// The share of wins at or below which a frequent bidder is flagged.
        public var fence: Double
        /// Positions (in the given participations) of the bidders flagged, with their shares.
        public var flagged: [(index: Int, share: Double)]

        public static func == (a: Self, b: Self) -> Bool {
            a.minimumBids == b.minimumBids && a.fences == b.fences && a.fence == b.fence && a.flagged.map(\.index) == b.flagged.map(\.index)
        }

        public func hash(into h: inout Hasher) { h.combine(fence) }
    }

    /// `participations[i]` is bidder i's wins and bids.
    public func evaluate(_ participations: [(wins: Int, bids: Int)]) -> Outcome {
        let shares = participations.map { Double($0.wins) / Double($0.bids) }
        let minimumBids = Quantiles.percentile(participations.map { Double($0.bids) }, percentile)
        let fences = threshold == nil ? Quantiles.fences(shares) : nil
        let fence = threshold ?? fences!.lower
        var flagged: [(Int, Double)] = []
        if (fences?.q1 ?? 1) > 0, fence > 0 {
            for (i, p) in participations.enumerated() where Double(p.bids) >= minimumBids && shares[i] <= fence { flagged.append((i, shares[i])) }
        }
        return Outcome(minimumBids: minimumBids, fences: fences, fence: fence, flagged: flagged)
    }
}

/// GRAS 3.3.1 (broad scope of activities) ≈ cardinal R048 (heterogeneous supplier): the number
/// of distinct product families (the first `digits` characters of a classification code: the
/// CPV division with 2) a supplier was awarded, flagged at or above the upper Tukey fence of the
/// suppliers with at least `minimumContracts` awards (or a fixed threshold). There is no
/// "fence > 0" guard, as in cardinal.
public struct ActivityScopeRule: Sendable, Hashable {
    public var digits: Int
    public var minimumContracts: Int
    public var threshold: Double?

    public init(digits: Int = 2, minimumContracts: Int = 20, threshold: Double? = nil) {
        self.digits = digits
        self.minimumContracts = minimumContracts
        self.threshold = threshold
    }

    /// The family a classification code belongs to: its first `digits` characters (Unicode
    /// scalars, as cardinal counts them).
    public func family(of code: String) -> String { String(String.UnicodeScalarView(code.unicodeScalars.prefix(digits))) }

    public struct Outcome: Sendable, Hashable {
        public var fences: TukeyFences?
        public var fence: Double
        /// Positions of the suppliers judged (enough awards) and of those flagged.
        public var judged: [Int]
        public var flagged: [Int]
    }

    /// `suppliers[i]` is supplier i's number of awards and of distinct families.
    public func evaluate(_ suppliers: [(contracts: Int, families: Int)]) -> Outcome {
        let judged = suppliers.indices.filter { suppliers[$0].contracts >= minimumContracts }
        let fences = threshold == nil ? Quantiles.fences(judged.map { Double(suppliers[$0].families) }) : nil
        let fence = threshold ?? fences!.upper
        return Outcome(fences: fences, fence: fence, judged: judged, flagged: judged.filter { Double(suppliers[$0].families) >= fence })
    }
}
