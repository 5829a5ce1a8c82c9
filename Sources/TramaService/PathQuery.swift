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
    /// Follow relationships only in their stated direction (`from` owns … owns `to`): a chain
    /// of control, not any connection.
    public var directed = false

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
            maxDegree: maxDegree, visitBudget: visitBudget, directed: directed)
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
        Ends(from: try end(from, in: graph, store: store), to: try end(to, in: graph, store: store))
    }

    /// One end of the question: the entity `reference` names, in the store and in the graph.
    func end(_ reference: String, in graph: CSRGraph, store: Store) throws -> (info: EntityInfo, node: UInt32) {
        let (ref, node) = try EntityResolver(store: store).node(reference, in: graph)
        return (EntityInfo(ref), node)
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
        case let .budgetExhausted(inspected) where list.paths.isEmpty:
            answer.status = .budgetExhausted
            answer.limits.inspected = inspected
            answer.limits.reached = ["budget"]
        case let .beyondLimits(reached) where list.paths.isEmpty:
            answer.status = .notWithinLimits
            answer.limits.reached = PathAnswer.Limits.names(reached)
        case _ where list.paths.isEmpty: answer.status = .noPath
        default: answer.status = .found
        }
        answer.complete = list.cutShort == nil
        guard !list.paths.isEmpty else { return answer }
        let records = try SnapshotRecords(nodes: list.paths.flatMap(\.path.nodes), edges: list.paths.flatMap(\.path.edges), of: graph, store: store)
        answer.paths = try list.paths.map { p in
            PathDetail(nodes: try p.path.nodes.map(records.entity), edges: try p.path.edges.map(records.edge), cost: weights == nil ? nil : p.cost)
        }
        answer.cost = answer.paths.first?.cost
        return answer
    }
}

/// An answer type: encoded once, the same way, by the CLI's JSON, the API and stored documents.
public protocol Answer: Codable, Sendable {}

extension Answer {
    /// The answer as JSON, fields in declaration order (see ``AnswerEncoder``).
    public var json: JSONValue {
        do { return try AnswerEncoder().encode(self) } catch {
            // Answer types are plain data: only a custom `encode(to:)` could throw, and none does.
            preconditionFailure("cannot encode \(Self.self): \(error)")
        }
    }

    /// The answer as compact JSON text in UTF-8, the same bytes as `json.compact` without the
    /// tree (see ``AnswerEncoder/bytes(_:pretty:)``).
    public var compactJSON: [UInt8] {
        do { return try AnswerEncoder().bytes(self) } catch { preconditionFailure("cannot encode \(Self.self): \(error)") }
    }
}

/// An entity as outputs show it.
public struct EntityInfo: Answer, Hashable {
    public var key: String
    public var kind: String
    public var name: String?

    public init(kind: String, key: String, name: String?) {
        self.kind = kind
        self.key = key
        self.name = name
    }

    init(_ ref: Store.NodeRef) { self.init(kind: ref.kind, key: ref.key, name: ref.name) }

    /// An entity known by its `kind:key` reference (as documents and flags name them) and
    /// perhaps a name; a reference without a kind is taken whole as the key.
    public init(reference: String, name: String?) {
        let parts = KindKey(reference)
        self.init(kind: parts?.kind ?? "", key: parts?.key ?? reference, name: name)
    }

    /// `kind:key`.
    public var reference: String { "\(kind):\(key)" }
}

/// One relationship of a path, with where it came from.
public struct EdgeInfo: Answer, Hashable {
    public var kind: String
    /// `kind:key` of the edge's source and target, in the relationship's own direction.
    public var from: String
    public var to: String
    public var validFrom: String?
    public var validTo: String?
    public var dataset: String
    /// The source record: `file:line`.
    public var source: String
    /// The relationship's properties, a JSON object.
    public var properties: JSONValue

    enum CodingKeys: String, CodingKey {
        case kind, from, to, validFrom = "valid_from", validTo = "valid_to", dataset, source, properties
    }

    init(_ r: Store.EdgeRecord) {
        kind = r.kind
        from = r.source
        to = r.target
        validFrom = r.validFrom
        validTo = r.validTo
        dataset = r.dataset
        source = r.sourceRecord
        properties = .raw(r.propertiesJSON)
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

public struct PathDetail: Answer, Hashable {
    public var nodes: [EntityInfo]
    public var edges: [EdgeInfo]
    /// The path's total cost, when the query had weights.
    public var cost: Double?
}

/// The answer to a ``PathQuery``: what was found, under which question and limits, so that the
/// answer can be read (and re-asked) without the command line that produced it.
public struct PathAnswer: Answer {
    public enum Status: String, Codable, Sendable, Hashable {
        case found
        /// No path under the kinds and dates asked for, at any length or degree.
        case noPath = "no_path"
        /// None within `max_hops`/`max_degree` (`limits.reached` says which); one may lie beyond.
        case notWithinLimits = "not_within_limits"
        /// The search inspected `limits.budget` relationships without an answer.
        case budgetExhausted = "budget_exhausted"
    }

    /// What was asked besides the two ends.
    public struct Question: Codable, Sendable, Hashable {
        /// Relationship kinds followed; null for all.
        public var kinds: [String]?
        /// The day every relationship had to be valid on.
        public var at: String?
        /// Cost per relationship kind, sorted by kind; null for plain hop counts.
        public var weights: [Weight]?
        /// `shortest`, `k_shortest` or `all_shortest`.
        public var paths: String
        /// k, or the most paths `all_shortest` lists.
        public var count: Int?
        /// Whether relationships were followed only in their stated direction.
        public var directed: Bool

        enum CodingKeys: String, CodingKey { case kinds, at, weights, paths, count, directed }

        init(kinds: [String]?, at: String?, weights: [Weight]?, paths: String, count: Int?, directed: Bool) {
            self.kinds = kinds
            self.at = at
            self.weights = weights
            self.paths = paths
            self.count = count
            self.directed = directed
        }

        /// Documents stored before `directed` existed were all undirected.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kinds = try c.decodeIfPresent([String].self, forKey: .kinds)
            at = try c.decodeIfPresent(String.self, forKey: .at)
            weights = try c.decodeIfPresent([Weight].self, forKey: .weights)
            paths = try c.decode(String.self, forKey: .paths)
            count = try c.decodeIfPresent(Int.self, forKey: .count)
            directed = try c.decodeIfPresent(Bool.self, forKey: .directed) ?? false
        }

        public struct Weight: Codable, Sendable, Hashable {
            public var kind: String
            public var cost: Double
        }
    }

    /// The limits the search ran under and which of them it reached.
    public struct Limits: Codable, Sendable, Hashable {
        public var maxHops: Int
        public var maxDegree: Int?
        public var budget: Int?
        /// `max_hops`, `max_degree`, `budget` or `paths` (k or the listing limit): the limits
        /// that cut this answer short; empty when nothing did.
        public var reached: [String]
        /// Relationships inspected before the budget ran out.
        public var inspected: Int?

        enum CodingKeys: String, CodingKey {
            case maxHops = "max_hops", maxDegree = "max_degree", budget, reached, inspected
        }

        static func names(_ r: LimitsReached) -> [String] {
            (r.contains(.maxHops) ? ["max_hops"] : []) + (r.contains(.maxDegree) ? ["max_degree"] : [])
        }
    }

    public var from: EntityInfo
    public var to: EntityInfo
    public var status: Status
    /// False when more paths may exist than were listed (a limit or the budget was reached).
    public var complete = true
    /// The total cost of the first path, when the query had weights.
    public var cost: Double?
    public var paths: [PathDetail]
    public var question: Question
    public var limits: Limits

    public init(from: EntityInfo, to: EntityInfo, status: Status, paths: [PathDetail], query: PathQuery) {
        self.from = from
        self.to = to
        self.status = status
        self.paths = paths
        let mode: (String, Int?) =
            switch query.paths {
            case .one: ("shortest", nil)
            case let .shortest(k): ("k_shortest", k)
            case let .allShortest(limit): ("all_shortest", limit)
            }
        question = Question(
            kinds: query.relations, at: query.at?.iso,
            weights: query.weights.map { $0.sorted { $0.key < $1.key }.map { Question.Weight(kind: $0.key, cost: $0.value) } },
            paths: mode.0, count: mode.1, directed: query.directed)
        limits = Limits(maxHops: query.maxHops, maxDegree: query.maxDegree, budget: query.visitBudget, reached: [])
    }

    /// A plain-text account, one line per entity and per relationship with its source.
    public var text: String {
        var lines: [String] = []
        let ends = "\(Self.describe(from)) → \(Self.describe(to))"
        switch status {
        case .noPath:
            lines.append("\(ends): no connection within \(limits.maxHops) hops" + filterNote)
        case .notWithinLimits:
            lines.append("\(ends): \(limitNote)" + filterNote)
        case .budgetExhausted:
            lines.append("\(ends): search stopped after inspecting \(limits.inspected ?? 0) relationships without an answer (budget exhausted)")
        case .found:
            if paths.count > 1 || !complete {
                lines.append("\(paths.count) path\(paths.count == 1 ? "" : "s")\(complete ? "" : " (more may exist: the limit or the budget was reached)")")
            }
            for p in paths {
                let costNote = p.cost.map { ", cost \($0)" } ?? ""
                lines.append("\(ends): \(p.edges.count) hop\(p.edges.count == 1 ? "" : "s")\(costNote)" + filterNote)
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

    /// Why nothing was found within the limits, and what to try.
    var limitNote: String {
        var cut: [String] = []
        if limits.reached.contains("max_hops") { cut.append("--max-hops \(limits.maxHops) (try more hops)") }
        if limits.reached.contains("max_degree"), let d = limits.maxDegree {
            cut.append("--max-degree \(d) (an entity with more relationships was not passed through)")
        }
        return "no connection within the limits; one may exist beyond " + cut.joined(separator: " and ")
    }

    public static func describe(_ e: EntityInfo) -> String { e.name.map { "\(e.reference) \"\($0)\"" } ?? e.reference }

    var filterNote: String {
        var parts: [String] = []
        if question.directed { parts.append("each relationship in its stated direction") }
        if let at = question.at { parts.append("valid at \(at)") }
        if let r = question.kinds { parts.append(r.count <= 5 ? "via \(r.joined(separator: ", "))" : "via \(r.count) relationship kinds") }
        if let d = limits.maxDegree { parts.append("not through entities with more than \(d) relationships") }
        return parts.isEmpty ? "" : " (\(parts.joined(separator: "; ")))"
    }
}

/// The few properties worth showing beside a relationship's kind.
enum RelationText {
    static func detail(kind: String, properties: JSONValue) -> String? {
        guard let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(properties.compact.utf8)) else { return nil }
        func value(_ k: String) -> String? {
            switch object[k] {
            case let .string(s): s
            case let .number(n):
                // Whole numbers without a fraction ("1200000", not "1200000.0"), others as written.
                Double(n).map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : n }
            case let .bool(b): b ? "1" : "0"
            default: nil
            }
        }
        switch kind {
        case RelationKind.owns.rawValue: return value("Share").map { "\($0)%" }
        case RelationKind.bid.rawValue:
            let outcome: String? =
                switch object["AwardBid"] {
                case let .bool(won): won ? "won" : "lost"
                case .number("1"): "won"
                case .number("0"): "lost"
                default: nil
                }
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
