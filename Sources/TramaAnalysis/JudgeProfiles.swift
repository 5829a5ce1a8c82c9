import TramaGraph

/// The figures open-court portals publish about a judge — caseload, time to decision, how the
/// cases ended — beside the same figures pooled over the judge's peers (``JudgePeers``), so
/// that a reader sees what is unusual for *this* court rather than for courts in general.
public struct JudgeProfile: Sendable, Hashable {
    /// One judge's figures, or a peer group's pooled over its judges.
    public struct Figures: Sendable, Hashable {
        public var judges: Int
        public var cases: Int
        /// Cases with a decision date or a published outcome.
        public var decided: Int
        /// Days from filing to decision, over the cases with both dates (a decision dated
        /// before the filing is a data error and is left out).
        public var medianDaysToDecision: Double?
        /// Cases per outcome, as published but lowercased (portals differ only in case).
        public var outcomes: [String: Int]

        public var pending: Int { cases - decided }
        public var casesPerJudge: Double { Double(cases) / Double(judges) }
        /// Cases with a published outcome.
        public var withOutcome: Int { outcomes.values.reduce(0, +) }

        /// The outcome's share of the cases with one; nil when none has one.
        public func share(of outcome: String) -> Double? {
            withOutcome == 0 ? nil : Double(outcomes[outcome, default: 0]) / Double(withOutcome)
        }

        /// - Complexity: O(n log n) for n cases (the median).
        init(_ cases: [CaseFacts], judges: Int) {
            self.judges = judges
            self.cases = cases.count
            decided = cases.count(where: { $0.decided != nil || CaseFacts.word($0.outcome) != nil })
            medianDaysToDecision = Statistics.median(cases.compactMap { c in
                guard let f = c.filed, let d = c.decided, d >= f else { return nil }
                return Int(d.rawValue - f.rawValue)
            })
            var outcomes: [String: Int] = [:]
            for c in cases { if let o = CaseFacts.word(c.outcome) { outcomes[o, default: 0] += 1 } }
            self.outcomes = outcomes
        }
    }

    public var judge: UInt32
    public var court: UInt32?
    public var specialisation: String?
    /// The peers the figures are pooled over, in node order; empty when the judge has none.
    public var peers: [UInt32]
    public var figures: Figures
    /// Pooled over `peers` (the judge left out); nil when there are none.
    public var peerFigures: Figures?

    /// The judge's cases over the peers' mean caseload per judge.
    public var caseloadRatio: Double? { peerFigures.map { Double(figures.cases) / $0.casesPerJudge } }
    /// The judge's median days to decision minus the peers' (positive: slower).
    public var medianDaysDifference: Double? {
        guard let mine = figures.medianDaysToDecision, let theirs = peerFigures?.medianDaysToDecision else { return nil }
        return mine - theirs
    }
    /// Every outcome the judge or the peers published, in alphabetical order.
    public var outcomes: [String] { Set(figures.outcomes.keys).union(peerFigures.map { Array($0.outcomes.keys) } ?? []).sorted() }

    /// One profile per judge who presides over a case, in node order.
    ///
    /// - Complexity: O(cases × log cases + Σ over judges of their peers' cases).
    public static func profiles(cases: [CaseFacts], peers: JudgePeers) -> [JudgeProfile] {
        var byJudge: [UInt32: [CaseFacts]] = [:]
        for c in cases { if let j = c.judge { byJudge[j, default: []].append(c) } }
        return byJudge.keys.sorted().map { judge in
            let group = peers.peers(of: judge)
            return JudgeProfile(
                judge: judge, court: peers.court(of: judge), specialisation: peers.specialisations[judge], peers: group,
                figures: Figures(byJudge[judge]!, judges: 1),
                peerFigures: group.isEmpty ? nil : Figures(group.flatMap { byJudge[$0, default: []] }, judges: group.count))
        }
    }
}
