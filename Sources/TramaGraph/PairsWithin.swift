/// Two members of a screened set and how many hops apart they are.
public struct MemberPair: Sendable, Hashable {
    public var from: UInt32
    public var to: UInt32
    public var hops: Int

    public init(from: UInt32, to: UInt32, hops: Int) {
        self.from = from
        self.to = to
        self.hops = hops
    }
}

/// Every pair of a set of entities within a few hops of each other: the batch screen an analyst
/// runs over a market's bidders, 10,000 firms at a time, before looking at any one connection.
public struct PairsWithin: Sendable, Hashable {
    /// Pairs found, ordered by hops, then by the members' order in the request.
    public var pairs: [MemberPair]
    /// Members whose search stopped at the visit budget: pairs from them may be missing.
    public var cut: [UInt32]
    /// Edge inspections made, over all members.
    public var inspected: Int
}

extension CSRGraph {
    /// Every pair of `members` joined by a path of at most `filter.maxHops` edges under
    /// `filter` (kinds, dates, maximum degree — the same rules as ``shortestPath(from:to:filter:workspace:)``:
    /// members are always endpoints, any admitted node may be passed through), with the
    /// shortest such path's length.
    ///
    /// One breadth-first search per member, bounded by the hop limit, on both cores. Searching
    /// from each member rather than answering each pair is what makes the screen affordable:
    /// 10,000 members are 50 million pairs, and one search reaches every member near its start
    /// at once. Undirected, each pair is reported once, from the member that comes first in
    /// `members`; with `filter.directed`, a pair means a path from `from` to `to`, so both
    /// orders may appear. `filter.visitBudget` bounds each member's search; members whose
    /// search it cut are listed.
    ///
    /// - Complexity: O(Σ edges within `maxHops` of each member).
    public func pairsWithin(_ members: [UInt32], filter: PathFilter, workers: Int = Parallelism.processorCount) throws(GraphError) -> PairsWithin {
        var rank = [Int32](repeating: -1, count: nodeCount)
        for (i, m) in members.enumerated() {
            guard Int(m) < nodeCount else { throw .nodeOutOfRange(m, nodeCount: nodeCount) }
            if rank[Int(m)] < 0 { rank[Int(m)] = Int32(i) }
        }
        let maxHops = max(0, filter.maxHops)
        let budget = filter.visitBudget ?? .max
        let checkEdges = !filter.admitsEveryEdge
        let checkNodes = !filter.admitsEveryNode
        let parts = Parallelism.map(members.count, workers: workers, minimumChunk: 64) { range in
            var seen = [UInt32](repeating: 0, count: nodeCount)
            var stamp: UInt32 = 0
            var found: [MemberPair] = []
            var cut: [UInt32] = []
            var inspected = 0
            var frontier: [UInt32] = []
            var next: [UInt32] = []
            for i in range {
                let s = members[i]
                guard rank[Int(s)] == Int32(i) else { continue }  // a repeated member is searched once
                stamp += 1
                seen[Int(s)] = stamp
                frontier.removeAll(keepingCapacity: true)
                frontier.append(s)
                var visits = 0
                search: for depth in 1...max(1, maxHops) where maxHops >= 1 {
                    next.removeAll(keepingCapacity: true)
                    for u in frontier {
                        if u != s, checkNodes, !filter.admitsThrough(node: u, in: self) { continue }
                        let n = Int(u)
                        for side in filter.directed ? 0..<1 : 0..<2 {
                            let start = Int(side == 0 ? outOffsets[n] : inOffsets[n])
                            let end = Int(side == 0 ? outOffsets[n + 1] : inOffsets[n + 1])
                            for position in start..<end {
                                visits += 1
                                if visits > budget {
                                    cut.append(s)
                                    break search
                                }
                                let v = side == 0 ? outNeighbor[position] : inNeighbor[position]
                                if seen[Int(v)] == stamp { continue }
                                if checkEdges, !filter.admits(edge: side == 0 ? position : Int(inEdge[position]), in: self) { continue }
                                seen[Int(v)] = stamp
                                let r = rank[Int(v)]
                                if r >= 0, filter.directed || r > Int32(i) { found.append(MemberPair(from: s, to: v, hops: depth)) }
                                next.append(v)
                            }
                        }
                    }
                    swap(&frontier, &next)
                    if frontier.isEmpty { break }
                }
                inspected += min(visits, budget)
            }
            return (found, cut, inspected)
        }
        var pairs = parts.flatMap(\.0)
        pairs.sort { a, b in
            if a.hops != b.hops { return a.hops < b.hops }
            let (ra, rb) = (rank[Int(a.from)], rank[Int(b.from)])
            return ra != rb ? ra < rb : rank[Int(a.to)] < rank[Int(b.to)]
        }
        return PairsWithin(pairs: pairs, cut: parts.flatMap(\.1), inspected: parts.reduce(0) { $0 + $1.2 })
    }
}
