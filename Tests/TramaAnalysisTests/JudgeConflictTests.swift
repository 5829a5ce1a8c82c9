import Foundation
import Testing
import TramaAnalysis
import TramaGraph
import TramaModel

/// Hand-built courts: a judge, a case filed on a day, its parties and lawyers, and the ties
/// outside the case that may or may not make a conflict on that day.
struct Courtroom {
    var market = Market()

    init() {
        market.node("judge", .judge)
        market.node("case", .case)
        market.node("plaintiff", .firm)
        market.node("defendant", .person)
        market.node("counsel", .lawyer)
        market.tie("judge", .presides, "case", from: "2021-03-01")
        market.tie("plaintiff", .partyTo, "case", from: "2021-03-01")
        market.tie("defendant", .partyTo, "case", from: "2021-03-01")
        market.tie("counsel", .counselIn, "case", from: "2021-03-01")
    }

    mutating func node(_ name: String, _ kind: EntityKind) { market.node(name, kind) }
    mutating func tie(_ a: String, _ r: RelationKind, _ b: String, from: String? = nil, to: String? = nil) { market.tie(a, r, b, from: from, to: to) }

    /// The case's conflicts on `filed`, as `party|lawyer` and the chain's node names.
    func conflicts(filed: String? = "2021-03-01", _ parameters: JudicialParameters = JudicialParameters()) -> [(String, [String])] {
        let graph = market.builder.freeze()
        let c = CaseFacts(
            node: market["case"], judge: market["judge"], filed: filed.flatMap { Day(iso: $0) },
            parties: [CaseParty(node: market["plaintiff"], role: "plaintiff", lawyers: [market["counsel"]]), CaseParty(node: market["defendant"], role: "defendant")])
        return JudgeConflictScreen(parameters: parameters).conflicts(in: c, graph: graph).map { conflict in
            let target = conflict.reaches == .lawyer ? "lawyer of " + market.names[Int(conflict.party)] : market.names[Int(conflict.party)]
            return (target, market.names(conflict.path.nodes))
        }
    }
}

@Suite("Judge conflicts: ties outside the case, valid on the filing day")
struct JudgeConflictTests {
    @Test func aRelativeWhoOwnsThePartyIsAConflict() {
        var court = Courtroom()
        court.node("son", .person)
        court.tie("judge", .relativeOf, "son")
        court.tie("son", .owns, "plaintiff", from: "2015-01-01")
        let found = court.conflicts()
        #expect(found.count == 1)
        #expect(found.first?.0 == "plaintiff" && found.first?.1 == ["judge", "son", "plaintiff"])
    }

    @Test func aShareholdingThatEndedBeforeTheCaseIsNot() {
        var court = Courtroom()
        court.node("son", .person)
        court.tie("judge", .relativeOf, "son")
        court.tie("son", .owns, "plaintiff", from: "2015-01-01", to: "2021-02-28")
        #expect(court.conflicts().isEmpty)
        // Ending on the filing day still counts: the tie was there that day.
        var sameDay = Courtroom()
        sameDay.node("son", .person)
        sameDay.tie("judge", .relativeOf, "son")
        sameDay.tie("son", .owns, "plaintiff", from: "2015-01-01", to: "2021-03-01")
        #expect(sameDay.conflicts().count == 1)
    }

    @Test func aShareholdingBoughtAfterTheFilingIsNot() {
        var court = Courtroom()
        court.node("son", .person)
        court.tie("judge", .relativeOf, "son")
        court.tie("son", .owns, "plaintiff", from: "2021-06-01")
        #expect(court.conflicts().isEmpty)
        // A case with no filing date is judged on every tie whatever its dates.
        #expect(court.conflicts(filed: nil).count == 1)
    }

    @Test func theJudgesRelativeAsAPartysLawyerIsAConflictThroughTheLawyer() {
        var court = Courtroom()
        court.tie("judge", .relativeOf, "counsel")
        let found = court.conflicts()
        #expect(found.count == 1)
        #expect(found.first?.0 == "lawyer of plaintiff" && found.first?.1 == ["judge", "counsel"])
    }

    @Test func aChainLongerThanTheHopsIsNotAConflict() {
        var court = Courtroom()
        for n in ["sister", "holding1", "holding2"] { court.node(n, n == "sister" ? .person : .firm) }
        court.tie("judge", .relativeOf, "sister")
        court.tie("sister", .owns, "holding1")
        court.tie("holding1", .owns, "holding2")
        court.tie("holding2", .owns, "plaintiff")
        #expect(court.conflicts().isEmpty)
        var four = JudicialParameters()
        four.hops = 4
        #expect(court.conflicts(four).first?.1 == ["judge", "sister", "holding1", "holding2", "plaintiff"])
    }

    @Test func theCaseItselfAndTheCourtAreNotTies() {
        var court = Courtroom()
        court.node("court", .court)
        court.node("other case", .case)
        court.tie("judge", .servesAt, "court")
        court.tie("plaintiff", .partyTo, "other case")
        court.tie("judge", .presides, "other case")
        court.tie("case", .heardIn, "court")
        #expect(court.conflicts().isEmpty)
    }

    @Test func aDonationByThePartyToTheAppointingPoliticianIsAConflict() {
        var court = Courtroom()
        court.node("governor", .candidate)
        court.tie("governor", .appointed, "judge", from: "2019-01-15")
        court.tie("plaintiff", .donatedTo, "governor", from: "2018-01-01")
        #expect(court.conflicts().first?.1 == ["judge", "governor", "plaintiff"])
        // Through the party's owner, too.
        var owner = Courtroom()
        owner.node("governor", .candidate)
        owner.node("owner", .person)
        owner.tie("governor", .appointed, "judge", from: "2019-01-15")
        owner.tie("owner", .donatedTo, "governor", from: "2018-01-01")
        owner.tie("owner", .owns, "plaintiff")
        #expect(owner.conflicts().first?.1 == ["judge", "governor", "owner", "plaintiff"])
    }

    @Test func aDonationByThePartysEmployeeOrAnAppointmentAfterTheFilingIsNot() {
        var court = Courtroom()
        court.node("governor", .candidate)
        court.node("clerk", .person)
        court.tie("governor", .appointed, "judge", from: "2019-01-15")
        court.tie("clerk", .donatedTo, "governor", from: "2018-01-01")
        court.tie("clerk", .employedBy, "plaintiff")
        #expect(court.conflicts().isEmpty)
        var later = Courtroom()
        later.node("governor", .candidate)
        later.tie("governor", .appointed, "judge", from: "2022-01-15")
        later.tie("plaintiff", .donatedTo, "governor", from: "2018-01-01")
        #expect(later.conflicts().isEmpty)
    }

    @Test func aSuperNodeIsNotPassedThrough() {
        var court = Courtroom()
        court.node("ministry", .agency)
        court.tie("judge", .employedBy, "ministry")
        court.tie("defendant", .employedBy, "ministry")
        #expect(court.conflicts().count == 1)
        for i in 0..<60 {
            court.node("civil servant \(i)", .person)
            court.tie("civil servant \(i)", .employedBy, "ministry")
        }
        #expect(court.conflicts().isEmpty)
    }

    @Test func unknownParameterNamesAreRejected() throws {
        let data = Array(#"{"hops": 2, "hopz": 3}"#.utf8)
        #expect(throws: (any Error).self) { try JSONDecoder().decode(JudicialParameters.self, from: Data(data)) }
        let ok = try JSONDecoder().decode(JudicialParameters.self, from: Data(#"{"hops": 2}"#.utf8))
        #expect(ok.hops == 2 && ok.maxDegree == JudicialParameters().maxDegree)
    }
}
