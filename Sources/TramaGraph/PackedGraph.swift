/// A ``CSRGraph`` as flat byte columns — the arrays the engine holds, in a fixed order — and
/// the few facts needed to read them back.
///
/// Why: loading the graph row by row from PostgreSQL is bound by the server's per-row output
/// (about 2 M relationships a second on two cores, docs/scaling.md). Kept beside the tables as
/// a few large values, the same graph is read back at the speed of copying bytes, with no
/// sort: the columns *are* the frozen graph. The columns are the host's own byte order; a
/// reader on a host of the other order, or with a different ``format``, ignores them.
public struct PackedGraph: Sendable, Hashable {
    /// Bumped whenever the columns' order or types change.
    public static let format = 1

    public var nodeCount: Int
    public var edgeCount: Int
    public var nodeKinds: [String]
    public var edgeKinds: [String]
    /// Node handles: 4-byte offsets from `nodeHandleBase`, or 8-byte values when wide.
    public var nodeHandleBase: Int64
    public var nodeHandlesWide: Bool
    public var edgeHandleBase: Int64
    public var edgeHandlesWide: Bool
    /// FNV-1a (64-bit) over the columns' bytes as 8-byte words, a check that the bytes read
    /// back are the bytes written.
    public var checksum: UInt64

    public init(
        nodeCount: Int, edgeCount: Int, nodeKinds: [String], edgeKinds: [String], nodeHandleBase: Int64, nodeHandlesWide: Bool,
        edgeHandleBase: Int64, edgeHandlesWide: Bool, checksum: UInt64
    ) {
        self.nodeCount = nodeCount
        self.edgeCount = edgeCount
        self.nodeKinds = nodeKinds
        self.edgeKinds = edgeKinds
        self.nodeHandleBase = nodeHandleBase
        self.nodeHandlesWide = nodeHandlesWide
        self.edgeHandleBase = edgeHandleBase
        self.edgeHandlesWide = edgeHandlesWide
        self.checksum = checksum
    }

    /// Bytes of each column, in stream order: node kinds, node handles, out offsets, in offsets,
    /// out neighbours, in neighbours, in edges, edge kinds, valid from, valid to, edge handles.
    public var columnBytes: [Int] {
        let n = nodeCount
        let m = edgeCount
        return [n, n * (nodeHandlesWide ? 8 : 4), (n + 1) * 4, (n + 1) * 4, m * 4, m * 4, m * 4, m, m * 4, m * 4, m * (edgeHandlesWide ? 8 : 4)]
    }

    /// Bytes of all the columns together.
    public var byteCount: Int { columnBytes.reduce(0, +) }
}

/// Why a packed graph was not read back; the reader then loads the graph from its rows.
public enum PackedGraphError: Error, Sendable, Equatable, CustomStringConvertible {
    case shortColumn(index: Int)
    case checksumMismatch
    case inconsistent(String)

    public var description: String {
        switch self {
        case let .shortColumn(index): "packed graph: column \(index) ended early"
        case .checksumMismatch: "packed graph: the bytes read back are not the bytes written (checksum)"
        case let .inconsistent(what): "packed graph: \(what)"
        }
    }
}

extension CSRGraph {
    /// Hands the graph's columns to `column` in ``PackedGraph/columnBytes`` order, and returns
    /// their description (with the checksum of what was handed over).
    public func pack(_ column: (UnsafeRawBufferPointer) throws -> Void) rethrows -> PackedGraph {
        var sum = PackedChecksum()
        func emit(_ bytes: UnsafeRawBufferPointer) throws {
            sum.add(bytes)
            try column(bytes)
        }
        try nodeKind.withUnsafeBytes(emit)
        try nodeHandle.withStoredBytes(emit)
        try outOffsets.withUnsafeBytes(emit)
        try inOffsets.withUnsafeBytes(emit)
        try outNeighbor.withUnsafeBytes(emit)
        try inNeighbor.withUnsafeBytes(emit)
        try inEdge.withUnsafeBytes(emit)
        try edgeKind.withUnsafeBytes(emit)
        try edgeValidFrom.withUnsafeBytes(emit)
        try edgeValidTo.withUnsafeBytes(emit)
        try edgeHandle.withStoredBytes(emit)
        let nodeHandles = nodeHandle.layout
        let edgeHandles = edgeHandle.layout
        return PackedGraph(
            nodeCount: nodeCount, edgeCount: edgeCount, nodeKinds: nodeKinds.names, edgeKinds: edgeKinds.names,
            nodeHandleBase: nodeHandles.base, nodeHandlesWide: nodeHandles.wide, edgeHandleBase: edgeHandles.base,
            edgeHandlesWide: edgeHandles.wide, checksum: sum.value)
    }

    /// Rebuilds the graph `packed` describes: `fill` is called once per column, in order, with
    /// a buffer of exactly that column's size to fill whole. The columns are checked before the
    /// graph is made — checksum, then every offset, index and kind code in range — so bytes
    /// that are not a graph are an error, never a trap in a later traversal.
    public init(unpacking packed: PackedGraph, fill: (UnsafeMutableRawBufferPointer) throws -> Void) throws {
        let n = packed.nodeCount
        let m = packed.edgeCount
        guard n >= 0, m >= 0, n < Int(UInt32.max), m <= Int(UInt32.max) else { throw PackedGraphError.inconsistent("counts \(n), \(m)") }
        var sum = PackedChecksum()
        func column<T>(_ count: Int, _ type: T.Type) throws -> [T] {
            try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                let raw = UnsafeMutableRawBufferPointer(buffer)
                try fill(raw)
                sum.add(UnsafeRawBufferPointer(raw))
                initialized = count
            }
        }
        func handles(_ count: Int, base: Int64, wide: Bool) throws -> Handles {
            wide ? Handles(wide: try column(count, Int64.self)) : Handles(base: base, narrow: try column(count, UInt32.self))
        }
        let nodeKind = try column(n, KindCode.self)
        let nodeHandle = try handles(n, base: packed.nodeHandleBase, wide: packed.nodeHandlesWide)
        let outOffsets = try column(n + 1, UInt32.self)
        let inOffsets = try column(n + 1, UInt32.self)
        let outNeighbor = try column(m, UInt32.self)
        let inNeighbor = try column(m, UInt32.self)
        let inEdge = try column(m, UInt32.self)
        let edgeKind = try column(m, KindCode.self)
        let validFrom = try column(m, Int32.self)
        let validTo = try column(m, Int32.self)
        let edgeHandle = try handles(m, base: packed.edgeHandleBase, wide: packed.edgeHandlesWide)
        guard sum.value == packed.checksum else { throw PackedGraphError.checksumMismatch }

        func check(_ ok: Bool, _ what: @autoclosure () -> String) throws {
            if !ok { throw PackedGraphError.inconsistent(what()) }
        }
        try check(packed.nodeKinds.count <= Int(KindCode.max) + 1 && packed.edgeKinds.count <= Int(KindCode.max) + 1, "too many kinds")
        try check(nodeKind.allSatisfy { Int($0) < packed.nodeKinds.count }, "a node kind code has no name")
        try check(edgeKind.allSatisfy { Int($0) < packed.edgeKinds.count }, "an edge kind code has no name")
        for offsets in [outOffsets, inOffsets] {
            try check(offsets.first == 0 && offsets.last == UInt32(m), "offsets do not span the edges")
            try check(zip(offsets, offsets.dropFirst()).allSatisfy { $0 <= $1 }, "offsets decrease")
        }
        try check(outNeighbor.allSatisfy { $0 < UInt32(n) } && inNeighbor.allSatisfy { $0 < UInt32(n) }, "a neighbour is not a node")
        try check(inEdge.allSatisfy { $0 < UInt32(m) }, "an in-edge is not an edge")
        self.init(
            nodeKinds: KindTable(packed.nodeKinds), edgeKinds: KindTable(packed.edgeKinds), nodeKind: nodeKind, nodeHandle: nodeHandle,
            outOffsets: outOffsets, outNeighbor: outNeighbor, inOffsets: inOffsets, inNeighbor: inNeighbor, inEdge: inEdge,
            edgeKind: edgeKind, edgeValidFrom: validFrom, edgeValidTo: validTo, edgeHandle: edgeHandle)
        try check(self.nodeKinds.count == packed.nodeKinds.count && self.edgeKinds.count == packed.edgeKinds.count, "a kind is named twice")
    }
}

/// FNV-1a over 8-byte words (the tail byte by byte), continued across buffers as if they were
/// one stream. Not a cryptographic hash: it tells a torn or altered stream from the one written.
struct PackedChecksum {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325
    private var pending: [UInt8] = []

    /// The sum of everything added, a last partial word zero-padded.
    var value: UInt64 {
        guard !pending.isEmpty else { return state }
        let word = (pending + [UInt8](repeating: 0, count: 8 - pending.count)).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        return (state ^ word) &* 0x0000_0100_0000_01b3
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var i = 0
        // Finish a word begun by the previous buffer.
        while !pending.isEmpty, pending.count < 8, i < bytes.count {
            pending.append(bytes[i])
            i += 1
        }
        if pending.count == 8 {
            state = (state ^ pending.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }) &* 0x0000_0100_0000_01b3
            pending.removeAll(keepingCapacity: true)
        }
        var h = state
        while i + 8 <= bytes.count {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01b3
            i += 8
        }
        state = h
        while i < bytes.count {
            pending.append(bytes[i])
            i += 1
        }
    }
}
