import Foundation
public import TramaGraph
public import TramaStore

/// "Which of these firms are connected at all, and how closely?" — the batch screen an analyst
/// runs over a market's bidders before asking for any one path: every pair of a set of
/// entities within `max_hops` of each other, under the same filters as a path (kinds, date,
/// degree limit, budget, direction). `trama path --among FILE` and `POST /api/v1/paths/among`.
public struct PathScreen: Sendable {
    /// Kinds, date, hop and degree limits, budget (per member) and direction; its `from`, `to`,
    /// weights and number of paths do not apply.
    public var query: PathQuery
    /// Pairs the answer lists at most (the rest are counted in `total`); nil: all.
    public var limit: Int?

    public init(query: PathQuery, limit: Int? = nil) {
        self.query = query
        self.limit = limit
    }

    /// One entity the screen was asked about, with where it was named (a file's line, or the
    /// position in a request's list).
    public struct Member: Sendable, Hashable {
        public var line: Int
        public var reference: String

        public init(line: Int, reference: String) {
            self.line = line
            self.reference = reference
        }
    }

    /// Reads one entity per line; blank lines and lines starting with `#` are skipped.
    public static func members(file path: String) throws -> [Member] {
        try PathBatch.listLines(file: path).map { Member(line: $0.number, reference: $0.text) }
    }

    /// The same from text typed into a form.
    public static func members(text: String) -> [Member] {
        PathBatch.listLines(text: text).map { Member(line: $0.number, reference: $0.text) }
    }

    /// Resolves the members (one that cannot be resolved is listed with the reason, and the
    /// screen goes on without it), screens them on `graph` and names every pair's ends.
    /// A reference listed more than once is resolved once: an unknown one costs three look-ups
    /// (key, name, similar names), and a list of thousands of the same unknown text took the
    /// API over ten seconds (schemathesis).
    public func run(_ members: [Member], on graph: CSRGraph, store: Store) throws -> PathScreenAnswer {
        let resolver = EntityResolver(store: store)
        var nodes: [UInt32] = []
        var unresolved: [PathScreenAnswer.Unresolved] = []
        var resolved: [String: Result<UInt32, any Error>] = [:]
        for member in members {
            if resolved[member.reference] == nil { resolved[member.reference] = Result { try resolver.node(member.reference, in: graph).node } }
            switch resolved[member.reference]! {
            case .success(let node): nodes.append(node)
            case .failure(let error): unresolved.append(.init(entity: member.reference, line: member.line, error: String(describing: error)))
            }
        }
        let screen = try graph.pairsWithin(nodes, filter: query.filter(for: graph))
        let shown = limit.map { Array(screen.pairs.prefix($0)) } ?? screen.pairs
        let named = Set(shown.flatMap { [$0.from, $0.to] }).union(screen.cut)
        let refs = try store.nodeRefs(ids: named.map { graph.nodeHandle[Int($0)] })
        func reference(_ node: UInt32) -> String { refs[graph.nodeHandle[Int(node)]]?.reference ?? "#\(node)" }
        var counts = [Int](repeating: 0, count: query.maxHops + 1)
        for pair in screen.pairs { counts[pair.hops] += 1 }
        var names: [String: String] = [:]
        for ref in refs.values { if let name = ref.name { names[ref.reference] = name } }
        return PathScreenAnswer(
            entities: Set(nodes).count, maxHops: query.maxHops, total: screen.pairs.count,
            byHops: counts.enumerated().dropFirst().map { .init(hops: $0.offset, pairs: $0.element) },
            pairs: shown.map { .init(from: reference($0.from), to: reference($0.to), hops: $0.hops) },
            names: names, cut: screen.cut.map(reference), unresolved: unresolved)
    }
}

/// The pairs of a screened set within the hop limit, closest first.
public struct PathScreenAnswer: Answer {
    public struct Pair: Codable, Sendable, Hashable {
        /// `kind:key` of each end; with `directed`, a path runs from `from` to `to`.
        public var from: String
        public var to: String
        public var hops: Int
    }

    public struct HopCount: Codable, Sendable, Hashable {
        public var hops: Int
        public var pairs: Int
    }

    /// A member that could not be resolved: where it was named and why.
    public struct Unresolved: Codable, Sendable, Hashable {
        public var entity: String
        public var line: Int
        public var error: String
    }

    /// Distinct entities screened (resolved ones, a repeated one once).
    public var entities: Int
    public var maxHops: Int
    /// Pairs found; `pairs` lists the first `limit` of them.
    public var total: Int
    public var byHops: [HopCount]
    public var pairs: [Pair]
    /// The name of each entity `pairs` and `cut` list, by reference (those that have one).
    public var names: [String: String]
    /// Members whose search reached the budget before the hop limit: pairs from them may be
    /// missing.
    public var cut: [String]
    public var unresolved: [Unresolved]

    enum CodingKeys: String, CodingKey {
        case entities, maxHops = "max_hops", total, byHops = "by_hops", pairs, names, cut, unresolved
    }

    /// One line per pair (`hops from to`), then the counts.
    public var text: String {
        var lines = pairs.map { "\($0.hops)\t\($0.from)\t\($0.to)" }
        lines.append(
            "\(total) pairs among \(entities) entities within \(maxHops) hops ("
                + byHops.map { "\($0.hops): \($0.pairs)" }.joined(separator: ", ") + ")"
                + (pairs.count < total ? "; \(pairs.count) listed" : ""))
        if !cut.isEmpty { lines.append("\(cut.count) searches stopped at the budget: pairs from them may be missing") }
        for u in unresolved { lines.append("line \(u.line): \(u.entity): \(u.error)") }
        return lines.joined(separator: "\n")
    }
}
