import TramaGraph

/// A party — or a party's lawyer — tied to the judge who presides the case, through
/// relationships outside the case that were valid on the day it was filed: the judge's
/// relative owns the party, the judge declared shares in it, the party's lawyer is the judge's
/// spouse, the party gave money to the politician who appointed the judge.
public struct JudgeConflict: Sendable, Hashable {
    /// Whom the chain reaches.
    public enum Reaches: String, Sendable, Hashable {
        case party
        case lawyer
    }

    public var judge: UInt32
    public var `case`: UInt32
    public var party: UInt32
    /// The party's lawyer the chain reaches, for `reaches == .lawyer`.
    public var lawyer: UInt32?
    public var reaches: Reaches
    /// From the judge to the party (or lawyer), every hop valid on `filed`.
    public var path: GraphPath
    public var filed: Day?
}

/// Finds every ``JudgeConflict`` in a set of cases: for each case, the shortest chain from the
/// presiding judge to each party and each lawyer, at most ``JudicialParameters/hops`` long,
/// every hop valid on the filing day, never through an entity with more than
/// ``JudicialParameters/maxDegree`` ties. A chain is either personal — through
/// ``JudicialParameters/relations`` only — or starts with the judge's appointment and goes on
/// from the appointing authority through ``JudicialParameters/appointmentRelations`` only.
///
/// A relationship with no end date counts from its start on (an appointment, a donation, a
/// marriage); one with an end date counts only up to it — a shareholding sold before the case
/// is no conflict, one bought after it is not one on the filing day either. A case with no
/// filing date is judged on every relationship whatever its dates.
public struct JudgeConflictScreen: Sendable {
    public var parameters: JudicialParameters
    static let appointed = "appointed"

    public init(parameters: JudicialParameters = JudicialParameters()) { self.parameters = parameters }

    /// The filters one case's searches use: personal chains, and chains on from the appointer.
    func filters(for graph: CSRGraph, at day: Day?) -> (personal: PathFilter, political: PathFilter) {
        func filter(_ relations: [String], hops: Int) -> PathFilter {
            PathFilter(
                edgeKinds: KindSet(names: relations.filter { $0 != Self.appointed }, in: graph.edgeKinds), validAt: day, maxHops: hops,
                maxDegree: parameters.maxDegree, visitBudget: 5_000_000)
        }
        return (filter(parameters.relations, hops: parameters.hops), filter(parameters.appointmentRelations, hops: parameters.hops - 1))
    }

    /// Conflicts ordered by case, then party, then lawyer; the cases split across `workers`.
    public func run(graph: CSRGraph, cases: [CaseFacts], workers: Int = Parallelism.processorCount) -> [JudgeConflict] {
        let chunks = Parallelism.map(cases.count, workers: workers, minimumChunk: 64) { range in
            let workspace = SearchWorkspace(nodeCount: graph.nodeCount)
            var found: [JudgeConflict] = []
            for c in cases[range] { found += conflicts(in: c, graph: graph, workspace: workspace) }
            return found
        }
        return chunks.flatMap { $0 }
    }

    /// One case's conflicts.
    public func conflicts(in c: CaseFacts, graph: CSRGraph, workspace: SearchWorkspace? = nil) -> [JudgeConflict] {
        guard let judge = c.judge else { return [] }
        let (personal, political) = filters(for: graph, at: c.filed)
        // Who appointed the judge, by which edge, as of the filing day.
        var appointers: [(node: UInt32, edge: UInt32)] = []
        if let kind = graph.edgeKinds.code(Self.appointed) {
            graph.forEachIncident(judge) { other, e in
                guard graph.edgeKind[Int(e)] == kind, other != judge else { return }
                if let day = c.filed, !graph.validity(of: e).contains(day) { return }
                appointers.append((other, e))
            }
        }
        func chain(to n: UInt32) -> GraphPath? {
            guard n != judge else { return nil }
            var best = (try? graph.shortestPath(from: judge, to: n, filter: personal, workspace: workspace))?.path
            for a in appointers where best.map({ $0.hops > 1 }) ?? true {
                if a.node == n { return GraphPath(nodes: [judge, n], edges: [a.edge]) }
                guard parameters.hops > 1,
                    let rest = (try? graph.shortestPath(from: a.node, to: n, filter: political, workspace: workspace))?.path,
                    !rest.nodes.contains(judge), rest.hops + 1 < (best?.hops ?? Int.max)
                else { continue }
                best = GraphPath(nodes: [judge] + rest.nodes, edges: [a.edge] + rest.edges)
            }
            return best
        }
        var out: [JudgeConflict] = []
        for p in c.parties {
            if let path = chain(to: p.node) {
                out.append(JudgeConflict(judge: judge, case: c.node, party: p.node, lawyer: nil, reaches: .party, path: path, filed: c.filed))
            }
            for l in p.lawyers {
                if let path = chain(to: l) {
                    out.append(JudgeConflict(judge: judge, case: c.node, party: p.node, lawyer: l, reaches: .lawyer, path: path, filed: c.filed))
                }
            }
        }
        return out
    }
}
