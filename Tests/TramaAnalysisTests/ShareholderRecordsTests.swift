import Testing
import TramaGraph
import TramaModel
@testable import TramaAnalysis

/// GRAS 3.7 and 3.8 on a hand-built register: a straw owner on benefits, a convicted
/// representative, a benefit recipient who owns nothing, and a conviction of a non-supplier's owner.
@Suite("Shareholder records (GRAS 3.7, 3.8)")
struct ShareholderRecordsTests {
    func register() -> Market {
        var m = Market()
        for f in ["Shell", "Clean", "Run", "Idle"] { m.node(f, .firm) }
        for p in ["Straw", "Owner", "Rep", "Poor", "Idler"] { m.node(p, .person) }
        m.node("Cash transfer", .benefitProgramme)
        m.node("fraud", .offence)
        // Straw held Shell from 2019 and drew benefits 2018–2020: 36 months, 24 while holding.
        m.tie("Straw", .owns, "Shell", from: "2019-01-01")
        m.tie("Straw", .receivedBenefit, "Cash transfer", from: "2018-01-01", to: "2020-12-31")
        m.tie("Owner", .owns, "Clean")
        m.tie("Rep", .legalRepresentativeOf, "Run")
        m.tie("Rep", .convictedOf, "fraud", from: "2015-03-01")
        m.tie("Poor", .receivedBenefit, "Cash transfer", from: "2020-01-01")
        m.tie("Idler", .owns, "Idle")
        m.tie("Idler", .convictedOf, "fraud", from: "2016-01-01")
        return m
    }

    @Test func aStrawOwnerOnBenefitsAndAConvictedRepresentativeAreFound() {
        let m = register()
        let market: Set<UInt32> = [m["Shell"], m["Clean"], m["Run"]]
        let figures = ShareholderRecords().run(graph: m.builder.freeze(), firms: market, reference: Day(iso: "2022-12-31")!)
        let byName = Dictionary(uniqueKeysWithValues: figures.map { (m.names[Int($0.firm)], $0) })
        #expect(Set(byName.keys) == ["Shell", "Run"], "Idle is no supplier; Clean's owner has no record")
        let straw = byName["Shell"]?.lowStatus.first
        #expect(straw.map { m.names[Int($0.holder)] } == "Straw")
        // 2018-01-01…2020-12-31 is 1,096 days; 2019-01-01…2020-12-31 is 731.
        #expect(straw?.months == 1096 / 30.436875 && straw?.overlapMonths == 731 / 30.436875)
        #expect(byName["Run"]?.convicted.map { m.names[Int($0.person)] } == ["Rep"])
        #expect(byName["Run"]?.lowStatus.isEmpty == true)
    }

    @Test func aBenefitStillRunningCountsToTheReferenceDay() {
        var m = Market()
        m.node("Shell", .firm)
        m.node("Straw", .person)
        m.node("Cash transfer", .benefitProgramme)
        m.tie("Straw", .owns, "Shell", from: "2021-01-01")
        m.tie("Straw", .receivedBenefit, "Cash transfer", from: "2020-12-01")
        let f = ShareholderRecords().run(graph: m.builder.freeze(), firms: [m["Shell"]], reference: Day(iso: "2021-01-30")!)
        #expect(f.first?.lowStatus.first?.months == 61 / 30.436875)
        #expect(f.first?.lowStatus.first?.overlapMonths == 30 / 30.436875)
    }
}
