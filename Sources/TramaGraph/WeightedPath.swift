/// A cost per relationship kind, for "closest" connections: a family tie is closer than a
/// shared address. Kinds without a weight cost `defaultWeight`.
public struct EdgeWeights: Sendable, Hashable {
    private var byCode: [Double]
    public var defaultWeight: Double

    /// - Throws: ``GraphError/invalidWeight(kind:weight:)`` for a weight that is not a finite
    ///   positive number (Dijkstra's search is only correct for those).
    public init(_ weights: [String: Double], in table: KindTable, defaultWeight: Double = 1) throws(GraphError) {
        for (name, w) in weights.sorted(by: { $0.key < $1.key }) where !(w.isFinite && w > 0) {
            throw .invalidWeight(kind: name, weight: w)
        }
        guard defaultWeight.isFinite && defaultWeight > 0 else { throw .invalidWeight(kind: "default", weight: defaultWeight) }
        self.defaultWeight = defaultWeight
        byCode = (0..<table.count).map { weights[table.name(KindCode($0))] ?? defaultWeight }
    }

    @inline(__always)
    func weight(_ code: KindCode) -> Double { Int(code) < byCode.count ? byCode[Int(code)] : defaultWeight }
}

/// A weighted path and its total cost.
public struct WeightedPath: Sendable, Hashable {
    public var path: GraphPath
    public var cost: Double
}

/// The answer of a weighted path query; as for ``PathSearchResult``, "no path" and "ran out of
/// budget" are different answers.
public enum WeightedSearchResult: Sendable, Hashable {
    case found(WeightedPath)
    case noPath
    /// None within the limits; one may exist beyond those reached (see ``LimitsReached``).
    case beyondLimits(LimitsReached)
    case budgetExhausted(inspected: Int)

    public var path: WeightedPath? {
        if case let .found(p) = self { p } else { nil }
    }
}

extension CSRGraph {
    /// The cheapest path under `weights`, walking edges in either direction (Dijkstra with a
    /// binary heap, stopping when the target is settled).
    ///
    /// The filter applies as for ``shortestPath(from:to:filter:workspace:)``; `maxHops` bounds
    /// the hops of the cheapest path found: a node reached by its cheapest route in more than
    /// `maxHops` hops is not expanded further, so a costlier route with fewer hops is not
    /// looked for (constrained shortest paths are a different, harder problem).
    ///
    /// - Throws: ``GraphError`` for nodes out of range.
    /// - Complexity: O((V + E) log V) over the part of the graph cheaper than the answer.
    public func cheapestPath(
        from s: UInt32, to t: UInt32, weights: EdgeWeights, filter: PathFilter = PathFilter()
    ) throws(GraphError) -> WeightedSearchResult {
        guard Int(s) < nodeCount else { throw .nodeOutOfRange(s, nodeCount: nodeCount) }
        guard Int(t) < nodeCount else { throw .nodeOutOfRange(t, nodeCount: nodeCount) }
        return cheapestPath(from: s, to: t, weights: weights, filter: filter, bans: NoBans())
    }

    func cheapestPath<B: SearchBans>(
        from s: UInt32, to t: UInt32, weights: EdgeWeights, filter: PathFilter, bans: B
    ) -> WeightedSearchResult {
        if s == t { return .found(WeightedPath(path: GraphPath(nodes: [s], edges: []), cost: 0)) }
        var dist: [UInt32: Double] = [s: 0]
        var hops: [UInt32: Int] = [s: 0]
        var parent: [UInt32: UInt32] = [:]
        var settled = Set<UInt32>()
        var heap = MinHeap()
        heap.push(0, s)
        var inspected = 0
        var reached: LimitsReached = []
        let budget = filter.visitBudget ?? Int.max
        while let (d, u) = heap.pop() {
            guard settled.insert(u).inserted else { continue }
            if u == t { break }
            if u != s, !filter.admitsThrough(node: u, in: self) || bans.bans(node: u) {
                if filter.refusesForDegree(node: u, in: self) { reached.insert(.maxDegree) }
                continue
            }
            let h = hops[u]!
            if h >= filter.maxHops {
                reached.insert(.maxHops)
                continue
            }
            var exhausted = false
            forEachStep(u, directed: filter.directed, forward: true) { v, e in
                inspected += 1
                if inspected > budget { exhausted = true; return }
                guard !settled.contains(v), filter.admits(edge: Int(e), in: self), !bans.bans(edge: e) else { return }
                if v != t, bans.bans(node: v) { return }
                let nd = d + weights.weight(edgeKind[Int(e)])
                if nd < dist[v] ?? .infinity {
                    dist[v] = nd
                    hops[v] = h + 1
                    parent[v] = e
                    heap.push(nd, v)
                }
            }
            if exhausted { return .budgetExhausted(inspected: inspected - 1) }
        }
        guard let cost = dist[t], settled.contains(t) else { return reached.isEmpty ? .noPath : .beyondLimits(reached) }
        var nodes: [UInt32] = [t]
        var edges: [UInt32] = []
        var cur = t
        while cur != s {
            let e = parent[cur]!
            edges.append(e)
            cur = otherEnd(of: e, from: cur)
            nodes.append(cur)
        }
        return .found(WeightedPath(path: GraphPath(nodes: nodes.reversed(), edges: edges.reversed()), cost: cost))
    }
}

/// A binary min-heap of (priority, node), for Dijkstra.
struct MinHeap {
    private var items: [(Double, UInt32)] = []

    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ p: Double, _ v: UInt32) {
        items.append((p, v))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[i].0 < items[parent].0 else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> (Double, UInt32)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var m = i
                if l < items.count, items[l].0 < items[m].0 { m = l }
                if r < items.count, items[r].0 < items[m].0 { m = r }
                if m == i { break }
                items.swapAt(i, m)
                i = m
            }
        }
        return top
    }
}
