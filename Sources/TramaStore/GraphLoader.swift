import Foundation
public import TramaGraph

/// Loads the whole adjacency store into the engine through binary `COPY … TO STDOUT`.
///
/// Nodes arrive ordered by id, so a node's index is its rank and the graph's `nodeHandle`
/// array stays sorted. Edge endpoints are mapped from store ids to indices through a dense
/// table when ids are dense (the usual case: bigserial), else by binary search.
public struct GraphLoader: Sendable {
    public struct Timing: Sendable {
        public var nodes: Int
        public var edges: Int
        public var seconds: Double
    }

    public init() {}

    public func load(_ conn: PQConnection, catalog: QueryCatalog) throws -> (graph: CSRGraph, timing: Timing) {
        let clock = ContinuousClock()
        let started = clock.now
        var builder = GraphBuilder()
        var ids: [Int64] = []
        var nodeKindCache = KindCache()
        var reader = BinaryCopyReader(context: NamedQuery.graphNodesCopy.rawValue)
        try conn.copyOut(catalog[.graphNodesCopy], name: NamedQuery.graphNodesCopy.rawValue) { message in
            try reader.read(message) { fields in
                let id = try fields.int64()
                guard let kind = try fields.next() else { throw StoreError.malformedCopyData(context: "node kind") }
                let code = try nodeKindCache.code(for: kind) { try builder.internNodeKind($0) }
                builder.addNode(kindCode: code, handle: id)
                ids.append(id)
            }
        }
        let index = NodeIndex(ids: ids)
        var edgeKindCache = KindCache()
        reader = BinaryCopyReader(context: NamedQuery.graphEdgesCopy.rawValue)
        try conn.copyOut(catalog[.graphEdgesCopy], name: NamedQuery.graphEdgesCopy.rawValue) { message in
            try reader.read(message) { fields in
                let id = try fields.int64()
                let s = try fields.int64()
                let t = try fields.int64()
                guard let kind = try fields.next(), let si = index[s], let ti = index[t] else {
                    throw StoreError.malformedCopyData(context: "edge \(id)")
                }
                let code = try edgeKindCache.code(for: kind) { try builder.internEdgeKind($0) }
                let from = try fields.date() ?? Day.distantPast.rawValue
                let to = try fields.date() ?? Day.distantFuture.rawValue
                try builder.addEdge(
                    from: si, to: ti, kindCode: code, validity: Validity(from: Day(rawValue: from), to: Day(rawValue: to)), handle: id)
            }
        }
        let graph = builder.freeze()
        let seconds = (clock.now - started) / .seconds(1)
        return (graph, Timing(nodes: graph.nodeCount, edges: graph.edgeCount, seconds: seconds))
    }
}

/// Store id → node index.
struct NodeIndex {
    private let ids: [Int64]
    private let dense: [UInt32]?
    private let base: Int64

    init(ids: [Int64]) {
        self.ids = ids
        base = ids.first ?? 0
        let span = (ids.last ?? 0) - base + 1
        if !ids.isEmpty, span <= Int64(ids.count) * 4 {
            var table = [UInt32](repeating: .max, count: Int(span))
            for (i, id) in ids.enumerated() { table[Int(id - base)] = UInt32(i) }
            dense = table
        } else {
            dense = nil
        }
    }

    subscript(id: Int64) -> UInt32? {
        if let dense {
            let k = id - base
            guard k >= 0, k < Int64(dense.count), dense[Int(k)] != .max else { return nil }
            return dense[Int(k)]
        }
        var lo = 0
        var hi = ids.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ids[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < ids.count && ids[lo] == id ? UInt32(lo) : nil
    }
}

/// Remembers the kind codes of the kind names seen so far, keyed by their bytes, so the loader
/// makes no String per row.
struct KindCache {
    private var entries: [(bytes: [UInt8], code: KindCode)] = []

    mutating func code(for bytes: UnsafeRawBufferPointer, intern: (String) throws -> KindCode) throws -> KindCode {
        for e in entries where e.bytes.count == bytes.count && e.bytes.elementsEqual(bytes) { return e.code }
        let code = try intern(String(decoding: bytes, as: UTF8.self))
        entries.append((Array(bytes), code))
        return code
    }
}
