import Foundation
import TramaAnalysis
import TramaGraph
import TramaService
import TramaStore

extension TramaBench {
    /// GRAS 2.7.1 — co-bidders sharing a shareholder, directly and up ownership chains, valid on
    /// the bid date — computed by the scan's link stage and by one SQL statement
    /// (`queries/bench_common_shareholder.sql`) on the same store, at depth 1 and 3; pair
    /// counts must agree. The engine's figure excludes loading; the end-to-end figure includes
    /// loading the graph and the prices from PostgreSQL. Best of three for the engine, one run
    /// of each SQL statement (after a warm-up read of the tables).
    func collusionAgainstSQL() throws {
        let session = try Session.open(database: database) { FileHandle.standardError.write(Data("trama-bench: \($0)\n".utf8)) }
        defer { session.close() }
        let clock = ContinuousClock()
        func seconds(_ since: ContinuousClock.Instant) -> Double { (clock.now - since) / .seconds(1) }
        var t = clock.now
        let graph = try session.loadGraph().graph
        let graphSeconds = seconds(t)
        t = clock.now
        let facts = try CollusionScan.facts(from: session.store.procurementRows(), graph: graph)
        let factsSeconds = seconds(t)
        print("graph: \(graph.nodeCount) nodes, \(graph.edgeCount) edges (\(String(format: "%.2f", graphSeconds)) s); "
            + "\(facts.bids.count) bids in \(facts.tenders.count) tenders (\(String(format: "%.2f", factsSeconds)) s)")
        var scanBest = Double.infinity
        for _ in 0..<3 {
            let start = clock.now
            _ = CollusionAnalysis().run(graph: graph, facts: facts)
            scanBest = min(scanBest, seconds(start))
        }
        print("full collusion scan in memory (every indicator, rings, rotation, allocation; default parameters): "
            + "\(String(format: "%.2f", scanBest)) s, \(String(format: "%.2f", scanBest + graphSeconds + factsSeconds)) s with loading")
        _ = try session.store.withConnection { try $0.execute("SELECT count(*) FROM edges e JOIN kinds k ON k.code = e.kind_code WHERE k.name IN ('bid', 'owns')", name: "warm-up") }
        for depth in [1, 3] {
            var p = CollusionParameters()
            p.ownershipDepth = depth
            var best = Double.infinity
            var pairs = 0
            for _ in 0..<3 {
                let start = clock.now
                let linked = CollusionAnalysis(parameters: p).linkedBidders(graph: graph, facts: facts)
                best = min(best, seconds(start))
                pairs = linked.filter { $0.links.contains { $0.indicator == "2.7.1" } }.count
            }
            let start = clock.now
            let sql = try session.store.execute(.benchCommonShareholder, [String(depth), String(p.maxSharedDegree)]).scalar.flatMap { Int($0) } ?? -1
            let sqlSeconds = seconds(start)
            let endToEnd = best + graphSeconds + factsSeconds
            print("common shareholder, depth \(depth): Trama \(pairs) pairs in \(String(format: "%.3f", best)) s "
                + "(\(String(format: "%.2f", endToEnd)) s with loading); SQL \(sql) pairs in \(String(format: "%.2f", sqlSeconds)) s; "
                + "SQL ÷ Trama \(String(format: "%.0f", sqlSeconds / best))× (\(String(format: "%.1f", sqlSeconds / endToEnd))× with loading); "
                + (sql == pairs ? "counts agree" : "COUNTS DIFFER"))
        }
    }
}
