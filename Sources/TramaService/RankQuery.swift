import Foundation
public import TramaGraph
public import TramaStore

/// "Who are the brokers?" — entities ranked by a centrality measure over the whole graph.
public struct RankQuery: Sendable {
    public enum Measure: String, Sendable, CaseIterable {
        /// PageRank on the undirected graph (relationships count both ways).
        case pagerank
        /// Number of relationships.
        case degree
    }

    public var measure: Measure
    /// Entity kinds to list (all kinds still take part in the computation).
    public var kinds: [String]?
    public var top = 20

    public init(measure: Measure, kinds: [String]? = nil, top: Int = 20) {
        self.measure = measure
        self.kinds = kinds
        self.top = top
    }

    public func run(on graph: CSRGraph, store: Store) throws -> RankAnswer {
        let scores: [Double] =
            switch measure {
            case .pagerank: graph.pageRank(directed: false)
            case .degree: (0..<graph.nodeCount).map { Double(graph.degree(UInt32($0))) }
            }
        let allowed = kinds.map { KindSet(names: $0, in: graph.nodeKinds) } ?? .all
        let chosen = (0..<graph.nodeCount).filter { allowed.contains(graph.nodeKind[$0]) }
            .sorted { (scores[$0], -$0) > (scores[$1], -$1) }
            .prefix(top)
        let records = try store.nodeRecords(ids: chosen.map { graph.nodeHandle[$0] })
        return RankAnswer(
            measure: measure,
            ranked: chosen.map { (EntityInfo(records[graph.nodeHandle[$0]]!.ref), scores[$0], graph.degree(UInt32($0))) })
    }
}

public struct RankAnswer: Sendable {
    public var measure: RankQuery.Measure
    public var ranked: [(entity: EntityInfo, score: Double, degree: Int)]

    public var json: JSONValue {
        .object([
            ("measure", .string(measure.rawValue)),
            (
                "ranked",
                .array(ranked.map { r in
                    .object([
                        ("key", .string(r.entity.key)), ("kind", .string(r.entity.kind)), ("name", .optional(r.entity.name)),
                        ("score", .number(String(r.score))), ("degree", .int(r.degree)),
                    ])
                })
            ),
        ])
    }

    public var text: String {
        var lines = ["rank  \(measure.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0))  degree  entity"]
        for (i, r) in ranked.enumerated() {
            let score = measure == .degree ? String(Int(r.score)) : String(format: "%.6f", r.score)
            lines.append(
                "\(String(i + 1).padding(toLength: 4, withPad: " ", startingAt: 0))  \(score.padding(toLength: 12, withPad: " ", startingAt: 0))  "
                    + "\(String(r.degree).padding(toLength: 6, withPad: " ", startingAt: 0))  \(PathAnswer.describe(r.entity))")
        }
        return lines.joined(separator: "\n")
    }
}
