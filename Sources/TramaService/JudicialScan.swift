import Foundation
public import TramaAnalysis
import TramaModel
public import TramaGraph
public import TramaStore

/// `trama judges conflicts`: loads the graph and every case with its judge, parties and
/// lawyers, runs the conflict screen, names every entity and hop (with its source record), and
/// stores the result as one run of the `judicial` analysis, with a `judge_conflict` flag on
/// the judge and on the party pointing at each conflict.
public struct JudicialScan: Sendable {
    public static let analysis = "judicial"
    public var parameters: JudicialParameters

    public init(parameters: JudicialParameters = JudicialParameters()) { self.parameters = parameters }

    public struct Report: Sendable {
        public var runID: Int
        public var cases: Int
        /// One document per conflict, in case order.
        public var conflicts: [JudgeConflictDocument]
        public var seconds: Double
    }

    public func run(session: Session, graph loaded: CSRGraph? = nil) throws -> Report {
        let clock = ContinuousClock()
        let started = clock.now
        let graph = try loaded ?? session.loadGraph().graph
        let cases = Self.facts(from: try session.store.judicialRows(), graph: graph)
        let found = JudgeConflictScreen(parameters: parameters).run(graph: graph, cases: cases)
        let documents = try documents(found, cases: cases, graph: graph, store: session.store)
        let flags = documents.flatMap { d in
            let evidence = CollusionDocuments.evidence(ConflictEvidence(case: d.case, party: d.party, lawyer: d.lawyer))
            return [d.judge, d.party].map { (subject: $0, indicator: "judge_conflict", value: Double(d.hops) as Double?, evidence: evidence) }
        }
        let seconds = (clock.now - started) / .seconds(1)
        let record = AnalysisRecord(
            analysis: Self.analysis, parametersJSON: String(decoding: try JSONEncoder.sorted.encode(parameters), as: UTF8.self),
            summary: JudicialRunSummary(cases: cases.count, conflicts: documents.count).json,
            sections: [RunSection("conflicts", documents) { $0.judge }], flags: flags)
        let id = try record.store(in: session.store, period: nil, seconds: seconds)
        return Report(runID: id, cases: cases.count, conflicts: documents, seconds: (clock.now - started) / .seconds(1))
    }

    /// The store's rows as facts over the graph's node indices; rows naming nodes the graph
    /// does not have (deleted since the load) are skipped.
    public static func facts(from rows: JudicialRows, graph: CSRGraph) -> [CaseFacts] {
        facts(from: rows) { graph.node(withHandle: $0) }
    }

    /// The rows as facts over whatever node numbers `number` gives store ids; an id it gives
    /// none is skipped.
    static func facts(from rows: JudicialRows, number: (Int64) -> UInt32?) -> [CaseFacts] {
        func node(_ id: Int64?) -> UInt32? { id.flatMap(number) }
        var byCase: [Int64: Int] = [:]
        var cases: [CaseFacts] = []
        for r in rows.cases {
            guard let c = node(r.caseID) else { continue }
            byCase[r.caseID] = cases.count
            cases.append(CaseFacts(
                node: c, judge: node(r.judge), court: node(r.court), filed: r.filed.map(Day.init(rawValue:)),
                decided: r.decided.map(Day.init(rawValue:)), outcome: r.outcome, parties: []))
        }
        // Parties first, then lawyers, whatever order the rows came in.
        for p in rows.participants where p.lawyer == nil {
            guard let i = byCase[p.caseID], let party = node(p.party) else { continue }
            cases[i].parties.append(CaseParty(node: party, role: p.role))
        }
        for p in rows.participants {
            guard let lawyer = p.lawyer, let i = byCase[p.caseID], let l = node(lawyer) else { continue }
            if let party = node(p.party), let j = cases[i].parties.firstIndex(where: { $0.node == party }) {
                cases[i].parties[j].lawyers.append(l)
            } else {
                cases[i].otherLawyers.append(l)
            }
        }
        return cases
    }

    /// `{"case", "party", "lawyer"}`: a conflict's flag names the case, the party and the lawyer.
    struct ConflictEvidence: Encodable {
        var `case`: String
        var party: String
        var lawyer: String?
    }

    /// `{"judge", "case", "filed", "party", "role", "lawyer", "reaches", "hops", "relations",
    /// "path": {…the shape of `trama path --format json`…}}`, entities by `kind:key`.
    func documents(_ found: [JudgeConflict], cases: [CaseFacts], graph: CSRGraph, store: Store) throws -> [JudgeConflictDocument] {
        let records = try SnapshotRecords(
            nodes: found.flatMap { $0.path.nodes + [$0.case, $0.party] + ($0.lawyer.map { [$0] } ?? []) }, edges: found.flatMap(\.path.edges), of: graph, store: store)
        let caseIndex = Dictionary(cases.enumerated().map { ($1.node, $0) }, uniquingKeysWith: { a, _ in a })
        return try found.map { c in
            let judge = try records.entity(c.judge)
            let target = try records.entity(c.path.nodes.last!)
            let party = try records.entity(c.party)
            let caseRef = try records.entity(c.case)
            let role = caseIndex[c.case].flatMap { cases[$0].parties.first { $0.node == c.party }?.role }
            var query = PathQuery(
                from: judge.reference, to: target.reference, maxHops: parameters.hops,
                relations: Array(Set(parameters.relations + ["appointed"] + parameters.appointmentRelations)).sorted(), at: c.filed,
                maxDegree: parameters.maxDegree)
            query.visitBudget = nil
            let detail = PathDetail(nodes: try c.path.nodes.map(records.entity), edges: try c.path.edges.map(records.edge), cost: nil)
            let answer = PathAnswer(from: judge, to: target, status: .found, paths: [detail], query: query)
            return JudgeConflictDocument(
                judge: judge.reference, judgeName: judge.name, case: caseRef.reference, filed: c.filed?.iso, party: party.reference,
                partyName: party.name, role: role, lawyer: try c.lawyer.map { try records.entity($0).reference }, reaches: c.reaches.rawValue, hops: c.path.hops,
                relations: detail.edges.map(\.kind), path: answer)
        }
    }
}
