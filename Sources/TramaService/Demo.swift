public import Foundation
import TramaAnalysis
import TramaGraph
import TramaIngest
import TramaRender
import TramaWorld

/// The README's first command: a generated world in the store, questions about its planted
/// patterns answered with provenance, and their maps drawn.
public struct Demo: Sendable {
    public var out: URL
    public var firms = 2_000
    public var seed: UInt64 = 7
    public var dataset = "demo-world"

    public init(out: URL, firms: Int = 2_000, seed: UInt64 = 7) {
        self.out = out
        self.firms = firms
        self.seed = seed
    }

    /// Runs the demo, telling `say` what it does; returns the files written.
    @discardableResult
    public func run(session: Session, say: (String) -> Void) throws -> [URL] {
        let clock = ContinuousClock()
        let world = out.appendingPathComponent("world")
        say("1. Generating a synthetic world of \(firms) firms (seed \(seed)) in \(world.path)")
        let summary = try WorldGenerator(config: WorldConfig(firms: firms, seed: seed)).write(to: world)
        let truth = summary.truth
        say("   planted: \(truth.rings.count) collusion rings, \(truth.topLosers.count) top losers, \(truth.fixedDifferencePairs.count) fixed-difference pairs, "
            + "\(truth.judgeConflicts.count) judge conflicts, \(truth.politicalWinners.count) politically connected winners (see truth.json)")

        say("2. Importing it into \(session.location) as dataset '\(dataset)'")
        let report = try DatasetImporter(store: session.store).importGRAS(directory: world, options: .init(dataset: dataset))
        if report.unchanged {
            say("   unchanged since the last demo: nothing to import (\(report.nodes) entities, \(report.edges) relationships)")
        } else {
            say(String(format: "   %d records → %d entities, %d relationships in %.1f s", report.records, report.nodes, report.edges, report.seconds))
        }

        let started = clock.now
        let (graph, _) = try session.loadGraph()
        say(String(format: "3. Loaded the graph into the engine: %d entities, %d relationships in %.2f s", graph.nodeCount, graph.edgeCount,
            (clock.now - started) / .seconds(1)))

        let theme = try Theme.load(from: session.resources.theme("default"))
        let renderer = GraphvizRenderer()
        var written: [URL] = []
        func draw(_ map: NetworkMap, _ name: String) throws {
            for format in [RenderFormat.svg, .png] {
                let url = out.appendingPathComponent("\(name).\(format.rawValue)")
                try Data(try renderer.render(map, theme: theme, format: format)).write(to: url)
                written.append(url)
            }
        }
        func ask(_ q: PathQuery) throws -> PathAnswer { try q.run(on: graph, store: session.store) }
        // Registered agents and mass addresses hold hundreds of firms: not a link between two of them.
        let maxDegree = 150
        let ownership = ["owns", "employed_by", "legal_representative_of", "accountant_of"]

        if let ring = truth.rings.first {
            say("4. Ring \(ring.id): \(ring.firms.count) firms that bid together in \(ring.tenders.count) tenders and take turns winning. How are they tied?")
            var layers: [(PathAnswer, Bool)] = []
            for other in ring.firms.dropFirst() {
                let a = try ask(PathQuery(from: "firm:\(ring.firms[0])", to: "firm:\(other)", relations: ownership, maxDegree: maxDegree))
                say(indent(a.text))
                layers.append((a, true))
            }
            let cobid = try ask(PathQuery(from: "firm:\(ring.firms[0])", to: "firm:\(ring.firms[1])", relations: ["bid", "procures"]))
            say(indent(cobid.text))
            layers.append((cobid, false))
            try draw(PathAnswer.map(title: "Ring \(ring.id): firms that co-bid and share \(ring.link == .employee ? "an employee" : "an owner")",
                subtitle: "a pattern to review, not a finding of collusion", layers: layers), "ring")
        }
        if let c = truth.judgeConflicts.first(where: { $0.relation == .relativeOwnsParty }) ?? truth.judgeConflicts.first {
            let day = try PathQuery.day(c.filed)
            say("5. Judge \(c.judge) presides case \(c.case) (filed \(c.filed)); is a party linked to the judge outside the case?")
            let outside = RelationKind.allCases.map(\.rawValue).filter { !["presides", "party_to", "counsel_in", "heard_in"].contains($0) }
            let link = try ask(PathQuery(from: "person:\(c.judge)", to: "firm:\(c.party)", maxHops: 3, relations: outside, at: day, maxDegree: maxDegree))
            say(indent(link.text))
            let inCase = try ask(PathQuery(from: "person:\(c.judge)", to: "firm:\(c.party)", maxHops: 2, relations: ["presides", "party_to"]))
            say(indent(inCase.text))
            try draw(PathAnswer.map(title: "Judge \(link.from.name ?? c.judge): a party in case \(c.case) is linked to the judge",
                subtitle: "relationships valid on \(c.filed), the filing date", layers: [(link, true), (inCase, false)]), "judge-conflict")
        }
        if let p = truth.politicalWinners.first {
            say("6. Firm \(p.firm) won \(p.contracts.count) contracts from \(p.agency) after funding candidate \(p.candidate). The trail:")
            let money = try ask(PathQuery(from: "firm:\(p.firm)", to: "candidate:\(p.candidate)", maxHops: 3, relations: ["owns", "donated_to"]))
            say(indent(money.text))
            let contract = try ask(PathQuery(from: "firm:\(p.firm)", to: "agency:\(p.agency)", maxHops: 3, relations: ["holds_contract", "awarded_under", "procures"]))
            say(indent(contract.text))
            try draw(PathAnswer.map(title: "Donation, then contracts: \(money.from.name ?? p.firm)", subtitle: "GRAS 4.1 political finance",
                layers: [(money, true), (contract, false)]), "political-winner")
        }
        say("7. Collusion scan (GRAS group 2): every tender's bidders, their shared owners, employees and registration data, top losers, price screens, rings")
        let scan = try CollusionScan().run(session: session, graph: graph)
        let f = scan.findings
        say(String(format: "   %.1f s: %d linked co-bidder pairs, %d top losers, %d fixed-difference pairs, %d rings (stored as run %d)", scan.seconds,
            f.linkedBidders.count, f.topLosers.filter(\.isTopLoser).count, f.constantRelations.filter { $0.relation != .multiple }.count, f.rings.count,
            scan.runID))
        let score = try CollusionScore.score(reports: CollusionReports(store: session.store), truth: truth)
        say(indent(score.text))
        try draw(try CollusionReports(store: session.store).ringsMap(top: 4), "rings")
        say("   read them with `trama collusion rings|top-losers|pairs` and `trama flags`")

        say("8. Maps written:")
        for url in written { say("   \(url.path)") }
        return written
    }

    private func indent(_ s: String) -> String { s.split(separator: "\n", omittingEmptySubsequences: false).map { "   " + $0 }.joined(separator: "\n") }
}
