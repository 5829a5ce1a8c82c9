public import TramaGraph

/// The GRAS collusion risk group (indicators 2.1–2.8, report pp. 12–16, Table 2) and the
/// classic cartel screens beyond it (winner rotation, market allocation, fixed-multiple bids),
/// computed on the engine's graph and a market's prices, then combined into rings.
///
/// Everything here is a pattern to review, not a finding of collusion: firms *share* an owner,
/// *co-bid*, *lose to* the same winner.
public struct CollusionAnalysis: Sendable {
    public var parameters: CollusionParameters
    public var workers: Int

    public init(parameters: CollusionParameters = CollusionParameters(), workers: Int = Parallelism.processorCount) {
        self.parameters = parameters
        self.workers = workers
    }

    /// Only the links between competitors (GRAS 2.6–2.8 per tender), for callers that need no
    /// more (the benchmark against SQL).
    public func linkedBidders(graph: CSRGraph, facts: ProcurementFacts) -> [LinkedBidders] {
        Self.linkedBidders(facts: facts, finder: LinkFinder(graph: graph, parameters: parameters), workers: workers)
    }

    public func run(graph: CSRGraph, facts: ProcurementFacts) -> CollusionFindings {
        let clock = ContinuousClock()
        var timings: [(String, Double)] = []
        func timed<T>(_ name: String, _ body: () -> T) -> T {
            let start = clock.now
            let r = body()
            timings.append((name, (clock.now - start) / .seconds(1)))
            return r
        }
        let p = parameters
        let finder = timed("ties") { LinkFinder(graph: graph, parameters: p) }
        let linked = timed("2.6-2.8 linked bidders") { Self.linkedBidders(facts: facts, finder: finder, workers: workers) }
        let shared = timed("2.6-2.8 per firm") { Self.sharedCompetitorFigures(pairs: linked, facts: facts) }
        let losers = timed("2.1 top losers") { Self.topLosers(facts: facts, parameters: p) }
        let relations = timed("2.2 fixed differences") { Self.constantRelations(facts: facts, parameters: p) }
        let screens = timed("2.3 bid variance") { Self.priceScreens(facts: facts, parameters: p) }
        let bidFigures = Self.bidScreenFigures(facts: facts, screens: screens.tenders, relations: relations)
        let values = timed("2.4-2.5 contract values") { Self.contractValueFigures(facts: facts, parameters: p) }
        let (firmStandings, tenderStandings) = timed("market-relative screens") { () -> ([FirmStanding], [TenderStanding]) in
            // The composite folds in the partners of fixed-difference bids (2.2) and the
            // competitors linked by owners, employees or registration data (2.6–2.8).
            var partners: [UInt32: Set<UInt32>] = [:]
            for r in relations {
                partners[r.firms.first, default: []].insert(r.firms.second)
                partners[r.firms.second, default: []].insert(r.firms.first)
            }
            var linkedCompetitors: [UInt32: Double] = [:]
            for x in shared { linkedCompetitors[x.firm] = Double(x.figures.values.map(\.competitors).max() ?? 0) }
            let screens = MarketScreens(parameters: p.market)
            return (screens.firms(facts: facts, extra: [partners.mapValues { Double($0.count) }, linkedCompetitors]), screens.tenders(facts: facts))
        }
        var contractsByTender: [UInt32: [ContractFacts]] = [:]
        for c in facts.contracts { if let t = c.tender { contractsByTender[t, default: []].append(c) } }
        let tendersOf = Self.tendersByFirm(facts)
        let rings = timed("rings") {
            Self.rings(
                facts: facts, linked: linked, topLosers: losers, standings: firmStandings, tendersOf: tendersOf, contractsByTender: contractsByTender,
                parameters: p)
        }
        let rotations = timed("winner rotation") { Self.rotations(facts: facts, rings: rings, tendersOf: tendersOf, parameters: p) }
        let allocations = timed("market allocation") { Self.allocations(facts: facts, parameters: p) }
        return CollusionFindings(
            parameters: p, linkedBidders: linked, sharedCompetitors: shared, topLosers: losers, constantRelations: relations,
            priceScreens: screens.tenders, lowCoefficientOfVariation: screens.lowCV, highRelativeDistance: screens.highRD,
            bidScreenFigures: bidFigures, contractValues: values.firms, marketBenford: values.market, rings: rings, rotations: rotations,
            allocations: allocations, firmStandings: firmStandings, tenderStandings: tenderStandings, timings: timings)
    }
}

/// Everything one collusion scan found, by node index; the service resolves keys and stores it.
public struct CollusionFindings: Sendable {
    public var parameters: CollusionParameters
    /// GRAS 2.6–2.8 per tender: linked pairs of bidders.
    public var linkedBidders: [LinkedBidders]
    /// GRAS 2.6.1–2.8.3 per firm.
    public var sharedCompetitors: [SharedCompetitorFigures]
    /// GRAS 2.1 for every firm that bid in a tender with competitors.
    public var topLosers: [TopLoser]
    /// GRAS 2.2 (absolute, percent) and fixed multiples.
    public var constantRelations: [ConstantBidRelation]
    /// GRAS 2.3 per tender, and the thresholds applied.
    public var priceScreens: [TenderPriceScreen]
    public var lowCoefficientOfVariation: Double
    public var highRelativeDistance: Double
    /// GRAS 2.2.1–2.3.2 per firm.
    public var bidScreenFigures: [BidScreenFigures]
    /// GRAS 2.4.1 and 2.5.1 per supplier, and Benford's test of the whole market.
    public var contractValues: [ContractValueFigures]
    public var marketBenford: BenfordTest
    public var rings: [CollusionRing]
    public var rotations: [WinnerRotation]
    public var allocations: [MarketAllocation]
    /// Market-relative standings and composites (``MarketScreens``).
    public var firmStandings: [FirmStanding]
    public var tenderStandings: [TenderStanding]
    /// Seconds per stage.
    public var timings: [(String, Double)]
}
