/// Several answers to one path question, best first.
public struct PathList: Sendable, Hashable {
    /// The paths found, cheapest (or shortest) first; ties keep the order they were found in.
    public var paths: [WeightedPath]
    /// Why the list may be shorter than asked for: `nil` when it is complete, else what cut it.
    public var cutShort: CutShort?

    public enum CutShort: Sendable, Hashable {
        /// The search stopped at the number of paths asked for; more may exist.
        case limitReached
        /// The visit budget ran out; the paths listed are correct but others may exist.
        case budgetExhausted(inspected: Int)
        /// No path within the hop or degree limit; one may exist beyond it.
        case beyondLimits(LimitsReached)
    }

    public init(paths: [WeightedPath], cutShort: CutShort?) {
        self.paths = paths
        self.cutShort = cutShort
    }

    /// The answer of a single-path query as a list of at most one, costing its hops.
    public init(single result: PathSearchResult) {
        switch result {
        case let .found(p): self.init(paths: [WeightedPath(path: p, cost: Double(p.hops))], cutShort: nil)
        case .noPath: self.init(paths: [], cutShort: nil)
        case let .beyondLimits(r): self.init(paths: [], cutShort: .beyondLimits(r))
        case let .budgetExhausted(n): self.init(paths: [], cutShort: .budgetExhausted(inspected: n))
        }
    }

    /// The answer of a single weighted query as a list of at most one.
    public init(single result: WeightedSearchResult) {
        switch result {
        case let .found(p): self.init(paths: [p], cutShort: nil)
        case .noPath: self.init(paths: [], cutShort: nil)
        case let .beyondLimits(r): self.init(paths: [], cutShort: .beyondLimits(r))
        case let .budgetExhausted(n): self.init(paths: [], cutShort: .budgetExhausted(inspected: n))
        }
    }
}

extension CSRGraph {
    /// The `k` shortest simple paths from `s` to `t` (Yen's algorithm), by hops or, given
    /// `weights`, by cost.
    ///
    /// Investigators ask for more than one path because the shortest is often the least
    /// interesting (a shared mass-registration address) and the second or third carries the
    /// evidence (a family tie, then an ownership chain). Paths are simple (no node twice) and
    /// distinct as edge sequences: two relationships between the same pair of entities (an
    /// ownership and an employment) make two paths, because each is separate evidence.
    ///
    /// Every spur search takes the same filter (kinds, dates, `maxDegree`, and `maxHops` for the
    /// whole path); `visitBudget` bounds each of the searches.
    ///
    /// - Complexity: O(k · maxHops) shortest-path searches.
    public func kShortestPaths(
        from s: UInt32, to t: UInt32, k: Int, weights: EdgeWeights? = nil, filter: PathFilter = PathFilter(),
        workspace: SearchWorkspace? = nil
    ) throws(GraphError) -> PathList {
        guard Int(s) < nodeCount else { throw .nodeOutOfRange(s, nodeCount: nodeCount) }
        guard Int(t) < nodeCount else { throw .nodeOutOfRange(t, nodeCount: nodeCount) }
        guard k > 0 else { return PathList(paths: [], cutShort: nil) }
        let ws = weights == nil ? (workspace ?? SearchWorkspace(nodeCount: nodeCount)) : nil

        func search(_ from: UInt32, hops: Int, bans: FewBans) -> WeightedSearchResult {
            var f = filter
            f.maxHops = hops
            if let weights { return cheapestPath(from: from, to: t, weights: weights, filter: f, bans: bans) }
            switch shortestPath(from: from, to: t, filter: f, bans: bans, workspace: ws) {
            case let .found(p): return .found(WeightedPath(path: p, cost: Double(p.hops)))
            case .noPath: return .noPath
            case let .beyondLimits(r): return .beyondLimits(r)
            case let .budgetExhausted(n): return .budgetExhausted(inspected: n)
            }
        }
        func cost(of p: GraphPath) -> Double {
            guard let weights else { return Double(p.hops) }
            return p.edges.reduce(0) { $0 + weights.weight(edgeKind[Int($1)]) }
        }

        var accepted: [WeightedPath] = []
        switch search(s, hops: filter.maxHops, bans: FewBans()) {
        case let .found(p): accepted.append(p)
        case .noPath: return PathList(paths: [], cutShort: nil)
        case let .beyondLimits(r): return PathList(paths: [], cutShort: .beyondLimits(r))
        case let .budgetExhausted(n): return PathList(paths: [], cutShort: .budgetExhausted(inspected: n))
        }
        // Spur searches the hop or degree limit cut: with fewer than k paths, more may lie beyond.
        var reached: LimitsReached = []
        // Candidates, kept sorted by (cost, order found) so ties resolve deterministically.
        var candidates: [(path: WeightedPath, order: Int)] = []
        var seen: Set<[UInt32]> = [accepted[0].path.edges]
        var found = 0
        while accepted.count < k {
            let previous = accepted[accepted.count - 1].path
            for i in 0..<previous.hops {
                let spur = previous.nodes[i]
                let rootEdges = Array(previous.edges[0..<i])
                var bans = FewBans()
                bans.nodes = Array(previous.nodes[0..<i])
                for a in accepted where a.path.hops > i && Array(a.path.edges[0..<i]) == rootEdges {
                    bans.edges.append(a.path.edges[i])
                }
                let result = search(spur, hops: filter.maxHops - i, bans: bans)
                if case let .budgetExhausted(n) = result {
                    return PathList(paths: accepted, cutShort: .budgetExhausted(inspected: n))
                }
                if case let .beyondLimits(r) = result { reached.formUnion(r) }
                guard let spurPath = result.path?.path else { continue }
                let nodes = Array(previous.nodes[0..<i]) + spurPath.nodes
                let edges = rootEdges + spurPath.edges
                guard seen.insert(edges).inserted else { continue }
                let path = GraphPath(nodes: nodes, edges: edges)
                let candidate = (WeightedPath(path: path, cost: cost(of: path)), found)
                found += 1
                let at = candidates.firstIndex { ($0.path.cost, $0.order) > (candidate.0.cost, candidate.1) } ?? candidates.endIndex
                candidates.insert(candidate, at: at)
            }
            if candidates.isEmpty { return PathList(paths: accepted, cutShort: reached.isEmpty ? nil : .beyondLimits(reached)) }
            accepted.append(candidates.removeFirst().path)
        }
        return PathList(paths: accepted, cutShort: .limitReached)
    }
}
