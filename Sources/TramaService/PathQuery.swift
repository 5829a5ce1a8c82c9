import Foundation
public import TramaGraph
import TramaIngest
public import TramaStore

/// "How are these two connected?" — the question a prosecutor asks first. Asked of the engine,
/// answered with the store's provenance for every hop.
public struct PathQuery: Sendable {
    public var from: String
    public var to: String
    public var maxHops = 6
    /// Relationship kinds a path may follow; nil for all.
    public var relations: [String]?
    /// Only relationships valid on this day.
    public var at: Day?
    /// Entities with more relationships than this are not passed through (see ``PathFilter``).
    public var maxDegree: Int?
    /// Edge inspections before the answer is "budget exhausted".
    public var visitBudget: Int? = 50_000_000
    /// Cost per relationship kind (others cost 1): the cheapest path instead of the shortest.
    public var weights: [String: Double]?
    public var paths: Paths = .one

    /// How many answers to give.
    public enum Paths: Sendable, Hashable {
        /// The shortest (or, with weights, the cheapest) path.
        case one
        /// The k shortest (or cheapest) simple paths, best first (Yen).
        case shortest(Int)
        /// Every path of the shortest length, at most this many.
        case allShortest(limit: Int)
    }

    public init(from: String, to: String, maxHops: Int = 6, relations: [String]? = nil, at: Day? = nil, maxDegree: Int? = nil) {
        self.from = from
        self.to = to
        self.maxHops = maxHops
        self.relations = relations
        self.at = at
        self.maxDegree = maxDegree
    }

    /// Parses `YYYY-MM-DD` for `--at`.
    public static func day(_ text: String) throws -> Day {
        guard let d = Day(iso: text) else { throw ServiceError.badDate(text) }
        return d
    }

    /// Parses a comma-separated `--kinds` list and checks it (see ``relations(_:)``).
    public static func relations(list: String) throws -> [String] {
        try relations(list.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
    }

    /// Parses `--weights owns=1,relative_of=0.5`: known relationship kinds, positive numbers.
    public static func weights(list: String) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for item in list.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let w = Double(parts[1]), w.isFinite, w > 0 else { throw ServiceError.badWeight(String(item)) }
            _ = try relations([parts[0]])
            out[parts[0]] = w
        }
        return out
    }

    /// Checks relationship names against the vocabulary, so a typo is an error rather than an
    /// empty answer.
    public static func relations(_ names: [String]) throws -> [String] {
        let known = RelationKind.allCases.map(\.rawValue)
        for n in names where !known.contains(n) { throw ServiceError.unknownRelation(n, known: known) }
        return names
    }

    func filter(for graph: CSRGraph) -> PathFilter {
        PathFilter(
            edgeKinds: relations.map { KindSet(names: $0, in: graph.edgeKinds) } ?? .all, validAt: at, maxHops: maxHops,
            maxDegree: maxDegree, visitBudget: visitBudget)
    }

    /// Runs the query on `graph` (loaded from `store`) and fetches each hop's provenance.
    public func run(on graph: CSRGraph, store: Store, workspace: SearchWorkspace? = nil) throws -> PathAnswer {
        let ends = try resolve(in: graph, store: store)
        return try answer(for: search(ends.from.node, ends.to.node, in: graph, workspace: workspace), ends: ends, graph: graph, store: store)
    }

    /// The two entities the query names, as store records and graph nodes.
    public struct Ends: Sendable {
        var from: (info: EntityInfo, node: UInt32)
        var to: (info: EntityInfo, node: UInt32)
    }

    func resolve(in graph: CSRGraph, store: Store) throws -> Ends {
        let resolver = EntityResolver(store: store)
        let a = try resolver.resolve(from)
        let b = try resolver.resolve(to)
        guard let s = graph.node(withHandle: a.id), let t = graph.node(withHandle: b.id) else {
            throw ServiceError.unknownEntity(reference: graph.node(withHandle: a.id) == nil ? from : to, suggestions: [])
        }
        return Ends(from: (EntityInfo(a), s), to: (EntityInfo(b), t))
    }

    /// The engine's side of the query: paths as node and edge indices, with their costs.
    func search(_ s: UInt32, _ t: UInt32, in graph: CSRGraph, workspace: SearchWorkspace?) throws -> PathList {
        let filter = filter(for: graph)
        let edgeWeights = try weights.map { try EdgeWeights($0, in: graph.edgeKinds) }
        switch paths {
        case .shortest(let k):
            return try graph.kShortestPaths(from: s, to: t, k: k, weights: edgeWeights, filter: filter, workspace: workspace)
        case .allShortest(let limit):
            return try graph.allShortestPaths(from: s, to: t, filter: filter, limit: limit, workspace: workspace)
        case .one:
            if let edgeWeights { return PathList(single: try graph.cheapestPath(from: s, to: t, weights: edgeWeights, filter: filter)) }
            return PathList(single: try graph.shortestPath(from: s, to: t, filter: filter, workspace: workspace))
        }
    }

    /// Turns the engine's paths into an answer with every hop's provenance from the store.
    func answer(for list: PathList, ends: Ends, graph: CSRGraph, store: Store) throws -> PathAnswer {
        var answer = PathAnswer(from: ends.from.info, to: ends.to.info, status: .noPath, paths: [], query: self)
        switch list.cutShort {
        case let .budgetExhausted(inspected) where list.paths.isEmpty: answer.status = .budgetExhausted(inspected: inspected)
        case _ where list.paths.isEmpty: answer.status = .noPath
        default: answer.status = .found
        }
        answer.complete = list.cutShort == nil
        guard !list.paths.isEmpty else { return answer }
        let nodes = try store.nodeRecords(ids: Array(Set(list.paths.flatMap { $0.path.nodes.map { graph.nodeHandle[Int($0)] } })))
        let edges = try store.edgeRecords(ids: Array(Set(list.paths.flatMap { $0.path.edges.map { graph.edgeHandle[Int($0)] } })))
        answer.paths = list.paths.map { p in
            PathDetail(
                nodes: p.path.nodes.map { EntityInfo(nodes[graph.nodeHandle[Int($0)]]!.ref) },
                edges: p.path.edges.map { EdgeInfo(edges[graph.edgeHandle[Int($0)]]!) },
                cost: weights == nil ? nil : p.cost)
        }
        answer.cost = answer.paths.first?.cost
        return answer
    }
}

/// An entity as outputs show it.
public struct EntityInfo: Sendable, Hashable {
    public var kind: String
    public var key: String
    public var name: String?

    public init(kind: String, key: String, name: String?) {
        self.kind = kind
        self.key = key
        self.name = name
    }

    init(_ ref: Store.NodeRef) { self.init(kind: ref.kind, key: ref.key, name: ref.name) }

    /// `kind:key`.
    public var reference: String { "\(kind):\(key)" }

    public var json: JSONValue { .object([("key", .string(key)), ("kind", .string(kind)), ("name", .optional(name))]) }
}

/// One relationship of a path, with where it came from.
public struct EdgeInfo: Sendable, Hashable {
    public var kind: String
    /// `kind:key` of the edge's source and target, in the relationship's own direction.
    public var from: String
    public var to: String
    public var validFrom: String?
    public var validTo: String?
    public var dataset: String
    /// The source record: `file:line`.
    public var source: String
    /// The relationship's properties, as a JSON object.
    public var properties: String

    init(_ r: Store.EdgeRecord) {
        kind = r.kind
        from = r.source
        to = r.target
        validFrom = r.validFrom
        validTo = r.validTo
        dataset = r.dataset
        source = r.sourceRecord
        properties = r.propertiesJSON
    }

    public var json: JSONValue {
        .object([
            ("kind", .string(kind)), ("from", .string(from)), ("to", .string(to)), ("valid_from", .optional(validFrom)),
            ("valid_to", .optional(validTo)), ("dataset", .string(dataset)), ("source", .string(source)), ("properties", .raw(properties)),
        ])
    }

    /// "2011-01-01 – 2020-12-31", "since 2019-03-15", "until …", or nil when undated.
    public var period: String? {
        switch (validFrom, validTo) {
        case let (f?, t?): f == t ? f : "\(f) – \(t)"
        case let (f?, nil): "since \(f)"
        case let (nil, t?): "until \(t)"
        case (nil, nil): nil
        }
    }
}

public struct PathDetail: Sendable, Hashable {
    public var nodes: [EntityInfo]
    public var edges: [EdgeInfo]
    /// The path's total cost, when the query had weights.
    public var cost: Double?
}

/// The answer to a ``PathQuery``.
public struct PathAnswer: Sendable {
    public enum Status: Sendable, Hashable {
        case found
        case noPath
        case budgetExhausted(inspected: Int)

        var code: String {
            switch self {
            case .found: "found"
            case .noPath: "no_path"
            case .budgetExhausted: "budget_exhausted"
            }
        }
    }

    public var from: EntityInfo
    public var to: EntityInfo
    public var status: Status
    public var paths: [PathDetail]
    public var query: PathQuery
    /// The total cost of the first path, when the query had weights.
    public var cost: Double?
    /// False when more paths may exist than were listed (the limit or the budget was reached).
    public var complete = true

    /// `{"from", "to", "status", "complete", "cost", "paths":[{"nodes":[…], "edges":[…], "cost"}]}`.
    public var json: JSONValue {
        .object([
            ("from", from.json), ("to", to.json), ("status", .string(status.code)), ("complete", .bool(complete)),
            ("cost", cost.map { .number(String($0)) } ?? .null),
            (
                "paths",
                .array(paths.map { p in
                    .object([
                        ("nodes", .array(p.nodes.map(\.json))), ("edges", .array(p.edges.map(\.json))),
                        ("cost", p.cost.map { .number(String($0)) } ?? .null),
                    ])
                })
            ),
        ])
    }

    /// A plain-text account, one line per entity and per relationship with its source.
    public var text: String {
        var lines: [String] = []
        let ends = "\(Self.describe(from)) → \(Self.describe(to))"
        switch status {
        case .noPath:
            lines.append("\(ends): no connection within \(query.maxHops) hops" + Self.filterNote(query))
        case let .budgetExhausted(inspected):
            lines.append("\(ends): search stopped after inspecting \(inspected) relationships without an answer (budget exhausted)")
        case .found:
            if paths.count > 1 || !complete {
                lines.append("\(paths.count) path\(paths.count == 1 ? "" : "s")\(complete ? "" : " (more may exist: the limit or the budget was reached)")")
            }
            for p in paths {
                let costNote = p.cost.map { ", cost \($0)" } ?? ""
                lines.append("\(ends): \(p.edges.count) hop\(p.edges.count == 1 ? "" : "s")\(costNote)" + Self.filterNote(query))
                for (i, n) in p.nodes.enumerated() {
                    lines.append("  \(Self.describe(n))")
                    guard i < p.edges.count else { continue }
                    let e = p.edges[i]
                    let forward = e.from == n.reference
                    let detail = [RelationText.detail(kind: e.kind, properties: e.properties), e.period].compactMap { $0 }.joined(separator: ", ")
                    let arrow = forward ? "↓ \(e.kind)" : "↑ \(e.kind) (read upwards)"
                    lines.append("      \(arrow)\(detail.isEmpty ? "" : " — \(detail)")   [\(e.dataset) · \(e.source)]")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ e: EntityInfo) -> String { e.name.map { "\(e.reference) \"\($0)\"" } ?? e.reference }

    static func filterNote(_ q: PathQuery) -> String {
        var parts: [String] = []
        if let at = q.at { parts.append("valid at \(at.iso)") }
        if let r = q.relations { parts.append(r.count <= 5 ? "via \(r.joined(separator: ", "))" : "via \(r.count) relationship kinds") }
        if let d = q.maxDegree { parts.append("not through entities with more than \(d) relationships") }
        return parts.isEmpty ? "" : " (\(parts.joined(separator: "; ")))"
    }
}

/// The few properties worth showing beside a relationship's kind.
enum RelationText {
    static func detail(kind: String, properties: String) -> String? {
        guard let data = properties.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        func value(_ k: String) -> String? {
            switch object[k] {
            case let s as String: s
            case let n as NSNumber:
                n.doubleValue == n.doubleValue.rounded() && abs(n.doubleValue) < 1e15 ? String(Int64(n.doubleValue)) : n.stringValue
            default: nil
            }
        }
        switch kind {
        case RelationKind.owns.rawValue: return value("Share").map { "\($0)%" }
        case RelationKind.bid.rawValue:
            let outcome = (object["AwardBid"] as? Bool).map { $0 ? "won" : "lost" }
            return [value("BidValue"), outcome].compactMap { $0 }.joined(separator: ", ")
        case RelationKind.holdsContract.rawValue: return value("ContractValue").map { "value \($0)" }
        case RelationKind.employedBy.rawValue, RelationKind.declaredPost.rawValue: return value("Position")
        case RelationKind.relativeOf.rawValue: return value("FamilyRelation")
        case RelationKind.partyTo.rawValue, RelationKind.counselIn.rawValue: return value("Role")
        case RelationKind.donatedTo.rawValue: return value("CampaignDonationValue")
        case RelationKind.educatedAt.rawValue: return value("degree")
        case RelationKind.servesAt.rawValue: return value("title")
        case RelationKind.succeededBy.rawValue: return value("seat").map { "seat \($0)" }
        default: return nil
        }
    }
}
