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
        /// A stage's result and its seconds.
        func measured<T>(_ body: () -> T) -> (value: T, seconds: Double) {
            let start = clock.now
            let r = body()
            return (r, (clock.now - start) / .seconds(1))
        }
        let p = parameters
        let workers = workers
        let finder = measured { LinkFinder(graph: graph, parameters: p) }
        let linked = measured { Self.linkedBidders(facts: facts, finder: finder.value, workers: workers) }
        // The screens below read the facts, and only the results they name of each other; run
        // one after another they kept one core busy and the other idle for 21 s of a
        // 1,000,000-firm scan. Two at a time, the longest chain first: fixed differences, then
        // the market-relative composite that folds them in, then rings and their rotation.
        let (relations, early) = Parallelism.both(workers: workers) {
            measured { Self.constantRelations(facts: facts, parameters: p) }
        } _: {
            (
                shared: measured { Self.sharedCompetitorFigures(pairs: linked.value, facts: facts) },
                screens: measured { Self.priceScreens(facts: facts, parameters: p) },
                values: measured { Self.contractValueFigures(facts: facts, parameters: p) },
                losers: measured { Self.topLosers(facts: facts, parameters: p) }
            )
        }
        let (standings, late) = Parallelism.both(workers: workers) {
            measured { () -> ([FirmStanding], [TenderStanding]) in
                // The composite folds in the partners of fixed-difference bids (2.2) and the
                // competitors linked by owners, employees or registration data (2.6–2.8).
                var partners: [UInt32: Set<UInt32>] = [:]
                for r in relations.value {
                    partners[r.firms.first, default: []].insert(r.firms.second)
                    partners[r.firms.second, default: []].insert(r.firms.first)
                }
                var linkedCompetitors: [UInt32: Double] = [:]
                for x in early.shared.value { linkedCompetitors[x.firm] = Double(x.figures.values.map(\.competitors).max() ?? 0) }
                let screens = MarketScreens(parameters: p.market)
                return (screens.firms(facts: facts, extra: [partners.mapValues { Double($0.count) }, linkedCompetitors]), screens.tenders(facts: facts))
            }
        } _: {
            var contractsByTender: [UInt32: [ContractFacts]] = [:]
            for c in facts.contracts { if let t = c.tender { contractsByTender[t, default: []].append(c) } }
            return (
                bidFigures: Self.bidScreenFigures(facts: facts, screens: early.screens.value.tenders, relations: relations.value),
                allocations: measured { Self.allocations(facts: facts, parameters: p) },
                tendersOf: Self.tendersByFirm(facts), contractsByTender: contractsByTender
            )
        }
        let (firmStandings, tenderStandings) = standings.value
        let rings = measured {
            Self.rings(
                facts: facts, linked: linked.value, topLosers: early.losers.value, standings: firmStandings, tendersOf: late.tendersOf,
                contractsByTender: late.contractsByTender, parameters: p)
        }
        let rotations = measured { Self.rotations(facts: facts, rings: rings.value, tendersOf: late.tendersOf, parameters: p) }
        let screens = early.screens.value
        let values = early.values.value
        // Each stage's own seconds; stages that ran side by side overlap.
        let timings: [(String, Double)] = [
            ("ties", finder.seconds), ("2.6-2.8 linked bidders", linked.seconds), ("2.6-2.8 per firm", early.shared.seconds),
            ("2.1 top losers", early.losers.seconds), ("2.2 fixed differences", relations.seconds), ("2.3 bid variance", early.screens.seconds),
            ("2.4-2.5 contract values", early.values.seconds), ("market-relative screens", standings.seconds), ("rings", rings.seconds),
            ("winner rotation", rotations.seconds), ("market allocation", late.allocations.seconds),
        ]
        return CollusionFindings(
            parameters: p, linkedBidders: linked.value, sharedCompetitors: early.shared.value, topLosers: early.losers.value,
            constantRelations: relations.value, priceScreens: screens.tenders, lowCoefficientOfVariation: screens.lowCV,
            highRelativeDistance: screens.highRD, bidScreenFigures: late.bidFigures, contractValues: values.firms, marketBenford: values.market,
            rings: rings.value, rotations: rotations.value, allocations: late.allocations.value, firmStandings: firmStandings,
            tenderStandings: tenderStandings, timings: timings)
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
