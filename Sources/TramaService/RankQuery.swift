import Foundation
public import TramaGraph
public import TramaStore

/// "Who are the brokers?" — entities ranked by a centrality measure over the whole graph.
public struct RankQuery: Sendable {
    public enum Measure: String, Codable, Sendable, CaseIterable {
        /// PageRank on the undirected graph (relationships count both ways).
        case pagerank
        /// Number of relationships.
        case degree
        /// Share of shortest paths between others that pass through the entity: the broker
        /// between a ring's firms, or between a judge and the parties. Exact around an entity;
        /// sampled over the whole graph.
        case betweenness
    }

    public var measure: Measure
    /// Entity kinds to list (all kinds still take part in the computation).
    public var kinds: [String]?
    public var top = 20
    /// Rank only within this entity's neighbourhood (a ring, a judge's network): the measure is
    /// computed on the subgraph of entities within `hops`.
    public var around: String?
    public var hops = 2
    /// Entities with more relationships than this are not expanded around `around`.
    public var maxDegree: Int?
    /// Source entities sampled for betweenness over the whole graph (Brandes & Pich 2007).
    public var samples = 256

    public init(measure: Measure, kinds: [String]? = nil, top: Int = 20) {
        self.measure = measure
        self.kinds = kinds
        self.top = top
    }

    public func run(on graph: CSRGraph, store: Store) throws -> RankAnswer {
        // The entities considered: all, or the neighbourhood of `around`.
        var within: [UInt32]?
        if let around {
            let c = try EntityResolver(store: store).node(around, in: graph).node
            within = try graph.neighborhood(of: c, hops: hops, filter: PathFilter(maxDegree: maxDegree)).nodes.sorted()
        }
        var scores = [Double](repeating: 0, count: graph.nodeCount)
        switch (measure, within) {
        case (.pagerank, nil): scores = graph.pageRank(directed: false)
        case (.degree, _): for v in 0..<graph.nodeCount { scores[v] = Double(graph.degree(UInt32(v))) }
        case (.pagerank, let nodes?):
            // PageRank of the subgraph: power iteration on its undirected weighted form.
            let sub = graph.undirected(nodes: nodes)
            for (i, r) in sub.pageRank().enumerated() { scores[Int(sub.original[i])] = r }
        case (.betweenness, let nodes):
            let sub = graph.undirected(nodes: nodes)
            for (i, b) in sub.betweenness(samples: nodes == nil ? samples : nil).enumerated() { scores[Int(sub.original[i])] = b }
        }
        let allowed = kinds.map { KindSet(names: $0, in: graph.nodeKinds) } ?? .all
        let candidates = within.map { $0.map(Int.init) } ?? Array(0..<graph.nodeCount)
        let chosen = candidates.filter { allowed.contains(graph.nodeKind[$0]) }
            .sorted { (scores[$0], -$0) > (scores[$1], -$1) }
            .prefix(top)
        let records = try SnapshotRecords(nodes: chosen.map { UInt32($0) }, of: graph, store: store)
        return RankAnswer(
            measure: measure,
            ranked: try chosen.map { RankAnswer.Ranked(try records.entity(UInt32($0)), score: scores[$0], degree: graph.degree(UInt32($0))) })
    }
}

public struct RankAnswer: Answer {
    public struct Ranked: Codable, Sendable, Hashable {
        public var key: String
        public var kind: String
        public var name: String?
        public var score: Double
        public var degree: Int

        init(_ e: EntityInfo, score: Double, degree: Int) {
            key = e.key
            kind = e.kind
            name = e.name
            self.score = score
            self.degree = degree
        }

        public var entity: EntityInfo { EntityInfo(kind: kind, key: key, name: name) }
    }

    public var measure: RankQuery.Measure
    public var ranked: [Ranked]

    public var text: String {
        var lines = ["rank  \(measure.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0))  degree  entity"]
        for (i, r) in ranked.enumerated() {
            let score =
                switch measure {
                case .degree: String(Int(r.score))
                case .betweenness: String(format: "%.1f", r.score)
                case .pagerank: String(format: "%.6f", r.score)
                }
            lines.append(
                "\(String(i + 1).padding(toLength: 4, withPad: " ", startingAt: 0))  \(score.padding(toLength: 12, withPad: " ", startingAt: 0))  "
                    + "\(String(r.degree).padding(toLength: 6, withPad: " ", startingAt: 0))  \(PathAnswer.describe(r.entity))")
        }
        return lines.joined(separator: "\n")
    }
}
