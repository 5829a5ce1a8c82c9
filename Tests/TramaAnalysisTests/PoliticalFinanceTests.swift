import Testing
import TramaGraph
import TramaModel
@testable import TramaAnalysis

/// GRAS 4.1 on a hand-built market: a mayor elected in Riverside in 2016, the firms whose
/// money reached her campaign (directly, or through a shareholder, a representative or an
/// employee of the day), and the contracts they then won.
@Suite("Political finance (GRAS 4.1): direct and indirect donations, contracts won after them")
struct PoliticalFinanceTests {
    struct World {
        var market = Market()
        var donations: [Donation] = []
        var candidates: [Candidate] = []

        mutating func candidate(_ name: String, elected: Bool, in place: String, year: Int) {
            candidates.append(Candidate(node: market.node(name, .candidate), elected: elected, jurisdiction: place, year: year))
        }

        mutating func donation(_ donor: String, _ kind: EntityKind, to candidate: String, value: Double, on day: String) {
            donations.append(Donation(donor: market.node(donor, kind), candidate: market[candidate], value: value, day: Day(iso: day), handle: Int64(donations.count + 1)))
        }

        /// A won tender at a buyer in `place`, and its contract, signed on `day`.
        mutating func won(_ firm: String, from buyer: String, in place: String, on day: String, value: Double, name: String) {
            market.tender("T-" + name, agency: buyer, day: day, region: place, bids: [(firm, value)], winner: firm)
            market.contract(name, tender: "T-" + name, firm: firm, value: value, day: day)
        }

        func run(_ p: PoliticalFinanceParameters = PoliticalFinanceParameters()) -> [String: PoliticalFinance.Figures] {
            let figures = PoliticalFinance(parameters: p).run(graph: market.builder.freeze(), facts: market.facts, donations: donations, candidates: candidates)
            return Dictionary(uniqueKeysWithValues: figures.map { (market.names[Int($0.firm)], $0) })
        }
    }

    func world() -> World {
        var w = World()
        w.candidate("Mayor Gil", elected: true, in: "Riverside", year: 2016)
        w.candidate("Loser Lia", elected: false, in: "Riverside", year: 2016)
        for f in ["Direct", "Owned", "Represented", "Employer", "Former employer", "Other town", "Bystander"] { w.market.node(f, .firm) }
        for p in ["Owner", "Rep", "Worker", "Ex-worker"] { w.market.node(p, .person) }
        w.market.tie("Owner", .owns, "Owned", from: "2010-01-01")
        w.market.tie("Rep", .legalRepresentativeOf, "Represented")
        w.market.tie("Worker", .employedBy, "Employer", from: "2015-01-01")
        w.market.tie("Ex-worker", .employedBy, "Former employer", from: "2010-01-01", to: "2014-12-31")
        w.donation("Direct", .firm, to: "Mayor Gil", value: 50_000, on: "2016-08-01")
        w.donation("Owner", .person, to: "Mayor Gil", value: 10_000, on: "2016-08-02")
        w.donation("Rep", .person, to: "Mayor Gil", value: 2_000, on: "2016-08-03")
        w.donation("Worker", .person, to: "Mayor Gil", value: 500, on: "2016-08-04")
        w.donation("Ex-worker", .person, to: "Mayor Gil", value: 700, on: "2016-08-05")
        w.donation("Other town", .firm, to: "Loser Lia", value: 9_000, on: "2016-08-06")
        return w
    }

    @Test func donationsCountForTheFirmItselfAndForItsShareholdersRepresentativesAndEmployeesOfTheDay() {
        let f = world().run()
        #expect(Set(f.keys) == ["Direct", "Owned", "Represented", "Employer", "Other town"])
        #expect(f["Direct"]?.direct == true && f["Direct"]?.value == 50_000)
        #expect(f["Owned"]?.donations.map(\.link) == [.shareholder] && f["Owned"]?.direct == false && f["Owned"]?.value == 10_000)
        #expect(f["Represented"]?.donations.map(\.link) == [.representative])
        #expect(f["Employer"]?.donations.map(\.link) == [.employee])
        // The ex-worker had left before donating: no tie on the donation's date.
        #expect(f["Former employer"] == nil && f["Bystander"] == nil)
        // Only the company itself, when asked.
        var direct = PoliticalFinanceParameters()
        direct.links = [.company]
        #expect(Set(world().run(direct).keys) == ["Direct", "Other town"])
    }

    @Test func contractsCountWhenWonFromTheDoneesJurisdictionDuringTheTermAfterTheDonation() {
        var w = world()
        w.won("Direct", from: "City of Riverside", in: "Riverside", on: "2017-03-01", value: 900_000, name: "K-after")
        w.won("Direct", from: "City of Riverside", in: " RIVERSIDE ", on: "2020-12-31", value: 100_000, name: "K-last-day")
        w.won("Direct", from: "City of Riverside", in: "Riverside", on: "2016-07-01", value: 300_000, name: "K-before")
        w.won("Direct", from: "City of Riverside", in: "Riverside", on: "2021-01-01", value: 300_000, name: "K-next-term")
        w.won("Direct", from: "State Roads", in: "Capital", on: "2018-01-01", value: 300_000, name: "K-elsewhere")
        w.won("Owned", from: "City of Riverside", in: "Riverside", on: "2018-05-05", value: 70_000, name: "K-owned")
        // Lia lost her election: money to her buys no contracts from Riverside.
        w.won("Other town", from: "City of Riverside", in: "Riverside", on: "2018-01-01", value: 10, name: "K-lost")
        let f = w.run()
        let direct = f["Direct"]!
        #expect(direct.following.map { w.market.names[Int(w.market.facts.contracts[$0.contract].node)] } == ["K-after", "K-last-day"])
        #expect(direct.followingValue == 1_000_000 && direct.contracts == 5 && direct.followingShare == 0.4)
        #expect(f["Owned"]?.following.count == 1 && f["Owned"]?.followingShare == 1)
        #expect(f["Other town"]?.following.isEmpty == true && f["Other town"]?.contracts == 1)
        var shorter = PoliticalFinanceParameters()
        shorter.termYears = 1
        #expect(w.run(shorter)["Direct"]?.following.count == 1)
    }

    @Test func anEmployeesDonationIsListedButBuysNoContractsUnlessAsked() {
        var w = world()
        w.won("Employer", from: "City of Riverside", in: "Riverside", on: "2018-01-01", value: 1, name: "K-employer")
        #expect(w.run()["Employer"]?.following.isEmpty == true && w.run()["Employer"]?.donations.map(\.link) == [.employee])
        var all = PoliticalFinanceParameters()
        all.contractLinks = DonorLink.allCases
        #expect(w.run(all)["Employer"]?.following.count == 1)
    }

    @Test func aDonationThroughTwoTiesCountsOnce() {
        var w = world()
        w.market.tie("Owner", .legalRepresentativeOf, "Owned")
        let owned = w.run()["Owned"]!
        #expect(owned.donations.map(\.link) == [.shareholder, .representative] && owned.value == 10_000)
    }
}
