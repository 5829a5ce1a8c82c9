public import TramaGraph
import TramaModel

/// GRAS 3.6, sanctions: suppliers under sanction, past or current (3.6.1), or whose shareholder
/// or legal representative is (3.6.2), and the contracts they won while a sanction on the firm or
/// on such a person was in force (3.6.4).
///
/// Sanctions are `sanctioned_by` relationships (a debarment list's rows), valid between their
/// start and end. A shareholder counts when the shareholding overlaps the sanction; a
/// representative whatever the dates (registers give none).
public struct Sanctions: Sendable {
    public init() {}

    /// A sanction that concerns a firm: its own, or one of a person tied to it.
    public struct Concern: Sendable, Hashable {
        /// The `sanctioned_by` relationship.
        public var sanction: UInt32
        /// Who is sanctioned: the firm itself, a shareholder or its representative.
        public var sanctioned: UInt32
        public var link: DonorLink
        /// The shareholding or representation that ties them (nil for the firm itself).
        public var tie: UInt32?
    }

    /// What GRAS 3.6 says of one firm.
    public struct Figures: Sendable, Hashable {
        public var firm: UInt32
        public var concerns: [Concern]
        /// 3.6.4: contracts (indices into the facts' contracts) signed while one of `concerns`
        /// was in force, with the sanction each fell under.
        public var whileSanctioned: [(contract: Int, sanction: UInt32)]

        public static func == (a: Self, b: Self) -> Bool {
            a.firm == b.firm && a.concerns == b.concerns && a.whileSanctioned.map(\.contract) == b.whileSanctioned.map(\.contract)
        }

        public func hash(into h: inout Hasher) { h.combine(firm) }

        /// 3.6.1: the firm itself is or was sanctioned.
        public var sanctioned: Bool { concerns.contains { $0.link == .company } }
        /// 3.6.2: a shareholder or its representative is or was.
        public var connectedSanctioned: Bool { concerns.contains { $0.link != .company } }
    }

    /// Every firm a sanction concerns, by node index.
    public func run(graph: CSRGraph, facts: ProcurementFacts) -> [Figures] {
        guard let sanctionKind = graph.edgeKinds.code(RelationKind.sanctionedBy.rawValue), let firmKind = graph.nodeKinds.code(EntityKind.firm.rawValue) else {
            return []
        }
        let owns = graph.edgeKinds.code(RelationKind.owns.rawValue)
        let represents = graph.edgeKinds.code(RelationKind.legalRepresentativeOf.rawValue)
        var concerns: [UInt32: [Concern]] = [:]
        for e in 0..<UInt32(graph.edgeCount) where graph.edgeKind[Int(e)] == sanctionKind {
            let who = graph.source(of: e)
            let sanction = graph.validity(of: e)
            if graph.nodeKind[Int(who)] == firmKind { concerns[who, default: []].append(Concern(sanction: e, sanctioned: who, link: .company, tie: nil)) }
            graph.forEachOutgoing(who) { firm, tie in
                guard graph.nodeKind[Int(firm)] == firmKind else { return }
                let kind = graph.edgeKind[Int(tie)]
                if kind == owns, graph.validity(of: tie).overlaps(sanction) {
                    concerns[firm, default: []].append(Concern(sanction: e, sanctioned: who, link: .shareholder, tie: tie))
                } else if kind == represents {
                    concerns[firm, default: []].append(Concern(sanction: e, sanctioned: who, link: .representative, tie: tie))
                }
            }
        }
        var contractsOf: [UInt32: [Int]] = [:]
        for (i, c) in facts.contracts.enumerated() { contractsOf[c.firm, default: []].append(i) }
        return concerns.keys.sorted().map { firm in
            let list = concerns[firm]!.sorted { ($0.sanction, $0.link) < ($1.sanction, $1.link) }
            var during: [(Int, UInt32)] = []
            for c in contractsOf[firm] ?? [] {
                guard let day = facts.contracts[c].day else { continue }
                if let hit = list.first(where: { graph.validity(of: $0.sanction).contains(day) }) { during.append((c, hit.sanction)) }
            }
            return Figures(firm: firm, concerns: list, whileSanctioned: during)
        }
    }
}
