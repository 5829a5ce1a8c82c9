public import TramaGraph
import TramaModel

/// Whether a firm's tie to an official is the official's own (direct) or a relative's (indirect):
/// GRAS 4.2's and 4.3's two variants.
public enum ConnectionLink: String, Codable, Sendable, CaseIterable, Comparable {
    /// The official owns, represents, works for or declared shares in the firm.
    case direct
    /// A relative of the official (family records or the official's declarations) does.
    case indirect

    public static func < (a: Self, b: Self) -> Bool { a == .direct && b == .indirect }
}

/// A public official: a politician (a person who stood as a candidate) or a bureaucrat (a person
/// employed by, or declaring a post at, a public body).
public struct Official: Sendable, Hashable {
    public enum Role: String, Codable, Sendable { case politician, bureaucrat }

    public var person: UInt32
    public var role: Role
    /// The relationship that makes them one (`stood_as`, `employed_by`, `declared_post`).
    public var post: UInt32
    /// A bureaucrat's public body.
    public var agency: UInt32?
    /// A politician's candidacy, and whether elected.
    public var candidate: UInt32?
    public var elected: Bool
    /// A politician's jurisdiction (matched with buyers' locations).
    public var jurisdiction: String?
    /// While in post: employment dates, or an elected politician's term.
    public var tenure: Validity?

    public init(
        person: UInt32, role: Role, post: UInt32, agency: UInt32? = nil, candidate: UInt32? = nil, elected: Bool = false, jurisdiction: String? = nil,
        tenure: Validity? = nil
    ) {
        self.person = person
        self.role = role
        self.post = post
        self.agency = agency
        self.candidate = candidate
        self.elected = elected
        self.jurisdiction = jurisdiction
        self.tenure = tenure
    }
}

/// GRAS 4.2 and 4.3, personal connections to politicians and to bureaucrats: firms that an
/// official, or a relative of one, owns, represents, works for or declared shares in (4.2.1,
/// 4.3.1), and the contracts they won from the public bodies those officials serve — the
/// jurisdiction of an elected politician during the term, the body employing a bureaucrat while
/// employed — once the tie existed (4.2.2 and 4.3.2 number and value, 4.2.3 and 4.3.3 share).
///
/// Ties (shareholdings, employment) count when they overlap the official's time in post, or
/// whatever the dates when either is undated; a legal representation and a family relation are
/// undated in registers and always count.
public struct PersonalConnections: Sendable {
    /// Years an elected politician holds office after the election year (as GRAS 4.1).
    public var termYears = 4
    /// People or firms holding or representing more than this many firms (registered agents,
    /// nominees) are not taken as an official's tie to each of them.
    public var maximumFirmsPerPerson = 50

    public init() {}

    /// One tie between a firm and an official.
    public struct Connection: Sendable, Hashable {
        /// Index into the officials given to ``run(graph:facts:officials:)``.
        public var official: Int
        public var link: ConnectionLink
        /// The relative through whom an indirect connection runs, and the family relationship.
        public var relative: UInt32?
        public var family: UInt32?
        /// The relationship tying the official (or relative) to the firm.
        public var tie: UInt32
        /// The tie is dated and held during the official's time in post: for a politician, GRAS
        /// 4.2's "in power" variant (an undated tie, or a candidate never elected, is not known
        /// to have been one).
        public var whileInPost: Bool
    }

    /// A contract won from a body a connected official serves, while in post, after the tie began.
    public struct ConnectedContract: Sendable, Hashable {
        /// Index into the facts' contracts.
        public var contract: Int
        /// Index into the firm's connections.
        public var connection: Int
    }

    public struct Figures: Sendable, Hashable {
        public var firm: UInt32
        public var role: Official.Role
        public var connections: [Connection]
        public var contracts: [ConnectedContract]
        public var contractsValue: Double
        /// All the firm's contracts in the facts.
        public var allContracts: Int

        public var share: Double { allContracts == 0 ? 0 : Double(contracts.count) / Double(allContracts) }
        public var direct: Bool { connections.contains { $0.link == .direct } }
    }

    /// The officials the graph records: people employed by (or declaring a post at) an agency,
    /// and people who stood as one of `candidates`.
    public func officials(graph: CSRGraph, candidates: [Candidate]) -> [Official] {
        guard let agencyKind = graph.nodeKinds.code(EntityKind.agency.rawValue) else { return politicians(graph: graph, candidates: candidates) }
        let posts = [RelationKind.employedBy, .declaredPost].compactMap { graph.edgeKinds.code($0.rawValue) }
        var found: [Official] = []
        for e in 0..<UInt32(graph.edgeCount) where posts.contains(graph.edgeKind[Int(e)]) {
            let agency = graph.target(of: e)
            guard graph.nodeKind[Int(agency)] == agencyKind else { continue }
            found.append(Official(person: graph.source(of: e), role: .bureaucrat, post: e, agency: agency, tenure: graph.validity(of: e)))
        }
        return found + politicians(graph: graph, candidates: candidates)
    }

    func politicians(graph: CSRGraph, candidates: [Candidate]) -> [Official] {
        guard let stood = graph.edgeKinds.code(RelationKind.stoodAs.rawValue) else { return [] }
        let byNode = Dictionary(candidates.map { ($0.node, $0) }, uniquingKeysWith: { a, _ in a })
        var found: [Official] = []
        for e in 0..<UInt32(graph.edgeCount) where graph.edgeKind[Int(e)] == stood {
            let candidate = graph.target(of: e)
            let c = byNode[candidate]
            var tenure: Validity?
            if let c, c.elected, let year = c.year, let start = Day(year: year, month: 1, day: 1), let end = Day(year: year + termYears, month: 12, day: 31) {
                tenure = Validity(from: start, to: end)
            }
            found.append(Official(
                person: graph.source(of: e), role: .politician, post: e, candidate: candidate, elected: c?.elected ?? false,
                jurisdiction: c?.jurisdiction, tenure: tenure))
        }
        return found
    }

    /// Every firm connected to one of `officials`, once per role (politicians, bureaucrats).
    public func run(graph: CSRGraph, facts: ProcurementFacts, officials: [Official]) -> [Figures] {
        guard let firmKind = graph.nodeKinds.code(EntityKind.firm.rawValue) else { return [] }
        let tieKinds = Set([RelationKind.owns, .legalRepresentativeOf, .employedBy, .declaredShareholding].compactMap { graph.edgeKinds.code($0.rawValue) })
        let family = Set([RelationKind.relativeOf, .declaredRelative].compactMap { graph.edgeKinds.code($0.rawValue) })
        let representative = graph.edgeKinds.code(RelationKind.legalRepresentativeOf.rawValue)
        /// The firms `person` is tied to, with the tie; none for a registered agent.
        func firms(of person: UInt32) -> [(UInt32, UInt32)] {
            var found: [(UInt32, UInt32)] = []
            graph.forEachOutgoing(person) { firm, e in
                if tieKinds.contains(graph.edgeKind[Int(e)]), graph.nodeKind[Int(firm)] == firmKind { found.append((firm, e)) }
            }
            return found.count > maximumFirmsPerPerson ? [] : found
        }
        func overlaps(_ tie: UInt32, _ official: Official) -> Bool {
            guard graph.edgeKind[Int(tie)] != representative, let tenure = official.tenure else { return true }
            return graph.validity(of: tie).overlaps(tenure)
        }
        func whileInPost(_ tie: UInt32, _ official: Official) -> Bool {
            guard let tenure = official.tenure, graph.validity(of: tie) != .always else { return false }
            return graph.validity(of: tie).overlaps(tenure)
        }
        var connected: [FirmRole: [Connection]] = [:]
        for (i, o) in officials.enumerated() {
            for (firm, tie) in firms(of: o.person) where overlaps(tie, o) {
                connected[FirmRole(firm: firm, role: o.role), default: []].append(Connection(official: i, link: .direct, tie: tie, whileInPost: whileInPost(tie, o)))
            }
            var relatives: [(UInt32, UInt32)] = []
            graph.forEachOutgoing(o.person) { r, e in if family.contains(graph.edgeKind[Int(e)]) { relatives.append((r, e)) } }
            graph.forEachIncoming(o.person) { r, e in if family.contains(graph.edgeKind[Int(e)]) { relatives.append((r, e)) } }
            for (relative, relation) in relatives where relative != o.person {
                for (firm, tie) in firms(of: relative) where overlaps(tie, o) {
                    connected[FirmRole(firm: firm, role: o.role), default: []].append(
                        Connection(official: i, link: .indirect, relative: relative, family: relation, tie: tie, whileInPost: whileInPost(tie, o)))
                }
            }
        }
        let contractsOf = facts.contractsByFirm
        return connected.keys.sorted { ($0.firm, $0.role.rawValue) < ($1.firm, $1.role.rawValue) }.map { key in
            var seen = Set<Connection>()
            let list = connected[key]!.filter { seen.insert($0).inserted }.sorted { ($0.official, $0.link, $0.tie) < ($1.official, $1.link, $1.tie) }
            var won: [ConnectedContract] = []
            for c in contractsOf[key.firm] ?? [] {
                let contract = facts.contracts[c]
                guard let day = contract.day, let t = contract.tender.flatMap(facts.tenderIndex(of:)) else { continue }
                let tender = facts.tenders[t]
                if let k = list.firstIndex(where: { serves(officials[$0.official], tender: tender, on: day) && graph.validity(of: $0.tie).from <= day }) {
                    won.append(ConnectedContract(contract: c, connection: k))
                }
            }
            return Figures(
                firm: key.firm, role: key.role, connections: list, contracts: won,
                contractsValue: won.compactMap { facts.contracts[$0.contract].value }.reduce(0, +), allContracts: (contractsOf[key.firm] ?? []).count)
        }
    }

    /// Whether the official served the tender's buyer on `day`: its body for a bureaucrat, its
    /// jurisdiction during the term for an elected politician.
    func serves(_ o: Official, tender: TenderFacts, on day: Day) -> Bool {
        guard let tenure = o.tenure, tenure.contains(day) else { return false }
        switch o.role {
        case .bureaucrat: return o.agency != nil && tender.agency == o.agency
        case .politician:
            guard o.elected, let place = o.jurisdiction.map(PoliticalFinance.place), let region = tender.region.map(PoliticalFinance.place) else { return false }
            return place == region
        }
    }

    struct FirmRole: Hashable {
        var firm: UInt32
        var role: Official.Role
    }
}
