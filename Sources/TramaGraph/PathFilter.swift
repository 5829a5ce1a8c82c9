/// Which parts of the graph a search may use. Every query in the engine takes the same filter.
public struct PathFilter: Sendable, Hashable {
    /// Edge kinds a path may follow.
    public var edgeKinds: KindSet = .all
    /// Node kinds a path may pass through. Endpoints are exempt: asking how two firms connect
    /// through people only still starts and ends at the firms.
    public var nodeKinds: KindSet = .all
    /// When set, only relationships valid on this day are followed.
    public var validAt: Day?
    /// When set, only relationships whose validity overlaps this interval are followed.
    public var overlapping: Validity?
    /// The longest path, in edges, worth reporting.
    public var maxHops: Int = 6
    /// Nodes with more incident edges than this are not traversed (they may still be endpoints).
    /// Mass registered agents and the state hold thousands of firms: a path through them says
    /// nothing about a relationship between two of those firms.
    public var maxDegree: Int?
    /// How many edge inspections a query may make before it answers "budget exhausted".
    public var visitBudget: Int?

    /// Follow relationships only in their stated direction (owner → owned, payer → payee): a
    /// chain of control from `from` to `to`, rather than any connection.
    public var directed = false

    public init(
        edgeKinds: KindSet = .all, nodeKinds: KindSet = .all, validAt: Day? = nil, overlapping: Validity? = nil,
        maxHops: Int = 6, maxDegree: Int? = nil, visitBudget: Int? = nil, directed: Bool = false
    ) {
        self.directed = directed
        self.edgeKinds = edgeKinds
        self.nodeKinds = nodeKinds
        self.validAt = validAt
        self.overlapping = overlapping
        self.maxHops = maxHops
        self.maxDegree = maxDegree
        self.visitBudget = visitBudget
    }

    /// Whether every edge passes, whatever its kind and dates.
    var admitsEveryEdge: Bool { edgeKinds == .all && validAt == nil && overlapping == nil }
    /// Whether every node may be passed through, whatever its kind and degree.
    var admitsEveryNode: Bool { nodeKinds == .all && maxDegree == nil }

    /// Whether `edge` of `graph` may be followed.
    @inline(__always)
    func admits(edge e: Int, in graph: CSRGraph) -> Bool {
        guard edgeKinds.contains(graph.edgeKind[e]) else { return false }
        if let day = validAt?.rawValue, !(graph.edgeValidFrom[e] <= day && day <= graph.edgeValidTo[e]) { return false }
        if let range = overlapping, !(graph.edgeValidFrom[e] <= range.to.rawValue && range.from.rawValue <= graph.edgeValidTo[e]) {
            return false
        }
        return true
    }

    /// Whether `node` is kept out by the degree limit alone (so an answer found without it may
    /// exist beyond the limit).
    func refusesForDegree(node v: UInt32, in graph: CSRGraph) -> Bool {
        guard let limit = maxDegree else { return false }
        return graph.degree(v) > limit && nodeKinds.contains(graph.nodeKind[Int(v)])
    }

    /// Whether a path may pass through `node` (not an endpoint).
    @inline(__always)
    func admitsThrough(node v: UInt32, in graph: CSRGraph) -> Bool {
        guard nodeKinds.contains(graph.nodeKind[Int(v)]) else { return false }
        if let limit = maxDegree, graph.degree(v) > limit { return false }
        return true
    }
}
