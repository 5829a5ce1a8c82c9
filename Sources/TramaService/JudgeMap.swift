import Foundation
public import TramaAnalysis
public import TramaGraph
public import TramaRender
public import TramaStore

/// `trama judges map JUDGE`: the network map judge profiles publish — the judge at the centre;
/// their court, appointing authority, relatives, declared interests, schools, mentors and
/// successors; the parties and lawyers before them (grouped when there are many cases); every
/// conflict of interest the screen finds for the judge's cases drawn whole in the findings'
/// colour; and counts of what the cap leaves out ("+329 judges").
public struct JudgeMapQuery: Sendable {
    public var judge: String
    public var plan = EgoMapPlan.Options()
    /// The conflict screen's parameters (hops, relations) for the highlighted paths.
    public var parameters = JudicialParameters()
    /// The day printed as "generated": today by default; give it to reproduce a map byte for byte.
    public var generated: Day

    public init(judge: String, generated: Day) {
        self.judge = judge
        self.generated = generated
    }

    public func run(on graph: CSRGraph, store: Store) throws -> JudgeMapAnswer {
        let (ref, centre) = try EntityResolver(store: store).node(judge, in: graph)
        let cases = JudicialScan.facts(from: try store.judicialRows(), graph: graph).filter { c in
            c.judge == centre && (plan.validAt == nil || (c.filed ?? .distantPast) <= plan.validAt!)
        }
        let conflicts = JudgeConflictScreen(parameters: parameters).run(graph: graph, cases: cases)
            .sorted { ($0.case, $0.party, $0.lawyer ?? 0) < ($1.case, $1.party, $1.lawyer ?? 0) }
        // Each conflict is drawn with its case: the judge presides it, the party (or lawyer) is in it.
        func tie(_ a: UInt32, _ b: UInt32) -> UInt32? {
            var found: UInt32?
            graph.forEachIncident(a) { v, e in if v == b, found == nil { found = e } }
            return found
        }
        let findings = conflicts.flatMap { c -> [GraphPath] in
            let end = c.lawyer ?? c.party
            guard let presides = tie(c.judge, c.case), let inCase = tie(end, c.case) else { return [c.path] }
            return [c.path, GraphPath(nodes: [c.judge, c.case, end], edges: [presides, inCase])]
        }
        let p = try graph.egoMapPlan(centre: centre, findings: findings, options: plan)
        let records = try SnapshotRecords(nodes: p.nodes, edges: p.edges, of: graph, store: store)
        return JudgeMapAnswer(
            judge: EntityInfo(ref), query: self, plan: p, entities: try p.nodes.map(records.entity),
            edges: try p.edges.map(records.edge),
            groups: try p.groups.map {
                JudgeMapAnswer.CaseGroup(entity: try records.entity($0.entity), relation: graph.edgeKinds.name($0.relation), count: $0.count, first: $0.first, last: $0.last)
            },
            summaries: try p.summaries.map {
                JudgeMapAnswer.Summary(anchor: try records.entity($0.anchor), kind: graph.nodeKinds.name($0.kind), relation: graph.edgeKinds.name($0.relation), count: $0.count)
            },
            conflicts: conflicts.count, cases: cases.count,
            findingEntities: Set(try p.findingNodes.map { try records.entity($0).reference }),
            findingEdges: Set(p.findingEdges.map { graph.edgeHandle[Int($0)] }), edgeHandles: p.edges.map { graph.edgeHandle[Int($0)] })
    }
}

public struct JudgeMapAnswer: Sendable {
    public var judge: EntityInfo
    public var query: JudgeMapQuery
    public var plan: EgoMapPlan
    /// Drawn entities, the judge first.
    public var entities: [EntityInfo]
    public var edges: [EdgeInfo]
    public var groups: [CaseGroup]
    public var summaries: [Summary]
    public var conflicts: Int
    /// The judge's cases considered (filed by `--at` when given).
    public var cases: Int
    var findingEntities: Set<String>
    var findingEdges: Set<Int64>
    var edgeHandles: [Int64]

    /// A party or lawyer drawn once for the judge's cases they share (when the cases are grouped).
    public struct CaseGroup: Codable, Sendable, Hashable {
        public var entity: EntityInfo
        /// `party_to` or `counsel_in`.
        public var relation: String
        /// Cases before the judge.
        public var count: Int
        /// The first and last filing, ISO days.
        public var first: String?
        public var last: String?

        init(entity: EntityInfo, relation: String, count: Int, first: Day?, last: Day?) {
            self.entity = entity
            self.relation = relation
            self.count = count
            self.first = first?.iso
            self.last = last?.iso
        }
    }

    /// Entities of one kind tied to an anchor that the cap leaves out, drawn as a count ("+329 judges").
    public struct Summary: Codable, Sendable, Hashable {
        public var anchor: EntityInfo
        public var kind: String
        public var relation: String
        public var count: Int
    }

    /// The map: kinds styled by the theme, relationships labelled with kind and dates, findings
    /// highlighted, summaries as dotted boxes; the title block names the judge, their court and
    /// appointment, the data sources, the date the map is valid for, and the day it was made.
    public func map() -> NetworkMap {
        var nodes = entities.map { e -> MapNode in
            let emphasis: MapNode.Emphasis = e.reference == judge.reference ? .endpoint : findingEntities.contains(e.reference) ? .highlighted : .normal
            var node = e.mapNode(emphasis)
            // A key that only repeats the name (a school's, a law firm's without its legal form)
            // says nothing more.
            if let name = e.name {
                let key = Self.letters(e.key), written = Self.letters(name)
                if key.contains(written) || written.hasPrefix(key) { node.detail = nil }
            }
            return node
        }
        // Labels on the judge's own ties and on findings; the rest are told apart by the legend's
        // line styles, since at publication size their labels would pile up around the hubs.
        var mapEdges = zip(edges, edgeHandles).map { e, h in
            var edge = e.mapEdge(highlighted: findingEdges.contains(h))
            if !edge.highlighted, e.from != judge.reference, e.to != judge.reference { edge.label = nil }
            return edge
        }
        for g in groups {
            let span = [g.first, g.last].compactMap { $0 }
            let period = span.isEmpty ? nil : span[0] == span.last! ? span[0] : "\(span[0]) – \(span.last!)"
            let role = g.relation == "counsel_in" ? "counsel" : g.relation == "party_to" ? "party" : g.relation.replacingOccurrences(of: "_", with: " ")
            mapEdges.append(MapEdge(
                from: g.entity.reference, to: judge.reference, kind: g.relation,
                label: ["\(role) in \(g.count) case\(g.count == 1 ? "" : "s") before the judge", period].compactMap { $0 }.joined(separator: "\n"),
                highlighted: false))
        }
        if plan.grouped > 0 {
            let id = "summary:\(judge.reference):case"
            let hidden = plan.hiddenGroupEntities
            nodes.append(MapNode(
                id: id, kind: "summary", label: "+\(plan.grouped) \(Self.plural("case", plan.grouped))",
                detail: hidden > 0 ? "and \(hidden) more parties and lawyers" : nil))
            mapEdges.append(MapEdge(from: judge.reference, to: id, kind: "summary", label: "presides"))
        }
        for s in summaries {
            let id = "summary:\(s.anchor.reference):\(s.kind)"
            nodes.append(MapNode(id: id, kind: "summary", label: "+\(s.count) \(Self.plural(s.kind, s.count))"))
            mapEdges.append(MapEdge(from: s.anchor.reference, to: id, kind: "summary", label: s.relation.replacingOccurrences(of: "_", with: " ")))
        }
        return NetworkMap(title: "Judge " + (judge.name ?? judge.key), subtitle: subtitle, nodes: nodes, edges: Self.merged(mapEdges), centre: judge.reference)
    }

    /// The title block's lines under the name.
    var subtitle: String {
        var lines: [String] = []
        let courts = edges.filter { $0.kind == "serves_at" && $0.from == judge.reference }
        let names = Dictionary(entities.map { ($0.reference, $0.name ?? $0.key) }, uniquingKeysWith: { a, _ in a })
        if !courts.isEmpty {
            lines.append("Court: " + courts.map { [names[$0.to] ?? $0.to, $0.period].compactMap { $0 }.joined(separator: ", ") }.joined(separator: "; "))
        }
        let appointers = edges.filter { $0.kind == "appointed" && $0.to == judge.reference }
        if !appointers.isEmpty {
            lines.append("Appointed by: " + appointers.map { [names[$0.from] ?? $0.from, $0.validFrom].compactMap { $0 }.joined(separator: ", ") }.joined(separator: "; "))
        }
        var facts: [String] = []
        if cases > 0 { facts.append("\(cases) case\(cases == 1 ? "" : "s")") }
        if conflicts > 0 { facts.append("\(conflicts) conflict\(conflicts == 1 ? "" : "s") of interest (in red)") }
        if !facts.isEmpty { lines.append(facts.joined(separator: " · ")) }
        let sources = Set(edges.map(\.dataset)).sorted()
        lines.append(
            [
                sources.isEmpty ? nil : "Data: " + sources.joined(separator: ", "),
                query.plan.validAt.map { "ties valid on \($0.iso)" } ?? "ties of any date",
                "within \(query.plan.hops) hops", "generated \(query.generated.iso) by Trama",
            ].compactMap { $0 }.joined(separator: " · "))
        return lines.joined(separator: "\n")
    }

    /// The layout for this map's size (``Layout/egoNetwork(nodeCount:)``).
    public var layout: Layout { Layout.egoNetwork(nodeCount: entities.count + summaries.count + (plan.grouped > 0 ? 1 : 0)) }

    /// `{"judge", "title", "subtitle", "layout", "cases", "conflicts", "grouped_cases", "nodes", "edges"}`: the map as drawn.
    public var document: JudgeMapDocument {
        let m = map()
        return JudgeMapDocument(
            judge: judge, title: m.title, subtitle: m.subtitle, layout: layout.rawValue, cases: cases, conflicts: conflicts, groupedCases: plan.grouped,
            nodes: m.nodes.map { JudgeMapDocument.Node(id: $0.id, kind: $0.kind, label: $0.label, detail: $0.detail, emphasis: "\($0.emphasis)") },
            edges: m.edges.map { JudgeMapDocument.Edge(from: $0.from, to: $0.to, kind: $0.kind, label: $0.label, highlighted: $0.highlighted) })
    }

    public var json: JSONValue { document.json }

    /// Several relationships between the same two entities (a sister who is also a declared
    /// relative; two appointments) as one line with every label: parallel curves crowd their
    /// labels together, and Graphviz routes them differently from one render to the next in a
    /// process, which would break byte-identical output. The line takes the highlighted kind,
    /// else the first.
    static func merged(_ edges: [MapEdge]) -> [MapEdge] {
        var index: [String: Int] = [:]
        var out: [MapEdge] = []
        for e in edges {
            let key = [e.from, e.to].sorted().joined(separator: "|")
            guard let i = index[key] else {
                index[key] = out.count
                out.append(e)
                continue
            }
            if e.highlighted && !out[i].highlighted {
                out[i].kind = e.kind
                out[i].highlighted = true
            }
            out[i].label = [out[i].label, e.label].compactMap { $0 }.joined(separator: "\n")
            if out[i].label?.isEmpty == true { out[i].label = nil }
        }
        return out
    }

    static func letters(_ s: String) -> String { String(s.uppercased().filter { $0.isLetter || $0.isNumber }) }

    static func plural(_ kind: String, _ n: Int) -> String {
        let word = kind.replacingOccurrences(of: "_", with: " ")
        guard n != 1 else { return word }
        switch word {
        case "person": return "people"
        case "party": return "parties"
        case "agency": return "agencies"
        case "address": return "addresses"
        case "case": return "cases"
        default: return word + "s"
        }
    }
}

/// A judge's map as `trama judges map --format json` gives it: what is drawn, for a web
/// explorer to lay out itself.
public struct JudgeMapDocument: Answer, Hashable {
    public var judge: EntityInfo
    public var title: String
    public var subtitle: String?
    /// The Graphviz layout the map is drawn with.
    public var layout: String
    public var cases: Int
    public var conflicts: Int
    public var groupedCases: Int
    public var nodes: [Node]
    public var edges: [Edge]

    public struct Node: Codable, Sendable, Hashable {
        public var id: String
        public var kind: String
        public var label: String
        public var detail: String?
        /// `normal`, `endpoint` or `highlighted`.
        public var emphasis: String
    }

    public struct Edge: Codable, Sendable, Hashable {
        public var from: String
        public var to: String
        public var kind: String
        public var label: String?
        public var highlighted: Bool
    }

    enum CodingKeys: String, CodingKey { case judge, title, subtitle, layout, cases, conflicts, groupedCases = "grouped_cases", nodes, edges }
}
