public import TramaGraph

/// Contract splitting (IDB, *Smarter Crowdsourcing: Anti-corruption*, 2018, Issue Area 1:
/// Brazil's public-spending observatory raises some 60,000 such warnings a year): one buyer
/// buying from one supplier the same product in several contracts, each below the value above
/// which a competitive procedure is required, within a short window, together above it — a
/// purchase cut up to stay under the threshold.
public struct ContractSplittingParameters: Codable, Sendable, Hashable {
    /// The procedure threshold, in the market's currency: jurisdictions set their own (Brazil's
    /// direct-purchase limit, the EU's thresholds), so there is no default and without one the
    /// screen is not computed.
    public var threshold: Double?
    /// The days within which the parts fall (a quarter).
    public var windowDays = 90
    /// The product family: the first characters of the product code (the CPV group with 3).
    public var productDigits = 3

    public init() {}
}

public struct ContractSplitting: Sendable {
    public var parameters: ContractSplittingParameters

    public init(parameters: ContractSplittingParameters = ContractSplittingParameters()) { self.parameters = parameters }

    /// Contracts (indices into the facts' contracts) that together look like one split purchase.
    public struct Split: Sendable, Hashable {
        public var firm: UInt32
        public var agency: UInt32
        public var product: String?
        public var contracts: [Int]
        public var total: Double
        public var first: Day
        public var last: Day
    }

    /// Every split, by supplier then date; none without a threshold.
    public func run(facts: ProcurementFacts) -> [Split] {
        guard let threshold = parameters.threshold, threshold > 0 else { return [] }
        struct Key: Hashable {
            var firm: UInt32
            var agency: UInt32
            var product: String?
        }
        var groups: [Key: [(Int, Day, Double)]] = [:]
        for (i, c) in facts.contracts.enumerated() {
            guard let v = c.value, v > 0, v < threshold, let day = c.day, let t = c.tender.flatMap(facts.tenderIndex(of:)),
                let agency = facts.tenders[t].agency
            else { continue }
            let product = facts.tenders[t].product.map { String($0.prefix(parameters.productDigits)) }
            groups[Key(firm: c.firm, agency: agency, product: product), default: []].append((i, day, v))
        }
        var out: [Split] = []
        for (key, list) in groups where list.count >= 2 {
            let sorted = list.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            var start = 0
            // Greedy, left to right: the longest run of parts within the window from each start
            // that adds up past the threshold; its contracts are not used again.
            while start < sorted.count {
                var end = start
                var total = sorted[start].2
                while end + 1 < sorted.count, Int(sorted[end + 1].1.rawValue - sorted[start].1.rawValue) <= parameters.windowDays {
                    end += 1
                    total += sorted[end].2
                }
                if end > start, total >= threshold {
                    let parts = sorted[start...end]
                    out.append(Split(
                        firm: key.firm, agency: key.agency, product: key.product, contracts: parts.map(\.0), total: total, first: sorted[start].1,
                        last: sorted[end].1))
                    start = end + 1
                } else {
                    start += 1
                }
            }
        }
        return out.sorted { ($0.firm, $0.first, $0.agency) < ($1.firm, $1.first, $1.agency) }
    }
}
