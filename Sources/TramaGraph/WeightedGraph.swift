/// An undirected graph with a weight per edge, in compressed sparse row form: what projections
/// produce and what community detection and betweenness run on.
///
/// Each undirected edge `{u, v}` with `u ≠ v` appears in both rows; a self-loop appears once in
/// its row. Parallel edges are merged, their weights summed (two shared tenders weigh 2).
/// Node `i` stands for `original[i]` of the graph it was made from, so results map back to
/// entities.
public struct WeightedGraph: Sendable {
    /// The node of the source graph each node stands for.
    public let original: [UInt32]
    @usableFromInline let offsets: [Int]
    @usableFromInline let neighbor: [UInt32]
    @usableFromInline let weight: [Double]

    public var nodeCount: Int { original.count }
    /// Undirected edges (a self-loop counts one).
    public let edgeCount: Int
    /// The sum of all edge weights, each undirected edge once (m in the modularity formula).
    public let totalWeight: Double

    /// Builds a graph over `original.count` nodes from undirected weighted edges between local
    /// indices; parallel edges are summed, the order of the input does not matter.
    public init(original: [UInt32], edges: [(UInt32, UInt32, Double)]) {
        let n = original.count
        var degree = [Int](repeating: 0, count: n + 1)
        for (u, v, _) in edges {
            degree[Int(u)] += 1
            if u != v { degree[Int(v)] += 1 }
        }
        var start = [Int](repeating: 0, count: n + 1)
        for i in 0..<n { start[i + 1] = start[i] + degree[i] }
        var fill = start
        var nb = [UInt32](repeating: 0, count: start[n])
        var w = [Double](repeating: 0, count: start[n])
        for (u, v, x) in edges {
            nb[fill[Int(u)]] = v
            w[fill[Int(u)]] = x
            fill[Int(u)] += 1
            if u != v {
                nb[fill[Int(v)]] = u
                w[fill[Int(v)]] = x
                fill[Int(v)] += 1
            }
        }
        // Sort each row by neighbour and merge parallel edges.
        var offsets = [Int](repeating: 0, count: n + 1)
        var out = 0
        var edgeCount = 0
        var total = 0.0
        var row: [(UInt32, Double)] = []
        for u in 0..<n {
            row.removeAll(keepingCapacity: true)
            for i in start[u]..<start[u + 1] { row.append((nb[i], w[i])) }
            if row.count > 1 { row.sort { $0.0 < $1.0 } }
            offsets[u] = out
            var i = 0
            while i < row.count {
                let v = row[i].0
                var sum = 0.0
                while i < row.count, row[i].0 == v {
                    sum += row[i].1
                    i += 1
                }
                nb[out] = v
                w[out] = sum
                out += 1
                if Int(v) >= u {
                    edgeCount += 1
                    total += sum
                }
            }
        }
        offsets[n] = out
        nb.removeLast(nb.count - out)
        w.removeLast(w.count - out)
        self.original = original
        self.offsets = offsets
        self.neighbor = nb
        self.weight = w
        self.edgeCount = edgeCount
        self.totalWeight = total
    }

    /// Calls `body(neighbor, weight)` for each edge at `node`.
    @inlinable
    public func forEachNeighbor(_ node: Int, _ body: (Int, Double) throws -> Void) rethrows {
        for i in offsets[node]..<offsets[node + 1] { try body(Int(neighbor[i]), weight[i]) }
    }

    /// Number of distinct neighbours (a self-loop counts as one).
    public func degree(_ node: Int) -> Int { offsets[node + 1] - offsets[node] }

    /// The weighted degree of `node`, a self-loop counting twice (as in the modularity formula).
    public func strength(_ node: Int) -> Double {
        var s = 0.0
        for i in offsets[node]..<offsets[node + 1] { s += Int(neighbor[i]) == node ? 2 * weight[i] : weight[i] }
        return s
    }

    /// The edges, each undirected edge once with `u ≤ v`, in row order.
    public var edges: [(u: Int, v: Int, weight: Double)] {
        var out: [(Int, Int, Double)] = []
        out.reserveCapacity(edgeCount)
        for u in 0..<nodeCount { forEachNeighbor(u) { v, w in if v >= u { out.append((u, v, w)) } } }
        return out
    }
}

extension CSRGraph {
    /// The graph as undirected and weighted, over every node or only `nodes` (the induced
    /// subgraph), following the edges the filter admits between nodes it lets paths through.
    /// Each edge weighs `weights` of its kind (1 by default); parallel edges are summed.
    public func undirected(filter: PathFilter = PathFilter(), weights: EdgeWeights? = nil, nodes: [UInt32]? = nil) -> WeightedGraph {
        let keep: [UInt32] = nodes ?? (0..<UInt32(nodeCount)).filter { filter.admitsThrough(node: $0, in: self) }
        var local = [UInt32](repeating: .max, count: nodeCount)
        for (i, v) in keep.enumerated() { local[Int(v)] = UInt32(i) }
        var edges: [(UInt32, UInt32, Double)] = []
        for u in keep {
            let lu = local[Int(u)]
            for i in Int(outOffsets[Int(u)])..<Int(outOffsets[Int(u) + 1]) {
                let lv = local[Int(outNeighbor[i])]
                guard lv != .max, filter.admits(edge: i, in: self) else { continue }
                edges.append((lu, lv, weights?.weight(edgeKind[i]) ?? 1))
            }
        }
        return WeightedGraph(original: keep, edges: edges)
    }

    /// Every admitted edge with both ends in `nodes`, ascending: the induced subgraph a map of
    /// a ring or a judge's network draws.
    public func inducedEdges(of nodes: [UInt32], filter: PathFilter = PathFilter()) -> [UInt32] {
        let members = Set(nodes)
        var out: [UInt32] = []
        for u in members {
            for i in Int(outOffsets[Int(u)])..<Int(outOffsets[Int(u) + 1]) where members.contains(outNeighbor[i]) {
                if filter.admits(edge: i, in: self) { out.append(UInt32(i)) }
            }
        }
        return out.sorted()
    }
}
