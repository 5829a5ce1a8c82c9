import Foundation
import TramaGraph

/// The packed graph kept per data generation (schema/0020_graph_topology.sql): read instead
/// of the rows when the generation has one, stored after a load from the rows when it has not.
enum StoredTopology {
    /// At most this many bytes per chunk: large enough that a graph is a few dozen values, small
    /// enough that neither side holds much more than one at a time.
    static let chunkBytes = 16 << 20
    static let byteOrder = 1.littleEndian == 1 ? "little" : "big"

    /// The graph stored for `generation`; nil when none is, or one of another format or byte
    /// order. Throws when a stored one cannot be read back (``PackedGraphError``, a short or
    /// missing chunk): the caller loads the rows instead.
    static func read(_ generation: Int, conn: PQConnection, catalog: QueryCatalog) throws -> CSRGraph? {
        let found = try conn.execute(.topologyFind, in: catalog, [String(generation)])
        guard let row = found.rows.first else { return nil }
        func int(_ i: Int) throws -> Int64 {
            guard let v = row[i].flatMap({ Int64($0) }) else { throw StoreError.malformedCopyData(context: "graph_topology column \(i)") }
            return v
        }
        func names(_ i: Int) throws -> [String] {
            guard let json = row[i], let names = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else {
                throw StoreError.malformedCopyData(context: "graph_topology column \(i)")
            }
            return names
        }
        guard try int(0) == Int64(PackedGraph.format), row[1] == byteOrder else { return nil }
        let packed = PackedGraph(
            nodeCount: Int(try int(2)), edgeCount: Int(try int(3)), nodeKinds: try names(4),
            edgeKinds: try names(5), nodeHandleBase: try int(6), nodeHandlesWide: row[7] == "t",
            edgeHandleBase: try int(8), edgeHandlesWide: row[9] == "t", checksum: UInt64(bitPattern: try int(10)))
        let chunks = Int(try int(11))
        guard try int(12) == Int64(packed.byteCount) else { throw PackedGraphError.inconsistent("stored size differs from its layout") }
        try conn.execute(.topologyGenerationSet, in: catalog, [String(generation)])
        let name = NamedQuery.topologyChunksCopy.rawValue
        return try conn.copyOut(catalog[.topologyChunksCopy], name: name, pulling: { messages in
            var chunk = ChunkStream(messages: messages, expected: chunks)
            let graph = try CSRGraph(unpacking: packed) { column in try chunk.fill(column) }
            try chunk.end()
            return graph
        })
    }

    /// Stores `graph` as generation `generation`'s packed graph and deletes older ones, in one
    /// transaction. False when the generation has one already (or another process is storing
    /// it: the claim waits for that process's commit, then yields).
    static func store(_ graph: CSRGraph, generation: Int, conn: PQConnection, catalog: QueryCatalog, chunkBytes: Int = StoredTopology.chunkBytes) throws -> Bool {
        try conn.transaction {
            guard try !conn.execute(.topologyClaim, in: catalog, [String(generation)]).rows.isEmpty else { return false }
            let insert = catalog[.topologyChunkInsert]
            let name = NamedQuery.topologyChunkInsert.rawValue
            var buffer: [UInt8] = []
            buffer.reserveCapacity(chunkBytes)
            var chunks = 0
            func flush() throws {
                try buffer.withUnsafeBytes { b in
                    _ = try conn.executePrepared(insert, [String(generation), String(chunks)], bytes: b, name: name)
                }
                chunks += 1
                buffer.removeAll(keepingCapacity: true)
            }
            let packed = try graph.pack { column in
                var rest = column[...]
                while !rest.isEmpty {
                    let take = min(rest.count, chunkBytes - buffer.count)
                    buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest.prefix(take)))
                    rest = rest.dropFirst(take)
                    if buffer.count == chunkBytes { try flush() }
                }
            }
            if !buffer.isEmpty { try flush() }
            try conn.execute(
                .topologyFinish, in: catalog,
                [
                    String(generation), String(PackedGraph.format), byteOrder, String(packed.nodeCount), String(packed.edgeCount),
                    Store.textArray(packed.nodeKinds), Store.textArray(packed.edgeKinds), String(packed.nodeHandleBase),
                    packed.nodeHandlesWide ? "t" : "f", String(packed.edgeHandleBase), packed.edgeHandlesWide ? "t" : "f",
                    String(Int64(bitPattern: packed.checksum)), String(chunks), String(packed.byteCount),
                ])
            try conn.execute(.topologyPrune, in: catalog, [String(generation)])
            return true
        }
    }
}

extension Store {
    /// The newest packed graph stored for loading (schema/0020_graph_topology.sql).
    public struct StoredTopologySummary: Sendable, Equatable {
        public var generation: Int
        public var bytes: Int
        /// UTC, `YYYY-MM-DD HH:MM:SSZ`.
        public var storedAt: String
    }

    /// The newest packed graph stored, if any: a load of that generation reads it.
    public func storedTopology() throws -> StoredTopologySummary? {
        guard let row = try read(.topologyLatest).rows.first else { return nil }
        guard let generation = row[0].flatMap({ Int($0) }), let bytes = row[1].flatMap({ Int($0) }), let at = row[2] else {
            throw StoreError.malformedCopyData(context: NamedQuery.topologyLatest.rawValue)
        }
        return StoredTopologySummary(generation: generation, bytes: bytes, storedAt: at)
    }
}

/// The chunks' bytes as one stream, pulled from binary COPY tuples `(chunk integer, data bytea)`
/// in chunk order.
private struct ChunkStream {
    let messages: CopyOutMessages
    let expected: Int
    private var reader = BinaryCopyReader(context: NamedQuery.topologyChunksCopy.rawValue)
    private var next = 0
    private var data = UnsafeRawBufferPointer(start: nil, count: 0)

    init(messages: CopyOutMessages, expected: Int) {
        self.messages = messages
        self.expected = expected
    }

    /// Fills `column` whole from the stream.
    mutating func fill(_ column: UnsafeMutableRawBufferPointer) throws {
        var filled = 0
        while filled < column.count {
            if data.isEmpty { try advance() }
            let take = min(data.count, column.count - filled)
            UnsafeMutableRawBufferPointer(rebasing: column[filled..<(filled + take)]).copyMemory(from: UnsafeRawBufferPointer(rebasing: data[..<take]))
            data = UnsafeRawBufferPointer(rebasing: data[take...])
            filled += take
        }
    }

    /// Checks that nothing is left over: every chunk read, none past the columns.
    mutating func end() throws {
        guard data.isEmpty, next == expected, try chunk() == nil else { throw PackedGraphError.inconsistent("chunks left over") }
    }

    /// Moves to the next chunk's bytes.
    private mutating func advance() throws {
        guard let chunk = try chunk(), chunk.number == next, !chunk.data.isEmpty else { throw PackedGraphError.shortColumn(index: next) }
        data = chunk.data
        next += 1
    }

    /// The next tuple's chunk number and bytes (valid until the next message is pulled); nil
    /// at the end of the COPY.
    private mutating func chunk() throws -> (number: Int, data: UnsafeRawBufferPointer)? {
        while let message = try messages.next() {
            var found: (number: Int, data: UnsafeRawBufferPointer)?
            try reader.read(message) { fields in
                let number = Int(try fields.int32())
                guard let bytes = try fields.next() else { throw StoreError.malformedCopyData(context: "topology chunk \(number)") }
                found = (number, bytes)
            }
            // A message holding only the trailer carries no tuple.
            if let found { return found }
        }
        return nil
    }
}
