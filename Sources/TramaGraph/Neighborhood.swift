/// The entities within a few hops of one: an ego network, as a journalist's map starts.
public struct Neighborhood: Sendable, Hashable {
    /// The nodes reached, centre first, in order of distance.
    public var nodes: [UInt32]
    /// Hops from the centre, per entry of ``nodes``.
    public var hops: [Int]
    /// Every admitted edge between two reached nodes (the induced subgraph), ascending.
    public var edges: [UInt32]
    /// Nodes not taken because a hop's cap was reached.
    public var truncated: Int
}

extension CSRGraph {
    /// The k-hop neighbourhood of `centre`: breadth-first, the same filter as paths (edge and
    /// node kinds, dates, maximum degree — a super-node is reached but not expanded), at most
    /// `perHopCap` new nodes per hop so a map stays legible, then every admitted edge among
    /// the nodes reached.
    ///
    /// - Complexity: O(edges incident to the reached nodes).
    public func neighborhood(
        of centre: UInt32, hops k: Int, filter: PathFilter = PathFilter(), perHopCap: Int = .max
    ) throws(GraphError) -> Neighborhood {
        guard Int(centre) < nodeCount else { throw .nodeOutOfRange(centre, nodeCount: nodeCount) }
        // Reached nodes with their hop count; nodes left out by the cap are recorded too (so
        // they are counted once) with an out-of-range depth.
        let leftOut = Int(UInt32.max)
        var reached = VisitTable()
        reached.clear()
        reached.insert(centre, parent: 0, depth: 0)
        var nodes: [UInt32] = [centre]
        var hops: [Int] = [0]
        var frontier: [UInt32] = [centre]
        var truncated = 0
        for h in 1...max(1, k) where k >= 1 {
            var next: [UInt32] = []
            for u in frontier where u == centre || filter.admitsThrough(node: u, in: self) {
                forEachIncident(u) { v, e in
                    guard !reached.contains(v), filter.admits(edge: Int(e), in: self) else { return }
                    guard filter.nodeKinds.contains(nodeKind[Int(v)]) else { return }
                    if next.count >= perHopCap {
                        truncated += 1
                        reached.insert(v, parent: e, depth: leftOut)
                        return
                    }
                    reached.insert(v, parent: e, depth: h)
                    next.append(v)
                }
            }
            nodes += next
            hops += Array(repeating: h, count: next.count)
            frontier = next
            if frontier.isEmpty { break }
        }
        var edges: [UInt32] = []
        for u in nodes {
            let uIndex = Int(u)
            for i in Int(outOffsets[uIndex])..<Int(outOffsets[uIndex + 1]) {
                if let d = reached.depth(of: outNeighbor[i]), d != leftOut, filter.admits(edge: i, in: self) { edges.append(UInt32(i)) }
            }
        }
        edges.sort()
        return Neighborhood(nodes: nodes, hops: hops, edges: edges, truncated: truncated)
    }
}

extension CSRGraph {
    /// Every edge `filter` admits whose two ends are both in `nodes`, each once, in edge order:
    /// the relationships among a chosen set of entities (an investigation's), whatever the
    /// path between them. Reads each node's outgoing edges only, so a hub in the set costs its
    /// degree once.
    public func edges(among nodes: some Sequence<UInt32>, filter: PathFilter = PathFilter()) -> [UInt32] {
        let members = Set(nodes)
        var found: [UInt32] = []
        for u in members {
            forEachOutgoing(u) { v, e in
                if members.contains(v), filter.admits(edge: Int(e), in: self) { found.append(e) }
            }
        }
        return found.sorted()
    }
}

extension CSRGraph {
    /// One shortest path (its edges, in order from `source`) to each node of `targets` within
    /// `filter.maxHops`, under the same filter as paths (a super-node is reached but not
    /// expanded), in order of the target's index: what joins one entity to any of a set.
    ///
    /// - Complexity: O(edges incident to the nodes reached).
    public func paths(from source: UInt32, toAnyOf targets: Set<UInt32>, filter: PathFilter = PathFilter()) -> [(target: UInt32, edges: [UInt32])] {
        guard Int(source) < nodeCount, !targets.isEmpty else { return [] }
        var reached = VisitTable()
        reached.clear()
        reached.insert(source, parent: 0, depth: 0)
        var frontier = [source]
        var found: [UInt32] = []
        for h in 1...max(1, filter.maxHops) where filter.maxHops >= 1 {
            var next: [UInt32] = []
            for u in frontier where u == source || filter.admitsThrough(node: u, in: self) {
                forEachIncident(u) { v, e in
                    guard !reached.contains(v), filter.admits(edge: Int(e), in: self), filter.nodeKinds.contains(nodeKind[Int(v)]) else { return }
                    reached.insert(v, parent: e, depth: h)
                    next.append(v)
                    if targets.contains(v) { found.append(v) }
                }
            }
            frontier = next
            if frontier.isEmpty { break }
        }
        return found.sorted().map { t in
            var edges: [UInt32] = []
            var v = t
            while v != source {
                let e = reached.parent(of: v)
                edges.append(e)
                v = self.source(of: e) == v ? target(of: e) : self.source(of: e)
            }
            return (t, edges.reversed())
        }
    }
}
