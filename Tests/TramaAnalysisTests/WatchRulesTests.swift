import Testing
import TramaGraph
import TramaModel
@testable import TramaAnalysis

/// The watch rules on a hand-built register: Alfa bids and is sanctioned; Dona owns Alfa and,
/// until 2020, Beta (a shared owner); an agent holds too many firms to count; Alfa reaches the ministry
/// through its tender in two hops.
@Suite("Watch rules: activity, control, shared owners, connections")
struct WatchRulesTests {
    func register() -> (Market, CSRGraph) {
        var m = Market()
        for p in ["Dona", "Agent", "Rep"] { m.node(p, .person) }
        for f in ["Alfa", "Beta"] + (0..<60).map { "Shell \($0)" } { m.node(f, .firm) }
        m.node("T1", .tender)
        m.node("Ministry", .agency)
        m.node("Debarment", .sanctioningBody)
        m.tie("Alfa", .bid, "T1", from: "2020-03-01")
        m.tie("Ministry", .procures, "T1")
        m.tie("Alfa", .sanctionedBy, "Debarment", from: "2021-01-01", to: "2022-12-31")
        m.tie("Dona", .owns, "Alfa", from: "2019-01-01")
        m.tie("Dona", .owns, "Beta", from: "2019-01-01", to: "2020-12-31")
        m.tie("Rep", .legalRepresentativeOf, "Alfa")
        m.tie("Agent", .owns, "Alfa")
        for i in 0..<60 { m.tie("Agent", .owns, "Shell \(i)") }
        return (m, m.builder.freeze())
    }

    @Test func activityIsEachRelationshipOfTheEventsLeavingAWatchedEntity() {
        let (m, g) = register()
        let all = WatchRules.activity(graph: g, watched: [m["Alfa"]], events: Set(WatchEvent.allCases))
        #expect(Set(all.map { "\($0.detail) \(m.names[Int($0.nodes[1])])" }) == ["bids T1", "sanctioned Debarment"])
        #expect(WatchRules.activity(graph: g, watched: [m["Alfa"]], events: [.bids]).count == 1)
        // Valid at a date: the sanction ran 2021–2022.
        #expect(WatchRules.activity(graph: g, watched: [m["Alfa"]], events: [.sanctioned], at: Day(iso: "2023-06-01")).isEmpty)
    }

    @Test func controlNamesOwnersRepresentativesAndFirmsSharingAnOwnerButNotAnAgentsHundreds() {
        let (m, g) = register()
        let found = WatchRules.control(graph: g, watched: [m["Alfa"]], maximumHoldings: 50)
        let named = Set(found.map { "\($0.kind.rawValue) \($0.detail) " + $0.nodes.dropFirst().map { m.names[Int($0)] }.joined(separator: "/") })
        #expect(named == ["control owns Dona", "control owns Agent", "control legal_representative_of Rep", "shared_owner owns Beta/Dona"])
        #expect(found.first { $0.kind == .sharedOwner }?.edges.count == 2, "both holdings are the evidence")
        // Dona sold Beta in 2020: by 2023 they share no owner.
        #expect(!WatchRules.control(graph: g, watched: [m["Alfa"]], at: Day(iso: "2023-01-01")).contains { $0.kind == .sharedOwner })
    }

    @Test func connectionsFindEachListedEntityWithinTheHopsWithItsPath() {
        let (m, g) = register()
        var filter = PathFilter()
        filter.maxHops = 2
        let found = WatchRules.connections(graph: g, from: [m["Alfa"]], to: [m["Ministry"], m["Beta"]], filter: filter)
        #expect(Set(found.map { m.names[Int($0.nodes.last!)] }) == ["Ministry", "Beta"])
        let ministry = found.first { $0.nodes.last == m["Ministry"] }!
        #expect(ministry.nodes.map { m.names[Int($0)] } == ["Alfa", "T1", "Ministry"] && ministry.edges.count == 2)
        filter.maxHops = 1
        #expect(WatchRules.connections(graph: g, from: [m["Alfa"]], to: [m["Ministry"]], filter: filter).isEmpty)
    }
}
