import Foundation
public import TramaAnalysis
import TramaStore

/// `trama judges lawyers` and `trama judges profile`: reads every case with its judge, court,
/// dates, outcome, parties and lawyers, runs the judge–lawyer tests and the judge profiles over
/// the same peer groups, names every entity by its `kind:key`, and stores the result as one run
/// of the `judicial_patterns` analysis — the patterns ranked, one profile per judge — with a
/// flag on the lawyer and the judge of each pattern.
///
/// Only the case tables are read, not the graph: the tests need no relationship outside the
/// case, so a store too large to load still gets its patterns.
public struct JudicialPatterns: Sendable {
    public static let analysis = "judicial_patterns"

    /// The sections a run stores, one document per item.
    public enum Section: String, Sendable, CaseIterable {
        /// Lawyers before one judge more often than the caseload explains, most improbable first.
        case appearance
        /// Lawyers who win before one judge more or less often than before the judge's peers.
        case winRate = "win_rate"
        /// One per judge, in `kind:key` order.
        case profiles
    }

    public var parameters: JudicialParameters

    public init(parameters: JudicialParameters = JudicialParameters()) { self.parameters = parameters }

    public struct Report: Sendable {
        public var runID: Int
        public var cases: Int
        public var judges: Int
        public var appearanceTests: Int
        public var winRateTests: Int
        public var pairs: Int
        public var pairsTooFew: Int
        /// The stored documents, in rank order: lawyers before a judge more often than chance
        /// explains, lawyers winning more or less often, and one profile per judge.
        public var appearances: [LawyerAppearance]
        public var winRates: [LawyerWinRate]
        public var profiles: [JudgeProfileDocument]
        public var parameters: JudicialParameters
        public var seconds: Double

        /// `{"run", "cases", "judges", "tests": {"appearance", "win_rate"}, "appearance": […], "win_rate": […]}`
        public var answer: JudicialPatternsAnswer {
            JudicialPatternsAnswer(
                run: runID, cases: cases, judges: judges, tests: JudicialPatternsAnswer.Tests(appearance: appearanceTests, winRate: winRateTests, pairs: pairs, tooFew: pairsTooFew),
                appearance: appearances, winRate: winRates)
        }
    }

    public func run(session: Session) throws -> Report {
        let clock = ContinuousClock()
        let started = clock.now
        // Store ids numbered densely in the order the rows name them.
        var numbers: [Int64: UInt32] = [:]
        var ids: [Int64] = []
        let rows = try session.store.judicialRows()
        let cases = JudicialScan.facts(from: rows) { id in
            if let n = numbers[id] { return n }
            numbers[id] = UInt32(ids.count)
            ids.append(id)
            return UInt32(ids.count - 1)
        }
        // Judges who preside no case are nobody's peers, so their specialisation is not needed.
        let specialisations = Dictionary(rows.specialisations.compactMap { r in numbers[r.judge].map { ($0, r.specialisation) } }) { first, _ in first }
        let peers = JudgePeers(cases: cases, specialisations: specialisations, minimumCases: parameters.peerMinimumCases)
        let findings = JudgeLawyerPatterns(parameters: parameters).run(cases: cases, peers: peers)
        let profiles = JudgeProfile.profiles(cases: cases, peers: peers)
        let refs = try session.store.nodeRefs(ids: ids)
        let documents = Documents(refs: refs, ids: ids, findings: findings, profiles: profiles, parameters: parameters)

        var flags: [(subject: String, indicator: String, value: Double?, evidence: JSONValue)] = []
        func flag(_ section: Section, _ indicator: String, lawyer: UInt32, judge: UInt32, p: Double) {
            let evidence = CollusionDocuments.evidence(PatternEvidence(section: section.rawValue, lawyer: documents.key(lawyer), judge: documents.key(judge)))
            for subject in [lawyer, judge] { flags.append((documents.key(subject), indicator, p, evidence)) }
        }
        for a in findings.appearances { flag(.appearance, "judge_lawyer_appearance", lawyer: a.lawyer, judge: a.judge, p: a.pValue) }
        for w in findings.winRates { flag(.winRate, "judge_lawyer_win_rate", lawyer: w.lawyer, judge: w.judge, p: w.pValue) }

        let significant = { (ps: [Double]) in ps.count { $0 < parameters.significance } }
        let summary = JudicialPatternsSummary(
            cases: cases.count, judges: profiles.count, appearanceTests: findings.appearanceTests, winRateTests: findings.winRateTests,
            appearances: findings.appearances.count, winRates: findings.winRates.count,
            appearancesAfterAdjustment: significant(findings.appearances.map(\.adjustedPValue)),
            winRatesAfterAdjustment: significant(findings.winRates.map(\.adjustedPValue)), pairs: findings.pairs, pairsTooFew: findings.pairsTooFew)
        let record = AnalysisRecord(
            analysis: Self.analysis, parametersJSON: String(decoding: try JSONEncoder.sorted.encode(parameters), as: UTF8.self),
            summary: summary.json, sections: documents.sections, flags: flags)
        let seconds = (clock.now - started) / .seconds(1)
        let id = try record.store(in: session.store, period: nil, seconds: seconds)
        return Report(
            runID: id, cases: cases.count, judges: profiles.count, appearanceTests: findings.appearanceTests, winRateTests: findings.winRateTests,
            pairs: findings.pairs, pairsTooFew: findings.pairsTooFew, appearances: documents.appearances, winRates: documents.winRates, profiles: documents.profiles, parameters: parameters,
            seconds: (clock.now - started) / .seconds(1))
    }

    /// The profile of the judge `reference` names (`kind:key`, a key or a name) from the latest
    /// run, running one first when none is stored; `ran` says whether it did.
    public static func profile(of reference: String, session: Session, parameters: JudicialParameters = JudicialParameters()) throws -> (
        document: JudgeProfileDocument, run: AnalysisRun, ran: Bool
    ) {
        var ran = false
        if try AnalysisRun.latest(analysis, in: session.store) == nil {
            _ = try JudicialPatterns(parameters: parameters).run(session: session)
            ran = true
        }
        let found = try profile(of: reference, store: session.store)
        return (found.document, found.run, ran)
    }

    /// The profile of the judge `reference` names from stored run `run` (the latest when nil);
    /// nothing is run.
    public static func profile(of reference: String, store: Store, run id: Int? = nil) throws -> (document: JudgeProfileDocument, run: AnalysisRun) {
        let judge = try EntityResolver(store: store).resolve(reference)
        let run = try AnalysisRun.chosen(analysis, id: id, in: store)
        guard let row = try run.section(Section.profiles.rawValue, in: store).first(where: { $0.subject == judge.reference }) else {
            throw ServiceError.noJudgeProfile(reference: judge.reference, run: run.id)
        }
        return (try StoredDocument.decode(JudgeProfileDocument.self, from: row.json), run)
    }

    /// What `trama judges lawyers --format json` printed for stored run `run` (the latest when
    /// nil), read back: the same answer, without running the tests again.
    public static func stored(store: Store, run id: Int? = nil) throws -> JudicialPatternsAnswer {
        let run = try AnalysisRun.chosen(analysis, id: id, in: store)
        let summary = try StoredDocument.decode(JudicialPatternsSummary.self, from: run.summaryJSON)
        return JudicialPatternsAnswer(
            run: run.id, cases: summary.cases, judges: summary.judges,
            tests: JudicialPatternsAnswer.Tests(appearance: summary.appearanceTests, winRate: summary.winRateTests, pairs: summary.pairs, tooFew: summary.pairsTooFew),
            appearance: try run.documents(Section.appearance.rawValue, as: LawyerAppearance.self, in: store),
            winRate: try run.documents(Section.winRate.rawValue, as: LawyerWinRate.self, in: store))
    }

    /// `{"section", "lawyer", "judge"}`: a pattern's flag points at its document.
    struct PatternEvidence: Encodable {
        var section: String
        var lawyer: String
        var judge: String
    }

    /// The findings as stored documents, every entity by `kind:key` with its name.
    struct Documents {
        let refs: [Int64: Store.NodeRef]
        let ids: [Int64]
        var appearances: [LawyerAppearance] = []
        var winRates: [LawyerWinRate] = []
        /// In `kind:key` order.
        var profiles: [JudgeProfileDocument] = []

        func key(_ n: UInt32) -> String { refs[ids[Int(n)]]?.reference ?? "#\(ids[Int(n)])" }
        func name(_ n: UInt32) -> String? { refs[ids[Int(n)]]?.name }

        /// Section by section in rank order, each document with the entity it is about.
        var sections: [RunSection] {
            [
                RunSection(Section.appearance.rawValue, appearances) { $0.lawyer }, RunSection(Section.winRate.rawValue, winRates) { $0.lawyer },
                RunSection(Section.profiles.rawValue, profiles) { $0.judge },
            ]
        }

        init(refs: [Int64: Store.NodeRef], ids: [Int64], findings: JudgeLawyerFindings, profiles: [JudgeProfile], parameters: JudicialParameters) {
            self.refs = refs
            self.ids = ids
            let key = key, name = name
            func cases(_ ns: [UInt32]) -> [String] { ns.map(key).sorted() }
            func significant(_ adjusted: Double) -> Bool { adjusted < parameters.significance }
            appearances = findings.appearances.map { a in
                LawyerAppearance(
                    lawyer: key(a.lawyer), lawyerName: name(a.lawyer), judge: key(a.judge), judgeName: name(a.judge), court: key(a.court),
                    courtName: name(a.court), casesBeforeJudge: a.beforeJudge, casesInPeerGroup: a.inPeerGroup, judgeShare: a.judgeShare,
                    expected: a.expected, ratio: a.ratio, pValue: a.pValue, adjustedPValue: a.adjustedPValue, tests: findings.appearanceTests,
                    significantAfterAdjustment: significant(a.adjustedPValue), cases: cases(a.cases))
            }
            winRates = findings.winRates.map { w in
                LawyerWinRate(
                    lawyer: key(w.lawyer), lawyerName: name(w.lawyer), judge: key(w.judge), judgeName: name(w.judge), court: key(w.court),
                    courtName: name(w.court), direction: w.direction.rawValue, beforeJudge: WinRecord(won: w.wonBeforeJudge, decided: w.decidedBeforeJudge),
                    beforePeers: WinRecord(won: w.wonBeforePeers, decided: w.decidedBeforePeers), pValue: w.pValue, adjustedPValue: w.adjustedPValue,
                    tests: findings.winRateTests, significantAfterAdjustment: significant(w.adjustedPValue), cases: cases(w.cases))
            }
            self.profiles = profiles.map { p in
                let peers = p.peerFigures.map { f in
                    JudgeProfileDocument.PeerCaseload(
                        judges: p.peers.map(key), casesPerJudge: f.casesPerJudge, cases: f.cases, decided: f.decided, pending: f.pending,
                        medianDaysToDecision: f.medianDaysToDecision)
                }
                let outcomes = p.outcomes.map { o in
                    JudgeProfileDocument.OutcomeShare(
                        outcome: o, cases: p.figures.outcomes[o, default: 0], share: p.figures.share(of: o),
                        peerCases: p.peerFigures.map { $0.outcomes[o, default: 0] }, peerShare: p.peerFigures?.share(of: o))
                }
                // No comparison from a handful of decided cases, nor without peers.
                let enough = p.figures.decided >= parameters.verdictMinimumDecided
                let verdict: String? =
                    if p.peerFigures == nil {
                        "No verdict: no peers with \(parameters.peerMinimumCases) cases between them to compare with."
                    } else if !enough {
                        "Too few cases for a verdict: \(p.figures.decided) decided (a comparison with the peers needs at least "
                            + "\(parameters.verdictMinimumDecided)); the figures are shown, not compared."
                    } else {
                        nil
                    }
                return JudgeProfileDocument(
                    judge: key(p.judge), judgeName: name(p.judge), court: p.court.map(key), courtName: p.court.flatMap(name),
                    specialisation: p.specialisation,
                    caseload: JudgeProfileDocument.Caseload(
                        cases: p.figures.cases, decided: p.figures.decided, pending: p.figures.pending, medianDaysToDecision: p.figures.medianDaysToDecision),
                    peers: peers, outcomes: outcomes,
                    versusPeers: p.peerFigures == nil
                        ? nil : JudgeProfileDocument.VersusPeers(caseloadRatio: p.caseloadRatio, medianDaysDifference: enough ? p.medianDaysDifference : nil),
                    verdict: verdict)
            }.sorted { $0.judge < $1.judge }
        }
    }
}
