import Testing
@testable import TramaGraph

@Suite("A graph packed into byte columns and read back")
struct PackedGraphTests {
    /// The graph's columns as one byte stream, and their description.
    static func packed(_ g: CSRGraph) -> ([UInt8], PackedGraph) {
        var bytes: [UInt8] = []
        let packed = g.pack { bytes += $0 }
        return (bytes, packed)
    }

    /// Reads `bytes` back, handing them over in pieces of `piece` bytes as chunks would be.
    static func unpack(_ packed: PackedGraph, _ bytes: [UInt8]) throws -> CSRGraph {
        var offset = 0
        return try CSRGraph(unpacking: packed) { column in
            guard offset + column.count <= bytes.count else { throw PackedGraphError.shortColumn(index: 0) }
            bytes.withUnsafeBytes { column.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + column.count)])) }
            offset += column.count
        }
    }

    /// Everything a traversal or an answer reads: kinds, handles, every incident edge of every
    /// node with its kind, validity and handle.
    static func picture(_ g: CSRGraph) -> [String] {
        var lines = ["\(g.nodeKinds.names) \(g.edgeKinds.names)"]
        for v in 0..<UInt32(g.nodeCount) {
            var line = "\(v) \(g.nodeKinds.name(g.nodeKind[Int(v)])) \(g.nodeHandle[Int(v)]):"
            g.forEachIncident(v) { n, e in
                line += " \(n)/\(e)/\(g.edgeKinds.name(g.edgeKind[Int(e)]))/\(g.validity(of: e))/\(g.edgeHandle[Int(e)])/\(g.source(of: e))"
            }
            lines.append(line)
        }
        return lines
    }

    static func graph(seed: UInt64, nodes: Int, handleSpread: Int64) throws -> CSRGraph {
        var rng = SplitMix64(seed: seed)
        var b = GraphBuilder()
        for i in 0..<nodes { _ = try b.addNode(kind: ["firm", "person", "tender"][i % 3], handle: 10 + Int64(i) * handleSpread) }
        for i in 0..<(nodes * 3) {
            let u = UInt32(rng.next() % UInt64(nodes)), v = UInt32(rng.next() % UInt64(nodes))
            let dated = i % 4 == 0 ? Validity(from: Day(iso: "2010-01-01")!, to: Day(iso: "2012-12-31")!) : .always
            try b.addEdge(from: u, to: v, kind: i % 3 == 0 ? "owns" : "bid", validity: dated, handle: 1_000 + Int64(i) * handleSpread)
        }
        return b.freeze()
    }

    @Test(arguments: [Int64(1), Int64(1) << 40])
    func aGraphReadBackIsTheGraphPacked(handleSpread: Int64) throws {
        let g = try Self.graph(seed: 3, nodes: 200, handleSpread: handleSpread)
        let (bytes, packed) = Self.packed(g)
        #expect(packed.nodeHandlesWide == (handleSpread > 1) && packed.edgeHandlesWide == (handleSpread > 1))
        #expect(bytes.count == packed.byteCount)
        let back = try Self.unpack(packed, bytes)
        #expect(Self.picture(back) == Self.picture(g))
        #expect(try back.shortestPath(from: 0, to: 150) == g.shortestPath(from: 0, to: 150))
    }

    @Test func anEmptyGraphPacksToItsOffsetsAlone() throws {
        let g = GraphBuilder().freeze()
        let (bytes, packed) = Self.packed(g)
        #expect(bytes.count == 8)
        #expect(try Self.unpack(packed, bytes).nodeCount == 0)
    }

    @Test func aChangedByteIsCaughtByTheChecksum() throws {
        let g = try Self.graph(seed: 5, nodes: 50, handleSpread: 1)
        var (bytes, packed) = Self.packed(g)
        bytes[bytes.count / 2] ^= 0x10
        #expect(throws: PackedGraphError.checksumMismatch) { try Self.unpack(packed, bytes) }
        bytes[bytes.count / 2] ^= 0x10
        packed.checksum &+= 1
        #expect(throws: PackedGraphError.checksumMismatch) { try Self.unpack(packed, bytes) }
    }

    /// Bytes whose checksum is right but which are not a graph (a neighbour past the last node,
    /// a kind with no name) are refused, not handed to a traversal that would trap on them.
    @Test func columnsThatAreNotAGraphAreRefused() throws {
        let g = try Self.graph(seed: 7, nodes: 40, handleSpread: 1)
        let (bytes, packed) = Self.packed(g)
        let firstNeighbour = packed.columnBytes[0..<4].reduce(0, +)
        var broken = bytes
        broken.withUnsafeMutableBytes { $0.storeBytes(of: UInt32(40), toByteOffset: firstNeighbour, as: UInt32.self) }
        var restamped = packed
        restamped.checksum = { var s = PackedChecksum(); broken.withUnsafeBytes { s.add($0) }; return s.value }()
        #expect(throws: PackedGraphError.inconsistent("a neighbour is not a node")) { try Self.unpack(restamped, broken) }

        var unnamed = packed
        unnamed.edgeKinds = ["owns"]
        #expect(throws: PackedGraphError.inconsistent("an edge kind code has no name")) { try Self.unpack(unnamed, bytes) }
        var twice = packed
        twice.nodeKinds = ["firm", "firm", "tender"]
        #expect(throws: PackedGraphError.inconsistent("a kind is named twice")) { try Self.unpack(twice, bytes) }
    }

    /// The checksum of a stream does not depend on where it was cut into buffers.
    @Test func theChecksumIsTheSameHoweverTheStreamIsCut() {
        let bytes = (0..<1_003).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        var whole = PackedChecksum()
        bytes.withUnsafeBytes { whole.add($0) }
        for cuts in [[1], [3, 5, 7], [8, 16], [13, 500, 999]] {
            var pieces = PackedChecksum()
            var from = 0
            bytes.withUnsafeBytes { b in
                for cut in cuts + [bytes.count] {
                    pieces.add(UnsafeRawBufferPointer(rebasing: b[from..<cut]))
                    from = cut
                }
            }
            #expect(pieces.value == whole.value, "cut at \(cuts)")
        }
        var shorter = PackedChecksum()
        bytes.dropLast().withUnsafeBytes { shorter.add($0) }
        #expect(shorter.value != whole.value)
    }
}
