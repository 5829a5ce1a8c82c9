import Testing
import TramaGraph
import TramaModel
@testable import TramaAnalysis

/// GRAS group 1 on hand-built tenders: each indicator by number and by value, and what is
/// left unjudged when the data it needs is missing.
@Suite("Procurement cycle (GRAS 1.1.1–1.3.2)")
struct ProcurementCycleTests {
    func figures(_ m: Market, _ parameters: ProcurementCycleParameters = ProcurementCycleParameters()) -> [String: ProcurementCycle.Figures] {
        Dictionary(uniqueKeysWithValues: ProcurementCycle(parameters: parameters).run(facts: m.facts).map { (m.names[Int($0.firm)], $0) })
    }

    @Test func sourcesNamesForProceduresAreMappedToTheOCDSKinds() {
        #expect(ProcedureKind.classify("Direct award") == .direct)
        #expect(ProcedureKind.classify("Contratación directa") == .direct)
        #expect(ProcedureKind.classify("Dispensa de licitação") == .direct)
        #expect(ProcedureKind.classify("negotiated without publication") == .limited)
        #expect(ProcedureKind.classify("negotiated") == .limited)
        #expect(ProcedureKind.classify("Convite") == .limited)
        #expect(ProcedureKind.classify("restricted") == .selective)
        #expect(ProcedureKind.classify("negotiated with prior publication") == .selective)
        #expect(ProcedureKind.classify("Pregão eletrônico") == .open)
        #expect(ProcedureKind.classify("OPEN") == .open)
        #expect(ProcedureKind.classify("framework call-off") == nil)
    }

    @Test func nonCompetitiveShareCountsOnlyContractsWhoseProcedureIsKnown() {
        var m = Market()
        m.tender("T1", method: "direct", bids: [("F", 100)], winner: "F")
        m.contract("C1", tender: "T1", firm: "F", value: 100, day: "2020-02-01")
        m.tender("T2", method: "open", bids: [("F", 300), ("G", 310)], winner: "F")
        m.contract("C2", tender: "T2", firm: "F", value: 300, day: "2020-02-01")
        m.tender("T3", method: nil, bids: [("F", 50), ("G", 60)], winner: "F")
        m.contract("C3", tender: "T3", firm: "F", value: 50, day: "2020-02-01")
        let share = figures(m)["F"]!.shares[.nonCompetitive]!
        #expect(share.judged == 2 && share.flagged == 1)
        #expect(share.byNumber == 0.5)
        #expect(share.byValue == 0.25)
        #expect(figures(m)["F"]!.evidence[.nonCompetitive]?.count == 1)
    }

    @Test func aTenderWithoutAPublishedCallIsFlaggedWhereCallsAreRecorded() {
        var m = Market()
        m.tender("T1", day: nil, bids: [("F", 100)], winner: "F")
        m.contract("C1", tender: "T1", firm: "F", value: 100, day: "2020-02-01")
        m.tender("T2", day: "2020-01-01", bids: [("F", 100)], winner: "F")
        m.contract("C2", tender: "T2", firm: "F", value: 100, day: "2020-02-01")
        #expect(figures(m)["F"]!.shares[.noCall].map { ($0.flagged, $0.judged) } ?? (0, 0) == (1, 2))

        var unrecorded = Market()
        unrecorded.tender("T1", day: nil, bids: [("F", 100)], winner: "F")
        unrecorded.contract("C1", tender: "T1", firm: "F", value: 100, day: "2020-02-01")
        #expect(figures(unrecorded)["F"]!.shares[.noCall] == nil)
        #expect(ProcurementCycle().judged(Array(figures(unrecorded).values))[.noCall] == 0)
    }

    @Test func anAdvertisementShorterThanTheMinimumIsFlagged() {
        var m = Market()
        m.tender("T1", day: "2020-01-01", deadline: "2020-01-11", bids: [("F", 100), ("G", 120)], winner: "F")
        m.contract("C1", tender: "T1", firm: "F", value: 100, day: "2020-02-01")
        m.tender("T2", day: "2020-01-01", deadline: "2020-01-16", bids: [("F", 100), ("G", 120)], winner: "F")
        m.contract("C2", tender: "T2", firm: "F", value: 100, day: "2020-02-01")
        m.tender("T3", day: "2020-01-01", bids: [("F", 100), ("G", 120)], winner: "F")
        m.contract("C3", tender: "T3", firm: "F", value: 100, day: "2020-02-01")
        let share = figures(m)["F"]!.shares[.shortAdvertisement]!
        // 10 days is short, 15 is not (fewer than 15 whole days), no deadline is not judged.
        #expect(share.flagged == 1 && share.judged == 2)
    }

    @Test func aSingleBidIsARedFlagOnlyInACompetitiveOrUnknownProcedure() {
        var m = Market()
        m.tender("T1", method: "open", bids: [("F", 100)], winner: "F")
        m.contract("C1", tender: "T1", firm: "F", value: 100, day: "2020-02-01")
        m.tender("T2", method: "direct", bids: [("F", 100)], winner: "F")
        m.contract("C2", tender: "T2", firm: "F", value: 100, day: "2020-02-01")
        m.tender("T3", bids: [("F", 100)], winner: "F")
        m.contract("C3", tender: "T3", firm: "F", value: 100, day: "2020-02-01")
        m.tender("T4", method: "open", bids: [("F", 100), ("G", 110)], winner: "F")
        m.contract("C4", tender: "T4", firm: "F", value: 100, day: "2020-02-01")
        let share = figures(m)["F"]!.shares[.singleBidder]!
        #expect(share.flagged == 2 && share.judged == 3)
    }

    @Test func theWinningRateIsWinsOverBidsByNumberAndValue() {
        var m = Market()
        m.tender("T1", bids: [("F", 100), ("G", 90)], winner: "G")
        m.tender("T2", bids: [("F", 100), ("G", 90)], winner: "G")
        m.tender("T3", bids: [("F", 100), ("G", 90)], winner: "G")
        m.tender("T4", bids: [("F", 300), ("G", 900)], winner: "F")
        let f = figures(m)
        #expect(f["F"]!.value(.winningRate) == 0.25)
        #expect(f["F"]!.value(.winningRate, byValue: true) == 0.5)
        #expect(f["G"]!.value(.winningRate) == 0.75)
    }

    @Test func theBuyerShareIsTheLargestShareOfOneBuyersYear() {
        var m = Market()
        m.tender("T1", agency: "A1", bids: [("F", 600)], winner: "F")
        m.contract("C1", tender: "T1", firm: "F", value: 600, day: "2020-03-01")
        m.tender("T2", agency: "A1", bids: [("G", 400)], winner: "G")
        m.contract("C2", tender: "T2", firm: "G", value: 400, day: "2020-05-01")
        m.tender("T3", agency: "A1", bids: [("G", 1000)], winner: "G")
        m.contract("C3", tender: "T3", firm: "G", value: 1000, day: "2021-05-01")
        let f = figures(m)
        #expect(f["F"]!.buyerShare?.year == 2020)
        #expect(f["F"]!.value(.buyerShare, byValue: true) == 0.6)
        #expect(f["F"]!.value(.buyerShare) == 0.5)
        // G's 2021 is the whole of A1's year.
        #expect(f["G"]!.buyerShare?.year == 2021 && f["G"]!.value(.buyerShare, byValue: true) == 1)
    }

    @Test func costOverrunsAndDelaysBeyondFivePercentAreFlagged() {
        var m = Market()
        m.tender("T1", bids: [("F", 100)], winner: "F")
        m.contract("C1", tender: "T1", firm: "F", value: 100, day: "2020-01-01", amendment: 10, planned: "2020-04-10", delivered: "2020-04-20")
        m.tender("T2", bids: [("F", 100)], winner: "F")
        m.contract("C2", tender: "T2", firm: "F", value: 100, day: "2020-01-01", amendment: 3, planned: "2020-04-10", delivered: "2020-04-12")
        m.tender("T3", bids: [("F", 100)], winner: "F")
        m.contract("C3", tender: "T3", firm: "F", value: 100, day: "2020-01-01")
        let f = figures(m)["F"]!
        // 10% dearer and 10 days late on a 100-day contract; 3% and 2% are within bounds.
        #expect(f.shares[.costOverrun].map { ($0.flagged, $0.judged) } ?? (0, 0) == (1, 2))
        #expect(f.shares[.deliveryDelay].map { ($0.flagged, $0.judged) } ?? (0, 0) == (1, 2))
        var strict = ProcurementCycleParameters()
        strict.costOverrun = 0.01
        strict.deliveryDelay = 0.01
        #expect(figures(m, strict)["F"]!.shares[.costOverrun]?.flagged == 2)
        #expect(figures(m, strict)["F"]!.shares[.deliveryDelay]?.flagged == 2)
    }
}

@Suite("Contract splitting (IDB Issue Area 1)")
struct ContractSplittingTests {
    @Test func partsBelowTheThresholdWithinTheWindowAddingUpPastItAreOneSplit() {
        var m = Market()
        // Three purchases of 40 by A1 from F within 60 days (threshold 100): one split. A fourth
        // part 200 days later stands alone; G's two parts are for different products.
        for (i, day) in ["2020-01-10", "2020-02-01", "2020-03-10", "2020-09-30"].enumerated() {
            m.tender("T\(i)", agency: "A1", day: day, product: "45233100", bids: [("F", 40)], winner: "F")
            m.contract("K\(i)", tender: "T\(i)", firm: "F", value: 40, day: day)
        }
        m.tender("G1", agency: "A1", day: "2020-01-10", product: "45233100", bids: [("G", 60)], winner: "G")
        m.contract("KG1", tender: "G1", firm: "G", value: 60, day: "2020-01-10")
        m.tender("G2", agency: "A1", day: "2020-01-20", product: "30200000", bids: [("G", 60)], winner: "G")
        m.contract("KG2", tender: "G2", firm: "G", value: 60, day: "2020-01-20")
        var p = ContractSplittingParameters()
        #expect(ContractSplitting(parameters: p).run(facts: m.facts).isEmpty, "no threshold, no screen")
        p.threshold = 100
        let splits = ContractSplitting(parameters: p).run(facts: m.facts)
        let facts = m.facts
        #expect(splits.count == 1)
        #expect(splits.first.map { $0.contracts.map { m.names[Int(facts.contracts[$0].node)] } } == ["K0", "K1", "K2"])
        #expect(splits.first?.total == 120 && splits.first?.product == "452")
        p.windowDays = 20
        #expect(ContractSplitting(parameters: p).run(facts: m.facts).first.map { $0.contracts.count } == nil, "two parts in 20 days add to 80")
    }
}
