/// A walk through the graph: `nodes.count == edges.count + 1`, and `edges[i]` joins `nodes[i]`
/// and `nodes[i + 1]` in one direction or the other.
public struct GraphPath: Hashable, Sendable {
    public var nodes: [UInt32]
    public var edges: [UInt32]

    public init(nodes: [UInt32], edges: [UInt32]) {
        precondition(nodes.count == edges.count + 1)
        self.nodes = nodes
        self.edges = edges
    }

    public var hops: Int { edges.count }
}

/// The answer of a path query; "no path" and "ran out of budget" are different answers.
public enum PathSearchResult: Hashable, Sendable {
    case found(GraphPath)
    /// No path within the filter (kinds, dates, degree, hops).
    case noPath
    /// The query stopped after inspecting `inspected` edges without an answer.
    case budgetExhausted(inspected: Int)

    public var path: GraphPath? {
        if case let .found(p) = self { p } else { nil }
    }
}
