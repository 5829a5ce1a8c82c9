public import TramaGraph
public import TramaModel

/// What a watched entity may do that its watcher wants to hear of (issue: early warning): each
/// event is a kind of relationship leaving the entity.
public enum WatchEvent: String, Codable, Sendable, CaseIterable {
    case bids, wins, sanctioned, donates
    case appearsInCase = "appears_in_case"

    /// The relationships (from the watched entity) that are the event.
    public var relations: [RelationKind] {
        switch self {
        case .bids: [.bid]
        case .wins: [.holdsContract]
        case .sanctioned: [.sanctionedBy]
        case .donates: [.donatedTo]
        case .appearsInCase: [.partyTo, .counselIn, .presides]
        }
    }
}

/// One thing a watch rule finds on one graph snapshot, in node and edge indices of that
/// snapshot; the service names the nodes (`kind:key`) to key it, since indices do not survive a
/// re-import and names do.
public struct WatchFinding: Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        /// The watched entity did something (`detail`: the event).
        case activity
        /// A person or firm owns, controls, directs or represents the watched entity.
        case control
        /// Another firm shares an owner with the watched entity (nodes: watched, other, owner).
        case sharedOwner = "shared_owner"
        /// A path of at most N hops joins an entity of one list to an entity of the other.
        case connection
    }

    public var kind: Kind
    /// The event (`bids`) or the relationship (`owns`) that makes it.
    public var detail: String
    /// The watched entity first, then the others the finding names.
    public var nodes: [UInt32]
    /// The relationships that make it true, in path order: its evidence.
    public var edges: [UInt32]

    public init(kind: Kind, detail: String, nodes: [UInt32], edges: [UInt32]) {
        self.kind = kind
        self.detail = detail
        self.nodes = nodes
        self.edges = edges
    }
}

/// The rule kinds evaluated on a graph snapshot: pure functions of the graph and the watched
/// nodes, so that each new snapshot's findings can be diffed against the previous one's.
public enum WatchRules {
    /// Every relationship of `events` leaving a watched node (valid at `at` when given).
    public static func activity(graph: CSRGraph, watched: [UInt32], events: Set<WatchEvent>, at: Day? = nil) -> [WatchFinding] {
        var kinds: [KindCode: WatchEvent] = [:]
        for event in events { for r in event.relations { if let code = graph.edgeKinds.code(r.rawValue) { kinds[code] = event } } }
        guard !kinds.isEmpty else { return [] }
        var found: [WatchFinding] = []
        for w in Set(watched).sorted() {
            graph.forEachOutgoing(w) { target, e in
                guard let event = kinds[graph.edgeKind[Int(e)]], at.map({ graph.validity(of: e).contains($0) }) ?? true else { return }
                found.append(WatchFinding(kind: .activity, detail: event.rawValue, nodes: [w, target], edges: [e]))
            }
        }
        return found
    }

    /// The owners, controllers, directors and legal representatives of each watched node, and
    /// the other firms its owners hold (shared owners), valid at `at` when given. An owner of
    /// more than `maximumHoldings` firms (a registered agent, a nominee) shares nothing worth
    /// an alert.
    public static func control(graph: CSRGraph, watched: [UInt32], at: Day? = nil, maximumHoldings: Int = 50) -> [WatchFinding] {
        let controlKinds = Set([RelationKind.owns, .controls, .directorOf, .legalRepresentativeOf].compactMap { graph.edgeKinds.code($0.rawValue) })
        let owns = graph.edgeKinds.code(RelationKind.owns.rawValue)
        func valid(_ e: UInt32) -> Bool { at.map { graph.validity(of: e).contains($0) } ?? true }
        var found: [WatchFinding] = []
        for w in Set(watched).sorted() {
            graph.forEachIncoming(w) { holder, e in
                guard controlKinds.contains(graph.edgeKind[Int(e)]), valid(e) else { return }
                found.append(WatchFinding(kind: .control, detail: graph.edgeKinds.name(graph.edgeKind[Int(e)]), nodes: [w, holder], edges: [e]))
                guard graph.edgeKind[Int(e)] == owns else { return }
                var held: [(UInt32, UInt32)] = []
                graph.forEachOutgoing(holder) { other, f in
                    if graph.edgeKind[Int(f)] == owns, other != w, valid(f) { held.append((other, f)) }
                }
                guard held.count < maximumHoldings else { return }
                for (other, f) in held {
                    found.append(WatchFinding(kind: .sharedOwner, detail: RelationKind.owns.rawValue, nodes: [w, other, holder], edges: [e, f]))
                }
            }
        }
        return found
    }

    /// For each node of `from`, the nodes of `to` within `filter.maxHops` (edge and node kinds,
    /// dates and maximum degree as for paths: a super-node is reached but not expanded), each
    /// with one shortest path as evidence. The same pair is found from each end when both
    /// lists hold both.
    ///
    /// - Complexity: one bounded breadth-first search per node of `from`.
    public static func connections(graph: CSRGraph, from: [UInt32], to: [UInt32], filter: PathFilter) -> [WatchFinding] {
        let targets = Set(to)
        guard !targets.isEmpty else { return [] }
        var found: [WatchFinding] = []
        for a in Set(from).sorted() where Int(a) < graph.nodeCount {
            for (_, edges) in graph.paths(from: a, toAnyOf: targets, filter: filter) {
                var nodes = [a]
                for e in edges { nodes.append(graph.source(of: e) == nodes.last! ? graph.target(of: e) : graph.source(of: e)) }
                found.append(WatchFinding(kind: .connection, detail: "\(edges.count) hops", nodes: nodes, edges: edges))
            }
        }
        return found
    }
}
