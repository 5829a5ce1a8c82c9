import Testing
import TramaAnalysis

@Suite("Judge profile: caseload, time to decision and outcomes beside the peers")
struct JudgeProfileTests {
    /// Judge 11: decided in 10, 20, 30 and 40 days, one pending; judges 12 and 13 of the same
    /// court slower; judge 21 in another court.
    static func docket() -> Docket {
        var d = Docket()
        let decisions = [("2021-01-11", "Plaintiff"), ("2021-01-21", "plaintiff "), ("2021-01-31", "defendant"), ("2021-02-10", "Settled")]
        for (decided, outcome) in decisions {
            d.add(judge: 11, court: 1, outcome: outcome, filed: "2021-01-01", decided: decided)
        }
        d.add(judge: 11, court: 1, filed: "2021-03-01")
        d.add(judge: 12, court: 1, outcome: "defendant", filed: "2021-01-01", decided: "2021-04-11")
        d.add(judge: 12, court: 1, outcome: "defendant", filed: "2021-01-01", decided: "2021-05-21")
        d.add(judge: 13, court: 1, outcome: "plaintiff", filed: "2021-01-01", decided: "2021-03-02")
        d.add(judge: 13, court: 1, filed: "2021-01-01")
        d.add(judge: 21, court: 2, outcome: "plaintiff", filed: "2021-01-01", decided: "2021-01-02")
        return d
    }

    @Test func medianAndSharesOfTheJudgeAndOfThePeersPooledWithoutTheJudge() throws {
        let d = Self.docket()
        let profiles = JudgeProfile.profiles(cases: d.cases, peers: JudgePeers(cases: d.cases, minimumCases: 1))
        #expect(profiles.map(\.judge) == [11, 12, 13, 21])
        let p = try #require(profiles.first)
        #expect(p.court == 1 && p.peers == [12, 13])
        #expect(p.figures.cases == 5 && p.figures.decided == 4 && p.figures.pending == 1)
        #expect(p.figures.medianDaysToDecision == 25)
        #expect(p.figures.outcomes == ["plaintiff": 2, "defendant": 1, "settled": 1])
        #expect(p.figures.share(of: "plaintiff") == 0.5 && p.figures.share(of: "settled") == 0.25)
        let peers = try #require(p.peerFigures)
        // Four cases of judges 12 and 13, none of 11's or of the other court's.
        #expect(peers.judges == 2 && peers.cases == 4 && peers.decided == 3 && peers.pending == 1)
        // 100, 140 and 60 days.
        #expect(peers.medianDaysToDecision == 100)
        #expect(peers.share(of: "defendant") == 2.0 / 3 && peers.share(of: "settled") == 0)
        #expect(p.caseloadRatio == 2.5 && p.medianDaysDifference == -75)
        #expect(p.outcomes == ["defendant", "plaintiff", "settled"])
        // Judge 21 sits alone in court 2.
        #expect(profiles.last?.peerFigures == nil && profiles.last?.caseloadRatio == nil)
    }

    @Test func peersWhoHeardTooFewCasesGiveNoBaseline() {
        let d = Self.docket()
        let profiles = JudgeProfile.profiles(cases: d.cases, peers: JudgePeers(cases: d.cases, minimumCases: 5))
        // Judge 11's peers heard 4 cases; judge 12's (11 and 13) heard 7.
        #expect(profiles[0].peerFigures == nil && profiles[0].peers.isEmpty)
        #expect(profiles[1].peerFigures?.cases == 7)
    }

    @Test func aJudgesCourtIsWhereMostOfTheirCasesAre() {
        var d = Self.docket()
        d.add(judge: 21, court: 1, outcome: nil)
        d.add(judge: 21, court: 1, outcome: nil)
        let peers = JudgePeers(cases: d.cases, minimumCases: 1)
        #expect(peers.court(of: 21) == 1 && peers.peers(of: 11) == [12, 13, 21])
        // A tie goes to the lower court node.
        d.add(judge: 12, court: 2, outcome: nil)
        d.add(judge: 12, court: 2, outcome: nil)
        #expect(JudgePeers(cases: d.cases, minimumCases: 1).court(of: 12) == 1)
    }
}
