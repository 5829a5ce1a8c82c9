import Foundation
public import TramaGraph
public import TramaRender
public import TramaStore

/// "Who is around this entity?" — the ego network a journalist's map starts from.
public struct NeighborsQuery: Sendable {
    public var center: String
    public var hops = 2
    /// Relationship kinds to follow; nil for all.
    public var relations: [String]?
    public var at: Day?
    /// Entities with more relationships than this are shown but not expanded.
    public var maxDegree: Int?
    /// At most this many new entities per hop, so that a map stays legible.
    public var perHopCap = 60

    public init(center: String, hops: Int = 2, relations: [String]? = nil, at: Day? = nil, maxDegree: Int? = nil, perHopCap: Int = 60) {
        self.center = center
        self.hops = hops
        self.relations = relations
        self.at = at
        self.maxDegree = maxDegree
        self.perHopCap = perHopCap
    }

    public func run(on graph: CSRGraph, store: Store) throws -> NeighborsAnswer {
        let (ref, c) = try EntityResolver(store: store).node(center, in: graph)
        let filter = PathFilter(
            edgeKinds: relations.map { KindSet(names: $0, in: graph.edgeKinds) } ?? .all, validAt: at, maxHops: hops, maxDegree: maxDegree)
        let hood = try graph.neighborhood(of: c, hops: hops, filter: filter, perHopCap: perHopCap)
        let records = try SnapshotRecords(nodes: hood.nodes, edges: hood.edges, of: graph, store: store)
        return NeighborsAnswer(
            center: EntityInfo(ref),
            nodes: try zip(hood.nodes, hood.hops).map { NeighborsAnswer.Neighbor(try records.entity($0.0), hops: $0.1) },
            edges: try hood.edges.map(records.edge),
            truncated: hood.truncated, hops: hops)
    }
}

public struct NeighborsAnswer: Answer {
    /// An entity reached, with its distance from the centre.
    public struct Neighbor: Codable, Sendable, Hashable {
        public var key: String
        public var kind: String
        public var name: String?
        public var hops: Int

        init(_ e: EntityInfo, hops: Int) {
            key = e.key
            kind = e.kind
            name = e.name
            self.hops = hops
        }

        public var entity: EntityInfo { EntityInfo(kind: kind, key: key, name: name) }
    }

    public var center: EntityInfo
    /// Entities reached, with their distance in hops; the centre first.
    public var nodes: [Neighbor]
    /// Every relationship among them.
    public var edges: [EdgeInfo]
    /// Entities left out by the per-hop cap.
    public var truncated: Int
    /// How far out the neighbourhood was asked for.
    public var hops: Int

    public var text: String {
        var lines = ["\(PathAnswer.describe(center)): \(nodes.count - 1) entities within \(hops) hops, \(edges.count) relationships"
            + (truncated > 0 ? " (\(truncated) more left out: raise --per-hop)" : "")]
        for h in 1...max(1, hops) {
            let at = nodes.filter { $0.hops == h }
            guard !at.isEmpty else { continue }
            lines.append("  \(h) hop\(h == 1 ? "" : "s"):")
            for n in at { lines.append("    \(PathAnswer.describe(n.entity))") }
        }
        return lines.joined(separator: "\n")
    }

    /// The neighbourhood as a map, the centre emphasised.
    public func map() -> NetworkMap {
        let mapNodes = nodes.map { $0.entity.mapNode($0.entity.reference == center.reference ? .endpoint : .normal) }
        let mapEdges = edges.map { $0.mapEdge() }
        let sources = Set(edges.map(\.dataset)).sorted()
        var sub = ["\(nodes.count - 1) entities within \(hops) hops"]
        if truncated > 0 { sub.append("\(truncated) more not shown") }
        if !sources.isEmpty { sub.append("data: " + sources.joined(separator: ", ")) }
        return NetworkMap(
            title: center.name ?? center.reference, subtitle: sub.joined(separator: " · "), nodes: mapNodes, edges: mapEdges, centre: center.reference)
    }
}
