import Foundation
import Testing
import TramaAnalysis
import TramaGraph
import TramaModel

@Suite("Collusion: rings, winner rotation, market allocation")
struct RingTests {
    /// R1–R3 share an owner and take turns winning 9 tenders; O is an outsider in some.
    func ringMarket(rotating: Bool = true) -> Market {
        var m = Market()
        m.node("P", .person)
        for f in ["R1", "R2", "R3"] {
            m.node(f, .firm)
            m.tie("P", .owns, f, from: "2015-01-01")
        }
        let order = rotating ? ["R1", "R2", "R3"] : ["R1", "R1", "R1"]
        for i in 0..<9 {
            let day = "2020-\(String(format: "%02d", i + 1))-01"
            var offers: [(String, Double?)] = [("R1", 100), ("R2", 100), ("R3", 100)].map { ($0.0, $0.0 == order[i % 3] ? 100 : 107) }
            if i % 3 == 0 { offers.append(("O", 110)) }
            m.tender("T\(i)", agency: i % 2 == 0 ? "A1" : "A2", day: day, bids: offers, winner: order[i % 3])
        }
        // R1 and O also meet once, unlinked.
        return m
    }

    @Test func linkedFirmsThatKeepBiddingTogetherFormOneRingWithItsEvidence() {
        let m = ringMarket()
        let f = m.scan()
        #expect(f.rings.count == 1)
        let ring = f.rings[0]
        #expect(m.names(ring.firms) == ["R1", "R2", "R3"])
        #expect(m.names(ring.winners) == ["R1", "R2", "R3"])
        #expect(ring.losers.isEmpty)
        #expect(ring.tenders.count == 9)
        #expect(m.names(ring.agencies) == ["A1", "A2"])
        #expect(ring.value == 900)
        #expect(ring.ties.count == 3 && ring.ties.allSatisfy { $0.kind == .shared(.commonShareholder) && $0.via == m["P"] && $0.coBids == 9 })
        #expect(ring.first == Day(iso: "2020-01-01") && ring.last == Day(iso: "2020-09-01"))
    }

    @Test func linkedFirmsThatMetTooRarelyAreNoRing() {
        var p = CollusionParameters()
        p.ringMinimumCoBids = 10
        #expect(ringMarket().scan(p).rings.isEmpty)
    }

    @Test func strictTurnTakingIsFlaggedAndOneFirmWinningEverythingIsNot() {
        let rotating = ringMarket().scan()
        let r = rotating.rotations.first { $0.source == .ring }!
        #expect(r.sequence.count == 9 && r.flagged && r.pValue < 0.05 && abs(r.evenness - 1) < 1e-12)
        let same = ringMarket(rotating: false).scan()
        // One winner: nothing to rotate, so no test.
        #expect(same.rotations.allSatisfy { !$0.flagged })
    }

    @Test func firmsThatEachKeepTheirOwnBuyersAreAnAllocationPattern() {
        var m = Market()
        // Six buyers; N wins everything at B1–B3, S at B4–B6; neither ever bids at the other's.
        for b in 1...6 {
            for k in 0..<4 {
                let owner = b <= 3 ? "N" : "S"
                m.tender("T\(b)-\(k)", agency: "B\(b)", product: "milk", bids: [(owner, 100), ("X\(b)\(k)", 120)], winner: owner)
            }
        }
        var p = CollusionParameters()
        p.allocationMinimumExpectedOverlap = 1
        let f = m.scan(p)
        #expect(f.allocations.count == 1)
        let a = f.allocations[0]
        #expect(a.market == "milk")
        #expect(m.names(a.firms.map(\.firm)) == ["N", "S"])
        #expect(a.firms.allSatisfy { $0.dominated.count == 3 && $0.wins == 12 })
        #expect((a.avoidances.first?.expectedShared ?? 0) > 1)
    }

    @Test func firmsThatMeetAtTheSameBuyersAreNoAllocation() {
        var m = Market()
        for b in 1...6 {
            for k in 0..<4 {
                let winner = k % 2 == 0 ? "N" : "S"
                m.tender("T\(b)-\(k)", agency: "B\(b)", product: "milk", bids: [("N", 100), ("S", 101)], winner: winner)
            }
        }
        #expect(m.scan().allocations.isEmpty)
    }

    @Test func parametersFileRejectsUnknownNamesAndKeepsDefaults() throws {
        let p = try JSONDecoder().decode(CollusionParameters.self, from: Data(#"{"ownershipDepth": 2}"#.utf8))
        #expect(p.ownershipDepth == 2 && p.maxSharedDegree == CollusionParameters().maxSharedDegree)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CollusionParameters.self, from: Data(#"{"ownershipDepht": 2}"#.utf8))
        }
    }
}
