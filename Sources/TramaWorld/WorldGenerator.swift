public import Foundation
import TramaGraph
import TramaIngest

/// The size of a synthetic world. Everything follows from the number of firms:
/// people 1.2×, tenders 0.6×, agencies N/250 (≥ 8), candidates N/400 (≥ 12), judges N/1000
/// (≥ 8), courts judges/4 (≥ 2), cases N/20 (≥ 40), relatives 0.3× people; 2–8 bids per
/// tender (heavy-tailed); planted rings N/2000 (≥ 3), top losers and fixed-difference pairs
/// N/3000 (≥ 3), political winners N/4000 (≥ 3), judge conflicts judges/8 (≥ 4).
public struct WorldConfig: Sendable, Hashable {
    public var firms: Int
    public var seed: UInt64

    public init(firms: Int, seed: UInt64) {
        self.firms = firms
        self.seed = seed
    }

    var people: Int { firms * 6 / 5 }
    var agencies: Int { max(8, firms / 250) }
    var tenders: Int { firms * 3 / 5 }
    var candidates: Int { max(12, firms / 400) }
    var judges: Int { max(8, firms / 1000) }
    var courts: Int { max(2, judges / 4) }
    var cases: Int { max(40, firms / 20) }
    var rings: Int { max(3, firms / 2000) }
    var topLosers: Int { max(3, firms / 3000) }
    var fixedPairs: Int { max(3, firms / 3000) }
    var politicalWinners: Int { max(3, firms / 4000) }
    var judgeConflicts: Int { max(4, judges / 8) }
}

public struct WorldSummary: Sendable {
    public var rowsPerFile: [(file: String, rows: Int)]
    public var truth: WorldTruth
}

/// Writes a deterministic synthetic world as the GRAS tables plus `truth.json`.
///
/// Background data is drawn at random with heavy tails (a few firms bid very often, a few
/// registered agents own hundreds of firms, a few addresses host hundreds). Planted patterns
/// use firms and people reserved for them, so background noise never strengthens or weakens a
/// planted pattern, and no background entity accidentally looks planted at the same strength.
public struct WorldGenerator: Sendable {
    public let config: WorldConfig

    public init(config: WorldConfig) { self.config = config }

    public func write(to directory: URL, progress: ((String) -> Void)? = nil) throws -> WorldSummary {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var b = try WorldBuilder(config: config, directory: directory)
        progress?("agencies, people and firms")
        try b.agenciesPeopleFirms()
        progress?("ownership and employment")
        try b.ownershipAndEmployment()
        progress?("politics")
        try b.politics()
        progress?("tenders and bids")
        try b.backgroundTenders()
        progress?("planted patterns")
        try b.plantRings()
        try b.plantTopLosers()
        try b.plantFixedDifferencePairs()
        try b.plantPoliticalWinners()
        progress?("courts and cases")
        try b.judiciary()
        try b.sanctions()
        let rows = try b.close()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(b.truth).write(to: directory.appendingPathComponent("truth.json"))
        return WorldSummary(rowsPerFile: rows, truth: b.truth)
    }
}

/// The generator's working state: the writers, the reserved index ranges, the counters.
struct WorldBuilder {
    let config: WorldConfig
    var rng: SplitMix64
    var truth: WorldTruth
    var writers: [GRASTable: CSVWriter] = [:]

    // People: judges, lawyers and planted people first, then the background.
    let judgeRange: Range<Int>
    let lawyerRange: Range<Int>
    let plantedPeople: Range<Int>
    let backgroundPeople: Range<Int>
    var nextPlantedPerson: Int
    // Firms: holdings, then firms reserved for planted patterns, then the background.
    let holdingRange: Range<Int>
    let plantedFirms: Range<Int>
    let backgroundFirms: Range<Int>
    var nextPlantedFirm: Int

    var nextTender = 1
    var nextContract = 1
    var nextCase = 1
    var agencyCity: [String] = []
    /// Candidates: id, jurisdiction, elected, year.
    var candidates: [(id: String, city: String, elected: Bool, year: Int)] = []

    static let start = Day.ymd(2015, 1, 1)
    static let end = Day.ymd(2024, 12, 31)

    init(config: WorldConfig, directory: URL) throws {
        self.config = config
        rng = SplitMix64(seed: config.seed ^ 0x7472_616D_6121)
        truth = WorldTruth(
            seed: config.seed, firms: config.firms, rings: [], topLosers: [], fixedDifferencePairs: [], judgeConflicts: [],
            judgeConflictDecoys: [], politicalWinners: [], superNodes: [])
        let lawyers = max(10, config.firms / 100)
        let planted = 64 + config.rings * 2 + config.judgeConflicts * 4 + config.politicalWinners + config.judges * 3
        judgeRange = 0..<config.judges
        lawyerRange = judgeRange.upperBound..<(judgeRange.upperBound + lawyers)
        plantedPeople = lawyerRange.upperBound..<(lawyerRange.upperBound + planted)
        backgroundPeople = plantedPeople.upperBound..<max(plantedPeople.upperBound + 50, config.people)
        nextPlantedPerson = plantedPeople.lowerBound
        let holdings = max(5, config.firms / 10)
        let plantedFirmCount = config.rings * 6 + config.topLosers * 3 + config.fixedPairs * 2 + config.politicalWinners + config.judgeConflicts * 5 + 16
        holdingRange = 0..<holdings
        plantedFirms = holdings..<(holdings + plantedFirmCount)
        backgroundFirms = plantedFirms.upperBound..<max(plantedFirms.upperBound + 20, config.firms)
        nextPlantedFirm = plantedFirms.lowerBound
        for t in GRASTable.allCases {
            writers[t] = try CSVWriter(url: directory.appendingPathComponent(t.fileName), header: t.columns.map(\.name))
        }
    }

    var personCount: Int { backgroundPeople.upperBound }
    var firmCount: Int { backgroundFirms.upperBound }

    func person(_ i: Int) -> String { Format.id("P", i + 1, width: 7) }
    func firm(_ i: Int) -> String { Format.id("F", i + 1, width: 7) }
    func agency(_ i: Int) -> String { Format.id("A", i + 1, width: 5) }
    func court(_ i: Int) -> String { Format.id("CT", i + 1, width: 4) }

    mutating func row(_ t: GRASTable, _ fields: [String]) throws { try writers[t]!.write(fields) }

    mutating func close() throws -> [(file: String, rows: Int)] {
        var out: [(String, Int)] = []
        for t in GRASTable.allCases {
            try writers[t]!.close()
            out.append((t.fileName, writers[t]!.rowCount))
        }
        return out
    }

    mutating func takePlantedPerson() -> Int {
        precondition(nextPlantedPerson < plantedPeople.upperBound, "planted people exhausted")
        defer { nextPlantedPerson += 1 }
        return nextPlantedPerson
    }

    mutating func takePlantedFirm() -> Int {
        precondition(nextPlantedFirm < plantedFirms.upperBound, "planted firms exhausted")
        defer { nextPlantedFirm += 1 }
        return nextPlantedFirm
    }

    mutating func backgroundPerson() -> Int { rng.int(backgroundPeople) }
    mutating func backgroundFirm(skewed: Bool = false) -> Int {
        skewed ? backgroundFirms.lowerBound + rng.skewed(backgroundFirms.count) : rng.int(backgroundFirms)
    }

    mutating func date(_ from: Day = start, _ to: Day = end) -> Day { rng.day(from, to) }

    // MARK: Entities

    mutating func agenciesPeopleFirms() throws {
        for i in 0..<config.agencies {
            let city = Words.cities[i % Words.cities.count]
            agencyCity.append(city)
            let level = i % 3 == 0 ? "national" : i % 3 == 1 ? "regional" : "municipal"
            try row(.agencies, [agency(i), "\(Words.agencyKinds[i % Words.agencyKinds.count]) of \(city)", city, level])
        }
        for i in 0..<personCount {
            let name = "\(rng.pick(Words.firstNames)) \(rng.pick(Words.lastNames))"
            let dob = rng.day(Day.ymd(1940, 1, 1), Day.ymd(1998, 12, 31))
            try row(.people, [person(i), name, rng.chance(0.9) ? dob.iso : ""])
        }
        // Mass-registration addresses: each hosts ~1% of background firms.
        let massAddresses = ["Av. Corporativa 1000, sala 1", "Calle Registro 42, piso 3"]
        var massCount = [0, 0]
        let accountants = max(5, firmCount / 60)
        for i in 0..<firmCount {
            let isHolding = holdingRange.contains(i)
            let name = "\(rng.pick(Words.firmWords)) \(isHolding ? "Holding" : rng.pick(Words.firmTrades)) \(rng.pick(Words.firmSuffixes))"
            var address = "\(rng.pick(Words.streets)) \(rng.int(1...3000)), \(rng.pick(Words.cities))"
            if backgroundFirms.contains(i), rng.chance(0.02) {
                let m = rng.int(0..<2)
                address = massAddresses[m]
                massCount[m] += 1
            }
            let phone = "+55 \(rng.int(11...99)) \(rng.int(2000...9999))-\(rng.int(1000...9999))"
            let email = "contato@\(name.split(separator: " ")[0].lowercased())\(i + 1).example"
            let rep = rng.chance(0.8) ? person(backgroundPerson()) : ""
            let acct = rng.chance(0.5) ? person(backgroundPeople.lowerBound + rng.skewed(accountants)) : ""
            let founded = rng.day(Day.ymd(1980, 1, 1), Day.ymd(2014, 12, 31))
            let turnover = rng.chance(0.7) ? Format.money(rng.logNormal(mu: 13.5, sigma: 1.3)) : ""
            try row(.firms, [
                firm(i), name, isHolding ? "holding" : "company", "BR", address, phone, email, Words.products[i % Words.products.count],
                founded.iso, rep, acct, "", turnover, "",
            ])
        }
        for (m, a) in massAddresses.enumerated() {
            truth.superNodes.append(.init(kind: "address", id: Normalize.words(a), firms: massCount[m]))
        }
    }

    mutating func ownershipAndEmployment() throws {
        // Holdings are owned by earlier holdings or by people: chains up to four levels, no cycles.
        for h in holdingRange {
            if h > 3, rng.chance(0.5) {
                try owns(holder: firm(rng.int(0..<h)), firm: firm(h), share: 100, from: Day.ymd(2005, 1, 1), to: nil)
            } else {
                try owns(holder: person(backgroundPerson()), firm: firm(h), share: 100, from: Day.ymd(2003, 1, 1), to: nil)
            }
        }
        // Registered agents: one person and one nominee firm hold shares in ~1.5% of firms each.
        let agentPerson = backgroundPeople.lowerBound
        let nominee = holdingRange.lowerBound
        var agentFirms = [0, 0]
        for f in backgroundFirms {
            let n = rng.int(1...3)
            for k in 0..<n {
                let from = date(Day.ymd(2005, 1, 1), Day.ymd(2020, 12, 31))
                let to: Day? = rng.chance(0.15) ? from.adding(days: rng.int(200...2500)) : nil
                let holder: String
                if k == 0, rng.chance(0.015) {
                    holder = person(agentPerson)
                    agentFirms[0] += 1
                } else if k == 0, rng.chance(0.015) {
                    holder = firm(nominee)
                    agentFirms[1] += 1
                } else if rng.chance(0.25) {
                    holder = firm(rng.int(holdingRange))
                } else {
                    holder = person(backgroundPerson())
                }
                try owns(holder: holder, firm: firm(f), share: Double(rng.int(5...100)), from: from, to: to)
            }
        }
        truth.superNodes.append(.init(kind: "person", id: person(agentPerson), firms: agentFirms[0]))
        truth.superNodes.append(.init(kind: "firm", id: firm(nominee), firms: agentFirms[1]))
        // Employment: 1.5 jobs per firm; officials work for agencies.
        for _ in 0..<(firmCount * 3 / 2) {
            let from = date(Day.ymd(2008, 1, 1), Day.ymd(2023, 12, 31))
            let to: Day? = rng.chance(0.4) ? from.adding(days: rng.int(90...3000)) : nil
            try row(.employment, [
                firm(backgroundFirm()), person(backgroundPerson()), rng.pick(Words.positions), Format.money(rng.logNormal(mu: 8.3, sigma: 0.5)),
                from.iso, to?.iso ?? "",
            ])
        }
        for a in 0..<config.agencies {
            for _ in 0..<5 {
                try row(.employment, [agency(a), person(backgroundPerson()), "procurement officer", "", date(Day.ymd(2010, 1, 1)).iso, ""])
            }
        }
        // Family ties among background people.
        for _ in 0..<(personCount * 3 / 10) {
            let a = backgroundPerson()
            var b = backgroundPerson()
            if b == a { b = backgroundPeople.lowerBound + (a + 1 - backgroundPeople.lowerBound) % backgroundPeople.count }
            try row(.relatives, [person(a), person(b), rng.pick(Words.relations)])
        }
    }

    mutating func owns(holder: String, firm f: String, share: Double, from: Day, to: Day?) throws {
        try row(.shareholders, [f, holder, "", from.iso, to?.iso ?? "", "BR", Format.money(share)])
    }

    mutating func politics() throws {
        for i in 0..<config.candidates {
            let id = Format.id("C", i + 1, width: 6)
            let city = agencyCity[i % agencyCity.count]
            let year = [2014, 2016, 2018, 2020, 2022][i % 5]
            let elected = i % 5 == 0 || rng.chance(0.4)
            candidates.append((id, city, elected, year))
            try row(.candidates, [
                id, "\(rng.pick(Words.firstNames)) \(rng.pick(Words.lastNames))", rng.pick(Words.parties), rng.pick(Words.offices), elected ? "1" : "0",
                city, String(year),
            ])
        }
        for _ in 0..<max(20, firmCount / 50) {
            let c = rng.pick(candidates)
            let donor = rng.chance(0.5) ? firm(backgroundFirm()) : person(backgroundPerson())
            try row(.donations, [donor, c.id, Format.money(rng.logNormal(mu: 8, sigma: 1)), String(c.year)])
        }
    }

    // MARK: Tenders

    /// Writes a tender and its bids; the lowest bid wins and gets a contract. Returns the
    /// tender ID, the contract ID and the winning value.
    @discardableResult
    mutating func tender(
        agency a: Int, published: Day, bids: [(String, Double)], winner: String? = nil
    ) throws -> (tender: String, contract: String, value: Double) {
        let id = Format.id("T", nextTender, width: 7)
        nextTender += 1
        let deadline = published.adding(days: 30)
        let estimate = bids.map(\.1).max()! * 1.05
        try row(.tenders, [
            id, agency(a), rng.pick(Words.methods), published.iso, deadline.iso, Format.money(estimate), rng.pick(Words.products), agencyCity[a],
        ])
        let won = winner ?? bids.min { $0.1 < $1.1 }!.0
        var value = 0.0
        for (n, bid) in bids.enumerated() {
            let isWinner = bid.0 == won
            if isWinner { value = bid.1 }
            try row(.bids, [id, bid.0, String(n + 1), Format.money(bid.1), published.adding(days: rng.int(5...29)).iso, isWinner ? "1" : "0"])
        }
        let contract = Format.id("K", nextContract, width: 7)
        nextContract += 1
        try row(.contracts, [contract, id, won, Format.money(value), deadline.adding(days: rng.int(10...40)).iso, "", "", ""])
        return (id, contract, value)
    }

    mutating func backgroundTenders() throws {
        for _ in 0..<config.tenders {
            let a = rng.skewed(config.agencies, skew: 1.6)
            let estimate = (rng.logNormal(mu: 12, sigma: 1.2) / 100).rounded() * 100
            let n = min(8, 2 + Int(-log(max(rng.unit(), 1e-9)) * 1.5))
            var chosen: [String] = []
            while chosen.count < n {
                let f = firm(backgroundFirm(skewed: true))
                if !chosen.contains(f) { chosen.append(f) }
            }
            let bids = chosen.map { ($0, (estimate * (0.85 + 0.3 * rng.unit())).rounded()) }
            try tender(agency: a, published: date(), bids: bids)
        }
    }

    // MARK: Planted patterns

    mutating func plantRings() throws {
        for r in 0..<config.rings {
            let k = 3 + r % 3
            let firms = (0..<k).map { _ in firm(takePlantedFirm()) }
            let link: WorldTruth.Ring.Link = [.owner, .ownershipChain, .employee][r % 3]
            let shared = person(takePlantedPerson())
            var chain: [String]
            switch link {
            case .owner:
                for f in firms { try owns(holder: shared, firm: f, share: Double(rng.int(20...60)), from: Day.ymd(2012, 3, 1), to: nil) }
                chain = [firms[0], shared]
            case .ownershipChain:
                let holding = firm(takePlantedFirm())
                try owns(holder: shared, firm: holding, share: 100, from: Day.ymd(2010, 1, 1), to: nil)
                for f in firms { try owns(holder: holding, firm: f, share: Double(rng.int(30...70)), from: Day.ymd(2012, 3, 1), to: nil) }
                chain = [firms[0], holding, shared]
            case .employee:
                for f in firms { try row(.employment, [f, shared, "technical director", "", "2013-01-01", ""]) }
                chain = [firms[0], shared]
            }
            let agencies = (0..<(1 + r % 3)).map { _ in rng.int(0..<config.agencies) }
            var tenders: [String] = []
            var winners: [String] = []
            var valueWon = 0.0
            for t in 0..<rng.int(8...14) {
                let estimate = (rng.logNormal(mu: 12.5, sigma: 0.6) / 100).rounded() * 100
                // Winners rotate; the others file cover bids 3–10% above.
                let winner = firms[t % k]
                let bids = firms.map { f in (f, f == winner ? estimate * 0.97 : (estimate * (1.0 + 0.03 + 0.07 * rng.unit())).rounded()) }
                let result = try tender(agency: agencies[t % agencies.count], published: date(Day.ymd(2016, 1, 1)), bids: bids)
                tenders.append(result.tender)
                if !winners.contains(winner) { winners.append(winner) }
                valueWon += result.value
            }
            truth.rings.append(.init(
                id: "R\(r + 1)", firms: firms, winners: winners, link: link, shared: shared, chain: chain, tenders: tenders,
                agencies: agencies.map(agency), valueWon: valueWon))
        }
    }

    mutating func plantTopLosers() throws {
        for _ in 0..<config.topLosers {
            let loser = firm(takePlantedFirm())
            let winners = (0..<rng.int(1...2)).map { _ in firm(takePlantedFirm()) }
            let a = rng.int(0..<config.agencies)
            let n = rng.int(12...20)
            for t in 0..<n {
                let estimate = (rng.logNormal(mu: 12, sigma: 0.5) / 100).rounded() * 100
                let w = winners[t % winners.count]
                try tender(agency: a, published: date(), bids: [(w, estimate * 0.95), (loser, (estimate * 1.08).rounded())])
            }
            truth.topLosers.append(.init(firm: loser, winners: winners, bids: n, wins: 0))
        }
    }

    mutating func plantFixedDifferencePairs() throws {
        for p in 0..<config.fixedPairs {
            let a = firm(takePlantedFirm())
            let b = firm(takePlantedFirm())
            let percent = p % 2 == 1
            let difference = percent ? Double(rng.int(2...6)) : Double(rng.int(5...50) * 500)
            var tenders: [String] = []
            for _ in 0..<rng.int(6...10) {
                let low = (rng.logNormal(mu: 12, sigma: 0.5) / 100).rounded() * 100
                let high = percent ? low * (1 + difference / 100) : low + difference
                // A background firm sometimes underbids both.
                var bids = [(a, low), (b, high)]
                if rng.chance(0.5) { bids.append((firm(backgroundFirm()), (low * (0.9 + 0.2 * rng.unit())).rounded())) }
                tenders.append(try tender(agency: rng.int(0..<config.agencies), published: date(), bids: bids).tender)
            }
            truth.fixedDifferencePairs.append(.init(firms: [a, b], kind: percent ? .percent : .absolute, difference: difference, tenders: tenders))
        }
    }

    mutating func plantPoliticalWinners() throws {
        let elected = candidates.filter(\.elected)
        for p in 0..<config.politicalWinners {
            let c = elected[p % elected.count]
            let f = takePlantedFirm()
            let viaOwner = p % 2 == 0
            var donor = firm(f)
            if viaOwner {
                let owner = takePlantedPerson()
                try owns(holder: person(owner), firm: firm(f), share: 80, from: Day.ymd(2010, 1, 1), to: nil)
                donor = person(owner)
            }
            try row(.donations, [donor, c.id, Format.money(Double(rng.int(20...200)) * 1000), String(c.year)])
            let a = agencyCity.firstIndex(of: c.city)!
            var contracts: [String] = []
            var value = 0.0
            for _ in 0..<rng.int(3...6) {
                let estimate = (rng.logNormal(mu: 13, sigma: 0.5) / 100).rounded() * 100
                let rival = firm(backgroundFirm())
                let r = try tender(
                    agency: a, published: date(Day.ymd(c.year + 1, 1, 1), Day.ymd(min(c.year + 3, 2024), 12, 31)),
                    bids: [(firm(f), estimate * 0.99), (rival, (estimate * 1.04).rounded())])
                contracts.append(r.contract)
                value += r.value
            }
            truth.politicalWinners.append(.init(firm: firm(f), donor: donor, candidate: c.id, agency: agency(a), contracts: contracts, value: value))
        }
    }

    // MARK: Justice

    mutating func judiciary() throws {
        let elected = candidates.filter(\.elected)
        var judgeCourt: [Int] = []
        var appointer: [String] = []
        var appointed: [Day] = []
        for (n, j) in judgeRange.enumerated() {
            let ct = n % config.courts
            judgeCourt.append(ct)
            let by = rng.chance(0.6) ? elected[n % elected.count].id : person(backgroundPerson())
            let date = rng.day(Day.ymd(2005, 1, 1), Day.ymd(2014, 12, 31))
            appointer.append(by)
            appointed.append(date)
            try row(.judges, [person(j), "", court(ct), by, date.iso])
            // Judges' family: fresh people with no other role, so that no background link becomes
            // a conflict nobody planted.
            try row(.relatives, [person(j), person(takePlantedPerson()), rng.pick(Words.relations)])
        }
        func caseRow(_ b: inout WorldBuilder, judge n: Int, filed: Day) throws -> String {
            let id = Format.id("J", b.nextCase, width: 7)
            b.nextCase += 1
            let decided: Day? = b.rng.chance(0.8) ? filed.adding(days: b.rng.int(60...900)) : nil
            let outcome = decided == nil ? "" : b.rng.pick(["plaintiff", "defendant", "settled", "dismissed"])
            try b.row(.cases, [id, b.court(judgeCourt[n]), b.person(b.judgeRange.lowerBound + n), filed.iso, decided?.iso ?? "", outcome])
            return id
        }
        for _ in 0..<config.cases {
            let n = rng.int(0..<judgeRange.count)
            let id = try caseRow(&self, judge: n, filed: date(Day.ymd(2016, 1, 1)))
            for p in 0..<rng.int(2...3) {
                let party = rng.chance(0.6) ? firm(backgroundFirm()) : rng.chance(0.8) ? person(backgroundPerson()) : agency(rng.int(0..<config.agencies))
                let lawyer = rng.chance(0.7) ? person(lawyerRange.lowerBound + rng.skewed(lawyerRange.count, skew: 1.8)) : ""
                try row(.caseParties, [id, party, p == 0 ? "plaintiff" : "defendant", lawyer])
            }
        }
        // Background declarations: each judge declares a post every other year.
        for (n, j) in judgeRange.enumerated() where n % 2 == 0 {
            try row(.assetDeclarations, [person(j), "2020", "", "", agency(n % config.agencies), "judge (former adviser)"])
        }
        // Planted conflicts, cycling through the four kinds of link.
        for c in 0..<config.judgeConflicts {
            let n = c % judgeRange.count
            let judge = person(judgeRange.lowerBound + n)
            let filed = date(Day.ymd(2019, 1, 1), Day.ymd(2023, 12, 31))
            let caseID = try caseRow(&self, judge: n, filed: filed)
            let kind: WorldTruth.JudgeConflict.Relation = [.relativeOwnsParty, .lawyerIsRelative, .declaredShares, .appointedByDonee][c % 4]
            let party = firm(takePlantedFirm())
            var chain: [String]
            switch kind {
            case .relativeOwnsParty:
                let relative = person(takePlantedPerson())
                try row(.relatives, [judge, relative, "daughter"])
                try owns(holder: relative, firm: party, share: 50, from: Day.ymd(2015, 6, 1), to: nil)
                try row(.caseParties, [caseID, party, "defendant", ""])
                chain = [judge, relative, party]
            case .lawyerIsRelative:
                let relative = person(takePlantedPerson())
                try row(.relatives, [judge, relative, "spouse"])
                try row(.caseParties, [caseID, party, "plaintiff", relative])
                chain = [judge, relative]
            case .declaredShares:
                try row(.assetDeclarations, [judge, String(filed.year), party, "", "", ""])
                try row(.caseParties, [caseID, party, "defendant", ""])
                chain = [judge, party]
            case .appointedByDonee:
                let by = appointer[n]
                let donor = by.hasPrefix("C") ? by : elected[0].id
                if !by.hasPrefix("C") {
                    // Re-appointment by an elected candidate, so the chain exists.
                    try row(.judges, [judge, "", court(judgeCourt[n]), donor, Day.ymd(2016, 2, 1).iso])
                }
                try row(.donations, [party, donor, Format.money(Double(rng.int(10...90)) * 1000), "2016"])
                try row(.caseParties, [caseID, party, "plaintiff", ""])
                chain = [judge, donor, party]
            }
            try row(.caseParties, [caseID, person(backgroundPerson()), kind == .lawyerIsRelative ? "defendant" : "plaintiff", ""])
            truth.judgeConflicts.append(.init(judge: judge, case: caseID, party: party, relation: kind, chain: chain, filed: filed.iso))
        }
        // Decoys: an ownership that ended before the case; a chain four hops long.
        for d in 0..<max(2, config.judgeConflicts / 2) {
            let n = (d * 3 + 1) % judgeRange.count
            let judge = person(judgeRange.lowerBound + n)
            let filed = date(Day.ymd(2020, 1, 1), Day.ymd(2023, 12, 31))
            let caseID = try caseRow(&self, judge: n, filed: filed)
            let party = firm(takePlantedFirm())
            let relative = person(takePlantedPerson())
            try row(.relatives, [judge, relative, "brother"])
            if d % 2 == 0 {
                try owns(holder: relative, firm: party, share: 40, from: Day.ymd(2012, 1, 1), to: Day.ymd(2017, 12, 31))
                try row(.caseParties, [caseID, party, "defendant", ""])
                truth.judgeConflictDecoys.append(.init(
                    judge: judge, case: caseID, party: party, reason: "the relative's shareholding ended 2017-12-31, before the case was filed",
                    chain: [judge, relative, party]))
            } else {
                let h1 = firm(takePlantedFirm())
                let h2 = firm(takePlantedFirm())
                try owns(holder: relative, firm: h1, share: 100, from: Day.ymd(2012, 1, 1), to: nil)
                try owns(holder: h1, firm: h2, share: 100, from: Day.ymd(2012, 1, 1), to: nil)
                try owns(holder: h2, firm: party, share: 100, from: Day.ymd(2012, 1, 1), to: nil)
                try row(.caseParties, [caseID, party, "defendant", ""])
                truth.judgeConflictDecoys.append(.init(
                    judge: judge, case: caseID, party: party, reason: "the link is four hops long (relative, two holdings)",
                    chain: [judge, relative, h1, h2, party]))
            }
        }
    }

    mutating func sanctions() throws {
        for _ in 0..<max(5, firmCount / 200) {
            let start = date(Day.ymd(2012, 1, 1), Day.ymd(2023, 12, 31))
            let sanctioned = rng.chance(0.85) ? firm(backgroundFirm()) : person(backgroundPerson())
            try row(.sanctions, [sanctioned, "", start.iso, start.adding(days: rng.int(180...1800)).iso, rng.pick(Words.sanctioningBodies)])
        }
    }
}
