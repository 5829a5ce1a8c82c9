import Foundation
import Testing
import TramaAnalysis
import TramaGraph

/// Hand-built dockets: cases as facts, no graph. Courts, judges and lawyers are the node
/// numbers the test picks; cases and parties are numbered from 100 000 on.
struct Docket {
    var cases: [CaseFacts] = []
    private var next: UInt32 = 100_000

    private mutating func fresh() -> UInt32 {
        next += 1
        return next
    }

    /// One case: `lawyer` acts for the plaintiff (or, with `side: "defendant"`, for the
    /// defendant); the other side has `opposing` as its lawyer.
    mutating func add(
        judge: UInt32, court: UInt32, lawyer: UInt32? = nil, side: String = "plaintiff", opposing: UInt32? = nil, outcome: String? = nil,
        filed: String? = nil, decided: String? = nil
    ) {
        let other = side == "plaintiff" ? "defendant" : "plaintiff"
        cases.append(CaseFacts(
            node: fresh(), judge: judge, court: court, filed: filed.flatMap { Day(iso: $0) }, decided: decided.flatMap { Day(iso: $0) },
            outcome: outcome,
            parties: [
                CaseParty(node: fresh(), role: side, lawyers: lawyer.map { [$0] } ?? []),
                CaseParty(node: fresh(), role: other, lawyers: opposing.map { [$0] } ?? []),
            ]))
    }

    /// `count` cases before `judge` whose lawyers appear nowhere else.
    mutating func background(judge: UInt32, court: UInt32, count: Int) {
        for _ in 0..<count { add(judge: judge, court: court, lawyer: fresh(), opposing: fresh()) }
    }

    /// A court of judges with `perJudge` background cases each.
    static func court(_ court: UInt32, judges: [UInt32], perJudge: Int = 20) -> Docket {
        var d = Docket()
        for j in judges { d.background(judge: j, court: court, count: perJudge) }
        return d
    }

    func patterns(_ parameters: JudicialParameters = JudicialParameters(), specialisations: [UInt32: String] = [:]) -> JudgeLawyerFindings {
        JudgeLawyerPatterns(parameters: parameters).run(
            cases: cases, peers: JudgePeers(cases: cases, specialisations: specialisations, minimumCases: parameters.peerMinimumCases))
    }
}

@Suite("Judge–lawyer patterns: appearances beyond the caseload, win rates apart from the peers")
struct JudgeLawyerPatternTests {
    static let court: UInt32 = 1
    static let judges: [UInt32] = [11, 12, 13, 14]
    static let lawyer: UInt32 = 500

    @Test func aLawyerBeforeOneJudgeInTwelveOfFifteenCasesIsReportedWithItsCounts() throws {
        var d = Docket.court(Self.court, judges: Self.judges)
        for _ in 0..<12 { d.add(judge: 11, court: Self.court, lawyer: Self.lawyer) }
        for j in Self.judges.dropFirst() { d.add(judge: j, court: Self.court, lawyer: Self.lawyer) }
        let found = d.patterns()
        let a = try #require(found.appearances.first)
        #expect(found.appearances.count == 1)
        #expect(a.lawyer == Self.lawyer && a.judge == 11 && a.court == Self.court)
        #expect(a.beforeJudge == 12 && a.inPeerGroup == 15)
        // The judge's 20 other cases of the court's 80 not argued by the lawyer.
        #expect(a.judgeShare == 0.25 && a.expected == 3.75 && a.ratio == 3.2)
        #expect(StatisticsTests.close(a.pValue, 1.2364238500595093e-05))
        // The lawyer was tested against each of the four judges.
        #expect(found.appearanceTests == 4)
        #expect(StatisticsTests.close(a.adjustedPValue, 4 * 1.2364238500595093e-05))
    }

    @Test func theSameLawyerSpreadEvenlyIsNot() {
        var d = Docket.court(Self.court, judges: Self.judges)
        for (j, n) in zip(Self.judges, [8, 8, 8, 7]) {
            for _ in 0..<n { d.add(judge: j, court: Self.court, lawyer: Self.lawyer) }
        }
        let found = d.patterns()
        #expect(found.appearances.isEmpty)
        #expect(found.appearanceTests == 4)
    }

    @Test func belowTheMinimumSampleALawyerIsNotTested() {
        // Four of four before one judge of four: 0.25⁴ ≈ 0.004, below 1%, but four cases.
        var d = Docket.court(Self.court, judges: Self.judges)
        for _ in 0..<4 { d.add(judge: 11, court: Self.court, lawyer: Self.lawyer) }
        #expect(d.patterns().appearances.isEmpty)
        #expect(d.patterns().appearanceTests == 0)
        // The minimum is what keeps it out.
        var four = JudicialParameters()
        four.lawyerMinimumCases = 4
        #expect(d.patterns(four).appearances.map(\.lawyer) == [Self.lawyer])
        // And it is counted as too few for a verdict, with every background pair (one case each).
        let findings = d.patterns()
        #expect(findings.pairs == 4 * 20 * 2 + 1)
        #expect(findings.pairsTooFew == findings.pairs)
        #expect(d.patterns(four).pairsTooFew == findings.pairs - 1)
    }

    @Test func aJudgeWithoutPeersMakesEveryOneOfTheirPairsTooFewForAVerdict() {
        var d = Docket.court(Self.court, judges: [11, 12], perJudge: 9)
        for _ in 0..<8 { d.add(judge: 11, court: Self.court, lawyer: Self.lawyer) }
        let findings = d.patterns()
        #expect(findings.pairs == 2 * 9 * 2 + 1 && findings.pairsTooFew == findings.pairs)
    }

    @Test func aJudgeWithoutEnoughPeersIsNotCompared() {
        var d = Docket.court(Self.court, judges: [11, 12], perJudge: 9)
        for _ in 0..<8 { d.add(judge: 11, court: Self.court, lawyer: Self.lawyer) }
        // Judge 11's only peer heard 9 cases, fewer than the 20 a baseline needs.
        #expect(d.patterns().appearanceTests == 0)
        var lenient = JudicialParameters()
        lenient.peerMinimumCases = 5
        #expect(d.patterns(lenient).appearances.map(\.judge) == [11])
    }

    @Test func aLawyerWinningTenOfTenBeforeOneJudgeAndThreeOfTwelveBeforePeersIsReportedHigher() throws {
        var d = Docket.court(Self.court, judges: Self.judges)
        for i in 0..<10 {
            // Wins on either side: the plaintiff's side by "plaintiff", the defendant's by any
            // other decisive outcome.
            if i < 6 {
                d.add(judge: 11, court: Self.court, lawyer: Self.lawyer, outcome: "Plaintiff")
            } else {
                d.add(judge: 11, court: Self.court, lawyer: Self.lawyer, side: "defendant", outcome: "dismissed")
            }
        }
        for i in 0..<12 {
            let judge = Self.judges[1 + i % 3]
            d.add(judge: judge, court: Self.court, lawyer: Self.lawyer, outcome: i < 3 ? "plaintiff" : "defendant")
        }
        // Neither neutral nor undecided cases, nor one where the lawyer acts for both sides,
        // count — whatever their outcome.
        d.add(judge: 11, court: Self.court, lawyer: Self.lawyer, outcome: "settled")
        d.add(judge: 11, court: Self.court, lawyer: Self.lawyer, outcome: "Withdrawn ")
        d.add(judge: 11, court: Self.court, lawyer: Self.lawyer, outcome: nil)
        d.add(judge: 11, court: Self.court, lawyer: Self.lawyer, opposing: Self.lawyer, outcome: "defendant")
        let found = d.patterns()
        let w = try #require(found.winRates.first)
        #expect(found.winRates.count == 1 && found.winRateTests == 1)
        #expect(w.lawyer == Self.lawyer && w.judge == 11 && w.direction == .higher)
        #expect(w.wonBeforeJudge == 10 && w.decidedBeforeJudge == 10 && w.wonBeforePeers == 3 && w.decidedBeforePeers == 12)
        #expect(w.rateBeforeJudge == 1 && w.rateBeforePeers == 0.25)
        #expect(StatisticsTests.close(w.pValue, 0.00046238591130231995))
        // Before each peer the lawyer has four decided cases, fewer than five: untested.
        #expect(found.winRates.allSatisfy { $0.judge == 11 })
    }

    @Test func aLawyerLosingBeforeOneJudgeIsReportedLower() throws {
        var d = Docket.court(Self.court, judges: Self.judges)
        for _ in 0..<8 { d.add(judge: 12, court: Self.court, lawyer: Self.lawyer, outcome: "defendant") }
        for i in 0..<15 {
            d.add(judge: Self.judges[i % 2 == 0 ? 0 : 2], court: Self.court, lawyer: Self.lawyer, outcome: i < 12 ? "plaintiff" : "defendant")
        }
        let w = try #require(d.patterns().winRates.first { $0.judge == 12 })
        #expect(w.direction == .lower && w.wonBeforeJudge == 0 && w.wonBeforePeers == 12)
    }

    @Test func rankingIsByPValueThenCountsThenNodesWhateverTheInputOrder() {
        var d = Docket.court(Self.court, judges: Self.judges)
        // Two lawyers planted alike before different judges tie on p; a third is stronger.
        for (lawyer, judge, n) in [(UInt32(602), UInt32(13), 10), (601, 12, 10), (603, 14, 14)] {
            for _ in 0..<n { d.add(judge: judge, court: Self.court, lawyer: lawyer) }
            d.add(judge: 11, court: Self.court, lawyer: lawyer)
        }
        let ranked = d.patterns().appearances.map { [$0.lawyer, $0.judge] }
        #expect(ranked == [[603, 14], [601, 12], [602, 13]])
        var shuffled = d
        var rng = SplitMix64(seed: 7)
        rng.shuffle(&shuffled.cases)
        #expect(shuffled.patterns().appearances == d.patterns().appearances)
    }

    @Test func peersOfAnotherSpecialisationAreLeftOut() {
        // Judges 11 and 15 hear family cases, 12–14 criminal: the lawyer's family practice is
        // all before 11 and 15 because no one else hears family cases.
        var d = Docket.court(Self.court, judges: Self.judges + [15])
        for _ in 0..<12 { d.add(judge: 11, court: Self.court, lawyer: Self.lawyer) }
        for _ in 0..<10 { d.add(judge: 15, court: Self.court, lawyer: Self.lawyer) }
        #expect(d.patterns().appearances.map(\.judge) == [11, 15])
        let specialised = d.patterns(specialisations: [11: "Family", 12: "criminal", 13: "criminal", 14: "criminal", 15: "family "])
        #expect(specialised.appearances.isEmpty)
        // A judge of unknown specialisation stays everyone's peer.
        let peers = JudgePeers(cases: d.cases, specialisations: [11: "family", 12: "criminal"], minimumCases: 20)
        #expect(peers.peers(of: 11) == [13, 14, 15])
        #expect(peers.peers(of: 13) == [11, 12, 14, 15])
    }
}

/// Courts where the null hypothesis holds by construction — every case's judge drawn by the
/// judges' caseloads, every lawyer by popularity, every outcome by a fixed distribution — plus
/// one lawyer steered to one judge and one who wins before another.
struct NullCourts {
    var docket = Docket()
    static let steered: UInt32 = 900
    static let favoured: UInt32 = 901

    init(seed: UInt64, courts: UInt32 = 3, judgesPerCourt: UInt32 = 4, lawyers: Int = 60, cases: Int = 3000) {
        var rng = SplitMix64(seed: seed)
        func uniform() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        func pick<T>(_ items: [T], weights: [Double]) -> T {
            var x = uniform() * weights.reduce(0, +)
            for (item, w) in zip(items, weights) {
                x -= w
                if x < 0 { return item }
            }
            return items[items.count - 1]
        }
        let judges = (1...courts).map { c in (0..<judgesPerCourt).map { 10 * c + $0 + 1 } }
        let load = judges.map { $0.map { _ in 1 + 2 * uniform() } }
        let bar = (0..<lawyers).map { UInt32(1000 + $0) }
        let popularity = (0..<lawyers).map { 1 / pow(Double($0 + 1), 0.8) }
        let outcomes: [String?] = ["plaintiff", "defendant", "settled", "dismissed", nil]
        func lawyer() -> UInt32? { uniform() < 0.75 ? pick(bar, weights: popularity) : nil }
        for _ in 0..<cases {
            let c = Int(rng.next() % UInt64(courts))
            docket.add(
                judge: pick(judges[c], weights: load[c]), court: UInt32(c + 1), lawyer: lawyer(), opposing: lawyer(),
                outcome: outcomes[Int(rng.next() % 5)])
        }
        // Before judge 11 in 60% of 40 cases, where chance gives about a quarter.
        for _ in 0..<40 {
            let judge = uniform() < 0.6 ? judges[0][0] : judges[0][1 + Int(rng.next() % 3)]
            docket.add(judge: judge, court: 1, lawyer: Self.steered, opposing: lawyer(), outcome: outcomes[Int(rng.next() % 5)])
        }
        // Wins 27 of 30 before judge 21, 27 of 60 before the others of court 2.
        for i in 0..<90 {
            let before21 = i < 30
            let judge = before21 ? judges[1][0] : judges[1][1 + Int(rng.next() % 3)]
            let won = before21 ? i % 10 != 0 : i % 20 < 9
            docket.add(judge: judge, court: 2, lawyer: Self.favoured, opposing: lawyer(), outcome: won ? "plaintiff" : "defendant")
        }
    }
}

@Suite("Judge–lawyer patterns where only chance is at work")
struct JudgeLawyerNullTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func chanceGivesFewPatternsNoneSurvivingBonferroniAndThePlantedOnesRankFirst(seed: UInt64) throws {
        let world = NullCourts(seed: seed)
        let found = world.docket.patterns()
        let planted: Set<UInt32> = [NullCourts.steered, NullCourts.favoured]
        let chanceAppearances = found.appearances.filter { !planted.contains($0.lawyer) }
        let chanceWinRates = found.winRates.filter { !planted.contains($0.lawyer) }
        #expect(found.appearanceTests > 300 && found.winRateTests > 100, "\(found.appearanceTests) and \(found.winRateTests) tests")
        // At 1%, about one test in a hundred passes by chance; none should survive Bonferroni.
        #expect(chanceAppearances.count <= max(3, found.appearanceTests / 50))
        #expect(chanceWinRates.count <= max(3, found.winRateTests / 50))
        #expect(chanceAppearances.allSatisfy { $0.adjustedPValue >= 0.01 }, "\(chanceAppearances)")
        #expect(chanceWinRates.allSatisfy { $0.adjustedPValue >= 0.01 }, "\(chanceWinRates)")

        let steered = try #require(found.appearances.first)
        #expect(steered.lawyer == NullCourts.steered && steered.judge == 11 && steered.adjustedPValue < 0.01)
        let favoured = try #require(found.winRates.first)
        #expect(favoured.lawyer == NullCourts.favoured && favoured.judge == 21 && favoured.direction == .higher && favoured.adjustedPValue < 0.01)
    }
}
