public import TramaGraph
import TramaModel

/// A campaign donation (a `donations.csv` row), over the graph's node indices.
public struct Donation: Sendable, Hashable {
    public var donor: UInt32
    public var candidate: UInt32
    public var value: Double?
    public var day: Day?
    /// The store id of the `donated_to` edge: the way back to the source record.
    public var handle: Int64

    public init(donor: UInt32, candidate: UInt32, value: Double?, day: Day?, handle: Int64 = 0) {
        self.donor = donor
        self.candidate = candidate
        self.value = value
        self.day = day
        self.handle = handle
    }
}

/// A candidate in an election: whether elected, where, and when.
public struct Candidate: Sendable, Hashable {
    public var node: UInt32
    public var elected: Bool
    /// The jurisdiction of the office (a city, a state): matched with the buyers' locations.
    public var jurisdiction: String?
    public var year: Int?

    public init(node: UInt32, elected: Bool, jurisdiction: String?, year: Int?) {
        self.node = node
        self.elected = elected
        self.jurisdiction = jurisdiction
        self.year = year
    }
}

/// How a donation is tied to the firm it counts for (GRAS 4.1's direct and indirect variants).
public enum DonorLink: String, Codable, Sendable, CaseIterable, Comparable {
    /// The firm itself donated: the direct variant.
    case company
    /// Someone who owned part of the firm when they donated.
    case shareholder
    /// The firm's legal representative.
    case representative
    /// Someone the firm employed when they donated.
    case employee

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// The parameters of GRAS 4.1.
public struct PoliticalFinanceParameters: Codable, Sendable, Hashable {
    /// Years an elected candidate is in office after the election year: contracts signed by the
    /// end of election year + `termYears` count as won while the donee held office. Four years
    /// is the mayoral and gubernatorial term in the GRAS pilot (Brazil) and most of Latin America.
    public var termYears = 4
    /// The ties through which a donation counts for a firm (GRAS Table 5: the company, its
    /// shareholders, representatives and employees): 4.1.1 and 4.1.2.
    public var links: [DonorLink] = DonorLink.allCases
    /// The ties through which a donation can buy the firm contracts (4.1.3, 4.1.4): the money of
    /// those who own or run the firm. An employee's own donation is listed under 4.1.1 but does
    /// not, by itself, make the firm's later contracts politically bought: the firm does not
    /// control it, and in a town with one big buyer most firms have an employee who gave.
    public var contractLinks: [DonorLink] = [.company, .shareholder, .representative]

    public init() {}
}

/// GRAS 4.1, political finance: the firms whose own money, or their shareholders', legal
/// representatives' or employees', went to electoral campaigns (4.1.1 yes/no, 4.1.2 value), and
/// the contracts they then won from public bodies of the jurisdiction where a donee was elected,
/// during the donee's term, after a donation by the firm or those who own or run it (4.1.3
/// number and value, 4.1.4 share of the firm's contracts).
///
/// A tie counts when it was valid on the donation's date (a shareholding or an employment
/// between its dates); a representative is counted whatever the date (the register states no
/// dates). A buyer is in a jurisdiction when its location is the candidate's jurisdiction,
/// compared without case or surrounding spaces.
public struct PoliticalFinance: Sendable {
    public var parameters: PoliticalFinanceParameters

    public init(parameters: PoliticalFinanceParameters = PoliticalFinanceParameters()) { self.parameters = parameters }

    /// One donation counted for a firm, and how.
    public struct LinkedDonation: Sendable, Hashable {
        /// Index into the donations given to ``run(graph:facts:donations:candidates:)``.
        public var donation: Int
        public var link: DonorLink
        /// The tie that links donor and firm (nil for the firm itself).
        public var tie: UInt32?
    }

    /// A contract won from a donee's jurisdiction during the donee's term, after the donation.
    public struct FollowingContract: Sendable, Hashable {
        /// Index into the facts' contracts.
        public var contract: Int
        /// The donation (index into the donations) it follows: the earliest that qualifies.
        public var donation: Int
    }

    /// What GRAS 4.1 says of one firm.
    public struct Figures: Sendable, Hashable {
        public var firm: UInt32
        public var donations: [LinkedDonation]
        /// 4.1.2: the value of the distinct donations counted (a donation counted through two
        /// ties counts once).
        public var value: Double
        /// Whether the firm itself donated (the direct variant of 4.1.1).
        public var direct: Bool
        /// 4.1.3: contracts won from a donee's jurisdiction during the donee's term.
        public var following: [FollowingContract]
        public var followingValue: Double
        /// All the firm's contracts in the facts: 4.1.4's denominator.
        public var contracts: Int

        /// 4.1.4: `following` as a share of all the firm's contracts (0 without contracts).
        public var followingShare: Double { contracts == 0 ? 0 : Double(following.count) / Double(contracts) }
    }

    /// Every firm some counted donation is linked to, by node index.
    public func run(graph: CSRGraph, facts: ProcurementFacts, donations: [Donation], candidates: [Candidate]) -> [Figures] {
        let firmKind = graph.nodeKinds.code(EntityKind.firm.rawValue)
        let tieKinds: [(KindCode?, DonorLink)] = [
            (graph.edgeKinds.code(RelationKind.owns.rawValue), .shareholder),
            (graph.edgeKinds.code(RelationKind.legalRepresentativeOf.rawValue), .representative),
            (graph.edgeKinds.code(RelationKind.employedBy.rawValue), .employee),
        ]
        let allowed = Set(parameters.links)
        var linked: [UInt32: [LinkedDonation]] = [:]
        for (i, d) in donations.enumerated() {
            if allowed.contains(.company), let firmKind, graph.nodeKind[Int(d.donor)] == firmKind {
                linked[d.donor, default: []].append(LinkedDonation(donation: i, link: .company, tie: nil))
            }
            graph.forEachOutgoing(d.donor) { firm, e in
                guard let firmKind, graph.nodeKind[Int(firm)] == firmKind else { return }
                guard let link = tieKinds.first(where: { $0.0 == graph.edgeKind[Int(e)] })?.1, allowed.contains(link) else { return }
                if link != .representative, let day = d.day, !graph.validity(of: e).contains(day) { return }
                linked[firm, default: []].append(LinkedDonation(donation: i, link: link, tie: e))
            }
        }
        let byCandidate = Dictionary(candidates.map { ($0.node, $0) }, uniquingKeysWith: { a, _ in a })
        let contractsOf = facts.contractsByFirm
        let buying = Set(parameters.contractLinks)
        return linked.keys.sorted().map { firm in
            let counted = linked[firm]!.sorted { ($0.donation, $0.link) < ($1.donation, $1.link) }
            let distinct = Set(counted.map(\.donation)).sorted()
            let controlled = Set(counted.filter { buying.contains($0.link) }.map(\.donation)).sorted()
            var following: [FollowingContract] = []
            for c in contractsOf[firm] ?? [] {
                let contract = facts.contracts[c]
                guard let day = contract.day, let region = region(of: contract, facts) else { continue }
                if let d = controlled.first(where: { during(donations[$0], byCandidate[donations[$0].candidate], contract: day, region: region) }) {
                    following.append(FollowingContract(contract: c, donation: d))
                }
            }
            return Figures(
                firm: firm, donations: counted, value: distinct.compactMap { donations[$0].value }.reduce(0, +),
                direct: counted.contains { $0.link == .company }, following: following,
                followingValue: following.compactMap { facts.contracts[$0.contract].value }.reduce(0, +), contracts: (contractsOf[firm] ?? []).count)
        }
    }

    /// The buyer's location of a contract: its tender's agency's.
    func region(of contract: ContractFacts, _ facts: ProcurementFacts) -> String? {
        guard let t = contract.tender, let i = facts.tenderIndex(of: t) else { return nil }
        return facts.tenders[i].region.map(Self.place)
    }

    /// Whether a contract signed on `day` by a buyer in `region` was won from the donee of `d`
    /// while in office, after the donation.
    func during(_ d: Donation, _ candidate: Candidate?, contract day: Day, region: String) -> Bool {
        guard let c = candidate, c.elected, let place = c.jurisdiction.map(Self.place), place == region else { return false }
        if let given = d.day, day <= given { return false }
        if let year = c.year, let end = Day(year: year + parameters.termYears, month: 12, day: 31), day > end { return false }
        if let year = c.year, let start = Day(year: year, month: 1, day: 1), day < start { return false }
        return true
    }

    static func place(_ name: String) -> String {
        String(name.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()).lowercased()
    }
}
