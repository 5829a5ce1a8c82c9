import Foundation
import Testing
import TramaWorld

@Suite("Planted patterns are in the data as truth.json lists them")
struct PlantedPatternTests {
    let world = Worlds.standard

    /// Bids per tender: firm → (value in cents, won).
    func bidsByTender() -> [String: [String: (cents: Int64, won: Bool)]] {
        let bids = world["bids.csv"]
        var out: [String: [String: (cents: Int64, won: Bool)]] = [:]
        for r in bids.rows {
            out[bids.value(r, "ProcessID"), default: [:]][bids.value(r, "FirmID")] = (cents(bids.value(r, "BidValue"))!, bids.value(r, "AwardBid") == "1")
        }
        return out
    }

    /// Whether shareholders.csv has `holder` owning `firm` over the whole of [from, to].
    func owns(_ holder: String, _ firm: String, from: String, to: String) -> Bool {
        let t = world["shareholders.csv"]
        return t.rows(matching: [("FirmID", firm), ("ShareholderID", holder)]).contains { r in
            let entry = t.value(r, "ShareholderEntryDate")
            let exit = t.value(r, "ShareholderExitDate")
            return entry <= from && (exit.isEmpty || exit >= to)
        }
    }

    @Test func ringFirmsCoBidRotateWinsAndShareTheListedLinkWhileTheyBid() throws {
        let rings = world.truth.rings
        #expect(rings.count >= 3)
        #expect(Set(rings.map(\.link)) == [.owner, .ownershipChain, .employee])
        let byTender = bidsByTender()
        let tenders = world["tenders.csv"]
        let contracts = world["contracts.csv"]
        let bids = world["bids.csv"]
        for ring in rings {
            #expect((3...5).contains(ring.firms.count))
            #expect(ring.tenders.count >= 8)
            #expect((1...3).contains(ring.agencies.count))
            var winners = Set<String>()
            var won: Int64 = 0
            for t in ring.tenders {
                let bidders = try #require(byTender[t])
                #expect(Set(ring.firms).isSubset(of: Set(bidders.keys)), "every ring firm bids in \(t)")
                let winner = try #require(bidders.first { $0.value.won }?.key)
                #expect(ring.firms.contains(winner), "a ring firm wins \(t)")
                winners.insert(winner)
                let tender = try #require(tenders.rows(where: "ProcessID", is: t).first)
                #expect(ring.agencies.contains(tenders.value(tender, "AgencyID")))
                let contract = try #require(contracts.rows(where: "ProcessID", is: t).first)
                won += try #require(cents(contracts.value(contract, "ContractValue")))
                for b in bids.rows(where: "ProcessID", is: t) { #expect(valid(from: ring.firstBid, to: ring.lastBid, on: bids.value(b, "BidDate"))) }
            }
            #expect(winners == Set(ring.winners) && winners.count >= 2, "wins rotate among the ring firms")
            #expect(Int64((ring.valueWon * 100).rounded()) == won)
            // The hidden link holds over the whole bidding window.
            #expect(ring.chains.count == ring.firms.count && ring.chain == ring.chains[0])
            for (firm, chain) in zip(ring.firms, ring.chains) {
                #expect(chain.first == firm && chain.last == ring.shared)
                switch ring.link {
                case .owner:
                    #expect(chain.count == 2 && owns(ring.shared, firm, from: ring.firstBid, to: ring.lastBid))
                case .ownershipChain:
                    let holding = try #require(ring.sharedHolding)
                    #expect(chain.count >= 3 && chain.contains(holding))
                    for i in 0..<(chain.count - 1) {
                        #expect(owns(chain[i + 1], chain[i], from: ring.firstBid, to: ring.lastBid), "\(chain[i + 1]) owns \(chain[i])")
                    }
                case .employee:
                    let jobs = world["employment.csv"]
                    let held = jobs.rows(matching: [("EmployerID", firm), ("WorkerID", ring.shared)]).contains {
                        valid(from: jobs.value($0, "AdmissionDate"), to: jobs.value($0, "TerminationDate"), on: ring.firstBid)
                            && valid(from: jobs.value($0, "AdmissionDate"), to: jobs.value($0, "TerminationDate"), on: ring.lastBid)
                    }
                    #expect(held, "\(ring.shared) works for \(firm) while the ring bids")
                }
            }
        }
        #expect(rings.contains { $0.chains.contains { $0.count == 4 } }, "some chains run through two holdings")
    }

    @Test func topLosersLoseAlmostEveryBidToTheSameOneOrTwoWinners() throws {
        let losers = world.truth.topLosers
        #expect(losers.count >= 3)
        let bids = world["bids.csv"]
        let byTender = bidsByTender()
        for tl in losers {
            let own = bids.rows(where: "FirmID", is: tl.firm)
            #expect(own.count == tl.bids && tl.bids >= 12)
            #expect(Set(own.map { bids.value($0, "ProcessID") }) == Set(tl.tenders))
            let wins = own.filter { bids.value($0, "AwardBid") == "1" }.count
            #expect(wins == tl.wins && Double(wins) / Double(tl.bids) <= 0.05)
            var beatenBy = Set<String>()
            for t in tl.tenders {
                let winner = try #require(byTender[t]?.first { $0.value.won }?.key)
                if winner != tl.firm { beatenBy.insert(winner) }
            }
            #expect(beatenBy == Set(tl.winners) && (1...2).contains(beatenBy.count))
        }
    }

    @Test func fixedDifferencePairsBidTheRecordedDifferenceInEveryListedTender() throws {
        let pairs = world.truth.fixedDifferencePairs
        #expect(Set(pairs.map(\.kind)) == [.absolute, .percent])
        let byTender = bidsByTender()
        for pair in pairs {
            #expect(pair.tenders.count >= 6 && pair.firms.count == 2)
            for t in pair.tenders {
                let a = try #require(byTender[t]?[pair.firms[0]]?.cents)
                let b = try #require(byTender[t]?[pair.firms[1]]?.cents)
                switch pair.kind {
                case .absolute: #expect(b - a == Int64(pair.difference * 100), "\(t): \(b - a) cents")
                case .percent: #expect((b - a) * 100 == a * Int64(pair.difference), "\(t): \(a) → \(b)")
                }
            }
        }
    }

    @Test func judgeConflictsHoldOnTheFilingDate() throws {
        let conflicts = world.truth.judgeConflicts
        #expect(conflicts.count >= 3)
        #expect(Set(conflicts.map(\.relation)) == [.relativeOwnsParty, .lawyerIsRelative, .declaredShares, .appointedByDonee])
        let cases = world["cases.csv"]
        let parties = world["case_parties.csv"]
        let relatives = world["relatives.csv"]
        for c in conflicts {
            let row = try #require(cases.rows(where: "CaseID", is: c.case).first)
            #expect(cases.value(row, "JudgeID") == c.judge && cases.value(row, "FiledDate") == c.filed)
            #expect(!parties.rows(matching: [("CaseID", c.case), ("PartyID", c.party)]).isEmpty)
            #expect(c.chain.first == c.judge)
            let year = String(c.filed.prefix(4))
            switch c.relation {
            case .relativeOwnsParty:
                #expect(!relatives.rows(matching: [("PersonID", c.judge), ("RelativeID", c.chain[1])]).isEmpty)
                #expect(c.chain.last == c.party && owns(c.chain[1], c.party, from: c.filed, to: c.filed))
            case .lawyerIsRelative:
                #expect(!relatives.rows(matching: [("PersonID", c.judge), ("RelativeID", c.chain[1])]).isEmpty)
                #expect(c.lawyer == c.chain[1])
                #expect(!parties.rows(matching: [("CaseID", c.case), ("PartyID", c.party), ("LawyerID", c.chain[1])]).isEmpty)
            case .declaredShares:
                let declarations = world["asset_declarations.csv"]
                #expect(!declarations.rows(matching: [("PersonID", c.judge), ("Year", year), ("ShareholderCompanyID", c.party)]).isEmpty)
                #expect(owns(c.judge, c.party, from: c.filed, to: c.filed))
            case .appointedByDonee:
                let judges = world["judges.csv"]
                let appointment = try #require(judges.rows(where: "JudgeID", is: c.judge).first)
                #expect(judges.value(appointment, "AppointedBy") == c.chain[1] && judges.value(appointment, "AppointmentDate") <= c.filed)
                let donations = world["donations.csv"].rows(matching: [("CampaignDonorID", c.party), ("CandidateID", c.chain[1])])
                #expect(donations.contains { world["donations.csv"].value($0, "Year") <= year })
            }
        }
    }

    @Test func decoysAreExpiredNotYetValidOrTooLong() throws {
        let decoys = world.truth.judgeConflictDecoys
        #expect(Set(decoys.map(\.kind)) == [.endedBeforeFiling, .startedAfterFiling, .chainTooLong])
        let owners = world["shareholders.csv"]
        let relatives = world["relatives.csv"]
        for d in decoys {
            let row = try #require(world["cases.csv"].rows(where: "CaseID", is: d.case).first)
            #expect(world["cases.csv"].value(row, "JudgeID") == d.judge && world["cases.csv"].value(row, "FiledDate") == d.filed)
            #expect(!world["case_parties.csv"].rows(matching: [("CaseID", d.case), ("PartyID", d.party)]).isEmpty)
            #expect(!relatives.rows(matching: [("PersonID", d.judge), ("RelativeID", d.chain[1])]).isEmpty)
            let stakes = owners.rows(matching: [("FirmID", d.party), ("ShareholderID", d.chain[1])])
            switch d.kind {
            case .endedBeforeFiling:
                #expect(!stakes.isEmpty && stakes.allSatisfy { let e = owners.value($0, "ShareholderExitDate"); return !e.isEmpty && e < d.filed })
            case .startedAfterFiling:
                #expect(!stakes.isEmpty && stakes.allSatisfy { owners.value($0, "ShareholderEntryDate") > d.filed })
            case .chainTooLong:
                #expect(d.chain.count - 1 > 3, "more than three hops")
                #expect(stakes.isEmpty)
                for i in 1..<(d.chain.count - 1) { #expect(owns(d.chain[i], d.chain[i + 1], from: d.filed, to: d.filed)) }
            }
        }
    }

    @Test func politicalWinnersDonatedToAnElectedCandidateThenWonFromAnAgencyInItsJurisdiction() throws {
        let winners = world.truth.politicalWinners
        #expect(winners.count >= 3)
        #expect(winners.contains { $0.donor == $0.firm } && winners.contains { $0.donor != $0.firm })
        let candidates = world["candidates.csv"]
        let agencies = world["agencies.csv"]
        let contracts = world["contracts.csv"]
        let tenders = world["tenders.csv"]
        for p in winners {
            let candidate = try #require(candidates.rows(where: "CandidateID", is: p.candidate).first)
            #expect(candidates.value(candidate, "Elected") == "1" && candidates.value(candidate, "Year") == String(p.electionYear))
            let agency = try #require(agencies.rows(where: "AgencyID", is: p.agency).first)
            #expect(agencies.value(agency, "AgencyLocation") == candidates.value(candidate, "ElectionJurisdiction"))
            #expect(!world["donations.csv"].rows(matching: [("CampaignDonorID", p.donor), ("CandidateID", p.candidate), ("Year", String(p.donationYear))]).isEmpty)
            if p.donor != p.firm { #expect(owns(p.donor, p.firm, from: "\(p.donationYear)-01-01", to: "\(p.donationYear)-12-31")) }
            var value: Int64 = 0
            for k in p.contracts {
                let c = try #require(contracts.rows(where: "ContractID", is: k).first)
                #expect(contracts.value(c, "FirmID") == p.firm)
                #expect(contracts.value(c, "ContractDate") > "\(p.electionYear)-12-31")
                let tender = try #require(tenders.rows(where: "ProcessID", is: contracts.value(c, "ProcessID")).first)
                #expect(tenders.value(tender, "AgencyID") == p.agency)
                value += try #require(cents(contracts.value(c, "ContractValue")))
            }
            #expect(Int64((p.value * 100).rounded()) == value)
        }
    }
}
