/// A lawyer who appears before one judge more often than the judge's share of the court's
/// work explains: if cases reach judges regardless of who argues them, each of the lawyer's
/// cases in the peer group lands before this judge with the judge's share as its chance, and
/// `beforeJudge` of `inPeerGroup` is improbable (one-sided binomial test).
public struct LawyerAppearance: Sendable, Hashable {
    public var lawyer: UInt32
    public var judge: UInt32
    public var court: UInt32
    /// The lawyer's cases before the judge, in node order.
    public var cases: [UInt32]
    /// The lawyer's cases before the judge or the judge's peers.
    public var inPeerGroup: Int
    /// The judge's share of the peer group's cases, the lawyer's own left out: the lawyer's
    /// cases are what is being tested, and a lawyer who argues half the court's cases before
    /// one judge would otherwise raise that judge's share and hide the excess.
    public var judgeShare: Double
    public var pValue: Double
    /// `pValue` times the pairs tested (Bonferroni).
    public var adjustedPValue: Double

    public var beforeJudge: Int { cases.count }
    /// Cases before the judge if assignment ignored the lawyer.
    public var expected: Double { Double(inPeerGroup) * judgeShare }
    /// How many times the expected number the lawyer appears before the judge.
    public var ratio: Double { Double(beforeJudge) / expected }
}

/// A lawyer whose clients win before one judge markedly more (or less) often than before the
/// judge's peers (two-sided Fisher exact test on won and lost, before the judge and before the
/// peers).
public struct LawyerWinRate: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable {
        case higher
        case lower
    }

    public var lawyer: UInt32
    public var judge: UInt32
    public var court: UInt32
    /// The decided cases before the judge that count, in node order.
    public var cases: [UInt32]
    public var wonBeforeJudge: Int
    public var wonBeforePeers: Int
    public var decidedBeforePeers: Int
    public var direction: Direction
    public var pValue: Double
    public var adjustedPValue: Double

    public var decidedBeforeJudge: Int { cases.count }
    public var rateBeforeJudge: Double { Double(wonBeforeJudge) / Double(decidedBeforeJudge) }
    public var rateBeforePeers: Double { Double(wonBeforePeers) / Double(decidedBeforePeers) }
}

/// Both judge–lawyer patterns, ranked, with how many pairs each test examined.
public struct JudgeLawyerFindings: Sendable, Hashable {
    /// Most improbable first; equal p-values by more cases, then by lawyer and judge node.
    public var appearances: [LawyerAppearance]
    /// Ranked the same way, by decided cases before the judge.
    public var winRates: [LawyerWinRate]
    /// Lawyer–judge pairs tested for appearances: every judge with peers, for every lawyer
    /// with ``JudicialParameters/lawyerMinimumCases`` cases in that peer group — even judges
    /// the lawyer never stood before, since any of them could have shown the pattern.
    public var appearanceTests: Int
    /// Pairs with ``JudicialParameters/lawyerMinimumDecided`` decided cases on both sides.
    public var winRateTests: Int
    /// Lawyer–judge pairs the cases hold (a lawyer in at least one case before the judge).
    public var pairs = 0
    /// Of those, pairs too small to test: the lawyer has fewer than
    /// ``JudicialParameters/lawyerMinimumCases`` cases in the judge's peer group, or the judge
    /// has no peers to compare with. They get no p-value, however striking.
    public var pairsTooFew = 0
}

/// Lawyers who appear before the same judge far more than chance allows, and lawyers whose win
/// rate before one judge differs from their win rate before that judge's peers: the traces
/// case steering and favouritism would leave in published case data. A pattern is a question
/// for the court's assignment records, not a finding: specialised chambers, duty rotas and
/// chance (one test in a hundred at 1%) all make some.
///
/// Who won: a lawyer is on the plaintiff's side when every party they act for in the case has
/// a role in ``JudicialParameters/plaintiffRoles``, on the defendant's side when none has.
/// A lawyer for parties on both sides, for a party with no published role, or for no named
/// party (``CaseFacts/otherLawyers``) has no side and the case does not count for their win
/// rate. The plaintiff's side wins an outcome in ``JudicialParameters/plaintiffWins``; the
/// defendant's side wins every other outcome except ``JudicialParameters/neutralOutcomes``;
/// undecided cases (no outcome) and neutral ones count for neither.
public struct JudgeLawyerPatterns: Sendable {
    public var parameters: JudicialParameters

    public init(parameters: JudicialParameters = JudicialParameters()) { self.parameters = parameters }

    /// Both tests over the same peer groups.
    ///
    /// - Complexity: O(Σ lawyers per case + Σ over judges of the lawyers in their peer group ×
    ///   the group's size), plus one exact test per reported appearance and per tested win rate.
    public func run(cases: [CaseFacts], peers: JudgePeers) -> JudgeLawyerFindings {
        let (appearances, appearanceTests) = self.appearances(cases: cases, peers: peers)
        let (winRates, winRateTests) = self.winRates(cases: cases, peers: peers)
        var findings = JudgeLawyerFindings(appearances: appearances, winRates: winRates, appearanceTests: appearanceTests, winRateTests: winRateTests)
        (findings.pairs, findings.pairsTooFew) = sample(cases: cases, peers: peers)
        return findings
    }

    /// Lawyer–judge pairs in the cases, and those too small to test (see
    /// ``JudgeLawyerFindings/pairsTooFew``).
    public func sample(cases: [CaseFacts], peers: JudgePeers) -> (pairs: Int, tooFew: Int) {
        var byJudge: [UInt32: [UInt32: Int]] = [:]
        for c in cases {
            guard let judge = c.judge else { continue }
            for lawyer in c.lawyers { byJudge[judge, default: [:]][lawyer, default: 0] += 1 }
        }
        var pairs = 0, tooFew = 0
        for (judge, lawyers) in byJudge {
            pairs += lawyers.count
            let group = peers.peers(of: judge)
            guard !group.isEmpty else {
                tooFew += lawyers.count
                continue
            }
            for lawyer in lawyers.keys {
                let inGroup = ([judge] + group).reduce(0) { $0 + (byJudge[$1]?[lawyer] ?? 0) }
                if inGroup < parameters.lawyerMinimumCases { tooFew += 1 }
            }
        }
        return (pairs, tooFew)
    }

    /// Reported appearances, ranked, and the number of pairs tested.
    public func appearances(cases: [CaseFacts], peers: JudgePeers) -> (found: [LawyerAppearance], tests: Int) {
        var byJudge: [UInt32: [UInt32: [UInt32]]] = [:]
        for c in cases {
            guard let judge = c.judge else { continue }
            for lawyer in c.lawyers { byJudge[judge, default: [:]][lawyer, default: []].append(c.node) }
        }
        var found: [LawyerAppearance] = []
        var tests = 0
        for judge in peers.caseCounts.keys {
            let group = peers.peers(of: judge)
            guard !group.isEmpty, let court = peers.court(of: judge) else { continue }
            let judgeCases = peers.caseCounts[judge, default: 0]
            let groupCases = group.reduce(judgeCases) { $0 + peers.caseCounts[$1, default: 0] }
            var inGroup: [UInt32: Int] = [:]
            for member in [judge] + group {
                for (lawyer, cs) in byJudge[member, default: [:]] { inGroup[lawyer, default: 0] += cs.count }
            }
            for (lawyer, n) in inGroup where n >= parameters.lawyerMinimumCases {
                let mine = byJudge[judge]?[lawyer] ?? []
                // The judge's work without this lawyer; a judge who heard nobody else's cases
                // has no share to test against.
                let otherCases = judgeCases - mine.count
                guard otherCases > 0 else { continue }
                tests += 1
                guard mine.count >= parameters.lawyerMinimumCases else { continue }
                let share = Double(otherCases) / Double(groupCases - n)
                let p = Statistics.binomialUpperTail(atLeast: mine.count, trials: n, probability: share)
                guard p < parameters.significance else { continue }
                found.append(LawyerAppearance(
                    lawyer: lawyer, judge: judge, court: court, cases: mine.sorted(), inPeerGroup: n, judgeShare: share, pValue: p,
                    adjustedPValue: p))
            }
        }
        for i in found.indices { found[i].adjustedPValue = Statistics.bonferroni(found[i].pValue, tests: tests) }
        found.sort { ($0.pValue, -$0.beforeJudge, $0.lawyer, $0.judge) < ($1.pValue, -$1.beforeJudge, $1.lawyer, $1.judge) }
        return (found, tests)
    }

    /// Reported win-rate differences, ranked, and the number of pairs tested.
    public func winRates(cases: [CaseFacts], peers: JudgePeers) -> (found: [LawyerWinRate], tests: Int) {
        let sides = Sides(parameters)
        var tally: [UInt32: [UInt32: (won: Int, cases: [UInt32])]] = [:]
        for c in cases {
            guard let judge = c.judge, let winner = sides.winner(of: c) else { continue }
            for lawyer in c.lawyers {
                guard let side = sides.side(of: lawyer, in: c) else { continue }
                tally[judge, default: [:]][lawyer, default: (0, [])].won += side == winner ? 1 : 0
                tally[judge, default: [:]][lawyer, default: (0, [])].cases.append(c.node)
            }
        }
        var found: [LawyerWinRate] = []
        var tests = 0
        for (judge, lawyers) in tally {
            let group = peers.peers(of: judge)
            guard !group.isEmpty, let court = peers.court(of: judge) else { continue }
            for (lawyer, mine) in lawyers where mine.cases.count >= parameters.lawyerMinimumDecided {
                let theirs = group.compactMap { tally[$0]?[lawyer] }
                let (won, decided) = (theirs.reduce(0) { $0 + $1.won }, theirs.reduce(0) { $0 + $1.cases.count })
                guard decided >= parameters.lawyerMinimumDecided else { continue }
                tests += 1
                let test = Statistics.fisherExact(mine.won, mine.cases.count - mine.won, won, decided - won)
                // Cross-multiplied so that equal rates compare equal exactly.
                let (a, b) = (mine.won * decided, won * mine.cases.count)
                guard test.twoSided < parameters.significance, a != b else { continue }
                found.append(LawyerWinRate(
                    lawyer: lawyer, judge: judge, court: court, cases: mine.cases.sorted(), wonBeforeJudge: mine.won, wonBeforePeers: won,
                    decidedBeforePeers: decided, direction: a > b ? .higher : .lower, pValue: test.twoSided, adjustedPValue: test.twoSided))
            }
        }
        for i in found.indices { found[i].adjustedPValue = Statistics.bonferroni(found[i].pValue, tests: tests) }
        found.sort {
            ($0.pValue, -$0.decidedBeforeJudge, $0.lawyer, $0.judge) < ($1.pValue, -$1.decidedBeforeJudge, $1.lawyer, $1.judge)
        }
        return (found, tests)
    }

    /// Which side a lawyer argued and which side won, under the parameters' words.
    struct Sides {
        enum Side { case plaintiff, defendant }
        let plaintiffRoles: Set<String>
        let plaintiffWins: Set<String>
        let neutral: Set<String>

        init(_ p: JudicialParameters) {
            plaintiffRoles = Set(p.plaintiffRoles.compactMap(CaseFacts.word))
            plaintiffWins = Set(p.plaintiffWins.compactMap(CaseFacts.word))
            neutral = Set(p.neutralOutcomes.compactMap(CaseFacts.word))
        }

        /// The side that won; nil for an undecided case or a neutral outcome.
        func winner(of c: CaseFacts) -> Side? {
            guard let outcome = CaseFacts.word(c.outcome), !neutral.contains(outcome) else { return nil }
            return plaintiffWins.contains(outcome) ? .plaintiff : .defendant
        }

        /// The one side the lawyer argued; nil for both, for a party with no role, or for none.
        func side(of lawyer: UInt32, in c: CaseFacts) -> Side? {
            var side: Side?
            for party in c.parties where party.lawyers.contains(lawyer) {
                guard let role = CaseFacts.word(party.role) else { return nil }
                let this: Side = plaintiffRoles.contains(role) ? .plaintiff : .defendant
                if let side, side != this { return nil }
                side = this
            }
            return side
        }
    }
}
