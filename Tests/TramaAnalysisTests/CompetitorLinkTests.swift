import Foundation
import Testing
import TramaAnalysis
import TramaGraph
import TramaModel

@Suite("Collusion: links between competitors (GRAS 2.6–2.8)")
struct CompetitorLinkTests {
    /// Two firms, one owner; a third firm unrelated.
    func owned(from: String? = nil, to: String? = nil) -> Market {
        var m = Market()
        for f in ["F1", "F2", "F3"] { m.node(f, .firm) }
        m.node("P", .person)
        m.tie("P", .owns, "F1", from: from, to: to)
        m.tie("P", .owns, "F2")
        m.tender("T1", day: "2020-06-01", bids: [("F1", 100), ("F2", 104), ("F3", 110)], winner: "F1")
        return m
    }

    @Test func aDirectCommonShareholderLinksTheTwoBiddersOnly() {
        let m = owned()
        let f = m.scan()
        #expect(f.linkedBidders.count == 1)
        let pair = f.linkedBidders[0]
        #expect(m.names(pair.firms) == ["F1", "F2"])
        #expect(pair.links.map(\.kind) == [.commonShareholder])
        #expect(pair.links[0].via == m["P"])
        #expect(pair.links[0].hops == 2)
        #expect(pair.winner == m["F1"])
    }

    @Test func ownershipThatStartedAfterTheBidIsNoLink() {
        #expect(owned(from: "2021-01-01").scan().linkedBidders.isEmpty)
    }

    @Test func ownershipThatEndedBeforeTheBidIsNoLink() {
        #expect(owned(from: "2015-01-01", to: "2019-12-31").scan().linkedBidders.isEmpty)
        #expect(owned(from: "2015-01-01", to: "2020-06-01").scan().linkedBidders.count == 1)
    }

    @Test func aChainOfHoldingsIsFollowedUpToTheConfiguredDepth() {
        var m = Market()
        for f in ["F1", "F2", "H1", "H2", "G"] { m.node(f, .firm) }
        m.node("P", .person)
        m.tie("H1", .owns, "F1")
        m.tie("G", .owns, "H1")
        m.tie("P", .owns, "G")
        m.tie("H2", .owns, "F2")
        m.tie("P", .owns, "H2")
        m.tender("T1", bids: [("F1", 100), ("F2", 105)], winner: "F1")
        let found = m.scan().linkedBidders
        #expect(found.count == 1)
        #expect(found.first?.links.first?.via == m["P"])
        #expect(found.first?.links.first?.hops == 5)
        var shallow = CollusionParameters()
        shallow.ownershipDepth = 2
        #expect(m.scan(shallow).linkedBidders.isEmpty)
    }

    @Test func cyclesInOwnershipEndTheClimb() {
        var m = Market()
        for f in ["F1", "F2", "H"] { m.node(f, .firm) }
        m.tie("H", .owns, "F1")
        m.tie("F1", .owns, "H")
        m.tie("H", .owns, "F2")
        m.tie("F2", .owns, "H")
        m.tender("T1", bids: [("F1", 100), ("F2", 105)], winner: "F2")
        let found = m.scan().linkedBidders
        #expect(found.count == 1)
        #expect(found[0].links.first?.via == m["H"])
    }

    @Test func aSuperNodeOwnerLinksNothing() {
        var m = Market()
        m.node("Agent", .person)
        for i in 0..<60 {
            m.node("F\(i)", .firm)
            m.tie("Agent", .owns, "F\(i)")
        }
        m.tender("T1", bids: [("F1", 100), ("F2", 105)], winner: "F1")
        #expect(m.scan().linkedBidders.isEmpty)
        var p = CollusionParameters()
        p.maxSharedDegree = 100
        let links = m.scan(p).linkedBidders
        #expect(links.count == 1)
        // The weight falls with the shared owner's 60 firms: 1 / log2(61).
        #expect(abs((links.first?.links.first?.weight ?? 0) - 1 / log2(61.0)) < 1e-12)
    }

    @Test func sharedEmployeeAndOneEmployingTheOthersOwnerAreBothGRAS28() {
        var m = Market()
        for f in ["F1", "F2", "F3"] { m.node(f, .firm) }
        m.node("E", .person)
        m.node("O", .person)
        m.tie("E", .employedBy, "F1", from: "2019-01-01")
        m.tie("E", .employedBy, "F2", from: "2019-01-01")
        m.tie("O", .owns, "F3")
        m.tie("O", .employedBy, "F1", from: "2018-01-01", to: "2022-01-01")
        m.tender("T1", bids: [("F1", 100), ("F2", 105), ("F3", 108)], winner: "F3")
        let pairs = m.scan().linkedBidders.map { (m.names($0.firms), $0.links.map(\.kind), $0.links.map { m.names[Int($0.via)] }) }
        #expect(pairs.count == 2)
        #expect(pairs.contains { $0.0 == ["F1", "F2"] && $0.1 == [.commonEmployee] && $0.2 == ["E"] })
        #expect(pairs.contains { $0.0 == ["F1", "F3"] && $0.1 == [.commonEmployee] && $0.2 == ["O"] })
    }

    @Test func sharedAddressPhoneAndAccountantAreRegistrationLinks() {
        var m = Market()
        for f in ["F1", "F2"] { m.node(f, .firm) }
        m.node("addr", .address)
        m.node("tel", .phone)
        m.node("Acc", .person)
        m.tie("F1", .registeredAt, "addr")
        m.tie("F2", .registeredAt, "addr")
        m.tie("F1", .hasPhone, "tel")
        m.tie("F2", .hasPhone, "tel")
        m.tie("Acc", .accountantOf, "F1")
        m.tie("Acc", .accountantOf, "F2")
        m.tender("T1", bids: [("F1", 100), ("F2", 105)], winner: "F1")
        let links = m.scan().linkedBidders.first?.links ?? []
        #expect(links.allSatisfy { $0.kind == .commonRegistration && $0.indicator == "2.6.1" })
        #expect(Set(links.map { m.names[Int($0.via)] }) == ["addr", "tel", "Acc"])
    }

    @Test func aTenderWithOneBidderHasNoPairs() {
        var m = Market()
        m.node("P", .person)
        m.node("F1", .firm)
        m.tie("P", .owns, "F1")
        m.tender("T1", bids: [("F1", 100)], winner: "F1")
        let f = m.scan()
        #expect(f.linkedBidders.isEmpty)
        #expect(f.topLosers.isEmpty)
    }

    @Test func perFirmFiguresCountCompetitorsTendersAndWinsAgainstThem() {
        var m = owned()
        m.tender("T2", day: "2020-07-01", bids: [("F1", 90), ("F2", 80)], winner: "F2")
        m.tender("T3", day: "2020-08-01", bids: [("F1", 90), ("F3", 95)], winner: "F1")
        let f = m.scan()
        let f1 = f.sharedCompetitors.first { $0.firm == m["F1"] }!.figures["2.7"]!
        #expect(f1.competitors == 1)
        #expect(f1.tenders == 2)
        // F1 won T1 (against F2) and T3 (not against a linked firm): 1 of 2.
        #expect(f1.winShare == 0.5)
    }
}
