/// Collects nodes and edges, then freezes them into a ``CSRGraph``.
///
/// Edges may arrive in any order; ``freeze()`` sorts them by source with a counting sort
/// (O(nodeCount + edgeCount)), keeping the order of arrival among one node's edges.
public struct GraphBuilder: Sendable {
    public private(set) var nodeKinds = KindTable()
    public private(set) var edgeKinds = KindTable()
    private var nodeKind: [KindCode] = []
    private var nodeHandle: [Int64] = []
    private var source: [UInt32] = []
    private var target: [UInt32] = []
    private var kind: [KindCode] = []
    private var validFrom: [Int32] = []
    private var validTo: [Int32] = []
    private var edgeHandle: [Int64] = []

    public init(nodeKinds: KindTable = KindTable(), edgeKinds: KindTable = KindTable()) {
        self.nodeKinds = nodeKinds
        self.edgeKinds = edgeKinds
    }

    public mutating func reserve(nodes: Int, edges: Int) {
        nodeKind.reserveCapacity(nodes)
        nodeHandle.reserveCapacity(nodes)
        source.reserveCapacity(edges)
        target.reserveCapacity(edges)
        kind.reserveCapacity(edges)
        validFrom.reserveCapacity(edges)
        validTo.reserveCapacity(edges)
        edgeHandle.reserveCapacity(edges)
    }

    public var nodeCount: Int { nodeKind.count }
    public var edgeCount: Int { kind.count }

    /// Adds a node of kind `kind` and returns its index.
    @discardableResult
    public mutating func addNode(kind name: String, handle: Int64 = 0) throws(GraphError) -> UInt32 {
        try addNode(kindCode: nodeKinds.intern(name), handle: handle)
    }

    /// Adds a node whose kind code was interned in ``nodeKinds`` already.
    @discardableResult
    public mutating func addNode(kindCode: KindCode, handle: Int64 = 0) -> UInt32 {
        nodeKind.append(kindCode)
        nodeHandle.append(handle)
        return UInt32(nodeKind.count - 1)
    }

    public mutating func internNodeKind(_ name: String) throws(GraphError) -> KindCode { try nodeKinds.intern(name) }
    public mutating func internEdgeKind(_ name: String) throws(GraphError) -> KindCode { try edgeKinds.intern(name) }

    /// Adds a directed edge; the engine's searches may still walk it both ways.
    public mutating func addEdge(
        from s: UInt32, to t: UInt32, kind name: String, validity: Validity = .always, handle: Int64 = 0
    ) throws(GraphError) {
        try addEdge(from: s, to: t, kindCode: edgeKinds.intern(name), validity: validity, handle: handle)
    }

    public mutating func addEdge(
        from s: UInt32, to t: UInt32, kindCode: KindCode, validity: Validity = .always, handle: Int64 = 0
    ) throws(GraphError) {
        guard Int(s) < nodeCount else { throw .nodeOutOfRange(s, nodeCount: nodeCount) }
        guard Int(t) < nodeCount else { throw .nodeOutOfRange(t, nodeCount: nodeCount) }
        guard kind.count < Int(UInt32.max) else { throw .tooManyEdges(limit: Int(UInt32.max)) }
        source.append(s)
        target.append(t)
        kind.append(kindCode)
        validFrom.append(validity.from.rawValue)
        validTo.append(validity.to.rawValue)
        edgeHandle.append(handle)
    }

    /// Appends many edges at once, given as columns (as a bulk loader reads them), with kind
    /// codes already in this builder's table.
    public mutating func appendEdges(
        source s: [UInt32], target t: [UInt32], kind k: [KindCode], validFrom f: [Int32], validTo u: [Int32], handle h: [Int64]
    ) throws(GraphError) {
        precondition(t.count == s.count && k.count == s.count && f.count == s.count && u.count == s.count && h.count == s.count)
        guard kind.count + s.count <= Int(UInt32.max) else { throw .tooManyEdges(limit: Int(UInt32.max)) }
        for v in s where Int(v) >= nodeCount { throw .nodeOutOfRange(v, nodeCount: nodeCount) }
        for v in t where Int(v) >= nodeCount { throw .nodeOutOfRange(v, nodeCount: nodeCount) }
        source += s
        target += t
        kind += k
        validFrom += f
        validTo += u
        edgeHandle += h
    }

    /// Builds the CSR arrays.
    /// - Complexity: O(nodeCount + edgeCount) time; the builder's arrays plus the graph's in memory.
    public consuming func freeze() -> CSRGraph {
        let n = nodeKind.count
        let m = kind.count
        var outOffsets = [UInt32](repeating: 0, count: n + 1)
        var inOffsets = [UInt32](repeating: 0, count: n + 1)
        for i in 0..<m {
            outOffsets[Int(source[i]) + 1] += 1
            inOffsets[Int(target[i]) + 1] += 1
        }
        for v in 0..<n {
            outOffsets[v + 1] += outOffsets[v]
            inOffsets[v + 1] += inOffsets[v]
        }
        // Position of each input edge in source order.
        var position = [UInt32](repeating: 0, count: m)
        var cursor = outOffsets
        for i in 0..<m {
            let s = Int(source[i])
            position[i] = cursor[s]
            cursor[s] += 1
        }
        func permuted<T>(_ values: [T], zero: T) -> [T] {
            var out = [T](repeating: zero, count: m)
            for i in 0..<m { out[Int(position[i])] = values[i] }
            return out
        }
        let outNeighbor = permuted(target, zero: 0)
        let sortedKind = permuted(kind, zero: 0)
        let sortedFrom = permuted(validFrom, zero: 0)
        let sortedTo = permuted(validTo, zero: 0)
        let sortedHandle = permuted(edgeHandle, zero: 0)
        var inNeighbor = [UInt32](repeating: 0, count: m)
        var inEdge = [UInt32](repeating: 0, count: m)
        cursor = inOffsets
        for i in 0..<m {
            let t = Int(target[i])
            let slot = Int(cursor[t])
            cursor[t] += 1
            inNeighbor[slot] = source[i]
            inEdge[slot] = position[i]
        }
        return CSRGraph(
            nodeKinds: nodeKinds, edgeKinds: edgeKinds, nodeKind: nodeKind, nodeHandle: Handles(nodeHandle),
            outOffsets: outOffsets, outNeighbor: outNeighbor, inOffsets: inOffsets, inNeighbor: inNeighbor, inEdge: inEdge,
            edgeKind: sortedKind, edgeValidFrom: sortedFrom, edgeValidTo: sortedTo, edgeHandle: Handles(sortedHandle)
        )
    }
}
