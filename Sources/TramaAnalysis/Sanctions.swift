public import TramaGraph
import TramaModel

/// GRAS 3.6, sanctions: suppliers under sanction, past or current (3.6.1), or whose shareholder
/// or legal representative is (3.6.2), or is tied to another sanctioned company (3.6.3); the
/// contracts they won while a sanction on the firm or on such a person was in force (3.6.4); how
/// much of the firm's life was spent under sanction (3.6.5) and how soon after its constitution
/// it was first sanctioned (3.6.6).
///
/// Sanctions are `sanctioned_by` relationships (a debarment list's rows), valid between their
/// start and end. A shareholder counts when the shareholding overlaps the sanction; a
/// representative whatever the dates (registers give none).
public struct Sanctions: Sendable {
    /// 3.6.3: people or firms holding or representing more than this many firms are registered
    /// agents and nominees, whose other companies say nothing of the firm.
    public var maximumHolderFirms = 50
    /// 3.6.5: the day a firm's life is measured to (nil: the latest day in the facts).
    public var reference: Day?

    public init() {}

    /// 3.6.3: a shareholder or representative of the firm who also holds or represents a
    /// sanctioned company.
    public struct LinkedSanction: Sendable, Hashable {
        public var person: UInt32
        /// The tie to the firm and to the sanctioned company.
        public var tie: UInt32
        public var company: UInt32
        public var companyTie: UInt32
        /// The company's `sanctioned_by` relationship.
        public var sanction: UInt32
    }

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
        /// 3.6.3.
        public var linked: [LinkedSanction] = []
        /// 3.6.5: days under a sanction concerning the firm over the days since its constitution.
        public var relativeDuration: Double?
        /// 3.6.6: days from constitution to the start of the firm's own first sanction.
        public var daysToFirstSanction: Int?

        public static func == (a: Self, b: Self) -> Bool {
            a.firm == b.firm && a.concerns == b.concerns && a.whileSanctioned.map(\.contract) == b.whileSanctioned.map(\.contract)
                && a.linked == b.linked && a.relativeDuration == b.relativeDuration && a.daysToFirstSanction == b.daysToFirstSanction
        }

        public func hash(into h: inout Hasher) { h.combine(firm) }

        /// 3.6.1: the firm itself is or was sanctioned.
        public var sanctioned: Bool { concerns.contains { $0.link == .company } }
        /// 3.6.2: a shareholder or its representative is or was.
        public var connectedSanctioned: Bool { concerns.contains { $0.link != .company } }
    }

    /// Every firm a sanction concerns, by node index; `firms` gives constitution dates.
    public func run(graph: CSRGraph, facts: ProcurementFacts, firms: [FirmFacts] = []) -> [Figures] {
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
        // 3.6.3: from each sanctioned company to the other firms of those who hold or run it.
        var linked: [UInt32: [LinkedSanction]] = [:]
        func ties(_ n: UInt32, incoming: Bool, _ body: (UInt32, UInt32) -> Void) {
            let visit: (UInt32, UInt32) -> Void = { m, e in
                let k = graph.edgeKind[Int(e)]
                if k == owns || k == represents { body(m, e) }
            }
            if incoming { graph.forEachIncoming(n, visit) } else { graph.forEachOutgoing(n, visit) }
        }
        for (company, list) in concerns {
            guard let own = list.first(where: { $0.link == .company }) else { continue }
            ties(company, incoming: true) { person, companyTie in
                var held: [(UInt32, UInt32)] = []
                ties(person, incoming: false) { firm, tie in
                    if firm != company, graph.nodeKind[Int(firm)] == firmKind { held.append((firm, tie)) }
                }
                guard held.count < maximumHolderFirms else { return }
                for (firm, tie) in held {
                    linked[firm, default: []].append(
                        LinkedSanction(person: person, tie: tie, company: company, companyTie: companyTie, sanction: own.sanction))
                }
            }
        }
        let contractsOf = facts.contractsByFirm
        let founded = Dictionary(firms.compactMap { f in f.constituted.map { (f.node, $0) } }, uniquingKeysWith: { a, _ in a })
        let end = reference ?? facts.contracts.compactMap(\.day).max() ?? facts.tenders.compactMap(\.published).max()
        return Set(concerns.keys).union(linked.keys).sorted().map { firm in
            let list = (concerns[firm] ?? []).sorted { ($0.sanction, $0.link) < ($1.sanction, $1.link) }
            var during: [(Int, UInt32)] = []
            for c in contractsOf[firm] ?? [] {
                guard let day = facts.contracts[c].day else { continue }
                if let hit = list.first(where: { graph.validity(of: $0.sanction).contains(day) }) { during.append((c, hit.sanction)) }
            }
            var figures = Figures(firm: firm, concerns: list, whileSanctioned: during)
            figures.linked = (linked[firm] ?? []).sorted { ($0.sanction, $0.tie) < ($1.sanction, $1.tie) }
            if let start = founded[firm] {
                if let end, end > start {
                    let spans = list.map { graph.validity(of: $0.sanction) }
                    figures.relativeDuration = Double(Self.daysCovered(spans, within: Validity(from: start, to: end))) / Double(end.rawValue - start.rawValue + 1)
                }
                let own = list.filter { $0.link == .company }.map { graph.validity(of: $0.sanction).from }.filter { $0 != .distantPast && $0 >= start }
                figures.daysToFirstSanction = own.min().map { Int($0.rawValue - start.rawValue) }
            }
            return figures
        }
    }

    /// The number of days of `window` that some span covers.
    static func daysCovered(_ spans: [Validity], within window: Validity) -> Int {
        let clipped = spans.compactMap { v -> (Int64, Int64)? in
            let a = max(Int64(v.from.rawValue), Int64(window.from.rawValue))
            let b = min(Int64(v.to.rawValue), Int64(window.to.rawValue))
            return a <= b ? (a, b) : nil
        }.sorted { $0.0 < $1.0 }
        var total: Int64 = 0
        var current: (Int64, Int64)?
        for s in clipped {
            if let c = current, s.0 <= c.1 + 1 {
                current = (c.0, max(c.1, s.1))
            } else {
                if let c = current { total += c.1 - c.0 + 1 }
                current = s
            }
        }
        if let c = current { total += c.1 - c.0 + 1 }
        return Int(total)
    }
}
