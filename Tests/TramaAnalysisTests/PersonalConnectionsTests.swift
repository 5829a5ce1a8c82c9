import Testing
import TramaGraph
import TramaModel
@testable import TramaAnalysis

/// GRAS 4.2 and 4.3 on a hand-built town: a procurement officer whose brother owns a supplier,
/// a mayor who owns one herself, a losing candidate who owns one, and ties out of time.
@Suite("Personal connections (GRAS 4.2, 4.3)")
struct PersonalConnectionsTests {
    func town() -> (Market, [Candidate]) {
        var m = Market()
        for p in ["Officer", "Brother", "Mayor", "Loser", "Former", "Son"] { m.node(p, .person) }
        for f in ["Family Ltd", "Mayor Ltd", "Loser Ltd", "Old Ltd", "Other Ltd", "Son Ltd"] { m.node(f, .firm) }
        m.node("A1", .agency)
        m.node("A2", .agency)
        m.node("C-Mayor", .candidate)
        m.node("C-Loser", .candidate)
        m.tie("Officer", .employedBy, "A1", from: "2018-01-01", to: "2022-12-31")
        m.tie("Officer", .relativeOf, "Brother")
        m.tie("Brother", .owns, "Family Ltd", from: "2019-01-01")
        m.tie("Mayor", .stoodAs, "C-Mayor")
        m.tie("Mayor", .owns, "Mayor Ltd", from: "2015-01-01")
        // The mayor's son represents another firm: an indirect tie to a politician.
        m.tie("Son", .relativeOf, "Mayor")
        m.tie("Son", .legalRepresentativeOf, "Son Ltd")
        m.tie("Loser", .stoodAs, "C-Loser")
        m.tie("Loser", .legalRepresentativeOf, "Loser Ltd")
        // A shareholding that ended before the officer joined A1 is no tie.
        m.tie("Former", .relativeOf, "Officer")
        m.tie("Former", .owns, "Old Ltd", from: "2000-01-01", to: "2010-12-31")
        let contracts: [(String, String, String, String)] = [
            ("K1", "Family Ltd", "A1", "2020-06-01"), ("K2", "Family Ltd", "A2", "2020-06-01"), ("K3", "Family Ltd", "A1", "2023-06-01"),
            ("K4", "Family Ltd", "A1", "2018-06-01"), ("K5", "Mayor Ltd", "A2", "2021-06-01"), ("K6", "Loser Ltd", "A2", "2021-06-01"),
            ("K7", "Son Ltd", "A2", "2019-06-01"), ("K8", "Son Ltd", "A2", "2022-06-01"),
        ]
        for (k, firm, agency, day) in contracts {
            m.tender("T-" + k, agency: agency, day: day, region: agency == "A2" ? " Springfield" : "Shelbyville", bids: [(firm, 100)], winner: firm)
            m.contract(k, tender: "T-" + k, firm: firm, value: 100, day: day)
        }
        let candidates = [
            Candidate(node: m["C-Mayor"], elected: true, jurisdiction: "springfield", year: 2020),
            Candidate(node: m["C-Loser"], elected: false, jurisdiction: "springfield", year: 2020),
        ]
        return (m, candidates)
    }

    func run() -> (Market, [Official], [String: PersonalConnections.Figures]) {
        let (m, candidates) = town()
        let graph = m.builder.freeze()
        let officials = PersonalConnections().officials(graph: graph, candidates: candidates)
        let figures = PersonalConnections().run(graph: graph, facts: m.facts, officials: officials)
        return (m, officials, Dictionary(uniqueKeysWithValues: figures.map { ("\(m.names[Int($0.firm)])/\($0.role.rawValue)", $0) }))
    }

    @Test func officialsAreTheAgenciesEmployeesAndThePeopleWhoStood() {
        let (m, officials, _) = run()
        #expect(Set(officials.map { "\(m.names[Int($0.person)]):\($0.role.rawValue)" }) == ["Officer:bureaucrat", "Mayor:politician", "Loser:politician"])
        #expect(officials.first { $0.role == .politician && $0.elected }?.tenure?.to == Day(iso: "2024-12-31"))
    }

    @Test func aRelativesFirmIsAnIndirectConnectionToTheBureaucrat() {
        let (_, _, f) = run()
        #expect(Set(f.keys) == ["Family Ltd/bureaucrat", "Mayor Ltd/politician", "Loser Ltd/politician", "Son Ltd/politician"])
        #expect(f["Family Ltd/bureaucrat"]?.connections.map(\.link) == [.indirect])
        #expect(f["Mayor Ltd/politician"]?.direct == true)
        #expect(f["Son Ltd/politician"]?.connections.map(\.link) == [.indirect] && f["Son Ltd/politician"]?.direct == false)
    }

    @Test func contractsCountFromTheOfficialsBodyWhileInPostAfterTheTieBegan() {
        let (m, _, f) = run()
        let facts = m.facts
        func names(_ key: String) -> [String]? { f[key]?.contracts.map { m.names[Int(facts.contracts[$0.contract].node)] } }
        // K2 is another body's, K3 after the officer left, K4 before the brother's shares.
        #expect(names("Family Ltd/bureaucrat") == ["K1"])
        #expect(f["Family Ltd/bureaucrat"]?.share == 0.25)
        #expect(names("Mayor Ltd/politician") == ["K5"])
        // The son's firm: K7 came before the term (2020–2024), K8 during it.
        #expect(names("Son Ltd/politician") == ["K8"])
        // A candidate who lost holds no office: connected (4.2.1), but no contracts follow.
        #expect(names("Loser Ltd/politician") == [])
    }

    /// GRAS 4.2's "in power" variant: a dated tie that held during the term (the mayor's own
    /// shares, the brother's during the officer's employment); the son's undated representation
    /// and the loser's are not known to have been one.
    @Test func aTieHeldInPostOnlyWhenItIsDatedAndOverlapsTheTerm() {
        let (_, _, f) = run()
        #expect(f["Mayor Ltd/politician"]?.connections.map(\.whileInPost) == [true])
        #expect(f["Family Ltd/bureaucrat"]?.connections.map(\.whileInPost) == [true])
        #expect(f["Son Ltd/politician"]?.connections.map(\.whileInPost) == [false])
        #expect(f["Loser Ltd/politician"]?.connections.map(\.whileInPost) == [false])
    }
}
