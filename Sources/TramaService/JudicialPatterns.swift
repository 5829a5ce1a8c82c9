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
        /// The stored documents, section by section in rank order.
        public var documents: [Section: [JSONValue]]
        public var parameters: JudicialParameters
        public var seconds: Double

        /// `{"run", "cases", "judges", "tests": {"appearance", "win_rate"}, "appearance": […], "win_rate": […]}`
        public var json: JSONValue {
            .object([
                ("run", .int(runID)), ("cases", .int(cases)), ("judges", .int(judges)),
                ("tests", .object([("appearance", .int(appearanceTests)), ("win_rate", .int(winRateTests))])),
                ("appearance", .array(documents[.appearance] ?? [])), ("win_rate", .array(documents[.winRate] ?? [])),
            ])
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
            let evidence = JSONValue.object([
                ("section", .string(section.rawValue)), ("lawyer", .string(documents.key(lawyer))), ("judge", .string(documents.key(judge))),
            ])
            for subject in [lawyer, judge] { flags.append((documents.key(subject), indicator, p, evidence)) }
        }
        for a in findings.appearances { flag(.appearance, "judge_lawyer_appearance", lawyer: a.lawyer, judge: a.judge, p: a.pValue) }
        for w in findings.winRates { flag(.winRate, "judge_lawyer_win_rate", lawyer: w.lawyer, judge: w.judge, p: w.pValue) }

        let significant = { (ps: [Double]) in JSONValue.int(ps.count { $0 < parameters.significance }) }
        let record = AnalysisRecord(
            analysis: Self.analysis, parametersJSON: String(decoding: try JSONEncoder.sorted.encode(parameters), as: UTF8.self),
            summary: [
                ("cases", .int(cases.count)), ("judges", .int(profiles.count)), ("appearance_tests", .int(findings.appearanceTests)),
                ("win_rate_tests", .int(findings.winRateTests)), ("appearances", .int(findings.appearances.count)),
                ("win_rates", .int(findings.winRates.count)),
                ("appearances_after_adjustment", significant(findings.appearances.map(\.adjustedPValue))),
                ("win_rates_after_adjustment", significant(findings.winRates.map(\.adjustedPValue))),
            ],
            sections: Section.allCases.map { s in (s.rawValue, documents.sections[s, default: []]) }, flags: flags)
        let seconds = (clock.now - started) / .seconds(1)
        let id = try record.store(in: session.store, period: nil, seconds: seconds)
        return Report(
            runID: id, cases: cases.count, judges: profiles.count, appearanceTests: findings.appearanceTests, winRateTests: findings.winRateTests,
            documents: documents.sections.mapValues { $0.map(\.body) }, parameters: parameters, seconds: (clock.now - started) / .seconds(1))
    }

    /// The profile of the judge `reference` names (`kind:key`, a key or a name) from the latest
    /// run, running one first when none is stored; `ran` says whether it did.
    public static func profile(of reference: String, session: Session, parameters: JudicialParameters = JudicialParameters()) throws -> (
        document: JSONValue, run: AnalysisRun, ran: Bool
    ) {
        let judge = try EntityResolver(store: session.store).resolve(reference)
        var ran = false
        if try AnalysisRun.latest(analysis, in: session.store) == nil {
            _ = try JudicialPatterns(parameters: parameters).run(session: session)
            ran = true
        }
        let run = try AnalysisRun.latest(analysis, in: session.store)!
        guard let row = try run.section(Section.profiles.rawValue, in: session.store).first(where: { $0.subject == judge.reference }) else {
            throw ServiceError.noJudgeProfile(reference: judge.reference, run: run.id)
        }
        return (.raw(row.json), run, ran)
    }

    /// The findings as stored documents, every entity by `kind:key` with its name.
    struct Documents {
        let refs: [Int64: Store.NodeRef]
        let ids: [Int64]
        var sections: [Section: [(subject: String?, body: JSONValue)]] = [:]

        func key(_ n: UInt32) -> String { refs[ids[Int(n)]]?.reference ?? "#\(ids[Int(n)])" }
        func name(_ n: UInt32) -> JSONValue { .optional(refs[ids[Int(n)]]?.name) }
        func entity(_ field: String, _ n: UInt32?) -> [(String, JSONValue)] {
            [(field, n.map { .string(key($0)) } ?? .null), (field + "_name", n.map(name) ?? .null)]
        }
        func optional(_ x: Double?) -> JSONValue { x.map(JSONValue.double) ?? .null }

        init(refs: [Int64: Store.NodeRef], ids: [Int64], findings: JudgeLawyerFindings, profiles: [JudgeProfile], parameters: JudicialParameters) {
            self.refs = refs
            self.ids = ids
            func pair(_ lawyer: UInt32, _ judge: UInt32, _ court: UInt32) -> [(String, JSONValue)] {
                entity("lawyer", lawyer) + entity("judge", judge) + entity("court", court)
            }
            func test(_ p: Double, _ adjusted: Double, tests: Int) -> [(String, JSONValue)] {
                [
                    ("p_value", .double(p)), ("adjusted_p_value", .double(adjusted)), ("tests", .int(tests)),
                    ("significant_after_adjustment", .bool(adjusted < parameters.significance)),
                ]
            }
            let keyOf = key
            func cases(_ ns: [UInt32]) -> JSONValue { .array(ns.map(keyOf).sorted().map(JSONValue.string)) }
            sections[.appearance] = findings.appearances.map { a in
                (key(a.lawyer), .object(pair(a.lawyer, a.judge, a.court) + [
                    ("cases_before_judge", .int(a.beforeJudge)), ("cases_in_peer_group", .int(a.inPeerGroup)), ("judge_share", .double(a.judgeShare)),
                    ("expected", .double(a.expected)), ("ratio", .double(a.ratio)),
                ] + test(a.pValue, a.adjustedPValue, tests: findings.appearanceTests) + [("cases", cases(a.cases))]))
            }
            func record(won: Int, decided: Int) -> JSONValue {
                .object([("won", .int(won)), ("decided", .int(decided)), ("rate", .double(Double(won) / Double(decided)))])
            }
            sections[.winRate] = findings.winRates.map { w in
                (key(w.lawyer), .object(pair(w.lawyer, w.judge, w.court) + [
                    ("direction", .string(w.direction.rawValue)), ("before_judge", record(won: w.wonBeforeJudge, decided: w.decidedBeforeJudge)),
                    ("before_peers", record(won: w.wonBeforePeers, decided: w.decidedBeforePeers)),
                ] + test(w.pValue, w.adjustedPValue, tests: findings.winRateTests) + [("cases", cases(w.cases))]))
            }
            func caseload(_ f: JudgeProfile.Figures) -> [(String, JSONValue)] {
                [
                    ("cases", .int(f.cases)), ("decided", .int(f.decided)), ("pending", .int(f.pending)),
                    ("median_days_to_decision", optional(f.medianDaysToDecision)),
                ]
            }
            sections[.profiles] = profiles.map { p in
                let peers: JSONValue = p.peerFigures.map { f in
                    .object([("judges", .array(p.peers.map { .string(keyOf($0)) })), ("cases_per_judge", .double(f.casesPerJudge))] + caseload(f))
                } ?? .null
                let outcomes = p.outcomes.map { o in
                    JSONValue.object([
                        ("outcome", .string(o)), ("cases", .int(p.figures.outcomes[o, default: 0])), ("share", optional(p.figures.share(of: o))),
                        ("peer_cases", p.peerFigures.map { .int($0.outcomes[o, default: 0]) } ?? .null),
                        ("peer_share", optional(p.peerFigures?.share(of: o))),
                    ])
                }
                let versus: JSONValue = p.peerFigures == nil ? .null : .object([
                    ("caseload_ratio", optional(p.caseloadRatio)), ("median_days_difference", optional(p.medianDaysDifference)),
                ])
                return (key(p.judge), .object(entity("judge", p.judge) + entity("court", p.court) + [
                    ("specialisation", .optional(p.specialisation)), ("caseload", .object(caseload(p.figures))), ("peers", peers),
                    ("outcomes", .array(outcomes)), ("versus_peers", versus),
                ]))
            }.sorted { ($0.0 ?? "") < ($1.0 ?? "") }
        }
    }
}
