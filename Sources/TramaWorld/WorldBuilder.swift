import Foundation
import TramaGraph
import TramaIngest

/// A firm or a person: who can hold shares, donate, be a party or be sanctioned.
enum Entity: Hashable, Sendable {
    case person(Int)
    case firm(Int)
}

/// A shareholding, valid from `entry` to `exit` (open if nil); share in basis points.
struct Holding {
    var holder: Entity
    var basisPoints: Int
    var entry: Day
    var exit: Day?
}

struct Job {
    var person: Int
    var position: String
    var from: Day
    var to: Day?
}

/// A firm reserved for a planted pattern, with everything its rows need.
struct PlannedFirm {
    var holding = false
    var founded: Day
    var owners: [Holding] = []
    var jobs: [Job] = []
    var representative: Int?
}

/// A planted tender: always awarded, to `bids[winner]`.
struct PlannedTender {
    var agency: Int
    var published: Day
    var bids: [(firm: Int, cents: Int64)]
    var winner: Int
}

struct PlannedCase {
    var judge: Int
    var filed: Day
    var parties: [(entity: Entity, role: String, lawyer: Int?)]
}

struct PlannedDonation {
    var donor: Entity
    var candidate: Int
    var cents: Int64
    var year: Int
}

struct Agency {
    var city: Int
    var name: String
    var level: String
}

struct Candidate {
    var city: Int
    var year: Int
    var elected: Bool
    var office: String
    var party: String
    /// The person who stood (candidates.csv PersonID), for planted politicians only.
    var person: Int?
}

enum Appointer {
    case candidate(Int)
    case person(Int)
}

struct JudgePlan {
    var court: Int
    var appointedBy: Appointer
    var appointed: Day
    /// People the judge is family of (relatives.csv), declared every year.
    var relatives: [(person: Int, relation: String)] = []
    /// Firms the judge holds shares in (shareholders.csv), declared from the entry year.
    var holdings: [(firm: Int, from: Day)] = []
}

/// Exactly `count` members of `0..<universe`, scattered: r is a member iff perm(r) falls in
/// `band`. Memberships sharing a permutation with disjoint bands are disjoint.
struct Membership {
    let perm: AffinePermutation
    let band: Range<Int>
    var count: Int { band.count }

    init(universe: Int, count: Int, rng: inout SplitMix64) {
        perm = AffinePermutation(count: universe, rng: &rng)
        band = 0..<min(count, universe)
    }

    /// The next `count` members after `previous`, disjoint from it.
    init(after previous: Membership, count: Int) {
        perm = previous.perm
        band = previous.band.upperBound..<min(previous.band.upperBound + count, previous.perm.count)
    }

    func contains(_ r: Int) -> Bool { band.contains(perm(r)) }
}

/// One writer per GRAS table.
struct Writers {
    let agencies, firms, people, shareholders, employment, tenders, bids, contracts: CSVWriter
    let candidates, donations, sanctions, judges, cases, caseParties, relatives, assetDeclarations: CSVWriter
    let socialBenefits, criminalRecords: CSVWriter

    init(directory: URL) throws {
        func make(_ t: GRASTable) throws -> CSVWriter {
            try CSVWriter(url: directory.appendingPathComponent(t.fileName), header: t.columns.map(\.name))
        }
        agencies = try make(.agencies)
        firms = try make(.firms)
        people = try make(.people)
        shareholders = try make(.shareholders)
        employment = try make(.employment)
        tenders = try make(.tenders)
        bids = try make(.bids)
        contracts = try make(.contracts)
        candidates = try make(.candidates)
        donations = try make(.donations)
        sanctions = try make(.sanctions)
        judges = try make(.judges)
        cases = try make(.cases)
        caseParties = try make(.caseParties)
        relatives = try make(.relatives)
        assetDeclarations = try make(.assetDeclarations)
        socialBenefits = try make(.socialBenefits)
        criminalRecords = try make(.criminalRecords)
    }

    func writer(_ t: GRASTable) -> CSVWriter {
        switch t {
        case .agencies: agencies
        case .firms: firms
        case .people: people
        case .shareholders: shareholders
        case .employment: employment
        case .tenders: tenders
        case .bids: bids
        case .contracts: contracts
        case .candidates: candidates
        case .donations: donations
        case .sanctions: sanctions
        case .judges: judges
        case .cases: cases
        case .caseParties: caseParties
        case .relatives: relatives
        case .assetDeclarations: assetDeclarations
        case .socialBenefits: socialBenefits
        case .criminalRecords: criminalRecords
        }
    }

    /// Closes every writer; rows per file in load order.
    func close() throws -> [(file: String, rows: Int)] {
        try GRASTable.allCases.map { t in
            let w = writer(t)
            try w.close()
            return (t.fileName, w.rowCount)
        }
    }
}

/// The generator's working state: index ranges reserved per role, ID permutations, the plan of
/// the planted patterns, and the few per-entity arrays the background needs to stay clean.
///
/// People indices: judges | lawyers | officials | registered agents | planted | background.
/// Firm indices: nominee | holdings | planted | background (bidders, then quiet firms).
/// Planted slots the plan leaves unused become ordinary people and quiet firms.
final class WorldBuilder {
    let config: WorldConfig
    let seed: UInt64
    var rng: SplitMix64
    var truth: WorldTruth
    let out: Writers
    let days = DayText()

    // People.
    let judges: Range<Int>
    let lawyers: Range<Int>
    let officials: Range<Int>
    let agentPeople: Range<Int>
    let plantedPeople: Range<Int>
    let backgroundPeople: Range<Int>
    /// The first background people double as the pool of accountants (heavy-tailed).
    let accountants: Int
    var nextPlantedPerson: Int
    var personCount: Int { backgroundPeople.upperBound }

    // Firms.
    let nominee = 0
    let holdings: Range<Int>
    let plantedFirms: Range<Int>
    let backgroundFirms: Range<Int>
    /// Background firms that bid; the rest of the background ("quiet firms") never does.
    let bidders: Range<Int>
    let quietFirms: Range<Int>
    var nextPlantedFirm: Int
    var firmCount: Int { backgroundFirms.upperBound }

    // Index spaces with gaps allowed (planted tenders are counted by an upper bound).
    let backgroundTenders: Int
    let tenderBound: Int
    let backgroundCases: Int
    let caseBound: Int

    let personPerm: ScramblePermutation
    let firmPerm: ScramblePermutation
    let tenderPerm: ScramblePermutation
    let contractPerm: ScramblePermutation
    let casePerm: ScramblePermutation

    // Holdings: a forest of economic groups.
    var holdingParent: [Int] = []
    var holdingGroup: [Int] = []
    var holdingFounded: [Day] = []
    var groupNames: [String] = []

    // Background structure.
    let agentA: Membership
    let agentB: Membership
    let nomineeMembers: Membership
    let massAddressA: Membership
    let massAddressB: Membership
    let massAddresses = ["Av. Corporativa 1000, sala 1, Puerto Alto", "Calle Registro 42, piso 3, San Miguel"]

    var agencies: [Agency] = []
    var cityNames: [String] = []
    var candidates: [Candidate] = []
    var judgePlans: [JudgePlan] = []

    // The plan.
    var plannedFirms: [PlannedFirm] = []
    var plannedTenders: [PlannedTender] = []
    var plannedCases: [PlannedCase] = []
    var plannedDonations: [PlannedDonation] = []
    /// Shareholdings written after the firms (judges' and officials' stakes in quiet firms).
    var extraHoldings: [(firm: Int, holding: Holding)] = []
    var officialJobs: [(official: Int, agency: Int, position: String, from: Day, to: Day?)] = []
    var officialDeclarations: [(official: Int, agency: Int, position: String, relative: (Int, String)?, firm: (Int, Day)?, years: [Int])] = []
    /// Planted politicians' relatives who own their firms (relatives.csv rows).
    var politicianRelatives: [(politician: Int, relative: Int, relation: String)] = []

    // What the background must not accidentally form.
    /// Ownership edges (holder code: person p → p, firm f → −f−1), for who-won-where masks.
    var edgeHolder: [Int32] = []
    var edgeFirm: [Int32] = []
    /// Bit (city mod 64) set for every jurisdiction a firm won a contract in.
    var firmWins: [UInt64]
    /// Each candidate's donors, so a judge's cases avoid donors of whoever appointed the judge.
    var donors: [Int: [Entity]] = [:]
    /// Each firm's owners (people and firms) and legal representative, so that a background
    /// case party is never tied to its judge through them (see `ties(ofJudge:)`).
    var controllers: [Int: [Entity]] = [:]
    /// Each firm's employees, for the same reason: a judge's firm's employee who controls a
    /// party is a three-hop tie (judge → owns → firm ← employed_by — person → party).
    var staff: [Int: [Int]] = [:]
    /// The firms each relative of a judge owns, represents or works for.
    var relativesFirms: [Int: [Int]] = [:]
    lazy var judgesRelatives = Set(judges.flatMap { judgePlans[$0].relatives.map(\.person) })
    /// Each judge's `ties(ofJudge:)`, built once the firms and donations are written.
    var judgeTies: [Int: Set<Entity>] = [:]
    /// People within reach of a judge who has background cases, and the people behind those
    /// cases' parties and lawyers: background relatives never join the two.
    var nearJudges = Set<Int>()
    var nearCases = Set<Int>()

    static let start = Day.ymd(2015, 1, 1)
    static let end = Day.ymd(2024, 12, 31)

    init(config: WorldConfig, directory: URL) throws {
        precondition(config.firms > 0, "a world needs firms")
        self.config = config
        seed = SplitMix64.finalize(config.seed ^ 0x7472_616D_6121)
        rng = SplitMix64(seed: seed)
        truth = WorldTruth(seed: config.seed, firms: config.firms)

        let rings = config.rings, losers = config.topLosers, pairs = config.fixedDifferencePairs
        let political = config.politicalWinners, conflicts = config.judgeConflicts, decoys = config.judgeConflictDecoys
        let plantedPeopleBound = rings * 6 + losers * 3 + pairs * 2 + political * 4 + config.judges * 2 + conflicts * 3 + decoys * 3 + 8
        let plantedFirmBound = rings * 11 + losers * 3 + pairs * 2 + political * 3 + conflicts + decoys * 3 + 4

        judges = 0..<config.judges
        lawyers = judges.upperBound..<(judges.upperBound + config.lawyers)
        officials = lawyers.upperBound..<(lawyers.upperBound + config.agencies * config.officialsPerAgency)
        agentPeople = officials.upperBound..<(officials.upperBound + 2)
        plantedPeople = agentPeople.upperBound..<(agentPeople.upperBound + plantedPeopleBound)
        backgroundPeople = plantedPeople.upperBound..<max(plantedPeople.upperBound + 100, config.people)
        accountants = max(5, config.firms / 40)
        nextPlantedPerson = plantedPeople.lowerBound

        holdings = 1..<(1 + config.holdings)
        plantedFirms = holdings.upperBound..<(holdings.upperBound + plantedFirmBound)
        backgroundFirms = plantedFirms.upperBound..<max(plantedFirms.upperBound + 40, config.firms)
        bidders = backgroundFirms.lowerBound..<(backgroundFirms.lowerBound + backgroundFirms.count * 4 / 5)
        quietFirms = bidders.upperBound..<backgroundFirms.upperBound
        nextPlantedFirm = plantedFirms.lowerBound

        backgroundTenders = config.tenders
        tenderBound = backgroundTenders + rings * 14 + losers * 24 + pairs * 10 + political * 12
        backgroundCases = config.cases
        caseBound = backgroundCases + conflicts + decoys

        personPerm = ScramblePermutation(count: backgroundPeople.upperBound, rng: &rng)
        firmPerm = ScramblePermutation(count: backgroundFirms.upperBound, rng: &rng)
        tenderPerm = ScramblePermutation(count: tenderBound, rng: &rng)
        contractPerm = ScramblePermutation(count: tenderBound, rng: &rng)
        casePerm = ScramblePermutation(count: caseBound, rng: &rng)

        let bg = backgroundFirms.count
        func members(_ fraction: Double) -> Int { min(bg / 4, max(20, Int(Double(config.firms) * fraction))) }
        agentA = Membership(universe: bg, count: members(0.02), rng: &rng)
        agentB = Membership(universe: bg, count: members(0.01), rng: &rng)
        nomineeMembers = Membership(universe: bg, count: members(0.015), rng: &rng)
        massAddressA = Membership(universe: bg, count: members(0.012), rng: &rng)
        massAddressB = Membership(after: massAddressA, count: members(0.007))
        firmWins = Array(repeating: 0, count: backgroundFirms.upperBound)

        out = try Writers(directory: directory)
    }

    // MARK: IDs and names

    func personID(_ i: Int) -> String { Format.id("P", personPerm(i) + 1, width: 7) }
    func firmID(_ i: Int) -> String { Format.id("F", firmPerm(i) + 1, width: 7) }
    func agencyID(_ i: Int) -> String { Format.id("A", i + 1, width: 5) }
    func tenderID(_ i: Int) -> String { Format.id("T", tenderPerm(i) + 1, width: 7) }
    func contractID(_ i: Int) -> String { Format.id("K", contractPerm(i) + 1, width: 7) }
    func candidateID(_ i: Int) -> String { Format.id("C", i + 1, width: 6) }
    func caseID(_ i: Int) -> String { Format.id("J", casePerm(i) + 1, width: 7) }
    func courtID(_ i: Int) -> String { Format.id("CT", i + 1, width: 4) }

    func id(_ e: Entity) -> String {
        switch e {
        case .person(let p): personID(p)
        case .firm(let f): firmID(f)
        }
    }

    func name(_ e: Entity) -> String {
        switch e {
        case .person(let p): personName(p)
        case .firm(let f): firmName(f)
        }
    }

    func hash(_ salt: UInt64, _ i: Int) -> UInt64 { SplitMix64.hash(seed, salt, i) }

    /// A first name and one or two surnames; 3% of people share the name of someone nearby.
    func personName(_ i: Int) -> String {
        var h = hash(1, i)
        if h % 100 < 3, i > 0 { h = hash(1, max(0, i - 1 - Int((h >> 8) % 97))) }
        return Self.name(from: h)
    }

    static func name(from h: UInt64) -> String {
        let first = Words.firstNames[Int(h % UInt64(Words.firstNames.count))]
        let last = Words.lastNames[Int((h >> 16) % UInt64(Words.lastNames.count))]
        guard (h >> 32) % 3 != 0 else { return first + " " + last }
        return first + " " + last + " " + Words.lastNames[Int((h >> 40) % UInt64(Words.lastNames.count))]
    }

    /// Birth date by role (judges and lawyers are older); also used to keep people adults.
    func birth(_ i: Int) -> Day {
        let h = hash(3, i)
        let (from, to) =
            judges.contains(i) ? (Day.ymd(1950, 1, 1), Day.ymd(1972, 12, 31))
            : lawyers.contains(i) || officials.contains(i) ? (Day.ymd(1952, 1, 1), Day.ymd(1990, 12, 31))
            : plantedPeople.contains(i) || agentPeople.contains(i) ? (Day.ymd(1945, 1, 1), Day.ymd(1984, 12, 31))
            : (Day.ymd(1940, 1, 1), Day.ymd(2000, 12, 31))
        return Day(rawValue: from.rawValue + Int32(h % UInt64(to.rawValue - from.rawValue + 1)))
    }

    /// The day a person turns 21: nobody holds shares or a job before it.
    func adult(_ p: Int) -> Day { birth(p).adding(years: 21) }

    func firmName(_ f: Int) -> String {
        let h = hash(2, f)
        func word(_ list: [String], _ shift: UInt64) -> String { list[Int((h >> shift) % UInt64(list.count))] }
        if f == nominee { return "Fiduciaria Registro Nominees S.A." }
        if holdings.contains(f) || planned(f)?.holding == true {
            return word(Words.holdingWords, 0) + " " + word(Words.firmWords, 8) + " " + word(Words.lastNames, 20) + " " + word(Words.firmSuffixes, 32)
        }
        let surname = (h >> 44) % 3 == 0 ? " " + word(Words.lastNames, 20) : ""
        return word(Words.firmWords, 8) + surname + " " + word(Words.firmTrades, 0) + " " + word(Words.firmSuffixes, 32)
    }

    /// Unique per firm: street, number and city from a bijection of the index.
    func address(_ f: Int) -> String {
        let space = Words.streets.count * 9999 * Words.cityBases.count
        let x = Int((UInt64(f) &* 2_654_435_761 &+ seed % UInt64(space)) % UInt64(space))
        let street = Words.streets[x % Words.streets.count]
        let number = (x / Words.streets.count) % 9999 + 1
        let city = Words.cityBases[x / (Words.streets.count * 9999)]
        return "\(street) \(number), \(city)"
    }

    /// Unique per firm (a bijection of the index onto eight digits).
    func phone(_ f: Int) -> String {
        let x = (UInt64(f) &* 7_919 &+ seed % 100_000_000) % 100_000_000
        let digits = String(x)
        let padded = String(repeating: "0", count: 8 - digits.count) + digits
        return "+55 \(11 + Int(hash(4, f) % 89)) 9\(padded.prefix(4))-\(padded.suffix(4))"
    }

    func email(_ f: Int, name: String) -> String {
        let slug = name.split(separator: " ")[0].lowercased().filter { $0.isASCII && $0.isLetter }
        return "contato@\(slug.isEmpty ? "empresa" : slug)\(firmPerm(f) + 1).example.com"
    }

    // MARK: Reserved slots and random picks

    func takePlantedPerson() -> Int {
        precondition(nextPlantedPerson < plantedPeople.upperBound, "planted people exhausted")
        defer { nextPlantedPerson += 1 }
        return nextPlantedPerson
    }

    /// A new firm for a planted pattern, with `PlannedFirm` attributes to fill in.
    func takePlantedFirm(founded: Day, holding: Bool = false) -> Int {
        precondition(nextPlantedFirm < plantedFirms.upperBound, "planted firms exhausted")
        defer { nextPlantedFirm += 1 }
        plannedFirms.append(PlannedFirm(holding: holding, founded: founded))
        return nextPlantedFirm
    }

    func planned(_ f: Int) -> PlannedFirm? {
        let k = f - plantedFirms.lowerBound
        return k >= 0 && k < plannedFirms.count ? plannedFirms[k] : nil
    }

    func modifyPlanned(_ f: Int, _ change: (inout PlannedFirm) -> Void) { change(&plannedFirms[f - plantedFirms.lowerBound]) }

    func backgroundPerson() -> Int { rng.int(backgroundPeople) }
    func backgroundFirm() -> Int { rng.int(backgroundFirms) }
    /// A bidder, the busiest first: the heavy tail of who bids how often.
    func busyBidder() -> Int { bidders.lowerBound + rng.skewed(bidders.count, skew: 2.0) }
    func date(_ from: Day = start, _ to: Day = end) -> Day { rng.day(from, to) }

    // MARK: Run

    func run(progress: ((String) -> Void)?) throws -> [(file: String, rows: Int)] {
        progress?("agencies, candidates and economic groups")
        makeAgenciesAndCandidates()
        makeHoldingForest()
        progress?("planting patterns")
        planJudges()
        planRings()
        planTopLosers()
        planFixedDifferencePairs()
        planPoliticalWinners()
        planPoliticianConnections()
        planJudgeConflicts()
        planJudgeConflictDecoys()
        planOfficials()
        try writeAgenciesAndCandidates()
        progress?("people")
        try writePeople()
        progress?("firms, owners and employees")
        try writeFirms()
        try writeOfficials()
        progress?("tenders, bids and contracts")
        try writeTenders()
        progress?("donations")
        try writeDonations()
        progress?("courts and cases")
        try writeJudgesAndCases()
        progress?("relatives, declarations and sanctions")
        try writeRelatives()
        try writeDeclarations()
        try writeSanctions()
        try writeShareholderRecords()
        addSuperNodes()
        return try out.close()
    }
}
