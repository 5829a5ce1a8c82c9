import Foundation
import Testing
import TramaWorld

@Suite("The background is realistic and does not form planted patterns by accident")
struct BackgroundTests {
    let world = Worlds.standard

    /// Tender → [(firm, cents, won)].
    func tenderBids() -> [String: [(firm: String, cents: Int64, won: Bool)]] {
        let bids = world["bids.csv"]
        var out: [String: [(firm: String, cents: Int64, won: Bool)]] = [:]
        for r in bids.rows {
            out[bids.value(r, "ProcessID"), default: []].append((bids.value(r, "FirmID"), cents(bids.value(r, "BidValue"))!, bids.value(r, "AwardBid") == "1"))
        }
        return out
    }

    /// Unordered firm pair → tenders both bid in.
    func coBids(_ byTender: [String: [(firm: String, cents: Int64, won: Bool)]]) -> [[String]: [String]] {
        var out: [[String]: [String]] = [:]
        for (t, bids) in byTender {
            for i in bids.indices {
                for j in bids.indices where bids[i].firm < bids[j].firm { out[[bids[i].firm, bids[j].firm], default: []].append(t) }
            }
        }
        return out
    }

    @Test func registeredAgentsAndMassAddressesAreTheBestConnectedNodes() throws {
        let superNodes = world.truth.superNodes
        #expect(superNodes.filter { $0.kind != "address" }.count >= 2 && superNodes.filter { $0.kind == "address" }.count >= 1)
        let owners = world["shareholders.csv"]
        var held: [String: Set<String>] = [:]
        for r in owners.rows { held[owners.value(r, "ShareholderID"), default: []].insert(owners.value(r, "FirmID")) }
        let firmCount = world["firms.csv"].rows.count
        let holders = superNodes.filter { $0.kind != "address" }
        for s in holders {
            #expect(held[s.id]?.count == s.firms, "\(s.id) holds shares in \(s.firms) firms")
            #expect(s.firms >= 20 && s.firms * 100 >= firmCount, "≈ 1–2% of all firms, at least 20")
        }
        // Nobody else comes close.
        let others = held.filter { entry in !holders.contains { $0.id == entry.key } }.map(\.value.count).max() ?? 0
        #expect(holders.allSatisfy { $0.firms >= 2 * others }, "busiest ordinary shareholder holds \(others)")

        let firms = world["firms.csv"]
        var registered: [String: Int] = [:]
        for a in firms.values("FirmAddress") { registered[a, default: 0] += 1 }
        for s in superNodes where s.kind == "address" {
            #expect(registered[s.id] == s.firms && s.firms >= 20)
        }
        let ordinary = registered.filter { entry in !superNodes.contains { $0.id == entry.key } }.map(\.value).max() ?? 0
        #expect(superNodes.filter { $0.kind == "address" }.allSatisfy { $0.firms >= 2 * ordinary })
    }

    @Test func noBackgroundPairCoBidsRepeatedlyAndSharesTheWins() {
        let byTender = tenderBids()
        // Rings, and top losers with their winners, are planted groups that do this.
        let groups = world.truth.rings.map(\.firms) + world.truth.topLosers.map { [$0.firm] + $0.winners }
        let planted = Set(groups.flatMap { g in g.flatMap { a in g.filter { a < $0 }.map { [a, $0] } } })
        for (pair, tenders) in coBids(byTender) where tenders.count >= 6 && !planted.contains(pair) {
            let winners = tenders.map { t in byTender[t]!.first { $0.won }?.firm }
            let shared = winners.allSatisfy { $0 == pair[0] || $0 == pair[1] } && Set(winners) == Set(pair)
            #expect(!shared, "\(pair) co-bid \(tenders.count) times and took turns winning without being a planted ring")
        }
    }

    @Test func noBackgroundFirmIsATopLoser() {
        let byTender = tenderBids()
        var record: [String: (bids: Int, wins: Int, beatenBy: Set<String>)] = [:]
        for bids in byTender.values {
            let winner = bids.first { $0.won }?.firm
            for b in bids {
                var r = record[b.firm] ?? (0, 0, [])
                r.bids += 1
                if b.won { r.wins += 1 } else if let w = winner { r.beatenBy.insert(w) }
                record[b.firm] = r
            }
        }
        let planted = Set(world.truth.topLosers.map(\.firm))
        let found = Set(record.filter { $0.value.bids >= 12 && Double($0.value.wins) <= 0.05 * Double($0.value.bids) && $0.value.beatenBy.count <= 2 }.keys)
        #expect(found == planted)
    }

    @Test func noBackgroundPairBidsAFixedDifference() {
        let byTender = tenderBids()
        var found = Set<[String]>()
        for (pair, tenders) in coBids(byTender) where tenders.count >= 6 {
            let values = tenders.map { t in (byTender[t]!.first { $0.firm == pair[0] }!.cents, byTender[t]!.first { $0.firm == pair[1] }!.cents) }
            let absolute = Set(values.map { $0.1 - $0.0 }).count == 1
            let percent = Set(values.map { Double($0.1 - $0.0) / Double($0.0) }.map { ($0 * 1e6).rounded() }).count == 1
            if absolute || percent { found.insert(pair) }
        }
        #expect(found == Set(world.truth.fixedDifferencePairs.map { $0.firms.sorted() }))
    }

    /// Searches every case for a judge linked to a party or its lawyer on the filing date, by the
    /// four relations truth.json names, and finds exactly the planted conflicts.
    @Test func theOnlyJudgeConflictsAreThePlantedOnes() {
        let relatives = world["relatives.csv"]
        var family: [String: Set<String>] = [:]
        for r in relatives.rows {
            let (a, b) = (relatives.value(r, "PersonID"), relatives.value(r, "RelativeID"))
            family[a, default: []].insert(b)
            family[b, default: []].insert(a)
        }
        let owners = world["shareholders.csv"]
        var stakes: [String: [(holder: String, entry: String, exit: String)]] = [:]
        for r in owners.rows {
            stakes[owners.value(r, "FirmID"), default: []].append((owners.value(r, "ShareholderID"), owners.value(r, "ShareholderEntryDate"), owners.value(r, "ShareholderExitDate")))
        }
        let judges = world["judges.csv"]
        var appointer: [String: String] = [:]
        for r in judges.rows { appointer[judges.value(r, "JudgeID")] = judges.value(r, "AppointedBy") }
        let donations = world["donations.csv"]
        var donated: [String: [(candidate: String, year: String)]] = [:]
        for r in donations.rows { donated[donations.value(r, "CampaignDonorID"), default: []].append((donations.value(r, "CandidateID"), donations.value(r, "Year"))) }
        let cases = world["cases.csv"]
        var judgeOf: [String: (judge: String, filed: String)] = [:]
        for r in cases.rows { judgeOf[cases.value(r, "CaseID")] = (cases.value(r, "JudgeID"), cases.value(r, "FiledDate")) }

        var found = Set<[String]>()
        let parties = world["case_parties.csv"]
        for r in parties.rows {
            let (caseID, party, lawyer) = (parties.value(r, "CaseID"), parties.value(r, "PartyID"), parties.value(r, "LawyerID"))
            let (judge, filed) = judgeOf[caseID]!
            let kin = family[judge] ?? []
            let owning = (stakes[party] ?? []).filter { valid(from: $0.entry, to: $0.exit, on: filed) }.map(\.holder)
            if kin.contains(party) { found.insert([caseID, party, "party_is_relative"]) }
            if owning.contains(where: kin.contains) { found.insert([caseID, party, "relative_owns_party"]) }
            if !lawyer.isEmpty, kin.contains(lawyer) { found.insert([caseID, party, "lawyer_is_relative"]) }
            if owning.contains(judge) { found.insert([caseID, party, "declared_shares"]) }
            if let c = appointer[judge], (donated[party] ?? []).contains(where: { $0.candidate == c && $0.year <= String(filed.prefix(4)) }) {
                found.insert([caseID, party, "appointed_by_donee"])
            }
        }
        #expect(found == Set(world.truth.judgeConflicts.map { [$0.case, $0.party, $0.relation.rawValue] }))
    }

    /// Every donor (or owner of a firm) that gave to an elected candidate and whose firm later won
    /// from an agency in that jurisdiction is a planted political winner.
    @Test func theOnlyPoliticalWinnersAreThePlantedOnes() {
        let candidates = world["candidates.csv"]
        var elected: [String: (place: String, year: String)] = [:]
        for r in candidates.rows where candidates.value(r, "Elected") == "1" {
            elected[candidates.value(r, "CandidateID")] = (candidates.value(r, "ElectionJurisdiction"), candidates.value(r, "Year"))
        }
        let agencies = world["agencies.csv"]
        var place: [String: String] = [:]
        for r in agencies.rows { place[agencies.value(r, "AgencyID")] = agencies.value(r, "AgencyLocation") }
        let tenders = world["tenders.csv"]
        var buyer: [String: String] = [:]
        for r in tenders.rows { buyer[tenders.value(r, "ProcessID")] = tenders.value(r, "AgencyID") }
        let contracts = world["contracts.csv"]
        var wins: [String: [(place: String, date: String)]] = [:]
        for r in contracts.rows {
            wins[contracts.value(r, "FirmID"), default: []].append((place[buyer[contracts.value(r, "ProcessID")]!]!, contracts.value(r, "ContractDate")))
        }
        let owners = world["shareholders.csv"]
        var ownedBy: [String: [String]] = [:]
        for r in owners.rows { ownedBy[owners.value(r, "ShareholderID"), default: []].append(owners.value(r, "FirmID")) }

        var found = Set<[String]>()
        let donations = world["donations.csv"]
        for r in donations.rows {
            let (donor, candidate) = (donations.value(r, "CampaignDonorID"), donations.value(r, "CandidateID"))
            guard let c = elected[candidate] else { continue }
            for firm in [donor] + (ownedBy[donor] ?? []) {
                if (wins[firm] ?? []).contains(where: { $0.place == c.place && $0.date > "\(c.year)-12-31" }) { found.insert([firm, candidate]) }
            }
        }
        #expect(found == Set(world.truth.politicalWinners.map { [$0.firm, $0.candidate] }))
    }

    @Test func biddingIsHeavyTailed() {
        var perFirm: [String: Int] = [:]
        for f in world["bids.csv"].values("FirmID") { perFirm[f, default: 0] += 1 }
        let counts = perFirm.values.sorted()
        let median = counts[counts.count / 2]
        #expect(counts.last! >= 10 * median, "busiest bidder \(counts.last!) bids, median \(median)")
    }

    @Test func ownershipRunsThroughSeveralLevelsOfHoldingsAndGroupsShareAName() {
        let firms = Set(world["firms.csv"].values("FirmID"))
        let owners = world["shareholders.csv"]
        var firmOwners: [String: [String]] = [:]
        for r in owners.rows where firms.contains(owners.value(r, "ShareholderID")) {
            firmOwners[owners.value(r, "FirmID"), default: []].append(owners.value(r, "ShareholderID"))
        }
        var depth: [String: Int] = [:]
        func levels(_ f: String) -> Int {
            if let d = depth[f] { return d }
            let d = (firmOwners[f] ?? []).map { 1 + levels($0) }.max() ?? 0
            depth[f] = d
            return d
        }
        #expect(firms.map(levels).max()! >= 3, "some firm is owned through three or more holdings")

        let table = world["firms.csv"]
        var group: [String: String] = [:]
        for r in table.rows { group[table.value(r, "FirmID")] = table.value(r, "EconomicGroup") }
        let sharedWithParent = firmOwners.contains { firm, parents in
            let g = group[firm] ?? ""
            return !g.isEmpty && parents.contains { group[$0] == g }
        }
        #expect(sharedWithParent, "a subsidiary and its parent share an EconomicGroup")
    }

    @Test func peopleAndFirmsHaveRealisticNamesAndSomePeopleShareOne() {
        let names = world["people.csv"].values("PersonName")
        #expect(names.allSatisfy { $0.split(separator: " ").count >= 2 })
        let repeated = Dictionary(grouping: names, by: { $0 }).filter { $0.value.count > 1 }
        #expect(repeated.count >= 10, "homonyms: \(repeated.count) names are shared")
        let firmNames = world["firms.csv"].values("FirmName")
        #expect(firmNames.allSatisfy { !$0.isEmpty })
        #expect(firmNames.filter { $0.hasSuffix("S.A.") || $0.hasSuffix("Ltda.") }.count * 5 >= firmNames.count)
    }

    @Test func agenciesHaveJurisdictionsOfficialsAndCandidatesRunThere() {
        let agencies = world["agencies.csv"]
        let places = Set(agencies.values("AgencyLocation"))
        #expect(!places.contains(""))
        #expect(Set(world["candidates.csv"].values("ElectionJurisdiction")).isSubset(of: places))
        let employers = Set(world["employment.csv"].values("EmployerID"))
        #expect(agencies.values("AgencyID").allSatisfy(employers.contains), "every agency employs officials")
        let declarants = Set(world["asset_declarations.csv"].values("PersonID"))
        #expect(Set(world["judges.csv"].values("JudgeID")).isSubset(of: declarants), "judges declare assets")
        let officials = Set(world["employment.csv"].rows.filter { agencies.values("AgencyID").contains(world["employment.csv"].value($0, "EmployerID")) }
            .map { world["employment.csv"].value($0, "WorkerID") })
        #expect(!officials.intersection(declarants).isEmpty, "some officials declare assets")
    }
}
