import Foundation
import Testing
@testable import TramaGraph

@Suite("CSR graph and days")
struct CSRGraphTests {
    @Test func freezeKeepsEveryEdgeReachableFromBothEnds() throws {
        var t = Toy(nodes: ["a", "b", "c"])
        t.edge("c", "a", handle: 30); t.edge("a", "b", handle: 10); t.edge("b", "a", handle: 20); t.edge("a", "a", handle: 40)
        let g = t.freeze()
        g._checkInvariants()
        #expect(g.nodeCount == 3 && g.edgeCount == 4)
        #expect(g.outDegree(t["a"]) == 2 && g.inDegree(t["a"]) == 3 && g.degree(t["a"]) == 5)
        var seen: [Int64] = []
        g.forEachIncident(t["a"]) { _, e in seen.append(g.edgeHandle[Int(e)]) }
        #expect(seen.sorted() == [10, 20, 30, 40, 40])
        for e in 0..<UInt32(g.edgeCount) {
            #expect(g.otherEnd(of: e, from: g.source(of: e)) == g.target(of: e))
        }
    }

    @Test func nodesAreFoundByStoreHandle() throws {
        var b = GraphBuilder()
        for h in [3, 8, 15, 42] as [Int64] { _ = try b.addNode(kind: "firm", handle: h) }
        let g = b.freeze()
        #expect(g.node(withHandle: 15) == 2)
        #expect(g.node(withHandle: 16) == nil)
    }

    @Test func daysRoundTripAndRejectImpossibleDates() {
        #expect(Day(iso: "1970-01-01")?.rawValue == 0)
        #expect(Day(iso: "2000-03-01")!.rawValue - Day(iso: "2000-02-28")!.rawValue == 2)
        #expect(Day(iso: "1900-03-01")!.rawValue - Day(iso: "1900-02-28")!.rawValue == 1)
        for s in ["1969-12-31", "2024-02-29", "1600-01-01", "2099-12-31"] { #expect(Day(iso: s)?.iso == s) }
        for s in ["2023-02-29", "2019-13-01", "2019-1-01", "20190101", "2019-00-10", "abcd-ef-gh"] { #expect(Day(iso: s) == nil) }
        // Every day of years 0 to 9999 is written as its components say, padded; others too.
        for raw in stride(from: Day(year: 0, month: 1, day: 1)!.rawValue, through: Day(year: 9999, month: 12, day: 31)!.rawValue, by: 997) {
            let day = Day(rawValue: raw)
            let (y, m, d) = day.components
            #expect(day.iso == String(format: "%04d-%02d-%02d", y, m, d))
            #expect(Day(iso: day.iso) == day)
        }
        #expect(Day(year: 12_000, month: 5, day: 6)!.iso == "12000-05-06")
        #expect(Day(year: 999, month: 1, day: 2)!.iso == "0999-01-02")
    }

    @Test func kindSetsHoldEveryCode() {
        var s = KindSet.none
        for c: KindCode in [0, 63, 64, 127, 128, 255] { s.insert(c) }
        #expect(s.contains(0) && s.contains(63) && s.contains(64) && s.contains(255))
        #expect(!s.contains(1) && !s.contains(200))
        #expect(KindSet.all.contains(200))
    }
}

@Suite("Store handles")
struct HandlesTests {
    func values(_ h: Handles) -> [Int64] { (0..<h.count).map { h[$0] } }

    @Test func narrowHandlesKeepEveryValueInFourBytes() {
        let v: [Int64] = [1_000_000_007, 1_000_000_001, 1_004_000_000, 1_000_000_001]
        let h = Handles(v)
        #expect(values(h) == v)
        #expect(h.residentBytes == 16)
    }

    @Test func handlesSpanningMoreThanThirtyTwoBitsStayWide() {
        let v: [Int64] = [-5, 1 << 40, 7]
        let h = Handles(v)
        #expect(values(h) == v)
        #expect(h.residentBytes == 24)
        #expect(Handles([]).count == 0)
    }
}
