import Foundation
public import TramaAnalysis
import TramaModel
public import TramaGraph
public import TramaStore

/// `trama collusion scan`: loads the graph and the market's prices, runs every collusion
/// screen, names every entity by its `kind:key`, and stores the results as one run (with its
/// parameters and period) for `trama collusion pairs|top-losers|rings`, `trama flags` and the API.
public struct CollusionScan: Sendable {
    public var parameters = CollusionParameters()
    /// Only tenders dated within this period (publication, else first bid) are screened.
    public var period: Validity?

    public init(parameters: CollusionParameters = CollusionParameters(), period: Validity? = nil) {
        self.parameters = parameters
        self.period = period
    }

    /// What a scan did, for the command's summary line and the benchmark.
    public struct Report: Sendable {
        public var runID: Int
        public var findings: CollusionFindings
        /// Seconds per stage: graph load and the market's rows read beside it, the rows mapped
        /// to the graph, each screen (some side by side), naming, storing.
        public var timings: [(String, Double)]
        public var counts: [(String, Int)]
        public var seconds: Double

        /// What `trama collusion scan --format json` prints.
        public var answer: CollusionScanAnswer {
            CollusionScanAnswer(run: runID, seconds: seconds, counts: NamedValues(counts), timings: NamedValues(timings))
        }
    }

    public func run(session: Session, graph loaded: CSRGraph? = nil) throws -> Report {
        let clock = ContinuousClock()
        let started = clock.now
        var timings: [(String, Double)] = []
        func lap(_ name: String, since: ContinuousClock.Instant) { timings.append((name, (clock.now - since) / .seconds(1))) }
        var t = clock.now
        let graph: CSRGraph
        let rows: ProcurementRows
        if let loaded {
            graph = loaded
            rows = try session.store.procurementRows()
            lap("read prices", since: t)
        } else {
            // The market's rows are read while the graph loads (each on connections of its
            // own): the first load after an import reads the rows and stores the packed
            // topology, and PostgreSQL's part of the two overlaps.
            let (loading, reading) = Parallelism.both {
                (Result { try session.loadGraph().graph }, clock.now)
            } _: {
                (Result { try session.store.procurementRows() }, clock.now)
            }
            graph = try loading.0.get()
            rows = try reading.0.get()
            timings.append(("load graph", (loading.1 - t) / .seconds(1)))
            timings.append(("read prices", (reading.1 - t) / .seconds(1)))
        }
        t = clock.now
        let facts = Self.facts(from: rows, graph: graph).within(period)
        lap("map prices", since: t)
        let findings = CollusionAnalysis(parameters: parameters).run(graph: graph, facts: facts)
        timings += findings.timings
        t = clock.now
        let documents = try CollusionDocuments(findings: findings, graph: graph, store: session.store)
        lap("name entities", since: t)
        t = clock.now
        let seconds = (clock.now - started) / .seconds(1)
        let runID = try documents.store(in: session.store, period: period, seconds: seconds)
        lap("store results", since: t)
        return Report(
            runID: runID, findings: findings, timings: timings, counts: documents.counts, seconds: (clock.now - started) / .seconds(1))
    }

    /// The store's rows as facts over the graph's node indices, with the buyer of each tender
    /// and the supplier and tender of each contract read from the graph's edges; rows naming
    /// nodes the graph does not have (deleted since the load) are skipped.
    public static func facts(from rows: ProcurementRows, graph: CSRGraph) -> ProcurementFacts {
        func node(_ id: Int64?) -> UInt32? { id.flatMap { graph.node(withHandle: $0) } }
        func day(_ raw: Int32?) -> Day? { raw.map { Day(rawValue: $0) } }
        let procures = graph.edgeKinds.code(RelationKind.procures.rawValue)
        let holds = graph.edgeKinds.code(RelationKind.holdsContract.rawValue)
        let awardedUnder = graph.edgeKinds.code(RelationKind.awardedUnder.rawValue)
        /// The first neighbour of `n` through an edge of `kind`, incoming or outgoing.
        func neighbour(_ n: UInt32, _ kind: KindCode?, incoming: Bool) -> UInt32? {
            guard let kind else { return nil }
            var found: UInt32?
            let visit: (UInt32, UInt32) -> Void = { v, e in if found == nil, graph.edgeKind[Int(e)] == kind { found = v } }
            if incoming { graph.forEachIncoming(n, visit) } else { graph.forEachOutgoing(n, visit) }
            return found
        }
        let tenders = rows.tenders.compactMap { r -> TenderFacts? in
            guard let t = node(r.tender) else { return nil }
            let agency = neighbour(t, procures, incoming: true)
            return TenderFacts(
                node: t, agency: agency, published: day(r.published), estimatedPrice: r.estimatedPrice, product: r.product,
                region: agency.flatMap { rows.regions[graph.nodeHandle[Int($0)]] }, method: r.method, deadline: day(r.deadline))
        }
        let bids = rows.bids.compactMap { r -> Bid? in
            guard let f = node(r.firm), let t = node(r.tender) else { return nil }
            return Bid(tender: t, firm: f, value: r.value, won: r.won, day: day(r.day), handle: r.edge)
        }
        let contracts = rows.contracts.compactMap { r -> ContractFacts? in
            guard let c = node(r.contract), let f = neighbour(c, holds, incoming: true) else { return nil }
            return ContractFacts(
                node: c, tender: neighbour(c, awardedUnder, incoming: false), firm: f, value: r.value, day: day(r.day), amendment: r.amendment,
                plannedDelivery: day(r.plannedDelivery), delivered: day(r.delivered))
        }
        return ProcurementFacts(tenders: tenders, bids: bids, contracts: contracts)
    }
}
