/// A partition of a ``WeightedGraph``'s nodes into communities.
public struct Communities: Sendable, Hashable {
    /// Community per node, numbered 0..<count in order of each community's smallest node.
    public let membership: [UInt32]
    /// Nodes per community.
    public let sizes: [Int]
    /// Newman–Girvan modularity of the partition (with the resolution it was found at).
    public let modularity: Double
    /// How many times the graph was aggregated before no move improved modularity.
    public let levels: Int

    public var count: Int { sizes.count }

    init(membership raw: [UInt32], modularity: Double, levels: Int) {
        var relabel = [UInt32](repeating: .max, count: raw.count)
        var sizes: [Int] = []
        var membership = raw
        for i in raw.indices {
            let c = Int(raw[i])
            if relabel[c] == .max {
                relabel[c] = UInt32(sizes.count)
                sizes.append(0)
            }
            membership[i] = relabel[c]
            sizes[Int(relabel[c])] += 1
        }
        self.membership = membership
        self.sizes = sizes
        self.modularity = modularity
        self.levels = levels
    }
}

extension WeightedGraph {
    /// Modularity of `membership`: Q = Σ_c [ in_c / 2m − γ (tot_c / 2m)² ], where in_c is twice
    /// the weight inside community c and tot_c the total strength of its nodes (self-loops
    /// counting twice), as networkx and igraph define it.
    public func modularity(of membership: [UInt32], resolution: Double = 1) -> Double {
        precondition(membership.count == nodeCount)
        let m2 = 2 * totalWeight
        guard m2 > 0 else { return 0 }
        let communities = Int(membership.max().map { $0 + 1 } ?? 0)
        var inside = [Double](repeating: 0, count: communities)
        var total = [Double](repeating: 0, count: communities)
        for u in 0..<nodeCount {
            let cu = Int(membership[u])
            forEachNeighbor(u) { v, w in
                let x = v == u ? 2 * w : w
                total[cu] += x
                if Int(membership[v]) == cu { inside[cu] += x }
            }
        }
        var q = 0.0
        for c in 0..<communities { q += inside[c] / m2 - resolution * (total[c] / m2) * (total[c] / m2) }
        return q
    }

    /// Communities by the Louvain method (Blondel et al. 2008): move single nodes to the
    /// neighbouring community that most increases modularity until no move helps, merge each
    /// community into one node, and repeat on the merged graph.
    ///
    /// Rings and cartels show up as dense communities of the co-bidding or shared-owner
    /// projection. Nodes are visited in an order shuffled by `seed`, so a seed always gives the
    /// same partition. Aggregation stops when a level moves no node or raises modularity by less
    /// than `minimumGain`.
    ///
    /// - Complexity: about O(edges) per level (see `moveNodes`); the merged graphs shrink quickly.
    public func louvain(resolution: Double = 1, seed: UInt64 = 1, minimumGain: Double = 1e-7, maxLevels: Int = 32) -> Communities {
        var membership = (0..<UInt32(nodeCount)).map { $0 }
        guard totalWeight > 0 else { return Communities(membership: membership, modularity: 0, levels: 0) }
        var rng = SplitMix64(seed: seed)
        var level = self
        var levels = 0
        var quality = modularity(of: membership, resolution: resolution)
        while levels < maxLevels {
            let (moved, local) = level.moveNodes(resolution: resolution, rng: &rng)
            if !moved { break }
            levels += 1
            // Renumber the communities densely and merge each into one node.
            var renumber = [UInt32](repeating: .max, count: level.nodeCount)
            var next: UInt32 = 0
            for c in local where renumber[Int(c)] == .max {
                renumber[Int(c)] = next
                next += 1
            }
            for i in membership.indices { membership[i] = renumber[Int(local[Int(membership[i])])] }
            let q = modularity(of: membership, resolution: resolution)
            if q - quality < minimumGain { break }
            quality = q
            var edges: [(UInt32, UInt32, Double)] = []
            edges.reserveCapacity(level.edgeCount)
            for u in 0..<level.nodeCount {
                let cu = renumber[Int(local[u])]
                level.forEachNeighbor(u) { v, w in
                    if v >= u { edges.append((cu, renumber[Int(local[v])], w)) }
                }
            }
            level = WeightedGraph(original: (0..<next).map { $0 }, edges: edges)
        }
        if levels > 1 {
            // Refinement (Rotta & Noack 2011): the merged levels moved whole groups; moving single
            // nodes once more, from the final partition, recovers what that coarseness missed.
            let (moved, refined) = moveNodes(resolution: resolution, from: membership, rng: &rng)
            if moved { membership = refined }
        }
        return Communities(membership: membership, modularity: modularity(of: membership, resolution: resolution), levels: levels)
    }

    /// One level of local moving, by a queue (Traag, Waltman & van Eck 2019's "fast local
    /// move"): every node is queued once in seeded order; a node that moves queues those of its
    /// neighbours that are not queued and not in its new community, because only their best
    /// move can have changed. The level ends when the queue is empty. Each move strictly raises
    /// modularity, so it ends; unlike repeated full passes it does not revisit settled regions
    /// (on a 640,000-node procurement world full passes crept up by 10⁻⁵ for over a hundred
    /// passes).
    ///
    /// Returns whether any node changed community, and the community of each node.
    private func moveNodes(resolution γ: Double, from start: [UInt32]? = nil, rng: inout SplitMix64) -> (Bool, [UInt32]) {
        let n = nodeCount
        let m2 = 2 * totalWeight
        var strength = [Double](repeating: 0, count: n)
        for i in 0..<n { strength[i] = self.strength(i) }
        var community = start ?? (0..<UInt32(n)).map { $0 }
        var total = [Double](repeating: 0, count: n)
        for i in 0..<n { total[Int(community[i])] += strength[i] }
        var queue = (0..<UInt32(n)).map { $0 }
        rng.shuffle(&queue)
        var queued = [Bool](repeating: true, count: n)
        var head = 0
        var linkTo = [Double](repeating: 0, count: n)
        var linked: [Int] = []
        var movedAny = false
        // A move must gain more than rounding can produce.
        let epsilon = 1e-12 * max(1, totalWeight)
        while head < queue.count {
            let i = Int(queue[head])
            head += 1
            if head > n, head * 2 > queue.count {
                // Keep the queue's storage bounded: drop the consumed prefix.
                queue.removeFirst(head)
                head = 0
            }
            queued[i] = false
            let ci = Int(community[i])
            let ki = strength[i]
            forEachNeighbor(i) { j, w in
                guard j != i else { return }
                let c = Int(community[j])
                if linkTo[c] == 0 { linked.append(c) }
                linkTo[c] += w
            }
            total[ci] -= ki
            var best = ci
            var bestGain = linkTo[ci] - γ * total[ci] * ki / m2
            for c in linked {
                let gain = linkTo[c] - γ * total[c] * ki / m2
                if gain > bestGain + epsilon {
                    best = c
                    bestGain = gain
                }
            }
            total[best] += ki
            for c in linked { linkTo[c] = 0 }
            linked.removeAll(keepingCapacity: true)
            guard best != ci else { continue }
            community[i] = UInt32(best)
            movedAny = true
            forEachNeighbor(i) { j, _ in
                if !queued[j], Int(community[j]) != best {
                    queued[j] = true
                    queue.append(UInt32(j))
                }
            }
        }
        return (movedAny, community)
    }
}

