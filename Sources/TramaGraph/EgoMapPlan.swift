/// Which entities around one a publishable map draws, and how it summarises the rest.
///
/// A judge's two-hop neighbourhood in real data runs to hundreds of entities (a president
/// appointed 330 judges; a district court seats 150), which no printed map can show. The plan
/// keeps what a reader needs and counts the rest:
/// - **Findings first.** Every node and edge of the given paths (conflicts) is drawn, whatever
///   the cap.
/// - **Grouping.** When the centre has more than ``Options/groupThreshold`` neighbours of the
///   group kind (cases), they are not drawn one by one: the entities behind them (parties,
///   lawyers) are drawn once each with a ``Group`` edge to the centre that counts the cases
///   they share, most cases first; the cases themselves become one summary.
/// - **Cap.** Then the nearest entities, most connected first, up to ``Options/maxNodes``;
///   an entity is only drawn when it has an edge to one already drawn, so the map stays one
///   piece. The parties and lawyers of the centre's drawn cases come before other entities as
///   far out (a judge's colleagues at court, fellow alumni), and are not held to
///   ``Options/perAnchor``: a case is its parties and lawyers.
/// - **Affiliations.** The drawn entities' ``Options/affiliations`` (a lawyer's law firm) are
///   drawn one step further, beyond ``Options/hops``, while the cap allows.
/// - **Summaries.** Entities left out, and the neighbours of hubs (more than
///   ``Options/maxDegree`` ties: drawn, not expanded), are counted per drawn neighbour and
///   kind ("+329 judges" beside the president), at most ``Options/maxSummaries`` of them.
///
/// Deterministic: ties are broken by node index, so the same graph and options give the same plan.
public struct EgoMapPlan: Sendable, Hashable {
    public struct Options: Sendable, Hashable {
        public var hops = 2
        public var validAt: Day?
        public var maxDegree = 50
        public var maxNodes = 24
        /// The node kind grouped when there are many (`case`), by its name in the graph.
        public var groupKind: String? = "case"
        public var groupThreshold = 8
        public var maxSummaries = 8
        /// Entities two or more hops out drawn per nearer entity they hang from: beyond a few,
        /// a school's or a president's other judges bury the judge's own ties; they are counted.
        public var perAnchor = 3
        /// Relationship kinds followed one step beyond `hops` from the entities drawn around
        /// the centre's cases (by name in the graph): who a lawyer works for.
        public var affiliations: [String] = ["works_at"]

        public init() {}
    }

    /// An entity drawn for the grouped nodes it shares with the centre.
    public struct Group: Sendable, Hashable {
        public var entity: UInt32
        /// The kind of its edge to the grouped nodes (`party_to`, `counsel_in`).
        public var relation: KindCode
        public var count: Int
        /// Earliest and latest start of the centre's edges to those grouped nodes (filing dates).
        public var first: Day?
        public var last: Day?
    }

    /// Entities not drawn, next to the drawn entity they are tied to.
    public struct Summary: Sendable, Hashable {
        public var anchor: UInt32
        public var kind: KindCode
        /// The commonest relationship kind among them.
        public var relation: KindCode
        public var count: Int
    }

    /// Drawn nodes, the centre first.
    public var nodes: [UInt32]
    /// Hops from the centre per node (findings beyond the neighbourhood carry their path position).
    public var hops: [Int]
    /// Drawn edges among drawn nodes, ascending; findings' edges included.
    public var edges: [UInt32]
    public var findingNodes: Set<UInt32>
    public var findingEdges: Set<UInt32>
    public var groups: [Group]
    /// Nodes of the group kind that are summarised rather than drawn.
    public var grouped: Int
    /// Entities behind the grouped nodes that the cap left out.
    public var hiddenGroupEntities: Int
    public var summaries: [Summary]
}

extension CSRGraph {
    /// The map plan around `centre` (see ``EgoMapPlan``); `findings` are paths drawn whole.
    public func egoMapPlan(centre: UInt32, findings: [GraphPath] = [], options o: EgoMapPlan.Options = .init()) throws(GraphError) -> EgoMapPlan {
        let filter = PathFilter(validAt: o.validAt, maxHops: o.hops, maxDegree: o.maxDegree)
        let hood = try neighborhood(of: centre, hops: o.hops, filter: filter)
        var hopOf: [UInt32: Int] = [:]
        for (n, h) in zip(hood.nodes, hood.hops) { hopOf[n] = h }
        let findingNodes = Set(findings.flatMap(\.nodes))
        let findingEdges = Set(findings.flatMap(\.edges))
        // Edges of the neighbourhood, per node.
        var incident: [UInt32: [UInt32]] = [:]
        for e in hood.edges {
            incident[source(of: e), default: []].append(e)
            incident[target(of: e), default: []].append(e)
        }

        // Grouping: the centre's many cases give way to the entities behind them.
        let groupCode = o.groupKind.flatMap { nodeKinds.code($0) }
        var groupedAway = Set<UInt32>()
        var groups: [EgoMapPlan.Group] = []
        let centreGroupNodes = hood.nodes.filter { groupCode != nil && nodeKind[Int($0)] == groupCode && hopOf[$0] == 1 }
        if centreGroupNodes.count > o.groupThreshold {
            groupedAway = Set(centreGroupNodes.filter { !findingNodes.contains($0) })
            var tally: [UInt32: EgoMapPlan.Group] = [:]
            for g in groupedAway.sorted() {
                let start = (incident[g] ?? []).first { otherEnd(of: $0, from: g) == centre }.map { validity(of: $0).from }
                let day = start.flatMap { $0 == .distantPast ? nil : $0 }
                for e in incident[g] ?? [] {
                    let v = otherEnd(of: e, from: g)
                    guard v != centre, hopOf[v] == 2 else { continue }
                    var t = tally[v] ?? EgoMapPlan.Group(entity: v, relation: edgeKind[Int(e)], count: 0, first: day, last: day)
                    t.count += 1
                    if let day {
                        t.first = min(t.first ?? day, day)
                        t.last = max(t.last ?? day, day)
                    }
                    tally[v] = t
                }
            }
            groups = tally.values.sorted { ($1.count, $0.entity) < ($0.count, $1.entity) }
        }

        // Selection.
        var drawn: [UInt32] = [centre]
        var drawnHops: [Int] = [0]
        var isDrawn: Set<UInt32> = [centre]
        for p in findings {
            for (i, n) in p.nodes.enumerated() where isDrawn.insert(n).inserted {
                drawn.append(n)
                drawnHops.append(hopOf[n] ?? min(i, p.nodes.count - 1 - i))
            }
        }
        func connected(_ v: UInt32) -> Bool { (incident[v] ?? []).contains { isDrawn.contains(otherEnd(of: $0, from: v)) } }
        let groupEntities = Set(groups.map(\.entity))
        // Entities reached only through grouped cases are drawn as groups or not at all.
        func onlyThroughGroups(_ v: UInt32) -> Bool {
            let ties = (incident[v] ?? []).map { otherEnd(of: $0, from: v) }.filter { hopOf[$0].map { $0 < hopOf[v]! } ?? false }
            return !ties.isEmpty && ties.allSatisfy { groupedAway.contains($0) }
        }
        let candidates = hood.nodes.dropFirst().filter { v in
            !isDrawn.contains(v) && !groupedAway.contains(v) && !groupEntities.contains(v) && !onlyThroughGroups(v)
        }
        let ranked = candidates.sorted { a, b in
            let ka = (hopOf[a]!, -(incident[a]?.count ?? 0), a), kb = (hopOf[b]!, -(incident[b]?.count ?? 0), b)
            return ka < kb
        }
        let position = Dictionary(uniqueKeysWithValues: ranked.enumerated().map { ($1, $0) })
        var groupQueue = groups[...]
        var shownGroups: [EgoMapPlan.Group] = []
        // Hop-1 entities first, then the groups, then farther entities: those tied to several
        // drawn entities first (a relative who is also a party's director), at most
        // `perAnchor` per entity they hang from.
        var children: [UInt32: Int] = [:]
        // Affiliations of the entities drawn around cases, one step out, drawn with them.
        let affiliationCodes = Set(o.affiliations.compactMap { edgeKinds.code($0) })
        var affiliationEdges: [UInt32] = []
        func affiliate(_ u: UInt32, hop: Int) {
            guard !affiliationCodes.isEmpty else { return }
            forEachIncident(u) { v, e in
                guard affiliationCodes.contains(edgeKind[Int(e)]), filter.admits(edge: Int(e), in: self) else { return }
                if !isDrawn.contains(v) {
                    guard drawn.count < o.maxNodes else { return }
                    isDrawn.insert(v)
                    drawn.append(v)
                    drawnHops.append(hop + 1)
                }
                affiliationEdges.append(e)
            }
        }
        for tier in 1...max(1, o.hops) {
            let atTier = ranked.filter { hopOf[$0] == tier }
            let ties = Dictionary(uniqueKeysWithValues: atTier.map { v in
                (v, Set((incident[v] ?? []).map { otherEnd(of: $0, from: v) }.filter { isDrawn.contains($0) }).count)
            })
            let inCase = Dictionary(uniqueKeysWithValues: atTier.map { v in
                (v, groupCode != nil && (incident[v] ?? []).contains { e in
                    let u = otherEnd(of: e, from: v)
                    return isDrawn.contains(u) && nodeKind[Int(u)] == groupCode
                })
            })
            let order = atTier.sorted { (inCase[$0]! ? 0 : 1, -ties[$0]!, position[$0]!) < (inCase[$1]! ? 0 : 1, -ties[$1]!, position[$1]!) }
            for v in order where drawn.count < o.maxNodes && connected(v) {
                if tier > 1, !inCase[v]! {
                    let anchor = (incident[v] ?? []).map { otherEnd(of: $0, from: v) }.filter { isDrawn.contains($0) && hopOf[$0].map { $0 < tier } ?? false }.min()
                    guard let anchor, children[anchor, default: 0] < o.perAnchor else { continue }
                    children[anchor, default: 0] += 1
                }
                if isDrawn.insert(v).inserted {
                    drawn.append(v)
                    drawnHops.append(tier)
                    if inCase[v]! { affiliate(v, hop: tier) }
                }
            }
            if tier == 1 {
                while drawn.count < o.maxNodes, let g = groupQueue.popFirst() {
                    if isDrawn.insert(g.entity).inserted {
                        drawn.append(g.entity)
                        drawnHops.append(2)
                        affiliate(g.entity, hop: 2)
                    }
                    shownGroups.append(g)
                }
            }
        }

        // Drawn edges: the neighbourhood's among drawn nodes, plus the findings' and affiliations'.
        var edgeSet = Set(hood.edges.filter { isDrawn.contains(source(of: $0)) && isDrawn.contains(target(of: $0)) })
        edgeSet.formUnion(findingEdges)
        edgeSet.formUnion(affiliationEdges)
        // Grouped cases' own edges are summarised, not drawn.
        edgeSet = edgeSet.filter { findingEdges.contains($0) || !(groupedAway.contains(source(of: $0)) || groupedAway.contains(target(of: $0))) }

        // Summaries: what is not drawn, beside a drawn neighbour, per kind.
        var counted = isDrawn.union(groupedAway).union(groupEntities)
        var tallies: [[UInt32]: (count: Int, relations: [KindCode: Int])] = [:]
        var anchors: [[UInt32]] = []
        for (u, h) in zip(drawn, drawnHops) where h < o.hops {
            forEachIncident(u) { v, e in
                guard filter.admits(edge: Int(e), in: self), counted.insert(v).inserted else { return }
                let key = [u, UInt32(nodeKind[Int(v)])]
                if tallies[key] == nil { anchors.append(key) }
                tallies[key, default: (0, [:])].count += 1
                tallies[key]!.relations[edgeKind[Int(e)], default: 0] += 1
            }
        }
        var summaries = anchors.map { key -> EgoMapPlan.Summary in
            let t = tallies[key]!
            let relation = t.relations.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
            return EgoMapPlan.Summary(anchor: key[0], kind: KindCode(key[1]), relation: relation, count: t.count)
        }
        summaries.sort { ($1.count, $0.anchor, $0.kind) < ($0.count, $1.anchor, $1.kind) }
        summaries = Array(summaries.prefix(o.maxSummaries))

        return EgoMapPlan(
            nodes: drawn, hops: drawnHops, edges: edgeSet.sorted(), findingNodes: findingNodes, findingEdges: findingEdges,
            groups: shownGroups, grouped: groupedAway.count, hiddenGroupEntities: groups.count - shownGroups.count, summaries: summaries)
    }
}
