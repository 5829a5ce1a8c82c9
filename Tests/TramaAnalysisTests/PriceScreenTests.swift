import Foundation
import Testing
import TramaAnalysis
import TramaGraph
import TramaModel

@Suite("Collusion: top losers, bid prices, contract values (GRAS 2.1–2.5)")
struct PriceScreenTests {
    /// L bids 12 times, loses every time to W; X and Y compete normally.
    func topLoserMarket(lossesTo winners: [String] = ["W"], loserWins: Int = 0) -> Market {
        var m = Market()
        for i in 0..<12 {
            let winner = i < loserWins ? "L" : winners[i % winners.count]
            m.tender("T\(i)", day: "2020-01-\(String(format: "%02d", i + 1))", bids: [("L", 110), (winners[i % winners.count], 100)], winner: winner)
        }
        for i in 0..<12 {
            m.tender("U\(i)", bids: [("X", 100), ("Y", 101), ("Z\(i)", 99)], winner: i % 2 == 0 ? "X" : "Z\(i)")
        }
        return m
    }

    @Test func aFirmThatAlwaysLosesToTheSameWinnerIsATopLoser() {
        let m = topLoserMarket()
        let f = m.scan()
        let l = f.topLosers.first { $0.firm == m["L"] }!
        #expect(l.bids == 12 && l.wins == 0 && l.isTopLoser)
        #expect(l.competitors == 1)
        #expect(l.lostTo.first?.firm == m["W"] && l.lostTo.first?.times == 12)
        #expect(l.score == 1)
        let w = f.topLosers.first { $0.firm == m["W"] }!
        #expect(!w.isTopLoser)
        #expect(w.winsAgainstTopLosers == 12 && w.topLosersBeaten == 1 && w.winRateAgainstTopLosers == 1)
        // X and Y bid as often but lose to many different firms.
        let y = f.topLosers.first { $0.firm == m["Y"] }!
        #expect(y.bids == 12 && y.wins == 0 && !y.isTopLoser && y.competitors == 7)
    }

    @Test func aWinningRateAboveTheThresholdIsNoTopLoser() {
        let m = topLoserMarket(loserWins: 2)
        let l = m.scan().topLosers.first { $0.firm == m["L"] }!
        #expect(l.wins == 2 && !l.isTopLoser)
        var p = CollusionParameters()
        p.topLoserMaximumWinningRate = 0.2
        #expect(m.scan(p).topLosers.first { $0.firm == m["L"] }!.isTopLoser)
    }

    @Test func losersRingTiesTheLoserToItsWinners() {
        let m = topLoserMarket(lossesTo: ["W1", "W2"])
        let rings = m.scan().rings
        #expect(rings.count == 1)
        #expect(m.names(rings[0].firms).sorted() == ["L", "W1", "W2"])
        #expect(m.names(rings[0].losers) == ["L"])
        #expect(m.names(rings[0].winners).sorted() == ["W1", "W2"])
        #expect(rings[0].ties.allSatisfy { $0.kind == .losesTo })
        #expect(rings[0].value == 1200)
    }

    @Test func fixedAbsoluteAndPercentDifferencesAreFound() {
        var m = Market()
        let lows: [Double] = [1000, 2300, 1800, 5100]
        for (i, low) in lows.enumerated() {
            m.tender("T\(i)", bids: [("A", low), ("B", low + 250), ("C", low * 1.05), ("O\(i)", low * 1.3)], winner: "A")
        }
        // A fourth tender where A and B do not keep the difference.
        m.tender("T9", bids: [("A", 700), ("B", 900)], winner: "A")
        let relations = m.scan().constantRelations
        let ab = relations.filter { m.names($0.firms) == ["A", "B"] }
        #expect(ab.map(\.relation) == [.absolute])
        #expect(ab.first?.difference == 250 && ab.first?.tenders.count == 4 && ab.first?.commonTenders == 5)
        let ac = relations.filter { m.names($0.firms) == ["A", "C"] }
        #expect(Set(ac.map(\.relation)) == [.percent, .multiple])
        #expect(abs((ac.first { $0.relation == .percent }?.difference ?? 0) - 5) < 1e-9)
        // B and C: neither fixed.
        #expect(relations.allSatisfy { m.names($0.firms) != ["B", "C"] })
    }

    @Test func aFixedMarkupHoldsThroughTurnTakingWhereThePercentDifferenceHoldsInHalf() {
        var m = Market()
        for (i, low) in [1000.0, 2000, 1500, 3000, 2500, 1200].enumerated() {
            let (first, second) = i % 2 == 0 ? ("A", "B") : ("B", "A")
            m.tender("T\(i)", bids: [(first, low), (second, low * 1.08)], winner: first)
        }
        let relations = m.scan().constantRelations
        let multiple = relations.first { $0.relation == .multiple }
        #expect(multiple?.tenders.count == 6)
        #expect(abs((multiple?.difference ?? 0) - 1.08) < 1e-9)
        // The percentage difference holds only in the half of the tenders A priced low.
        #expect(relations.first { $0.relation == .percent }?.tenders.count == 3)
        #expect(!relations.contains { $0.relation == .absolute })
    }

    @Test func identicalBidsAreNotAFixedDifference() {
        var m = Market()
        for i in 0..<4 { m.tender("T\(i)", bids: [("A", 100 + Double(i)), ("B", 100 + Double(i))], winner: "A") }
        #expect(m.scan().constantRelations.isEmpty)
    }

    @Test func bidVarianceUsesFixedThresholdsAndSkipsTendersWithTooFewPrices() {
        var m = Market()
        m.tender("Tight", bids: [("A", 100), ("B", 101), ("C", 102)], winner: "A")
        m.tender("Wide", bids: [("A", 100), ("B", 150), ("C", 200)], winner: "A")
        m.tender("Few", bids: [("A", 100), ("B", nil), ("C", 120)], winner: "A")
        var p = CollusionParameters()
        p.lowCoefficientOfVariation = 0.02
        p.highRelativeDistance = 0.3
        let f = m.scan(p)
        #expect(f.priceScreens.count == 2)
        let tight = f.priceScreens.first { $0.tender == m["Tight"] }!
        #expect(abs(tight.coefficientOfVariation - 0.01 / 1.01 * 100 / 100) < 1e-3)
        #expect(tight.lowVariance && !tight.highDistance)
        let wide = f.priceScreens.first { $0.tender == m["Wide"] }!
        #expect(!wide.lowVariance && wide.highDistance && wide.relativeDistance == 0.5)
        let a = f.bidScreenFigures.first { $0.firm == m["A"] }!
        #expect(a.pricedBids == 3 && a.lowVarianceShare == 0.5 && a.highDistanceShare == 0.5)
    }

    @Test func benfordGivesNoVerdictBelowTheMinimumSampleAndDetectsAForgedDistribution() {
        let benford = (1...2000).map { pow(10, Double($0) / 2000 * 4) }  // log-uniform: Benford
        let ok = BenfordTest(values: benford, minimumSample: 100)
        #expect(ok.verdict == .close)
        #expect(ok.pValue > 0.05)
        let forged = (0..<500).map { 5000 + Double($0) }  // every first digit 5
        let bad = BenfordTest(values: forged, minimumSample: 100)
        #expect(bad.verdict == .nonconformity && bad.pValue < 1e-6 && bad.shareWithExcessDigit == 1)
        #expect(BenfordTest(values: forged.prefix(50), minimumSample: 100).verdict == .tooFew)
        #expect(BenfordTest.firstDigit(0.00734) == 7 && BenfordTest.firstDigit(1000) == 1 && BenfordTest.firstDigit(0) == nil)
    }

    @Test func chiSquareSurvivalMatchesTables() {
        // Critical values of chi-square with 8 degrees of freedom: 15.507 at 5 %, 20.090 at 1 %.
        #expect(abs(BenfordTest.chiSquareSurvival(15.507, degreesOfFreedom: 8) - 0.05) < 1e-4)
        #expect(abs(BenfordTest.chiSquareSurvival(20.090, degreesOfFreedom: 8) - 0.01) < 1e-4)
        #expect(abs(BenfordTest.chiSquareSurvival(3.0, degreesOfFreedom: 8) - 0.9344) < 1e-4)
    }

    @Test func highPriceShareCountsWinsAboveTheEstimateRatioAndSkipsMissingPrices() {
        var m = Market()
        m.tender("T1", estimate: 1000, bids: [("A", 990), ("B", 1010)], winner: "A")
        m.tender("T2", estimate: 1000, bids: [("A", 900), ("B", 950)], winner: "A")
        m.tender("T3", estimate: nil, bids: [("A", 500), ("B", 600)], winner: "A")
        m.tender("T4", estimate: 1000, bids: [("A", nil), ("B", 990)], winner: "A")
        let a = m.scan().contractValues.first { $0.firm == m["A"] }!
        #expect(a.contracts == 4 && a.pricedAgainstEstimate == 2)
        #expect(a.highPriceShare == 0.5)
        #expect(abs((a.highPriceValueShare ?? 0) - 990 / 1890) < 1e-12)
    }

    @Test func tiedLowestBidsGiveARelativeDistanceOfZeroAndNoFlag() {
        var m = Market()
        m.tender("T1", bids: [("A", 100), ("B", 100), ("C", 130)], winner: "A")
        var p = CollusionParameters()
        p.highRelativeDistance = 0.1
        let s = m.scan(p).priceScreens[0]
        #expect(s.relativeDistance == 0 && !s.highDistance)
    }

    @Test func aPeriodKeepsOnlyTheTendersDatedInsideIt() {
        let m = topLoserMarket()
        let facts = ProcurementFacts(tenders: m.tenders, bids: m.bids, contracts: m.contracts)
        let january = facts.within(Validity(from: Day(iso: "2020-01-01")!, to: Day(iso: "2020-01-05")!))
        // T0…T4 (1–5 January) and the twelve U tenders dated 1 January.
        #expect(january.tenders.count == 17)
        #expect(Set(january.bids.map(\.tender)).count == 17)
        #expect(facts.within(nil).tenders.count == facts.tenders.count)
    }
}
