extension CSRGraph {
    /// PageRank by power iteration, to rank the brokers of a ring or a judge's network.
    ///
    /// Follows igraph's PRPACK conventions so results compare: damping `d`, teleport uniform,
    /// the rank of a node with no out-edges (a "dangling" node) spread uniformly. With
    /// `directed: false` every edge counts both ways (investigative relationships are mostly
    /// symmetric: shared owners, family ties). Multi-edges count with their multiplicity; a
    /// self-loop counts once as an out-edge, in either mode (networkx's convention).
    ///
    /// - Parameters:
    ///   - tolerance: stop when the L1 change between iterations falls below this.
    /// - Returns: one score per node, summing to 1.
    /// - Complexity: O(iterations · (nodeCount + edgeCount)).
    public func pageRank(
        damping d: Double = 0.85, directed: Bool = true, tolerance: Double = 1e-10, maxIterations: Int = 200,
        workers: Int = Parallelism.processorCount
    ) -> [Double] {
        let n = nodeCount
        guard n > 0 else { return [] }
        var outWeight = [Double](repeating: 0, count: n)
        for u in 0..<n {
            outWeight[u] = Double(outDegree(UInt32(u)))
            if !directed {
                // Undirected, a self-loop is one way out (as networkx counts it), not two.
                var loops = 0
                for i in Int(outOffsets[u])..<Int(outOffsets[u + 1]) where outNeighbor[i] == UInt32(u) { loops += 1 }
                outWeight[u] += Double(inDegree(UInt32(u)) - loops)
            }
        }
        var inverseOut = [Double](repeating: 0, count: n)
        var dangling: [Int] = []
        for u in 0..<n {
            if outWeight[u] == 0 { dangling.append(u) } else { inverseOut[u] = 1 / outWeight[u] }
        }
        var rank = [Double](repeating: 1 / Double(n), count: n)
        var next = [Double](repeating: 0, count: n)
        var share = [Double](repeating: 0, count: n)
        for _ in 0..<maxIterations {
            Parallelism.fill(&share, workers: workers, minimumChunk: 65536) { u in rank[u] * inverseOut[u] }
            var danglingRank = 0.0
            for u in dangling { danglingRank += rank[u] }
            let base = (1 - d) / Double(n) + d * danglingRank / Double(n)
            // Pull: each node sums the shares of the nodes pointing at it. Nodes are split
            // across workers, each writing only its own range of `next` and summing its own
            // part of the change.
            let delta = next.withUnsafeMutableBufferPointer { out in
                let out = out.baseAddress!
                return Parallelism.map(n, workers: workers, minimumChunk: 65536) { range in
                    var change = 0.0
                    for v in range {
                        var sum = 0.0
                        var j = Int(inOffsets[v])
                        let end = Int(inOffsets[v + 1])
                        while j < end {
                            sum += share[Int(inNeighbor[j])]
                            j += 1
                        }
                        if !directed {
                            var i = Int(outOffsets[v])
                            let oend = Int(outOffsets[v + 1])
                            while i < oend {
                                let u = outNeighbor[i]
                                if u != UInt32(v) { sum += share[Int(u)] }
                                i += 1
                            }
                        }
                        let value = base + d * sum
                        out[v] = value
                        change += abs(value - rank[v])
                    }
                    return change
                }.reduce(0, +)
            }
            swap(&rank, &next)
            if delta < tolerance { break }
        }
        return rank
    }
}

extension WeightedGraph {
    /// PageRank of an undirected weighted graph: a walker leaves a node along each edge in
    /// proportion to its weight (a self-loop is one way out, as in ``CSRGraph/pageRank``);
    /// isolated nodes teleport uniformly. Used to rank entities inside a subgraph.
    public func pageRank(damping d: Double = 0.85, tolerance: Double = 1e-10, maxIterations: Int = 200) -> [Double] {
        let n = nodeCount
        guard n > 0 else { return [] }
        var out = [Double](repeating: 0, count: n)
        for u in 0..<n { forEachNeighbor(u) { _, w in out[u] += w } }
        var rank = [Double](repeating: 1 / Double(n), count: n)
        for _ in 0..<maxIterations {
            var dangling = 0.0
            for u in 0..<n where out[u] == 0 { dangling += rank[u] }
            let base = (1 - d) / Double(n) + d * dangling / Double(n)
            var next = [Double](repeating: base, count: n)
            // Symmetric: what v receives from u along {u, v} is u's rank times w / out(u).
            for u in 0..<n where out[u] > 0 {
                let share = d * rank[u] / out[u]
                forEachNeighbor(u) { v, w in next[v] += share * w }
            }
            var delta = 0.0
            for v in 0..<n { delta += abs(next[v] - rank[v]) }
            rank = next
            if delta < tolerance { break }
        }
        return rank
    }
}
