import Foundation
import Testing
import TramaGraph
import TramaModel
@testable import TramaAnalysis

/// The market-relative screens on hand-built markets: standings are scale-free mid-ranks, a
/// rotating cartel's members score as cover bidders while they take turns, and tenders rank
/// within their market.
@Suite("Market-relative screens and the composite")
struct MarketScreensTests {
    @Test func standingsAreMidRanksWithTiesSharingTheirAverage() {
        #expect(MarketScreens.standings([10, 20, 30, 40]) == [0.125, 0.375, 0.625, 0.875])
        #expect(MarketScreens.standings([5, 5, 1]) == [2.0 / 3.0, 2.0 / 3.0, 1.0 / 6.0])
        #expect(MarketScreens.standings([]).isEmpty)
    }

    /// A, B and C rotate: each wins a third of their twelve tenders against the other two. D to
    /// I bid now and then against different firms and win about as often.
    func market() -> Market {
        var m = Market()
        let ring = ["A", "B", "C"]
        for i in 0..<12 {
            let winner = ring[i % 3]
            m.tender("R\(i)", bids: ring.map { ($0, $0 == winner ? 100.0 : 110.0 + Double(i)) }, winner: winner)
        }
        let others = ["D", "E", "F", "G", "H", "I"]
        for i in 0..<12 {
            let a = others[i % 6], b = others[(i + 1 + i / 6) % 6], c = others[(i + 3) % 6]
            let bidders = Array(Set([a, b, c])).sorted()
            m.tender("O\(i)", bids: bidders.enumerated().map { ($1, 100.0 + Double($0 * 7 + i)) }, winner: bidders[i % bidders.count])
        }
        return m
    }

    @Test func membersOfARotationScoreAsCoverBiddersAlthoughEachWinsItsTurn() {
        let standings = MarketScreens().firms(facts: market().facts)
        let m = market()
        let byName = Dictionary(uniqueKeysWithValues: standings.map { (m.names[Int($0.firm)], $0) })
        // Each ring member lost eight times, always to the other two members of its cohort.
        #expect(byName["A"]?.cohortWinners.map { m.names[Int($0)] } == ["B", "C"])
        #expect(byName["A"]?.coverBidding == 8.0 / 12.0 * log2(3))
        let ring = ["A", "B", "C"].compactMap { byName[$0]?.coverStanding }
        let rest = ["D", "E", "F", "G", "H", "I"].compactMap { byName[$0]?.coverStanding }
        #expect(ring.count == 3 && rest.count == 6)
        #expect(ring.min()! > rest.max()!, "the rotating members stand above every other firm")
        #expect(standings.allSatisfy { $0.composite >= 0 && $0.composite <= 1 })
    }

    @Test func aProductBoughtByManyBuyersIsOneMarketPerYearThenOneMarket() {
        var m = Market()
        for i in 0..<24 {
            let agency = "A\(i % 6)", day = i < 20 ? "2020-03-01" : "2021-03-01"
            m.tender("T\(i)", agency: agency, day: day, product: "4523", bids: [("X", 100), ("Y", 101 + Double(i)), ("Z", 103 + Double(2 * i))], winner: "X")
        }
        let tenders = MarketScreens().tenders(facts: m.facts)
        let markets = Dictionary(grouping: tenders, by: { $0.market ?? "all" }).mapValues(\.count)
        // 20 in 2020 make a product × year market; the four of 2021 fall back to the product,
        // which has 24.
        #expect(markets == ["4523 · 2020": 20, "4523": 4])
    }

    @Test func tendersRankWithinTheirProductMarketOnceItIsLargeEnough() {
        var m = Market()
        // Twenty road tenders, the first with bids packed tight; four office tenders.
        for i in 0..<20 {
            let spread = i == 0 ? 0.1 : 5.0 + Double(i)
            m.tender("ROAD\(i)", product: "4523", bids: [("X", 100), ("Y", 100 + spread), ("Z", 100 + 2 * spread), ("W", 100 + 4 * spread)], winner: "X")
        }
        for i in 0..<4 { m.tender("DESK\(i)", product: "3912", bids: [("X", 10), ("Y", 10.5 + Double(i)), ("Z", 12)], winner: "X") }
        let tenders = MarketScreens().tenders(facts: m.facts)
        #expect(tenders.count == 24)
        let first = try! #require(tenders.first { m.names[Int($0.tender)] == "ROAD0" })
        // All twenty were bought by A1 in 2020: the narrowest market, buyer × product × year.
        #expect(first.market == "buyer \(m["A1"]) · 4523 · 2020" && first.lowDispersion == 1 - 0.5 / 20)
        // The office tenders are too few for a market of their own: ranked with the pool.
        #expect(tenders.first { m.names[Int($0.tender)] == "DESK0" }?.market == nil)
        #expect(tenders.allSatisfy { $0.rawRelativeDistance != nil })
    }

    @Test func aRingsWinnersAndLosersComeFromItsOwnTenders() {
        var m = Market()
        // W wins 5 of the 6 ring tenders; L bids in all and wins one.
        for i in 0..<6 {
            let winner = i == 5 ? "L" : "W"
            m.tender("T\(i)", bids: [("W", 100), ("L", 105)], winner: winner)
        }
        let facts = m.facts
        let ring = CollusionAnalysis.describe(
            members: [m["W"], m["L"]].sorted(), facts: facts, tendersOf: CollusionAnalysis.tendersByFirm(facts), contractsByTender: [:])
        #expect(ring.winners == [m["W"]] && ring.losers == [m["L"]])
    }
}

@Suite("Rings from cover bidding where no link data is loaded")
struct CoverRingTests {
    /// A, B and C rotate over twelve tenders; thirty other firms meet in ones and twos. No
    /// owners, employees or addresses are loaded, yet the rotation comes out as a ring, each
    /// member a winner of its own turns.
    @Test func aRotatingCohortIsARingWithoutLinkData() {
        var m = Market()
        let ring = ["A", "B", "C"]
        for i in 0..<12 {
            let winner = ring[i % 3]
            m.tender("R\(i)", bids: ring.map { ($0, $0 == winner ? 100.0 : 110.0 + Double(i)) }, winner: winner)
        }
        for i in 0..<30 {
            let bidders = ["X\(i)", "X\((i + 1) % 30)", "X\((i + 7) % 30)"]
            m.tender("O\(i)", bids: bidders.enumerated().map { ($1, 100.0 + Double($0 * 5 + i)) }, winner: bidders[i % 3])
        }
        let findings = m.scan()
        let names = findings.rings.map { Set(m.names($0.firms)) }
        #expect(names.contains(["A", "B", "C"]), "\(names)")
        let abc = findings.rings.first { Set(m.names($0.firms)) == ["A", "B", "C"] }
        #expect(abc?.ties.allSatisfy { $0.indicator == "cover_bidding" } == true)
        #expect(abc.map { Set(m.names($0.winners)) } == ["A", "B", "C"] && abc?.losers.isEmpty == true)
    }
}
