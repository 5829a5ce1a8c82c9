/// An immutable graph in compressed sparse row form, indexed in both directions.
///
/// Edges are stored sorted by source node, so an edge's index *is* its position in the
/// out-direction arrays: no separate out-edge index is needed, and each edge costs
/// 4 (out neighbour) + 8 (in neighbour and in-edge index) + 1 (kind) + 8 (validity)
/// + 4 (store handle, see ``Handles``) = 25 bytes. This follows igraph's `igraph_t` (both directions, edge
/// attributes in parallel vectors) with petgraph's sorted-CSR trick.
///
/// Nodes are dense `UInt32` indices `0..<nodeCount`. Node and edge kinds are small codes whose
/// names live in ``nodeKinds`` and ``edgeKinds``; the engine never interprets them.
public struct CSRGraph: Sendable {
    /// Names of node kinds, by code.
    public let nodeKinds: KindTable
    /// Names of edge kinds, by code.
    public let edgeKinds: KindTable
    /// Kind code per node. Count: nodeCount.
    public let nodeKind: [KindCode]
    /// The store's identifier per node (0 when built without one). Count: nodeCount.
    public let nodeHandle: Handles

    /// Offsets into the out-direction arrays. Count: nodeCount + 1; first 0, last edgeCount.
    @usableFromInline let outOffsets: [UInt32]
    /// Target of each edge, grouped by source. Count: edgeCount.
    @usableFromInline let outNeighbor: [UInt32]
    /// Offsets into the in-direction arrays. Count: nodeCount + 1; first 0, last edgeCount.
    @usableFromInline let inOffsets: [UInt32]
    /// Source of each incoming edge, grouped by target. Count: edgeCount.
    @usableFromInline let inNeighbor: [UInt32]
    /// Edge index of each incoming edge. Count: edgeCount.
    @usableFromInline let inEdge: [UInt32]

    /// Kind code per edge.
    public let edgeKind: [KindCode]
    /// First valid day per edge (raw ``Day`` values).
    @usableFromInline let edgeValidFrom: [Int32]
    /// Last valid day per edge (raw ``Day`` values).
    @usableFromInline let edgeValidTo: [Int32]
    /// The store's identifier per edge, the way back to the edge's provenance.
    public let edgeHandle: Handles

    init(
        nodeKinds: KindTable, edgeKinds: KindTable, nodeKind: [KindCode], nodeHandle: Handles,
        outOffsets: [UInt32], outNeighbor: [UInt32], inOffsets: [UInt32], inNeighbor: [UInt32], inEdge: [UInt32],
        edgeKind: [KindCode], edgeValidFrom: [Int32], edgeValidTo: [Int32], edgeHandle: Handles
    ) {
        self.nodeKinds = nodeKinds
        self.edgeKinds = edgeKinds
        self.nodeKind = nodeKind
        self.nodeHandle = nodeHandle
        self.outOffsets = outOffsets
        self.outNeighbor = outNeighbor
        self.inOffsets = inOffsets
        self.inNeighbor = inNeighbor
        self.inEdge = inEdge
        self.edgeKind = edgeKind
        self.edgeValidFrom = edgeValidFrom
        self.edgeValidTo = edgeValidTo
        self.edgeHandle = edgeHandle
        #if GRAPH_INTERNAL_CHECKS
        _checkInvariants()
        #endif
    }

    public var nodeCount: Int { nodeKind.count }
    public var edgeCount: Int { edgeKind.count }

    /// - Complexity: O(1)
    public func outDegree(_ node: UInt32) -> Int { Int(outOffsets[Int(node) + 1] - outOffsets[Int(node)]) }
    /// - Complexity: O(1)
    public func inDegree(_ node: UInt32) -> Int { Int(inOffsets[Int(node) + 1] - inOffsets[Int(node)]) }
    /// Number of edge ends at `node`, both directions; a self-loop counts twice.
    /// - Complexity: O(1)
    public func degree(_ node: UInt32) -> Int { outDegree(node) + inDegree(node) }

    /// The source node of `edge`.
    /// - Complexity: O(log nodeCount)
    public func source(of edge: UInt32) -> UInt32 {
        // The last node whose out-range starts at or before `edge` and is non-empty.
        var lo = 0
        var hi = nodeCount  // invariant: outOffsets[lo] <= edge < outOffsets[hi]
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if outOffsets[mid] <= edge { lo = mid } else { hi = mid }
        }
        return UInt32(lo)
    }

    /// - Complexity: O(1)
    @inlinable
    public func target(of edge: UInt32) -> UInt32 { outNeighbor[Int(edge)] }

    @inlinable
    public func validity(of edge: UInt32) -> Validity {
        Validity(from: Day(rawValue: edgeValidFrom[Int(edge)]), to: Day(rawValue: edgeValidTo[Int(edge)]))
    }

    /// The end of `edge` that is not `node` (for a self-loop, `node` itself).
    public func otherEnd(of edge: UInt32, from node: UInt32) -> UInt32 {
        let t = outNeighbor[Int(edge)]
        return t == node ? source(of: edge) : t
    }

    /// Calls `body(neighbor, edge)` for every edge at `node`, outgoing first, then incoming.
    @inlinable
    public func forEachIncident(_ node: UInt32, _ body: (UInt32, UInt32) throws -> Void) rethrows {
        let n = Int(node)
        var i = Int(outOffsets[n])
        let outEnd = Int(outOffsets[n + 1])
        while i < outEnd {
            try body(outNeighbor[i], UInt32(i))
            i += 1
        }
        var j = Int(inOffsets[n])
        let inEnd = Int(inOffsets[n + 1])
        while j < inEnd {
            try body(inNeighbor[j], inEdge[j])
            j += 1
        }
    }

    /// Calls `body(neighbor, edge)` for the edges a search may take from `node`: all of them,
    /// or — `directed` — those leaving it when searching forwards (from the start) and those
    /// arriving when searching backwards (from the end).
    @inlinable
    public func forEachStep(_ node: UInt32, directed: Bool, forward: Bool, _ body: (UInt32, UInt32) throws -> Void) rethrows {
        if !directed {
            try forEachIncident(node, body)
        } else if forward {
            try forEachOutgoing(node, body)
        } else {
            try forEachIncoming(node, body)
        }
    }

    /// Calls `body(target, edge)` for every edge leaving `node`.
    @inlinable
    public func forEachOutgoing(_ node: UInt32, _ body: (UInt32, UInt32) throws -> Void) rethrows {
        let n = Int(node)
        for i in Int(outOffsets[n])..<Int(outOffsets[n + 1]) { try body(outNeighbor[i], UInt32(i)) }
    }

    /// Calls `body(source, edge)` for every edge arriving at `node`.
    @inlinable
    public func forEachIncoming(_ node: UInt32, _ body: (UInt32, UInt32) throws -> Void) rethrows {
        let n = Int(node)
        for j in Int(inOffsets[n])..<Int(inOffsets[n + 1]) { try body(inNeighbor[j], inEdge[j]) }
    }

    /// The index of the node whose store handle is `handle`, when handles were added in
    /// ascending order (as the store loader does).
    /// - Complexity: O(log nodeCount)
    public func node(withHandle handle: Int64) -> UInt32? {
        var lo = 0
        var hi = nodeHandle.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if nodeHandle[mid] < handle { lo = mid + 1 } else { hi = mid }
        }
        return lo < nodeHandle.count && nodeHandle[lo] == handle ? UInt32(lo) : nil
    }

    /// Resident bytes of the arrays, for capacity planning (not counting the kind tables).
    public var residentBytes: Int {
        nodeKind.count + nodeHandle.residentBytes + (outOffsets.count + inOffsets.count) * 4
            + (outNeighbor.count + inNeighbor.count + inEdge.count) * 4 + edgeKind.count
            + (edgeValidFrom.count + edgeValidTo.count) * 4 + edgeHandle.residentBytes
    }

    /// Traps when an invariant written on the fields does not hold.
    public func _checkInvariants() {
        precondition(outOffsets.count == nodeCount + 1 && inOffsets.count == nodeCount + 1)
        precondition(outOffsets.first == 0 && Int(outOffsets.last!) == edgeCount)
        precondition(inOffsets.first == 0 && Int(inOffsets.last!) == edgeCount)
        precondition(outNeighbor.count == edgeCount && inNeighbor.count == edgeCount && inEdge.count == edgeCount)
        precondition(edgeValidFrom.count == edgeCount && edgeValidTo.count == edgeCount && edgeHandle.count == edgeCount)
        for v in 0..<nodeCount {
            precondition(outOffsets[v] <= outOffsets[v + 1] && inOffsets[v] <= inOffsets[v + 1])
            for j in Int(inOffsets[v])..<Int(inOffsets[v + 1]) {
                precondition(outNeighbor[Int(inEdge[j])] == UInt32(v))
                precondition(source(of: inEdge[j]) == inNeighbor[j])
            }
        }
    }
}
