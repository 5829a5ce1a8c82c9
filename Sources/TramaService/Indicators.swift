import TramaAnalysis

/// What a red flag's indicator means, in one line: the World Bank's GRAS catalogue
/// (``GRASIndicator/all``: the 60 indicators and the risk patterns that group them) and Trama's
/// own screens.
public struct Indicators: Sendable {
    private let lines: [String: String]

    public init(lines: [String: String]) { self.lines = lines }

    /// Trama's screens beside GRAS's numbers.
    static let screens: [String: String] = [
        "judge_conflict": "Judge's conflict of interest: a tie between the judge and a party or lawyer of the case",
        "ring": "Bidder ring: firms that co-bid and share owners, employees or registration data, or keep losing to the same winners",
        "winner_rotation": "Bid rotation: firms that take turns winning the tenders they co-bid in",
        "market_allocation": "Market allocation: firms that keep to their own agencies or regions and avoid each other's",
        "fixed_multiple": "Fixed relation between bids: one firm's bid a fixed multiple of another's",
        "cover_bidding": "Cover bidding: losses to several different firms of its own cohort of recurring co-bidders (top decile of its market)",
        "contract_splitting": "Contract splitting: one buyer's purchases of one product from the supplier cut into parts below the procedure threshold",
        "collusion_risk": "Collusion risk: the composite of the market-relative screens, in the top decile of its market",
    ]

    public static let gras: Indicators = {
        var lines = screens
        for g in GRASIndicator.all {
            lines[g.patternID] = g.pattern
            lines[g.id] = "\(g.pattern): \(g.name)"
        }
        return Indicators(lines: lines)
    }()

    /// The meaning of an indicator (`2.7.1`; `1.2.1.value` is its share by value), else of its
    /// risk pattern (`2.7`), else nil.
    public func meaning(_ indicator: String) -> String? {
        let (base, variant) = FlagVariant.split(indicator)
        if let variant, let meaning = meaning(base) { return meaning + " (\(variant.label))" }
        if let line = lines[indicator] { return line }
        let parts = indicator.split(separator: ".")
        return parts.count > 2 ? lines[parts.prefix(2).joined(separator: ".")] : nil
    }
}
