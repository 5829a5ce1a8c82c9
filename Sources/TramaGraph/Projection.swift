/// How a bipartite graph becomes a graph of one kind of node: which nodes are the members
/// (firms), which are shared (tenders, owners), and how much one shared node counts.
public struct Projection: Sendable, Hashable {
    /// The nodes the projection is over (e.g. firms).
    public var members: KindSet
    /// The nodes members share (e.g. tenders for co-bidding, people for common owners).
    public var via: KindSet
    /// The relationships that tie a member to a shared node (e.g. `bid`, `owns`); they also
    /// take the filter's dates.
    public var filter: PathFilter
    /// Shared nodes with more members than this are skipped: a registered agent holding
    /// thousands of firms, or the state, would tie them all together and mean nothing.
    public var maxSharedDegree: Int
    public var weighting: Weighting
    /// Pairs weighing less than this are left out.
    public var minimumWeight: Double
    /// Whether a shared node ties members only by its own outgoing edges (an owner to what it
    /// owns). Needed when shared nodes may be members too: a company that owns two firms ties
    /// them, but not to its own owners, nor the firm that owns it to its subsidiaries.
    public var sharedNodeIsSource = false

    public enum Weighting: String, Sendable, Hashable, CaseIterable {
        /// One per shared node: the number of tenders two firms both bid in.
        case count
        /// 1/(k − 1) per shared node with k members (Newman's collaboration weight): sharing a
        /// node with few others says more than sharing one with many.
        case inverseDegree
    }

    public init(
        members: KindSet, via: KindSet, filter: PathFilter = PathFilter(), maxSharedDegree: Int = 1000,
        weighting: Weighting = .count, minimumWeight: Double = 1, sharedNodeIsSource: Bool = false
    ) {
        self.sharedNodeIsSource = sharedNodeIsSource
        self.members = members
        self.via = via
        self.filter = filter
        self.maxSharedDegree = maxSharedDegree
        self.weighting = weighting
        self.minimumWeight = minimumWeight
    }
}

extension CSRGraph {
    /// The one-mode projection of the member–shared bipartite graph: an edge between two members
    /// for every shared node they both touch, weighted per ``Projection/Weighting``, kept when it
    /// reaches ``Projection/minimumWeight``. Members with no pair left are dropped.
    ///
    /// Members are split across `workers`; each worker counts its members' pairs with a dense
    /// accumulator, so the result does not depend on the number of workers.
    ///
    /// - Complexity: O(Σ over shared nodes of members²), bounded by `maxSharedDegree`.
    public func project(_ p: Projection, workers: Int = Parallelism.processorCount) -> WeightedGraph {
        // Member lists of every admissible shared node, once: neighbours through admitted edges.
        var sharedMembers = [[UInt32]?](repeating: nil, count: nodeCount)
        func members(of w: UInt32) -> [UInt32] {
            var out: [UInt32] = []
            forEachStep(w, directed: p.sharedNodeIsSource, forward: true) { v, e in
                if p.members.contains(nodeKind[Int(v)]), p.filter.admits(edge: Int(e), in: self) { out.append(v) }
            }
            out.sort()
            var unique: [UInt32] = []
            for v in out where unique.last != v { unique.append(v) }
            return unique
        }
        for w in 0..<UInt32(nodeCount) where p.via.contains(nodeKind[Int(w)]) {
            if let limit = p.filter.maxDegree, degree(w) > limit { continue }
            let m = members(of: w)
            if m.count >= 2, m.count <= p.maxSharedDegree { sharedMembers[Int(w)] = m }
        }
        let memberNodes = (0..<UInt32(nodeCount)).filter { p.members.contains(nodeKind[Int($0)]) }
        let shared = sharedMembers
        let pairs: [[(UInt32, UInt32, Double)]] = Parallelism.map(memberNodes.count, workers: workers, minimumChunk: 1024) { range in
            var acc = [Double](repeating: 0, count: nodeCount)
            var touched: [UInt32] = []
            var sharedOfU: [UInt32] = []
            var out: [(UInt32, UInt32, Double)] = []
            for i in range {
                let u = memberNodes[i]
                sharedOfU.removeAll(keepingCapacity: true)
                forEachStep(u, directed: p.sharedNodeIsSource, forward: false) { w, e in
                    if shared[Int(w)] != nil, p.filter.admits(edge: Int(e), in: self) { sharedOfU.append(w) }
                }
                // Several edges to one shared node (two bids in one tender) count once.
                sharedOfU.sort()
                var previous = UInt32.max
                for w in sharedOfU where w != previous {
                    previous = w
                    let list = shared[Int(w)]!
                    let share = p.weighting == .count ? 1 : 1 / Double(list.count - 1)
                    for v in list where v > u {
                        if acc[Int(v)] == 0 { touched.append(v) }
                        acc[Int(v)] += share
                    }
                }
                touched.sort()
                for v in touched {
                    if acc[Int(v)] >= p.minimumWeight { out.append((u, v, acc[Int(v)])) }
                    acc[Int(v)] = 0
                }
                touched.removeAll(keepingCapacity: true)
            }
            return out
        }
        var used = [Bool](repeating: false, count: nodeCount)
        for chunk in pairs { for (u, v, _) in chunk { used[Int(u)] = true; used[Int(v)] = true } }
        let keep = memberNodes.filter { used[Int($0)] }
        var local = [UInt32](repeating: 0, count: nodeCount)
        for (i, v) in keep.enumerated() { local[Int(v)] = UInt32(i) }
        var edges: [(UInt32, UInt32, Double)] = []
        edges.reserveCapacity(pairs.reduce(0) { $0 + $1.count })
        for chunk in pairs { for (u, v, x) in chunk { edges.append((local[Int(u)], local[Int(v)], x)) } }
        return WeightedGraph(original: keep, edges: edges)
    }
}
