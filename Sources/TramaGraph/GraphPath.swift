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

/// The limits of a search that kept it from looking further: with none reached, "no path" means
/// no path exists under the filter's kinds and dates; with one reached, a path may lie beyond it.
/// A user who sees a bare "no path" concludes the two are unconnected, so the difference is
/// part of the answer.
public struct LimitsReached: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The hop limit stopped the search before either side ran out of entities to explore.
    public static let maxHops = LimitsReached(rawValue: 1)
    /// An entity was not passed through because it has more relationships than `maxDegree`.
    public static let maxDegree = LimitsReached(rawValue: 2)
}

/// The answer of a path query; "no path", "none within the limits" and "ran out of budget" are
/// different answers.
public enum PathSearchResult: Hashable, Sendable {
    case found(GraphPath)
    /// No path under the filter's kinds and dates, whatever the hop and degree limits.
    case noPath
    /// No path within the limits; one may exist beyond those reached.
    case beyondLimits(LimitsReached)
    /// The query stopped after inspecting `inspected` edges without an answer.
    case budgetExhausted(inspected: Int)

    public var path: GraphPath? {
        if case let .found(p) = self { p } else { nil }
    }
}
