import TramaGraph
import Foundation
import TramaModel

/// Why two firms bidding in the same tender may not be competing: something they share, found
/// in the graph as it stood on the bid date.
public struct CompetitorLink: Sendable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// GRAS 2.7: a shareholder in both, directly or up ownership chains, or one corporate group.
        case commonShareholder = "common_shareholder"
        /// GRAS 2.8: one person working for both, or for one while owning or representing the other.
        case commonEmployee = "common_employee"
        /// GRAS 2.6: the same address, phone, e-mail, website, legal representative or accountant.
        case commonRegistration = "common_registration"
    }

    public var kind: Kind
    /// The GRAS indicator the link counts for: "2.6.1", "2.7.1" (shareholder), "2.7.4"
    /// (corporate group), "2.8.1".
    public var indicator: String
    /// The shared entity (node index).
    public var via: UInt32
    /// Hops from the first firm to `via` and from the second.
    public var hopsFromFirst: Int
    public var hopsFromSecond: Int
    /// The edges from the first firm to `via`, then from the second: the evidence.
    public var edges: [UInt32]
    /// 1 / log2(1 + k), k the number of firms the shared entity is tied to (Adamic & Adar 2003):
    /// sharing an entity with few others says more than sharing one with many.
    public var weight: Double

    /// Length of the path firm → via → firm.
    public var hops: Int { hopsFromFirst + hopsFromSecond }
}

/// The edge kinds the link screens read, resolved once against a graph's kind table.
struct TieKinds {
    let owns: KindCode?
    let employedBy: KindCode?
    let memberOfGroup: KindCode?
    /// firm → address / phone / e-mail / website.
    let registeredAt: KindSet
    /// person → firm: legal representative, accountant.
    let representative: KindCode?
    let accountant: KindCode?
    let bid: KindCode?
    let procures: KindCode?
    let firmKind: KindCode?

    init(_ graph: CSRGraph) {
        let e = graph.edgeKinds
        owns = e.code(RelationKind.owns.rawValue)
        employedBy = e.code(RelationKind.employedBy.rawValue)
        memberOfGroup = e.code(RelationKind.memberOfGroup.rawValue)
        registeredAt = KindSet(
            names: [RelationKind.registeredAt, .hasPhone, .hasEmail, .hasWebsite].map(\.rawValue), in: e)
        representative = e.code(RelationKind.legalRepresentativeOf.rawValue)
        accountant = e.code(RelationKind.accountantOf.rawValue)
        bid = e.code(RelationKind.bid.rawValue)
        procures = e.code(RelationKind.procures.rawValue)
        firmKind = graph.nodeKinds.code(EntityKind.firm.rawValue)
    }
}

/// Finds the links between competitors: per firm, what it is tied to on a given day (owners up
/// the chain, people, registration data, group), then the intersections per pair.
///
/// Super-nodes are handled three ways, all parameters: an entity tied to more than
/// `maxSharedDegree` firms links nothing and is not climbed through; entity kinds in
/// `excludedSharedKinds` (the state) link nothing; every link's weight falls with the shared
/// entity's degree.
struct LinkFinder: Sendable {
    let graph: CSRGraph
    let kinds: TieKinds
    let depth: Int
    let maxDegree: Int
    let excluded: KindSet
    /// Firms each node is tied to through ownership, employment, registration or a group.
    let fan: [UInt32]
    /// Each node's registration and group edges (`tieEdge[tieStart[n]..<tieStart[n + 1]]`),
    /// apart from its other outgoing edges: a busy bidder has hundreds of bid edges, and
    /// reading past them for every bid would cost O(bids²).
    let tieStart: [UInt32]
    let tieEdge: [UInt32]

    init(graph: CSRGraph, parameters p: CollusionParameters) {
        self.graph = graph
        kinds = TieKinds(graph)
        depth = p.ownershipDepth
        maxDegree = p.maxSharedDegree
        excluded = KindSet(names: p.excludedSharedKinds, in: graph.nodeKinds)
        var fan = [UInt32](repeating: 0, count: graph.nodeCount)
        var tieStart = [UInt32](repeating: 0, count: graph.nodeCount + 1)
        var tieEdge: [UInt32] = []
        let k = kinds
        for u in 0..<UInt32(graph.nodeCount) {
            graph.forEachOutgoing(u) { v, e in
                let c = graph.edgeKind[Int(e)]
                if c == k.owns || c == k.employedBy || c == k.representative || c == k.accountant {
                    fan[Int(u)] &+= 1
                } else if c == k.memberOfGroup || k.registeredAt.contains(c) {
                    fan[Int(v)] &+= 1
                    tieEdge.append(e)
                }
            }
            tieStart[Int(u) + 1] = UInt32(tieEdge.count)
        }
        self.fan = fan
        self.tieStart = tieStart
        self.tieEdge = tieEdge
    }

    /// What one firm is tied to on one day.
    struct Profile {
        /// Owners up to `depth` hops, nearest first: the `owns` edge that reached each, and the
        /// owner it was reached from (an index here; -1 for the firm itself).
        var owners: [(node: UInt32, hops: Int, edge: UInt32, parent: Int)] = []
        /// People working for the firm.
        var employees: [(node: UInt32, edge: UInt32)] = []
        /// People who own (directly) or legally represent the firm: a competitor employing one
        /// of them is a GRAS 2.8 link.
        var principals: [(node: UInt32, edge: UInt32)] = []
        /// Addresses, phones, e-mails, websites, representatives, accountants.
        var registration: [(node: UInt32, edge: UInt32)] = []
        var groups: [(node: UInt32, edge: UInt32)] = []

        /// The `owns` edges from the firm up to `owners[i]`.
        func chain(to i: Int) -> [UInt32] {
            var edges: [UInt32] = []
            var j = i
            while j >= 0 {
                edges.append(owners[j].edge)
                j = owners[j].parent
            }
            return edges.reversed()
        }

        /// Every node the firm is tied to, sorted: two bidders can only be linked when these
        /// lists meet.
        var tieNodes: [UInt32] {
            (owners.map(\.node) + employees.map(\.node) + principals.map(\.node) + registration.map(\.node) + groups.map(\.node)).sorted()
        }
    }

    func shareable(_ node: UInt32) -> Bool {
        Int(fan[Int(node)]) <= maxDegree && !excluded.contains(graph.nodeKind[Int(node)])
    }

    func valid(_ edge: UInt32, at day: Day?) -> Bool {
        guard let day else { return true }
        return graph.validity(of: edge).contains(day)
    }

    func profile(of firm: UInt32, at day: Day?) -> Profile {
        var p = Profile()
        // Owners, breadth first up the `owns` edges (holder → firm), valid on the day; the
        // owners list is its own queue.
        var head = -1
        while head < p.owners.count {
            let (node, hop) = head < 0 ? (firm, 0) : (p.owners[head].node, p.owners[head].hops)
            if hop < max(1, depth) {
                graph.forEachIncoming(node) { holder, e in
                    guard graph.edgeKind[Int(e)] == kinds.owns, holder != firm, valid(e, at: day), shareable(holder),
                        !p.owners.contains(where: { $0.node == holder })
                    else { return }
                    p.owners.append((holder, hop + 1, e, head))
                }
            }
            head += 1
        }
        for o in p.owners where o.hops == 1 { p.principals.append((o.node, o.edge)) }
        graph.forEachIncoming(firm) { src, e in
            let c = graph.edgeKind[Int(e)]
            guard valid(e, at: day), shareable(src) else { return }
            if c == kinds.employedBy {
                p.employees.append((src, e))
            } else if c == kinds.representative {
                p.principals.append((src, e))
                p.registration.append((src, e))
            } else if c == kinds.accountant {
                p.registration.append((src, e))
            }
        }
        for e in tieEdge[Int(tieStart[Int(firm)])..<Int(tieStart[Int(firm) + 1])] {
            let dst = graph.target(of: e)
            guard valid(e, at: day), shareable(dst) else { continue }
            if graph.edgeKind[Int(e)] == kinds.memberOfGroup {
                p.groups.append((dst, e))
            } else {
                p.registration.append((dst, e))
            }
        }
        return p
    }

    func weight(_ via: UInt32) -> Double { 1 / log2(1 + Double(max(1, fan[Int(via)]))) }

    /// Every link between two firms with these profiles: the nearest common owner (2.7.1), each
    /// common group (2.7.4), each shared person in work (2.8.1), each shared registration item (2.6.1).
    func links(_ a: Profile, _ b: Profile) -> [CompetitorLink] {
        var out: [CompetitorLink] = []
        var nearest: CompetitorLink?
        for (i, x) in a.owners.enumerated() {
            for (j, y) in b.owners.enumerated() where x.node == y.node {
                if nearest == nil || x.hops + y.hops < nearest!.hops {
                    nearest = CompetitorLink(
                        kind: .commonShareholder, indicator: "2.7.1", via: x.node, hopsFromFirst: x.hops, hopsFromSecond: y.hops,
                        edges: a.chain(to: i) + b.chain(to: j), weight: weight(x.node))
                }
            }
        }
        if let nearest { out.append(nearest) }
        for x in a.groups {
            for y in b.groups where x.node == y.node {
                out.append(CompetitorLink(
                    kind: .commonShareholder, indicator: "2.7.4", via: x.node, hopsFromFirst: 1, hopsFromSecond: 1, edges: [x.edge, y.edge],
                    weight: weight(x.node)))
            }
        }
        var people = Set<UInt32>()
        func employ(_ xs: [(node: UInt32, edge: UInt32)], _ ys: [(node: UInt32, edge: UInt32)], firstSide: Bool) {
            for x in xs {
                for y in ys where x.node == y.node && people.insert(x.node).inserted {
                    out.append(CompetitorLink(
                        kind: .commonEmployee, indicator: "2.8.1", via: x.node, hopsFromFirst: 1, hopsFromSecond: 1,
                        edges: firstSide ? [x.edge, y.edge] : [y.edge, x.edge], weight: weight(x.node)))
                }
            }
        }
        employ(a.employees, b.employees, firstSide: true)
        employ(a.employees, b.principals, firstSide: true)
        employ(b.employees, a.principals, firstSide: false)
        for x in a.registration {
            for y in b.registration where x.node == y.node {
                out.append(CompetitorLink(
                    kind: .commonRegistration, indicator: "2.6.1", via: x.node, hopsFromFirst: 1, hopsFromSecond: 1, edges: [x.edge, y.edge],
                    weight: weight(x.node)))
            }
        }
        return out
    }
}
