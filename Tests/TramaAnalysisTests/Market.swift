import TramaAnalysis
import TramaGraph
import TramaModel

/// A hand-built market: firms, people, tenders with bids, and the ties between them, as both
/// the engine graph and the price facts a scan takes.
struct Market {
    var builder = GraphBuilder()
    var names: [String] = []
    var byName: [String: UInt32] = [:]
    var tenders: [TenderFacts] = []
    var bids: [Bid] = []
    var contracts: [ContractFacts] = []

    @discardableResult
    mutating func node(_ name: String, _ kind: EntityKind) -> UInt32 {
        if let n = byName[name] { return n }
        let n = try! builder.addNode(kind: kind.rawValue, handle: Int64(names.count + 1))
        names.append(name)
        byName[name] = n
        return n
    }

    subscript(_ name: String) -> UInt32 { byName[name]! }

    mutating func tie(_ from: String, _ relation: RelationKind, _ to: String, from day: String? = nil, to end: String? = nil) {
        let validity = Validity(from: day.flatMap { Day(iso: $0) } ?? .distantPast, to: end.flatMap { Day(iso: $0) } ?? .distantFuture)
        try! builder.addEdge(from: byName[from]!, to: byName[to]!, kind: relation.rawValue, validity: validity, handle: Int64(builder.edgeCount + 1))
    }

    /// A tender at `agency` on `day` with `(firm, price)` bids; `winner` names the firm that won.
    mutating func tender(
        _ name: String, agency: String = "A1", day: String? = "2020-01-01", estimate: Double? = nil, product: String? = nil, region: String? = nil,
        method: String? = nil, deadline: String? = nil, bids offers: [(String, Double?)], winner: String?
    ) {
        let a = node(agency, .agency)
        let t = node(name, .tender)
        tie(agency, .procures, name)
        tenders.append(TenderFacts(
            node: t, agency: a, published: day.flatMap { Day(iso: $0) }, estimatedPrice: estimate, product: product, region: region, method: method,
            deadline: deadline.flatMap { Day(iso: $0) }))
        for (firm, price) in offers {
            let f = node(firm, .firm)
            tie(firm, .bid, name)
            bids.append(Bid(tender: t, firm: f, value: price, won: firm == winner, day: day.flatMap { Day(iso: $0) }, handle: Int64(bids.count + 1)))
        }
    }

    /// A contract the winner of `tender` signed on `day`.
    mutating func contract(
        _ name: String, tender: String, firm: String, value: Double?, day: String, amendment: Double? = nil, planned: String? = nil, delivered: String? = nil
    ) {
        let c = node(name, .contract)
        tie(firm, .holdsContract, name)
        tie(name, .awardedUnder, tender)
        contracts.append(ContractFacts(
            node: c, tender: byName[tender], firm: byName[firm]!, value: value, day: Day(iso: day), amendment: amendment,
            plannedDelivery: planned.flatMap { Day(iso: $0) }, delivered: delivered.flatMap { Day(iso: $0) }))
    }

    var facts: ProcurementFacts { ProcurementFacts(tenders: tenders, bids: bids, contracts: contracts) }

    func scan(_ parameters: CollusionParameters = CollusionParameters()) -> CollusionFindings {
        let graph = builder.freeze()
        return CollusionAnalysis(parameters: parameters, workers: 2).run(
            graph: graph, facts: ProcurementFacts(tenders: tenders, bids: bids, contracts: contracts))
    }

    func names(_ nodes: [UInt32]) -> [String] { nodes.map { names[Int($0)] } }
    func names(_ pair: FirmPair) -> [String] { [names[Int(pair.first)], names[Int(pair.second)]] }
}
