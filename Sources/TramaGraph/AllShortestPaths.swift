extension CSRGraph {
    /// Every shortest path from `s` to `t` (all walks of the minimum number of hops, each edge
    /// sequence once), at most `limit` of them.
    ///
    /// A prosecutor wants all equally short links, not the one a search happened to meet first.
    /// The search meets in the middle: after the distance `d` is known, a forward breadth-first
    /// search runs ⌈d/2⌉ levels from `s` and a backward one ⌊d/2⌋ levels from `t`; every shortest
    /// path passes through a node at forward depth ⌈d/2⌉ and backward depth ⌊d/2⌋, and its two
    /// halves are recovered by walking depths down again. Nothing beyond half the distance from
    /// either end is explored.
    ///
    /// - Complexity: two half-depth breadth-first searches plus O(paths · d).
    public func allShortestPaths(
        from s: UInt32, to t: UInt32, filter: PathFilter = PathFilter(), limit: Int = 1000, workspace: SearchWorkspace? = nil
    ) throws(GraphError) -> PathList {
        let ws = workspace ?? SearchWorkspace(nodeCount: nodeCount)
        let d: Int
        switch try shortestPath(from: s, to: t, filter: filter, workspace: ws) {
        case let .found(p): d = p.hops
        case .noPath: return PathList(paths: [], cutShort: nil)
        case let .beyondLimits(r): return PathList(paths: [], cutShort: .beyondLimits(r))
        case let .budgetExhausted(n): return PathList(paths: [], cutShort: .budgetExhausted(inspected: n))
        }
        if d == 0 { return PathList(paths: [WeightedPath(path: GraphPath(nodes: [s], edges: []), cost: 0)], cutShort: nil) }
        guard limit > 0 else { return PathList(paths: [], cutShort: .limitReached) }
        let forwardDepth = (d + 1) / 2
        let backwardDepth = d - forwardDepth

        ws.begin()
        var inspected = 0
        let budget = filter.visitBudget ?? Int.max
        // Level-by-level search from one end; `forward` picks the workspace arrays.
        func levels(from root: UInt32, depth: Int, forward: Bool) -> [UInt32]? {
            if forward { ws.forward.insert(root, parent: 0, depth: 0) } else { ws.backward.insert(root, parent: 0, depth: 0) }
            var frontier = [root]
            for level in 1...max(1, depth) where depth > 0 {
                var next: [UInt32] = []
                for u in frontier {
                    var exhausted = false
                    forEachStep(u, directed: filter.directed, forward: forward) { v, e in
                        inspected += 1
                        if inspected > budget { exhausted = true; return }
                        if forward ? ws.forward.contains(v) : ws.backward.contains(v) { return }
                        guard filter.admits(edge: Int(e), in: self) else { return }
                        if v != s, v != t, !filter.admitsThrough(node: v, in: self) { return }
                        if forward { ws.forward.insert(v, parent: e, depth: level) } else { ws.backward.insert(v, parent: e, depth: level) }
                        next.append(v)
                    }
                    if exhausted { return nil }
                }
                frontier = next
            }
            return frontier
        }
        guard let middleCandidates = levels(from: s, depth: forwardDepth, forward: true),
            levels(from: t, depth: backwardDepth, forward: false) != nil
        else { return PathList(paths: [], cutShort: .budgetExhausted(inspected: inspected - 1)) }

        // The halves ending at a middle node, as edge lists walked from the middle outwards.
        func halves(from middle: UInt32, depth: Int, forward: Bool) -> [[UInt32]] {
            var out: [[UInt32]] = []
            var stack: [UInt32] = []
            func walk(_ v: UInt32, _ level: Int) {
                if level == 0 {
                    out.append(stack)
                    return
                }
                // Back towards the half's root: against the direction the level search took.
                forEachStep(v, directed: filter.directed, forward: !forward) { u, e in
                    let onLevel = (forward ? ws.forward.depth(of: u) : ws.backward.depth(of: u)) == level - 1
                    guard onLevel, filter.admits(edge: Int(e), in: self) else { return }
                    stack.append(e)
                    walk(u, level - 1)
                    stack.removeLast()
                }
            }
            walk(middle, depth)
            return out
        }

        var paths: [WeightedPath] = []
        for m in middleCandidates
        where ws.backward.depth(of: m) == backwardDepth {
            let firstHalves = halves(from: m, depth: forwardDepth, forward: true)
            let secondHalves = halves(from: m, depth: backwardDepth, forward: false)
            for first in firstHalves {
                for second in secondHalves {
                    if paths.count == limit { return PathList(paths: paths, cutShort: .limitReached) }
                    let edges = first.reversed() + second
                    var nodes: [UInt32] = [s]
                    for e in edges { nodes.append(otherEnd(of: e, from: nodes[nodes.count - 1])) }
                    paths.append(WeightedPath(path: GraphPath(nodes: nodes, edges: Array(edges)), cost: Double(d)))
                }
            }
        }
        return PathList(paths: paths, cutShort: nil)
    }
}
