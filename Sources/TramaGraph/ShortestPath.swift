extension CSRGraph {
    /// The shortest path between two nodes, walking edges in either direction, by
    /// bidirectional breadth-first search.
    ///
    /// The search grows whichever frontier is smaller by one whole level at a time. (Comparing
    /// the edges each would inspect instead was tried on the 100,000-firm world: fewer edges,
    /// but reading every new node's degree cost more than it saved.) The first
    /// edge that joins the two searches closes a shortest path: before that level, no path of
    /// length ≤ depthForward + depthBackward existed, and the joining edge makes one of length
    /// depthForward + depthBackward + 1.
    ///
    /// Nodes the filter does not admit (wrong kind, degree above `maxDegree`) are never entered,
    /// except the two endpoints.
    ///
    /// - Parameters:
    ///   - workspace: scratch memory for this graph; pass one to reuse it across queries.
    /// - Complexity: O(b^(d/2)) edge inspections for branching factor b and distance d, at worst
    ///   O(edgeCount); O(1) extra memory with a reused workspace, O(nodeCount) without one.
    public func shortestPath(
        from s: UInt32, to t: UInt32, filter: PathFilter = PathFilter(), workspace: SearchWorkspace? = nil
    ) throws(GraphError) -> PathSearchResult {
        guard Int(s) < nodeCount else { throw .nodeOutOfRange(s, nodeCount: nodeCount) }
        guard Int(t) < nodeCount else { throw .nodeOutOfRange(t, nodeCount: nodeCount) }
        return shortestPath(from: s, to: t, filter: filter, bans: NoBans(), workspace: workspace)
    }

    /// The search itself, generic over extra exclusions so that the plain query pays nothing
    /// for them (the compiler specialises `NoBans` away) while Yen's spur searches reuse it.
    func shortestPath<B: SearchBans>(
        from s: UInt32, to t: UInt32, filter: PathFilter, bans: B, workspace: SearchWorkspace?
    ) -> PathSearchResult {
        if s == t { return .found(GraphPath(nodes: [s], edges: [])) }
        let ws = workspace ?? SearchWorkspace(nodeCount: nodeCount)
        precondition(ws.nodeCount == nodeCount, "workspace was made for another graph")
        return ws.withTables { seenForward, seenBackward in
            bidirectionalSearch(
                from: s, to: t, filter: filter, bans: bans, seenForward: &seenForward, seenBackward: &seenBackward,
                prefetchSink: &ws.prefetchSink)
        }
    }

    @inline(__always)
    private func bidirectionalSearch<B: SearchBans>(
        from s: UInt32, to t: UInt32, filter: PathFilter, bans: B, seenForward: inout VisitTable, seenBackward: inout VisitTable,
        prefetchSink: inout UInt32
    ) -> PathSearchResult {
        seenForward.insert(s, parent: 0, depth: 0)
        seenBackward.insert(t, parent: 0, depth: 0)
        var frontierForward: [UInt32] = [s]
        var frontierBackward: [UInt32] = [t]
        var depthForward = 0
        var depthBackward = 0
        var inspected = 0
        var touched: UInt32 = 0
        defer { prefetchSink = touched }
        let budget = filter.visitBudget ?? Int.max
        let maxHops = min(filter.maxHops, Int(UInt16.max))
        // With no kind or date restriction every edge is admitted: skip the per-edge lookups,
        // which would miss the cache for edges met from their target's side.
        let checkEdges = !filter.admitsEveryEdge
        let checkNodes = !filter.admitsEveryNode
        var degreeRefused = false

        while !frontierForward.isEmpty, !frontierBackward.isEmpty, depthForward + depthBackward < maxHops {
            let forward = frontierForward.count <= frontierBackward.count
            var next: [UInt32] = []
            var meeting: (node: UInt32, edge: UInt32, via: UInt32)?
            let depth = forward ? depthForward + 1 : depthBackward + 1
            let frontier = forward ? frontierForward : frontierBackward
            scan: for j in frontier.indices {
                let u = frontier[j]
                let n = Int(u)
                // Software prefetch: touch the offsets of a node a few places ahead and the first
                // neighbours of one nearer, so their cache misses overlap with this node's work
                // instead of each stalling the search in turn (the loads are independent of it).
                if j + 8 < frontier.count {
                    let ahead = Int(frontier[j + 8])
                    touched &+= outOffsets[ahead] &+ inOffsets[ahead]
                }
                if j + 4 < frontier.count {
                    let near = Int(frontier[j + 4])
                    let o = Int(outOffsets[near]), i = Int(inOffsets[near])
                    if o < outNeighbor.count { touched &+= outNeighbor[o] }
                    if i < inNeighbor.count { touched &+= inNeighbor[i] }
                }
                // Out-edges then in-edges (directed: out going forwards, in going backwards),
                // inlined: this loop is the engine's hottest.
                for side in filter.directed ? (forward ? 0..<1 : 1..<2) : 0..<2 {
                    let start = Int(side == 0 ? outOffsets[n] : inOffsets[n])
                    let end = Int(side == 0 ? outOffsets[n + 1] : inOffsets[n + 1])
                    var i = start
                    while i < end {
                        let v = side == 0 ? outNeighbor[i] : inNeighbor[i]
                        let position = i
                        i += 1
                        inspected += 1
                        if inspected > budget { return .budgetExhausted(inspected: inspected - 1) }
                        if forward ? seenForward.contains(v) : seenBackward.contains(v) { continue }
                        let e = side == 0 ? position : Int(inEdge[position])
                        if checkEdges, !filter.admits(edge: e, in: self) { continue }
                        if bans.bans(edge: UInt32(e)) { continue }
                        if v != s, v != t {
                            if checkNodes, !filter.admitsThrough(node: v, in: self) {
                                degreeRefused = degreeRefused || filter.refusesForDegree(node: v, in: self)
                                continue
                            }
                            if bans.bans(node: v) { continue }
                        }
                        if forward ? seenBackward.contains(v) : seenForward.contains(v) {
                            meeting = (v, UInt32(e), u)
                            break scan
                        }
                        if forward {
                            seenForward.insert(v, parent: UInt32(e), depth: depth)
                        } else {
                            seenBackward.insert(v, parent: UInt32(e), depth: depth)
                        }
                        next.append(v)
                    }
                }
            }
            if let m = meeting {
                // Forward half: s … x, then the joining edge, then y … t.
                let (x, y) = forward ? (m.via, m.node) : (m.node, m.via)
                var nodes: [UInt32] = [x]
                var edges: [UInt32] = []
                var cur = x
                while cur != s {
                    let e = seenForward.parent(of: cur)
                    edges.append(e)
                    cur = otherEnd(of: e, from: cur)
                    nodes.append(cur)
                }
                nodes.reverse()
                edges.reverse()
                edges.append(m.edge)
                nodes.append(y)
                cur = y
                while cur != t {
                    let e = seenBackward.parent(of: cur)
                    edges.append(e)
                    cur = otherEnd(of: e, from: cur)
                    nodes.append(cur)
                }
                return .found(GraphPath(nodes: nodes, edges: edges))
            }
            if forward {
                frontierForward = next
                depthForward += 1
            } else {
                frontierBackward = next
                depthBackward += 1
            }
        }
        var reached: LimitsReached = degreeRefused ? .maxDegree : []
        if !frontierForward.isEmpty, !frontierBackward.isEmpty { reached.insert(.maxHops) }
        return reached.isEmpty ? .noPath : .beyondLimits(reached)
    }
}

/// Nodes and edges a search must avoid beyond its filter.
protocol SearchBans {
    func bans(node: UInt32) -> Bool
    func bans(edge: UInt32) -> Bool
}

/// No exclusions: the ordinary query.
struct NoBans: SearchBans {
    @inline(__always) func bans(node: UInt32) -> Bool { false }
    @inline(__always) func bans(edge: UInt32) -> Bool { false }
}

/// A few excluded nodes and edges, as Yen's algorithm needs (the root of a path, and the edges
/// earlier answers took from the spur node): at most a path's length of each, so a linear scan
/// beats hashing.
struct FewBans: SearchBans {
    var nodes: [UInt32] = []
    var edges: [UInt32] = []
    @inline(__always) func bans(node: UInt32) -> Bool { nodes.contains(node) }
    @inline(__always) func bans(edge: UInt32) -> Bool { edges.contains(edge) }
}

extension CSRGraph {
    /// Shortest paths for many pairs at once — the batch screening of every co-bidder pair in a
    /// market — split across `workers`, each with its own workspace. Answers are in pair order.
    ///
    /// - Throws: ``GraphError/nodeOutOfRange(_:nodeCount:)`` for the first pair out of range,
    ///   before any search runs.
    public func shortestPaths(
        pairs: [(from: UInt32, to: UInt32)], filter: PathFilter = PathFilter(), workers: Int = Parallelism.processorCount
    ) throws(GraphError) -> [PathSearchResult] {
        for (s, t) in pairs {
            guard Int(s) < nodeCount else { throw .nodeOutOfRange(s, nodeCount: nodeCount) }
            guard Int(t) < nodeCount else { throw .nodeOutOfRange(t, nodeCount: nodeCount) }
        }
        let chunks = Parallelism.map(pairs.count, workers: workers, minimumChunk: 16) { range in
            let ws = SearchWorkspace(nodeCount: nodeCount)
            return range.map { shortestPath(from: pairs[$0].from, to: pairs[$0].to, filter: filter, bans: NoBans(), workspace: ws) }
        }
        return chunks.flatMap { $0 }
    }
}
