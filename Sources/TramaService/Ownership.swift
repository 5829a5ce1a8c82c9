import Foundation
public import TramaGraph
import TramaModel
public import TramaRender
public import TramaStore

/// "Who ultimately owns this firm, and by how much?" (`trama owners`) and its converse, "what
/// does this entity hold?" (`trama holdings`): every chain of ownership and control up (or down)
/// from the entity, and for each owner reached its effective share — the shares multiplied along
/// a chain, added over the distinct chains. GRAS 2.7 asks it of co-bidders; a prosecutor asks it
/// of any firm.
public struct OwnershipQuery: Sendable {
    public var entity: String
    public var direction: ChainDirection
    public var at: Day?
    /// Leave out owners whose effective share is known and below this (percent).
    public var minimumShare: Double?
    /// The longest chain followed, in relationships.
    public var depth: Int
    /// The relationships a chain may take: shareholdings, control otherwise than by shares,
    /// and board seats (BODS interests arrive as these three).
    public static let kinds: [RelationKind] = [.owns, .controls, .directorOf]
    public static let defaultDepth = 20
    /// The most chains read before the answer says it was cut short.
    public static let chainLimit = 100_000

    public init(entity: String, direction: ChainDirection = .owners, at: Day? = nil, minimumShare: Double? = nil, depth: Int = Self.defaultDepth) {
        self.entity = entity
        self.direction = direction
        self.at = at
        self.minimumShare = minimumShare
        self.depth = depth
    }

    public func run(on graph: CSRGraph, store: Store) throws -> OwnershipAnswer {
        let (ref, start) = try EntityResolver(store: store).node(entity, in: graph)
        let filter = PathFilter(edgeKinds: KindSet(names: Self.kinds.map(\.rawValue), in: graph.edgeKinds), validAt: at, maxHops: depth)
        let (chains, truncated) = graph.ownershipChains(from: start, direction: direction, filter: filter, limit: Self.chainLimit)
        let records = try SnapshotRecords(nodes: chains.flatMap(\.nodes) + [start], edges: chains.flatMap(\.edges), of: graph, store: store)

        var order: [UInt32] = []
        var byParty: [UInt32: [OwnershipAnswer.Chain]] = [:]
        for c in chains {
            let hops = try c.edges.map { e -> OwnershipAnswer.Hop in
                let info = try records.edge(e)
                return OwnershipAnswer.Hop(edge: info, share: info.kind == RelationKind.owns.rawValue ? Self.share(info.properties) : nil)
            }
            // A chain's share: each hop's fraction multiplied; unknown if any hop's is.
            let fractions = hops.map { $0.share.map { $0 / 100 } }
            let share = fractions.contains { $0 == nil } ? nil : fractions.reduce(1.0) { $0 * $1! } * 100
            let end = c.nodes.last!
            if byParty[end] == nil { order.append(end) }
            byParty[end, default: []].append(OwnershipAnswer.Chain(entities: try c.nodes.map(records.entity), hops: hops, share: share))
        }
        var parties = try order.map { node -> OwnershipAnswer.Party in
            let e = try records.entity(node)
            let found = byParty[node]!
            let known = found.compactMap(\.share)
            return OwnershipAnswer.Party(
                entity: e, naturalPerson: EntityKind.people.map(\.rawValue).contains(e.kind),
                ultimate: !graph.hasNextLink(node, direction: direction, filter: filter),
                effectiveShare: known.isEmpty ? nil : min(100, known.reduce(0, +)), shareComplete: known.count == found.count,
                chains: found, direction: direction)
        }
        if let minimumShare { parties.removeAll { p in p.effectiveShare.map { $0 < minimumShare } ?? false } }
        parties.sort { a, b in
            switch (a.effectiveShare, b.effectiveShare) {
            case let (x?, y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return (a.entity.name ?? a.entity.key, a.entity.reference) < (b.entity.name ?? b.entity.key, b.entity.reference)
            }
        }
        return OwnershipAnswer(entity: EntityInfo(ref), direction: direction, at: at?.description, parties: parties, truncated: truncated)
    }

    /// The `Share` a shareholding states, in percent (a number, or text holding one).
    static func share(_ properties: JSONValue) -> Double? {
        guard case let .object(members) = (try? JSONValue.parse(properties.compact)) ?? .object([]) else { return nil }
        for (name, value) in members where name.lowercased() == "share" {
            let text: String
            switch value {
            case let .number(n): text = n
            case let .string(s): text = s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
            default: return nil
            }
            return Double(text).flatMap { $0.isFinite ? $0 : nil }
        }
        return nil
    }
}

/// The owners (or holdings) of an entity, each with its effective share and the chains behind it.
public struct OwnershipAnswer: Answer {
    /// One relationship of a chain, with the share it states (percent; nil when it states none,
    /// as control and board seats do).
    public struct Hop: Codable, Sendable, Hashable {
        public var edge: EdgeInfo
        public var share: Double?

        public func encode(to encoder: any Encoder) throws {
            try edge.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(share, forKey: .share)
        }

        public init(from decoder: any Decoder) throws {
            edge = try EdgeInfo(from: decoder)
            share = try decoder.container(keyedBy: Key.self).decodeIfPresent(Double.self, forKey: .share)
        }

        init(edge: EdgeInfo, share: Double?) {
            self.edge = edge
            self.share = share
        }

        enum Key: String, CodingKey { case share }
    }

    public struct Chain: Codable, Sendable, Hashable {
        /// From the entity asked about to the owner (or holding).
        public var entities: [EntityInfo]
        public var hops: [Hop]
        /// The shares multiplied along the chain (percent); nil when a hop states none.
        public var share: Double?
    }

    public struct Party: Codable, Sendable, Hashable {
        public var entity: EntityInfo
        public var naturalPerson: Bool
        /// No one owns it in turn (for holdings: it holds nothing), by the relationships followed.
        public var ultimate: Bool
        /// Over the chains whose every hop states a share (percent, at most 100); nil when none does.
        public var effectiveShare: Double?
        /// Whether every chain stated its shares, so that `effectiveShare` is the whole of it.
        public var shareComplete: Bool
        public var chains: [Chain]
        /// Whether this is an owner or a holding: its reference is `owner` or `holding` in JSON.
        public var direction: ChainDirection = .owners

        enum CodingKeys: String, CodingKey {
            case entity = "owner", holding, naturalPerson = "natural_person", ultimate, effectiveShare = "effective_share", shareComplete = "share_complete", chains
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(entity.reference, forKey: direction == .owners ? .entity : .holding)
            var extra = encoder.container(keyedBy: Extra.self)
            try extra.encode(entity.name, forKey: .name)
            try extra.encode(entity.kind, forKey: .kind)
            try c.encode(naturalPerson, forKey: .naturalPerson)
            try c.encode(ultimate, forKey: .ultimate)
            try c.encode(effectiveShare, forKey: .effectiveShare)
            try c.encode(shareComplete, forKey: .shareComplete)
            try c.encode(chains, forKey: .chains)
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let extra = try decoder.container(keyedBy: Extra.self)
            direction = c.contains(.entity) ? .owners : .holdings
            let reference = try c.decode(String.self, forKey: direction == .owners ? .entity : .holding)
            entity = EntityInfo(reference: reference, name: try extra.decodeIfPresent(String.self, forKey: .name))
            naturalPerson = try c.decode(Bool.self, forKey: .naturalPerson)
            ultimate = try c.decode(Bool.self, forKey: .ultimate)
            effectiveShare = try c.decodeIfPresent(Double.self, forKey: .effectiveShare)
            shareComplete = try c.decode(Bool.self, forKey: .shareComplete)
            chains = try c.decode([Chain].self, forKey: .chains)
        }

        init(entity: EntityInfo, naturalPerson: Bool, ultimate: Bool, effectiveShare: Double?, shareComplete: Bool, chains: [Chain], direction: ChainDirection) {
            self.direction = direction
            self.entity = entity
            self.naturalPerson = naturalPerson
            self.ultimate = ultimate
            self.effectiveShare = effectiveShare
            self.shareComplete = shareComplete
            self.chains = chains
        }

        enum Extra: String, CodingKey { case name, kind }
    }

    public var entity: EntityInfo
    public var direction: ChainDirection
    public var at: String?
    /// Owners (or holdings), the largest effective share first.
    public var parties: [Party]
    /// Whether the chains were cut at ``OwnershipQuery/chainLimit``.
    public var truncated: Bool

    /// `owners` or `holdings`, as the JSON names the list.
    public var listName: String { direction.rawValue }

    enum CodingKeys: String, CodingKey { case entity, at, owners, holdings, truncated }

    /// `{"entity", "at", "owners": […], "truncated"}`, or `"holdings"` for the converse.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(entity, forKey: .entity)
        try c.encode(at, forKey: .at)
        try c.encode(parties, forKey: direction == .owners ? .owners : .holdings)
        try c.encode(truncated, forKey: .truncated)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        entity = try c.decode(EntityInfo.self, forKey: .entity)
        at = try c.decodeIfPresent(String.self, forKey: .at)
        if let owners = try c.decodeIfPresent([Party].self, forKey: .owners) {
            direction = .owners
            parties = owners
        } else {
            direction = .holdings
            parties = try c.decode([Party].self, forKey: .holdings)
        }
        truncated = try c.decode(Bool.self, forKey: .truncated)
    }

    init(entity: EntityInfo, direction: ChainDirection, at: String?, parties: [Party], truncated: Bool) {
        self.entity = entity
        self.direction = direction
        self.at = at
        self.parties = parties
        self.truncated = truncated
    }

    /// Every chain drawn: the entity asked about emphasised, ultimate owners (or holdings)
    /// highlighted, each relationship labelled with its share and dates.
    public func map() -> NetworkMap {
        let ultimate = Set(parties.filter(\.ultimate).map(\.entity.reference))
        var nodes: [String: MapNode] = [entity.reference: entity.mapNode(.endpoint)]
        var edges: [String: MapEdge] = [:]
        var order: [String] = [entity.reference]
        for p in parties {
            for c in p.chains {
                for e in c.entities where nodes[e.reference] == nil {
                    nodes[e.reference] = e.mapNode(ultimate.contains(e.reference) ? .highlighted : .normal)
                    order.append(e.reference)
                }
                for h in c.hops { edges["\(h.edge.from)|\(h.edge.to)|\(h.edge.kind)|\(h.edge.source)"] = h.edge.mapEdge() }
            }
        }
        let what = direction == .owners ? "owners" : "holdings"
        return NetworkMap(
            title: "\(entity.name ?? entity.reference): \(what)", subtitle: "\(parties.count) \(what)" + (at.map { " on \($0)" } ?? ", any date"),
            nodes: order.compactMap { nodes[$0] }, edges: edges.keys.sorted().map { edges[$0]! }, centre: entity.reference)
    }

    /// For people: each owner with its share and kind, then its chains hop by hop with sources.
    public var text: String {
        let what = direction == .owners ? "owners" : "holdings"
        var lines = ["\(PathAnswer.describe(entity)): \(parties.count) \(what)\(at.map { " on \($0)" } ?? "")" + (truncated ? " (cut at \(OwnershipQuery.chainLimit) chains)" : "")]
        for p in parties {
            let share = p.effectiveShare.map { String(format: "%.4g%%", $0) + (p.shareComplete ? "" : " or more") } ?? "share unknown"
            let marks = [p.naturalPerson ? "natural person" : nil, p.ultimate ? "ultimate" : nil].compactMap { $0 }.joined(separator: ", ")
            lines.append("  \(share)  \(PathAnswer.describe(p.entity))\(marks.isEmpty ? "" : "  [\(marks)]")")
            for c in p.chains {
                let steps = c.hops.map { h in "\(h.edge.kind)\(h.share.map { String(format: " %.4g%%", $0) } ?? "") (\(h.edge.source))" }
                lines.append("      \(c.share.map { String(format: "%.4g%%", $0) } ?? "?"): " + zip(c.entities.dropFirst(), steps).map { "← \($1) ← \($0.reference)" }.joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n")
    }
}
