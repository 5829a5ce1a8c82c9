import Foundation
public import TramaGraph
import TramaModel
public import TramaStore

/// Pairs of firms that share an owner — a person or a company — directly or up chains of
/// ownership, whether or not they ever bid together: GRAS 2.7's common-shareholder logic for
/// every pair of firms, not only co-bidders (`trama shared-owners`).
public struct SharedOwnersQuery: Sendable {
    /// The firms to pair (`kind:key`); nil for every firm in the graph.
    public var firms: [String]?
    /// The longest chain from a firm up to an owner, in relationships.
    public var depth = 3
    public var at: Day?
    /// Owners of more firms than this are skipped (and listed as skipped): a nominee service or
    /// the state would pair thousands of firms and say nothing about any two of them.
    public var maxSharedDegree = 50
    public var limit: Int?
    public var offset = 0

    public init() {}

    public func run(on graph: CSRGraph, store: Store) throws -> SharedOwnersAnswer {
        let firmKind = graph.nodeKinds.code(EntityKind.firm.rawValue)
        var members: [UInt32]
        if let firms {
            let resolver = EntityResolver(store: store)
            members = try firms.map { try resolver.node($0, in: graph).node }
            members = Array(Set(members)).sorted()
        } else {
            members = (0..<UInt32(graph.nodeCount)).filter { firmKind != nil && graph.nodeKind[Int($0)] == firmKind }
        }
        var shares: [Int64: Double] = [:]
        for row in try store.execute(.ownsShares).rows {
            if let id = row[0].flatMap({ Int64($0) }), let v = row[1].flatMap({ Double($0) }), v.isFinite { shares[id] = v }
        }
        let ownsCode = graph.edgeKinds.code(RelationKind.owns.rawValue)
        let filter = PathFilter(
            edgeKinds: KindSet(names: [RelationKind.owns.rawValue, RelationKind.controls.rawValue], in: graph.edgeKinds), validAt: at, maxHops: depth)

        // Owner → the firms it owns (the fewest links up, and the effective share over the chains).
        var owned: [UInt32: [(firm: UInt32, depth: Int, share: Double?)]] = [:]
        for f in members {
            let (chains, _) = graph.ownershipChains(from: f, direction: .owners, filter: filter, limit: 10_000)
            var best: [UInt32: (depth: Int, share: Double, known: Bool)] = [:]
            for c in chains {
                let owner = c.nodes.last!
                var product: Double? = 1
                for e in c.edges {
                    guard graph.edgeKind[Int(e)] == ownsCode, let s = shares[graph.edgeHandle[Int(e)]] else { product = nil; break }
                    product! *= s / 100
                }
                var entry = best[owner] ?? (c.edges.count, 0, true)
                entry.depth = min(entry.depth, c.edges.count)
                if let product { entry.share += product * 100 } else { entry.known = false }
                best[owner] = entry
            }
            for (owner, b) in best { owned[owner, default: []].append((f, b.depth, b.known ? min(100, b.share) : nil)) }
        }

        var pairs: [Pair: [SharedOwnersAnswer.Owner]] = [:]
        var skipped: [(UInt32, Int)] = []
        for (owner, list) in owned where list.count >= 2 {
            guard list.count <= maxSharedDegree else {
                skipped.append((owner, list.count))
                continue
            }
            let sorted = list.sorted { $0.firm < $1.firm }
            for i in 0..<sorted.count {
                for j in (i + 1)..<sorted.count {
                    let a = sorted[i], b = sorted[j]
                    pairs[Pair(a: a.firm, b: b.firm), default: []].append(
                        SharedOwnersAnswer.Owner(owner: "", name: nil, depth: [a.depth, b.depth], effectiveShares: [a.share, b.share], node: owner))
                }
            }
        }
        // The closest ties first: most owners shared, then the fewest links up (keys computed
        // once: a large register has hundreds of thousands of pairs).
        let ranked = pairs.map { pair, owners in (pair, owners, owners.count, owners.lazy.map { $0.depth[0] + $0.depth[1] }.min()!) }
            .sorted { x, y in (-x.2, x.3, x.0.a, x.0.b) < (-y.2, y.3, y.0.a, y.0.b) }
            .map { ($0.0, $0.1) }
        let page = Array(ranked.dropFirst(offset).prefix(limit ?? ranked.count))
        skipped.sort { ($0.1, $1.0) > ($1.1, $0.0) }
        let named = Set(page.flatMap { [$0.0.a, $0.0.b] + $0.1.map(\.node) } + skipped.map(\.0))
        let records = try SnapshotRecords(nodes: named, of: graph, store: store)
        return SharedOwnersAnswer(
            pairs: try page.map { pair, owners in
                SharedOwnersAnswer.SharedPair(
                    firms: [try records.entity(pair.a).reference, try records.entity(pair.b).reference],
                    owners: try owners.sorted { ($0.depth.reduce(0, +), $0.node) < ($1.depth.reduce(0, +), $1.node) }.map { o in
                        var o = o
                        let e = try records.entity(o.node)
                        o.owner = e.reference
                        o.name = e.name
                        return o
                    })
            },
            total: ranked.count, depth: depth, at: at?.description, maxSharedDegree: maxSharedDegree,
            skippedOwners: try skipped.map { SharedOwnersAnswer.SkippedOwner(owner: try records.entity($0.0).reference, firms: $0.1) })
    }

    struct Pair: Hashable {
        var a: UInt32
        var b: UInt32
    }
}

public struct SharedOwnersAnswer: Answer {
    public struct Owner: Codable, Sendable, Hashable {
        public var owner: String
        public var name: String?
        /// Links from each firm of the pair up to the owner (1: a direct shareholder).
        public var depth: [Int]
        /// The owner's effective share in each firm (percent); null where a chain states no share.
        public var effectiveShares: [Double?]
        var node: UInt32 = 0

        enum CodingKeys: String, CodingKey { case owner, name, depth, effectiveShares = "effective_shares" }

        init(owner: String, name: String?, depth: [Int], effectiveShares: [Double?], node: UInt32) {
            self.owner = owner
            self.name = name
            self.depth = depth
            self.effectiveShares = effectiveShares
            self.node = node
        }
    }

    public struct SharedPair: Codable, Sendable, Hashable {
        public var firms: [String]
        public var owners: [Owner]
    }

    public struct SkippedOwner: Codable, Sendable, Hashable {
        public var owner: String
        /// How many of the firms it owns (above ``SharedOwnersQuery/maxSharedDegree``).
        public var firms: Int
    }

    public var pairs: [SharedPair]
    /// Pairs found (those listed are a page of them when a limit was asked).
    public var total: Int
    public var depth: Int
    public var at: String?
    public var maxSharedDegree: Int
    public var skippedOwners: [SkippedOwner]

    enum CodingKeys: String, CodingKey {
        case pairs, total, depth, at, maxSharedDegree = "max_shared_degree", skippedOwners = "skipped_owners"
    }

    public var text: String {
        var lines = ["\(total) pairs of firms share an owner within \(depth) links\(at.map { " on \($0)" } ?? "")"
            + (skippedOwners.isEmpty ? "" : "; \(skippedOwners.count) owners of more than \(maxSharedDegree) firms left out")]
        for p in pairs {
            let owners = p.owners.map { o in
                let shares = o.effectiveShares.map { $0.map { String(format: "%.4g%%", $0) } ?? "?" }.joined(separator: "/")
                return "\(o.owner)\(o.name.map { " \"\($0)\"" } ?? "") (depth \(o.depth.map(String.init).joined(separator: "/")), \(shares))"
            }
            lines.append("  \(p.firms.joined(separator: " & ")): \(owners.joined(separator: "; "))")
        }
        for s in skippedOwners.prefix(10) { lines.append("  left out: \(s.owner) owns \(s.firms) firms") }
        return lines.joined(separator: "\n")
    }
}
