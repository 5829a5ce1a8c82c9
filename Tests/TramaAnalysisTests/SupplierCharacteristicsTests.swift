import Testing
import TramaGraph
import TramaModel
@testable import TramaAnalysis

/// GRAS group 3's firm-level indicators on a hand-built register and market.
@Suite("Supplier characteristics (GRAS 3.1–3.5, 3.9)")
struct SupplierCharacteristicsTests {
    func run(_ m: Market, _ firms: [FirmFacts], holders: [UInt32: String] = [:], parameters: SupplierCharacteristicsParameters = .init())
        -> [String: SupplierCharacteristics.Figures]
    {
        let figures = SupplierCharacteristics(parameters: parameters).run(
            graph: m.builder.freeze(), facts: m.facts, history: m.facts, firms: firms, holderCountries: holders)
        return Dictionary(uniqueKeysWithValues: figures.map { (m.names[Int($0.firm)], $0) })
    }

    @Test func contractRevenueAboveTurnoverIsFlaggedForItsYear() {
        var m = Market()
        m.tender("T1", bids: [("Big", 500)], winner: "Big")
        m.contract("C1", tender: "T1", firm: "Big", value: 500, day: "2020-02-01")
        m.tender("T2", bids: [("Big", 700)], winner: "Big")
        m.contract("C2", tender: "T2", firm: "Big", value: 700, day: "2021-02-01")
        m.tender("T3", bids: [("Small", 100)], winner: "Small")
        m.contract("C3", tender: "T3", firm: "Small", value: 100, day: "2021-02-01")
        let f = run(m, [FirmFacts(node: m["Big"], turnover: 600), FirmFacts(node: m["Small"], turnover: 600)])
        #expect(f["Big"]?.revenue?.year == 2021)
        #expect(f["Big"].flatMap(\.revenue).map { $0.ratio } == 700.0 / 600.0)
        #expect(f["Small"]?.revenue == nil)
    }

    @Test func revenuePerEmployeeAndProfitRateAreJudgedAgainstTheMarketsFence() {
        var m = Market()
        var firms: [FirmFacts] = []
        for i in 0..<8 {
            let firm = "F\(i)"
            let value = i == 7 ? 10_000.0 : 100 + Double(i)
            m.tender("T\(i)", bids: [(firm, value)], winner: firm)
            m.contract("C\(i)", tender: "T\(i)", firm: firm, value: value, day: "2020-02-01")
            m.node("W\(i)", .person)
            m.tie("W\(i)", .employedBy, firm, from: "2019-01-01")
            firms.append(FirmFacts(node: m[firm], turnover: 1000, profit: i == 3 ? 900 : 50 + Double(i)))
        }
        let f = run(m, firms)
        #expect(f.filter { $0.value.revenuePerEmployee != nil }.map(\.key) == ["F7"])
        #expect(f["F7"]?.employees == 1 && f["F7"]?.revenuePerEmployee?.value == 10_000)
        #expect(f.filter { $0.value.profitRate != nil }.map(\.key) == ["F3"])
        #expect(f["F3"]?.profitRate?.value == 0.9)
    }

    @Test func aSupplierOfManyProductFamiliesIsFlaggedAsR048Would() {
        var m = Market()
        // Six narrow suppliers of one or two families, two contracts each (varieties 1, 2, 1, 2, 1, 2).
        for i in 0..<12 {
            let firm = "Narrow\(i / 2)"
            let code = (i / 2) % 2 == 1 && i % 2 == 1 ? "46000000" : "45000000"
            m.tender("N\(i)", product: code, bids: [(firm, 100)], winner: firm)
            m.contract("CN\(i)", tender: "N\(i)", firm: firm, value: 100, day: "2020-02-01")
        }
        for (i, code) in ["33100000", "45200000", "72000000", "90900000", "30200000", "79400000"].enumerated() {
            m.tender("B\(i)", product: code, bids: [("Broad", 100)], winner: "Broad")
            m.contract("CB\(i)", tender: "B\(i)", firm: "Broad", value: 100, day: "2020-02-01")
        }
        var p = SupplierCharacteristicsParameters()
        p.activityMinimumContracts = 2
        let f = run(m, [], parameters: p)
        // Varieties 1, 1, 1, 2, 2, 2, 6: Q1 = 1, Q3 = 2, fence 3.5.
        #expect(f["Broad"]?.families == ["30", "33", "45", "72", "79", "90"])
        #expect(f["Broad"]?.activities?.fences.upper == 3.5)
        #expect(f.filter { $0.value.activities != nil }.map(\.key) == ["Broad"])
        // With cardinal's default of 20 contracts, no supplier here is judged.
        #expect(run(m, []).filter { $0.value.activities != nil }.isEmpty)
    }

    @Test func aYoungSupplierAndAContractBeforeIncorporationAreFlagged() {
        var m = Market()
        m.tender("T1", bids: [("Young", 100)], winner: "Young")
        m.contract("C1", tender: "T1", firm: "Young", value: 100, day: "2020-03-01")
        m.tender("T2", bids: [("Old", 100)], winner: "Old")
        m.contract("C2", tender: "T2", firm: "Old", value: 100, day: "2020-03-01")
        m.tender("T3", bids: [("Unborn", 100)], winner: "Unborn")
        m.contract("C3", tender: "T3", firm: "Unborn", value: 100, day: "2020-03-01")
        let f = run(m, [
            FirmFacts(node: m["Young"], constituted: Day(iso: "2020-01-01")), FirmFacts(node: m["Old"], constituted: Day(iso: "2010-01-01")),
            FirmFacts(node: m["Unborn"], constituted: Day(iso: "2020-06-01")),
        ])
        #expect(f["Young"]?.daysToFirstContract == 60)
        #expect(f["Old"] == nil)
        #expect(f["Unborn"]?.beforeIncorporation.count == 1 && f["Unborn"]?.daysToFirstContract == nil)
    }

    @Test func aFirmOrShareholderRegisteredInASecrecyJurisdictionAbroadIsFlagged() {
        var m = Market()
        for firm in ["Home1", "Home2", "Zurich", "Fronted", "Held"] {
            m.tender("T-" + firm, bids: [(firm, 100)], winner: firm)
            m.contract("C-" + firm, tender: "T-" + firm, firm: firm, value: 100, day: "2020-03-01")
        }
        m.node("Nominee", .person)
        m.tie("Nominee", .owns, "Fronted", from: "2015-01-01")
        m.node("Tortola Ltd", .firm)
        m.tie("Tortola Ltd", .owns, "Held")
        let firms = [
            FirmFacts(node: m["Home1"], country: "BR"), FirmFacts(node: m["Home2"], country: "BR"), FirmFacts(node: m["Zurich"], country: "CH"),
            FirmFacts(node: m["Fronted"], country: "BR"), FirmFacts(node: m["Held"], country: "BR"), FirmFacts(node: m["Tortola Ltd"], country: "british virgin islands"),
        ]
        // The nominee's shareholding states Luxembourg; the first edge is the nominee's `owns`.
        let graph = m.builder.freeze()
        var holding: UInt32 = 0
        graph.forEachIncoming(m["Fronted"]) { _, e in if graph.edgeKinds.name(graph.edgeKind[Int(e)]) == "owns" { holding = e } }
        let f = run(m, firms, holders: [holding: "LU"])
        #expect(f["Zurich"]?.offshore?.code == "CH")
        #expect(f["Fronted"]?.offshoreHolders.map(\.jurisdiction.code) == ["LU"])
        #expect(f["Held"]?.offshoreHolders.map(\.jurisdiction.code) == ["VG"])
        #expect(f["Home1"] == nil)
        // On a Swiss market a Swiss firm is at home.
        var swiss = SupplierCharacteristicsParameters()
        swiss.homeCountry = "CH"
        #expect(run(m, firms, holders: [holding: "LU"], parameters: swiss)["Zurich"] == nil)
    }
}
