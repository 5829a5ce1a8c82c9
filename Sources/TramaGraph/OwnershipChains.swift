/// Chains of ownership and control: who owns an entity up every chain (its owners' owners…),
/// or what it holds down every chain — the walk `trama owners` and `trama holdings` make.
public struct OwnershipChain: Sendable, Hashable {
    /// From the entity asked about to the owner (or holding) the chain ends at.
    public var nodes: [UInt32]
    /// `edges[i]` joins `nodes[i]` and `nodes[i + 1]`, in the relationship's own direction
    /// (owner → owned).
    public var edges: [UInt32]
}

/// Up the chains (to owners) or down (to holdings).
public enum ChainDirection: String, Sendable, Hashable {
    case owners, holdings
}

extension CSRGraph {
    /// Every simple chain of edges `filter` admits from `entity` towards its owners (following
    /// edges into each node: owner → owned) or its holdings (edges out of it), at most
    /// `filter.maxHops` long. A node is never visited twice on one chain, so a cycle of
    /// cross-holdings is walked once around and no further; two chains to the same owner by
    /// different routes (a diamond) are both kept, since shares add over distinct chains.
    /// Stops after `limit` chains (`truncated`): a register's chains can multiply.
    public func ownershipChains(
        from entity: UInt32, direction: ChainDirection, filter: PathFilter, limit: Int = 100_000
    ) -> (chains: [OwnershipChain], truncated: Bool) {
        var chains: [OwnershipChain] = []
        var nodes: [UInt32] = [entity]
        var edges: [UInt32] = []
        var onChain: Set<UInt32> = [entity]
        var truncated = false

        func steps(_ node: UInt32) -> [(UInt32, UInt32)] {
            var out: [(UInt32, UInt32)] = []
            let body = { (other: UInt32, edge: UInt32) in
                if filter.admits(edge: Int(edge), in: self) { out.append((other, edge)) }
            }
            switch direction {
            case .owners: forEachIncoming(node, body)
            case .holdings: forEachOutgoing(node, body)
            }
            return out
        }

        func walk(_ node: UInt32) {
            guard edges.count < filter.maxHops else { return }
            for (next, edge) in steps(node) where !onChain.contains(next) {
                guard chains.count < limit else {
                    truncated = true
                    return
                }
                nodes.append(next)
                edges.append(edge)
                onChain.insert(next)
                chains.append(OwnershipChain(nodes: nodes, edges: edges))
                walk(next)
                onChain.remove(next)
                nodes.removeLast()
                edges.removeLast()
            }
        }
        walk(entity)
        return (chains, truncated)
    }

    /// Whether `node` has an owner (or a holding) by an edge `filter` admits: whether a chain
    /// ending there could go on.
    public func hasNextLink(_ node: UInt32, direction: ChainDirection, filter: PathFilter) -> Bool {
        var found = false
        let body = { (_: UInt32, edge: UInt32) in
            if !found, filter.admits(edge: Int(edge), in: self) { found = true }
        }
        switch direction {
        case .owners: forEachIncoming(node, body)
        case .holdings: forEachOutgoing(node, body)
        }
        return found
    }
}
