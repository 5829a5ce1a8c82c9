import Testing
import TramaGraph
import TramaModel
@testable import TramaAnalysis

/// GRAS 3.6 on a hand-built register: a firm debarred for 2017–2018, a firm whose owner was, a
/// firm whose former owner was (after selling), and one whose representative was.
@Suite("Sanctions (GRAS 3.6): the firm, its owners and representative, contracts while sanctioned")
struct SanctionsTests {
    func market() -> Market {
        var m = Market()
        for f in ["Debarred", "Owned", "Sold", "Represented", "Clean"] { m.node(f, .firm) }
        for p in ["Owner", "Seller", "Rep"] { m.node(p, .person) }
        m.node("World Bank", .sanctioningBody)
        m.tie("Debarred", .sanctionedBy, "World Bank", from: "2017-01-01", to: "2018-12-31")
        m.tie("Owner", .owns, "Owned", from: "2015-01-01")
        m.tie("Owner", .sanctionedBy, "World Bank", from: "2019-01-01", to: "2019-12-31")
        m.tie("Seller", .owns, "Sold", from: "2010-01-01", to: "2016-12-31")
        m.tie("Seller", .sanctionedBy, "World Bank", from: "2018-01-01")
        m.tie("Rep", .legalRepresentativeOf, "Represented")
        m.tie("Rep", .sanctionedBy, "World Bank", from: "2020-01-01")
        for (name, firm, day) in [("K1", "Debarred", "2018-06-01"), ("K2", "Debarred", "2019-06-01"), ("K3", "Owned", "2019-03-01"), ("K4", "Clean", "2018-06-01")] {
            m.tender("T-" + name, day: day, bids: [(firm, 100)], winner: firm)
            m.contract(name, tender: "T-" + name, firm: firm, value: 100, day: day)
        }
        return m
    }

    @Test func theFirmItsOwnersOfTheTimeAndItsRepresentativeAreConcerned() {
        let m = market()
        let figures = Dictionary(uniqueKeysWithValues: Sanctions().run(graph: m.builder.freeze(), facts: m.facts).map { (m.names[Int($0.firm)], $0) })
        #expect(Set(figures.keys) == ["Debarred", "Owned", "Represented"])
        #expect(figures["Debarred"]?.sanctioned == true && figures["Debarred"]?.connectedSanctioned == false)
        #expect(figures["Owned"]?.concerns.map(\.link) == [.shareholder] && figures["Owned"]?.connectedSanctioned == true)
        #expect(figures["Represented"]?.concerns.map(\.link) == [.representative])
    }

    @Test func contractsSignedWhileASanctionWasInForceAreCounted() {
        let m = market()
        let facts = m.facts
        let figures = Dictionary(uniqueKeysWithValues: Sanctions().run(graph: m.builder.freeze(), facts: facts).map { (m.names[Int($0.firm)], $0) })
        #expect(figures["Debarred"]?.whileSanctioned.map { m.names[Int(facts.contracts[$0.contract].node)] } == ["K1"])
        #expect(figures["Owned"]?.whileSanctioned.map { m.names[Int(facts.contracts[$0.contract].node)] } == ["K3"])
        #expect(figures["Represented"]?.whileSanctioned.isEmpty == true)
    }
}

/// GRAS 3.6.3, 3.6.5 and 3.6.6: a link to another sanctioned company, the share of a firm's life
/// under sanction, and how soon it was first sanctioned.
@Suite("Sanctions (GRAS 3.6.3, 3.6.5, 3.6.6)")
struct SanctionHistoryTests {
    @Test func aFirmWhoseOwnerAlsoOwnsASanctionedCompanyIsLinkedToIt() {
        var m = Market()
        for f in ["Debarred", "Sister", "Unrelated"] { m.node(f, .firm) }
        for p in ["Owner", "Agent"] { m.node(p, .person) }
        m.node("World Bank", .sanctioningBody)
        m.tie("Debarred", .sanctionedBy, "World Bank", from: "2017-01-01", to: "2018-12-31")
        m.tie("Owner", .owns, "Debarred")
        m.tie("Owner", .legalRepresentativeOf, "Sister")
        // A registered agent for sixty firms, one of them the debarred one, links none of them.
        m.tie("Agent", .owns, "Debarred")
        for i in 0..<60 {
            m.node("Client\(i)", .firm)
            m.tie("Agent", .owns, "Client\(i)")
        }
        let figures = Dictionary(uniqueKeysWithValues: Sanctions().run(graph: m.builder.freeze(), facts: m.facts).map { (m.names[Int($0.firm)], $0) })
        #expect(figures["Sister"]?.linked.map { m.names[Int($0.company)] } == ["Debarred"])
        #expect(figures["Sister"]?.linked.map { m.names[Int($0.person)] } == ["Owner"])
        #expect(figures.keys.contains("Client0") == false)
        #expect(figures["Debarred"]?.linked.isEmpty == true)
    }

    @Test func theTimeUnderSanctionIsMeasuredAgainstTheFirmsLife() {
        var m = Market()
        m.node("Debarred", .firm)
        m.node("Owner", .person)
        m.node("World Bank", .sanctioningBody)
        m.tie("Debarred", .sanctionedBy, "World Bank", from: "2012-01-01", to: "2012-12-31")
        m.tie("Owner", .owns, "Debarred")
        m.tie("Owner", .sanctionedBy, "World Bank", from: "2012-07-01", to: "2013-12-31")
        var s = Sanctions()
        s.reference = Day(iso: "2019-12-31")
        let f = s.run(graph: m.builder.freeze(), facts: m.facts, firms: [FirmFacts(node: m["Debarred"], constituted: Day(iso: "2010-01-01"))])[0]
        // 2012 and 2013 (731 days, overlap counted once) of 2010–2019 (3,652 days).
        #expect(f.relativeDuration == 731.0 / 3652.0)
        #expect(f.daysToFirstSanction == 730)
        #expect(Sanctions.daysCovered([Validity(from: Day(rawValue: 0), to: Day(rawValue: 9)), Validity(from: Day(rawValue: 10), to: Day(rawValue: 12))],
            within: Validity(from: Day(rawValue: 5), to: Day(rawValue: 100))) == 8)
    }
}
