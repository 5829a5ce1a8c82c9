import Foundation
public import TramaGraph
public import TramaRender
import TramaIngest
public import TramaStore

/// "Which groups hang together?" — Louvain communities of the whole graph or of a one-mode
/// projection (firms that bid in the same tenders, firms that share an owner or an employee),
/// the first cut an analyst takes at a market before looking for rings.
public struct CommunitiesQuery: Sendable {
    /// What the communities are found in.
    public enum Basis: String, Codable, Sendable, CaseIterable {
        /// Every entity and relationship, undirected.
        case graph
        /// Firms, linked by the tenders both bid in (weight: shared tenders).
        case coBidding = "co-bidding"
        /// Firms, linked by the owners — people or companies — who hold shares in both.
        case sharedOwners = "shared-owners"
        /// Firms, linked by the people employed by both.
        case sharedEmployees = "shared-employees"

        /// The projection, for the bases that are one.
        func projection(in graph: CSRGraph, filter: PathFilter, maxSharedDegree: Int, minimumWeight: Double) -> Projection? {
            let (via, relation): ([EntityKind], RelationKind)
            switch self {
            case .graph: return nil
            case .coBidding: (via, relation) = ([.tender], .bid)
            // Owners are people and companies alike (GRAS 2.7 names both).
            case .sharedOwners: (via, relation) = (EntityKind.people + [.firm], .owns)
            case .sharedEmployees: (via, relation) = ([.person], .employedBy)
            }
            var f = filter
            f.edgeKinds = KindSet(names: [relation.rawValue], in: graph.edgeKinds)
            return Projection(
                members: KindSet(names: [EntityKind.firm.rawValue], in: graph.nodeKinds),
                via: KindSet(names: via.map(\.rawValue), in: graph.nodeKinds), filter: f, maxSharedDegree: maxSharedDegree,
                minimumWeight: minimumWeight, sharedNodeIsSource: self == .sharedOwners)
        }
    }

    public var basis: Basis
    /// Only relationships valid on this day.
    public var at: Day?
    /// Shared tenders or people with more firms than this are ignored (a registered agent holds
    /// hundreds); on the whole graph, entities with more relationships than this are left out.
    public var maxSharedDegree = 200
    /// Pairs of firms sharing less than this are not linked.
    public var minimumWeight = 1.0
    public var resolution = 1.0
    public var seed: UInt64 = 1
    /// Communities smaller than this are not listed (they are still counted).
    public var minimumSize = 3
    /// How many communities to list, largest first.
    public var top = 20
    /// How many members to name per community (the best connected first).
    public var membersShown = 12

    public init(basis: Basis) { self.basis = basis }

    public func run(on graph: CSRGraph, store: Store) throws -> CommunitiesAnswer {
        var filter = PathFilter(validAt: at)
        let weighted: WeightedGraph
        if let p = basis.projection(in: graph, filter: filter, maxSharedDegree: maxSharedDegree, minimumWeight: minimumWeight) {
            weighted = graph.project(p)
        } else {
            filter.maxDegree = maxSharedDegree
            weighted = graph.undirected(filter: filter)
        }
        let c = weighted.louvain(resolution: resolution, seed: seed)
        var strength = [Double](repeating: 0, count: weighted.nodeCount)
        var insideWeight = [Double](repeating: 0, count: c.count)
        for u in 0..<weighted.nodeCount {
            weighted.forEachNeighbor(u) { v, w in
                strength[u] += w
                if c.membership[v] == c.membership[u], v >= u { insideWeight[Int(c.membership[u])] += w }
            }
        }
        var members = [[Int]](repeating: [], count: c.count)
        for u in 0..<weighted.nodeCount { members[Int(c.membership[u])].append(u) }
        let listed = (0..<c.count).filter { c.sizes[$0] >= minimumSize }
            .sorted { (c.sizes[$0], insideWeight[$0], -$0) > (c.sizes[$1], insideWeight[$1], -$1) }
            .prefix(top)
        let shown = listed.map { id in members[id].sorted { (strength[$0], -$0) > (strength[$1], -$1) }.prefix(membersShown) }
        let records = try SnapshotRecords(nodes: shown.flatMap { $0.map { weighted.original[$0] } }, of: graph, store: store)
        return CommunitiesAnswer(
            basis: basis, modularity: c.modularity, count: c.count, nodes: weighted.nodeCount, links: weighted.edgeCount,
            listed: try zip(listed, shown).map { id, shownMembers in
                let entities = Dictionary(uniqueKeysWithValues: try shownMembers.map { ($0, try records.entity(weighted.original[$0])) })
                var links: [CommunitiesAnswer.Link] = []
                for u in shownMembers {
                    weighted.forEachNeighbor(u) { v, w in
                        if v > u, let a = entities[u], let b = entities[v] { links.append(.init(from: a.reference, to: b.reference, weight: w)) }
                    }
                }
                return CommunitiesAnswer.Community(
                    size: c.sizes[id], internalWeight: insideWeight[id], members: shownMembers.map { entities[$0]! },
                    links: links.sorted { ($0.weight, $1.from, $1.to) > ($1.weight, $0.from, $0.to) })
            })
    }
}

public struct CommunitiesAnswer: Answer {
    public struct Community: Codable, Sendable {
        public var size: Int
        /// The weight of the links inside (shared tenders, owners, relationships).
        public var internalWeight: Double
        /// The best connected members, up to the query's `membersShown`.
        public var members: [EntityInfo]
        /// The links among the members shown, heaviest first: what a map of the community draws.
        public var links: [Link]

        enum CodingKeys: String, CodingKey { case size, internalWeight = "internal_weight", members, links }
    }

    /// Two members linked, and how strongly: shared tenders, owners or employees in a
    /// projection, relationships in the graph.
    public struct Link: Codable, Sendable, Hashable {
        public var from: String
        public var to: String
        public var weight: Double
    }

    public var basis: CommunitiesQuery.Basis
    public var modularity: Double
    /// Communities found, listed or not.
    public var count: Int
    /// Entities and links of the graph the communities were found in.
    public var nodes: Int
    public var links: Int
    public var listed: [Community]

    enum CodingKeys: String, CodingKey { case basis = "on", modularity, count = "communities", nodes, links, listed }

    public var text: String {
        var lines = [
            "\(count) communities in \(nodes) entities and \(links) links (\(basis.rawValue)); modularity \(String(format: "%.4f", modularity))"
        ]
        for (i, c) in listed.enumerated() {
            lines.append("\(i + 1). \(c.size) entities, internal weight \(c.internalWeight.formatted())")
            for m in c.members { lines.append("     \(PathAnswer.describe(m))") }
            if c.size > c.members.count { lines.append("     … and \(c.size - c.members.count) more") }
        }
        return lines.joined(separator: "\n")
    }

    /// The communities listed, each a box around its members shown, linked with their weight.
    public func map() -> NetworkMap {
        let what: String
        switch basis {
        case .graph: what = "relationships"
        case .coBidding: what = "tenders together"
        case .sharedOwners: what = "shared owners"
        case .sharedEmployees: what = "shared employees"
        }
        var nodes: [MapNode] = []
        var edges: [MapEdge] = []
        var clusters: [MapCluster] = []
        for (i, c) in listed.enumerated() {
            nodes += c.members.map { $0.mapNode() }
            edges += c.links.map { MapEdge(from: $0.from, to: $0.to, kind: basis.rawValue, label: "\($0.weight.formatted()) \(what)") }
            let more = c.size > c.members.count ? ", \(c.members.count) shown" : ""
            clusters.append(MapCluster(label: "\(i + 1). \(c.size) entities\(more)", members: c.members.map(\.reference)))
        }
        return NetworkMap(
            title: "Communities (\(basis.rawValue))",
            subtitle: "\(count) found, \(listed.count) listed · modularity \(String(format: "%.3f", modularity)) · patterns to review, not findings",
            nodes: nodes, edges: edges, clusters: clusters)
    }
}
