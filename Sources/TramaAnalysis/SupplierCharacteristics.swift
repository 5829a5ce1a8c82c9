import Foundation
public import TramaGraph
import TramaModel

/// What a firm's register entry says that GRAS group 3 needs (`firms.csv`).
public struct FirmFacts: Sendable, Hashable {
    public var node: UInt32
    /// `FirmConstitutionDate`.
    public var constituted: Day?
    /// `FirmCountry`, as the source writes it (an ISO code or a name).
    public var country: String?
    /// Annual turnover and profit, in the market's currency.
    public var turnover: Double?
    public var profit: Double?
    /// `FirmActivityCode`.
    public var activity: String?

    public init(node: UInt32, constituted: Day? = nil, country: String? = nil, turnover: Double? = nil, profit: Double? = nil, activity: String? = nil) {
        self.node = node
        self.constituted = constituted
        self.country = country
        self.turnover = turnover
        self.profit = profit
        self.activity = activity
    }
}

/// A dated list of secrecy jurisdictions ("tax havens"), for GRAS 3.9: the report names the Tax
/// Justice Network's Financial Secrecy Index.
public struct SecrecyJurisdictions: Codable, Sendable, Hashable {
    public struct Jurisdiction: Codable, Sendable, Hashable {
        /// ISO 3166-1 alpha-2.
        public var code: String
        public var name: String

        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    public var source: String
    /// When the list was published.
    public var date: String
    public var jurisdictions: [Jurisdiction]

    public init(source: String, date: String, jurisdictions: [Jurisdiction]) {
        self.source = source
        self.date = date
        self.jurisdictions = jurisdictions
    }

    /// The ten biggest suppliers of financial secrecy in the Tax Justice Network's Financial
    /// Secrecy Index 2022 (published 17 May 2022), in rank order. The index ranks every
    /// jurisdiction by secrecy score × global scale weight; its full table is licensed data, so
    /// only the published top ten ships here. Pass a longer list (`--secrecy-list`) to widen it.
    public static let fsi2022Top10 = SecrecyJurisdictions(
        source: "Tax Justice Network, Financial Secrecy Index 2022, top 10 (https://fsi.taxjustice.net)", date: "2022-05-17",
        jurisdictions: [
            .init(code: "US", name: "United States"), .init(code: "CH", name: "Switzerland"), .init(code: "SG", name: "Singapore"),
            .init(code: "HK", name: "Hong Kong"), .init(code: "LU", name: "Luxembourg"), .init(code: "JP", name: "Japan"),
            .init(code: "DE", name: "Germany"), .init(code: "AE", name: "United Arab Emirates"), .init(code: "VG", name: "British Virgin Islands"),
            .init(code: "GG", name: "Guernsey"),
        ])

    /// The listed jurisdiction a source's country (code or name, any case) denotes.
    public func match(_ country: String) -> Jurisdiction? {
        let c = country.trimmingCharacters(in: .whitespaces).lowercased()
        return jurisdictions.first { $0.code.lowercased() == c || $0.name.lowercased() == c }
    }
}

/// The parameters of GRAS group 3's firm-level indicators.
public struct SupplierCharacteristicsParameters: Codable, Sendable, Hashable {
    /// 3.1.1: a year's contract revenue above this multiple of the annual turnover ("especially
    /// above 1").
    public var revenueTurnoverRatio = 1.0
    /// 3.4.1: fewer days than this from constitution to the first contract ("typically less
    /// than 365").
    public var youngSupplierDays = 365
    /// 3.3.1: distinct product families (the classification's first `digits`), judged among
    /// suppliers with at least `minimumContracts` contracts (cardinal R048's defaults).
    public var activityDigits = 2
    public var activityMinimumContracts = 20
    /// 3.9: the secrecy jurisdictions, and the market's own country, whose firms are not flagged
    /// for being registered at home (nil: the country most of the market's firms state).
    public var secrecyJurisdictions = SecrecyJurisdictions.fsi2022Top10
    public var homeCountry: String?

    public init() {}
}

/// GRAS group 3's firm-level indicators other than sanctions: unusual size (3.1.1 contract
/// revenue against turnover, 3.1.2 per employee), unusual profitability (3.2.1), broad scope of
/// activities (3.3.1), young supplier (3.4.1), contract before incorporation (3.5.1) and
/// tax-haven registration of the firm (3.9.1) or a shareholder (3.9.2).
///
/// "Higher than the market average" (3.1.2, 3.2.1) is read as GRAS's market-relative intent
/// with the outlier rule cardinal uses: at or above the upper Tukey fence of the market's firms,
/// so that a firm is flagged for standing out, not for being above the middle.
public struct SupplierCharacteristics: Sendable {
    public var parameters: SupplierCharacteristicsParameters

    public init(parameters: SupplierCharacteristicsParameters = SupplierCharacteristicsParameters()) { self.parameters = parameters }

    /// 3.1.1: the year in which contract revenue was highest against turnover.
    public struct RevenueYear: Sendable, Hashable {
        public var year: Int
        public var revenue: Double
        public var turnover: Double
        public var ratio: Double { revenue / turnover }
    }

    /// A firm's figure against its market's: the value, the market's quartiles and fence.
    public struct Outlier: Sendable, Hashable {
        public var value: Double
        public var fences: TukeyFences
        public var flagged: Bool { value >= fences.upper }
    }

    /// 3.9.2: a shareholder registered in a secrecy jurisdiction.
    public struct OffshoreHolder: Sendable, Hashable {
        public var holder: UInt32
        /// The `owns` relationship.
        public var holding: UInt32
        public var jurisdiction: SecrecyJurisdictions.Jurisdiction
    }

    public struct Figures: Sendable, Hashable {
        public var firm: UInt32
        public var revenue: RevenueYear?
        /// 3.1.2: contract revenue over the period per person employed in it.
        public var revenuePerEmployee: Outlier?
        public var employees: Int
        /// 3.2.1: profit over turnover.
        public var profitRate: Outlier?
        /// 3.3.1: distinct product families, with the market's fence (nil when the firm has too
        /// few contracts to be judged).
        public var activities: Outlier?
        public var families: [String]
        /// 3.4.1: days from constitution to the first contract, and that contract.
        public var daysToFirstContract: Int?
        public var firstContract: Int?
        /// 3.5.1: contracts signed before the firm was constituted.
        public var beforeIncorporation: [Int]
        public var offshore: SecrecyJurisdictions.Jurisdiction?
        public var offshoreHolders: [OffshoreHolder]

    }

    /// The home country used for 3.9: the parameter, else the country most firms state.
    public func homeCountry(_ firms: [FirmFacts]) -> String? {
        if let home = parameters.homeCountry { return home }
        var counts: [String: Int] = [:]
        for f in firms { if let c = f.country { counts[c.uppercased(), default: 0] += 1 } }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    /// Every firm some indicator concerns. `facts` is the period's market, `history` every
    /// contract known (for the first contract ever won); `holderCountries` the country a
    /// shareholding states for its holder, by `owns` relationship.
    public func run(
        graph: CSRGraph, facts: ProcurementFacts, history: ProcurementFacts, firms: [FirmFacts], holderCountries: [UInt32: String] = [:]
    ) -> [Figures] {
        let byNode = Dictionary(firms.map { ($0.node, $0) }, uniquingKeysWith: { a, _ in a })
        var figures: [UInt32: Figures] = [:]
        func update(_ firm: UInt32, _ body: (inout Figures) -> Void) {
            var f = figures[firm] ?? Figures(firm: firm, employees: 0, families: [], beforeIncorporation: [], offshoreHolders: [])
            body(&f)
            figures[firm] = f
        }
        let contractsOf = facts.contractsByFirm

        // 3.1.1 and 3.1.2.
        let employedBy = graph.edgeKinds.code(RelationKind.employedBy.rawValue)
        let period = facts.contracts.compactMap(\.day).min().flatMap { a in facts.contracts.compactMap(\.day).max().map { Validity(from: a, to: $0) } }
        var perEmployee: [(UInt32, Double, Int)] = []
        for (firm, list) in contractsOf {
            var byYear: [Int: Double] = [:]
            var total = 0.0
            for c in list {
                guard let v = facts.contracts[c].value else { continue }
                total += v
                if let y = facts.contracts[c].day?.year { byYear[y, default: 0] += v }
            }
            if let turnover = byNode[firm]?.turnover, turnover > 0,
                let best = byYear.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }), best.value / turnover > parameters.revenueTurnoverRatio
            {
                update(firm) { $0.revenue = RevenueYear(year: best.key, revenue: best.value, turnover: turnover) }
            }
            if let employedBy {
                var workers = Set<UInt32>()
                graph.forEachIncoming(firm) { worker, e in
                    guard graph.edgeKind[Int(e)] == employedBy else { return }
                    if let period, !graph.validity(of: e).overlaps(period) { return }
                    workers.insert(worker)
                }
                if !workers.isEmpty, total > 0 { perEmployee.append((firm, total / Double(workers.count), workers.count)) }
            }
        }
        let employeeFences = Quantiles.fences(perEmployee.map(\.1))
        for (firm, value, count) in perEmployee where value >= employeeFences.upper {
            update(firm) {
                $0.revenuePerEmployee = Outlier(value: value, fences: employeeFences)
                $0.employees = count
            }
        }

        // 3.2.1 among the market's suppliers.
        let rates: [(UInt32, Double)] = contractsOf.keys.compactMap { firm in
            guard let f = byNode[firm], let t = f.turnover, t > 0, let p = f.profit else { return nil }
            return (firm, p / t)
        }
        let rateFences = Quantiles.fences(rates.map(\.1))
        for (firm, rate) in rates where rate >= rateFences.upper { update(firm) { $0.profitRate = Outlier(value: rate, fences: rateFences) } }

        // 3.3.1, the rule R048 applies.
        let scope = ActivityScopeRule(digits: parameters.activityDigits, minimumContracts: parameters.activityMinimumContracts)
        let suppliers = contractsOf.keys.sorted()
        let families: [Set<String>] = suppliers.map { firm in
            Set(contractsOf[firm]!.compactMap { c in
                facts.contracts[c].tender.flatMap(facts.tenderIndex(of:)).flatMap { facts.tenders[$0].product }.map(scope.family(of:))
            })
        }
        let scoped = scope.evaluate(suppliers.indices.map { (contracts: contractsOf[suppliers[$0]]!.count, families: families[$0].count) })
        if let fences = scoped.fences {
            for i in scoped.flagged {
                update(suppliers[i]) {
                    $0.activities = Outlier(value: Double(families[i].count), fences: fences)
                    $0.families = families[i].sorted()
                }
            }
        }

        // 3.4.1 and 3.5.1 against every contract known.
        var first: [UInt32: (Day, Int)] = [:]
        for (i, c) in history.contracts.enumerated() {
            guard let d = c.day else { continue }
            if let f = first[c.firm], f.0 <= d { continue }
            first[c.firm] = (d, i)
        }
        for (firm, (day, contract)) in first {
            guard let founded = byNode[firm]?.constituted, day >= founded else { continue }
            let days = Int(day.rawValue - founded.rawValue)
            if days < parameters.youngSupplierDays {
                update(firm) {
                    $0.daysToFirstContract = days
                    $0.firstContract = contract
                }
            }
        }
        for (i, c) in history.contracts.enumerated() {
            guard let d = c.day, let founded = byNode[c.firm]?.constituted, d < founded else { continue }
            update(c.firm) { $0.beforeIncorporation.append(i) }
        }

        // 3.9.1 and 3.9.2, for the firms that won or bid.
        let home = homeCountry(firms)?.uppercased()
        let havens = parameters.secrecyJurisdictions
        func offshore(_ country: String?) -> SecrecyJurisdictions.Jurisdiction? {
            guard let country, let j = havens.match(country) else { return nil }
            return j.code.uppercased() == home || j.name.uppercased() == home ? nil : j
        }
        let owns = graph.edgeKinds.code(RelationKind.owns.rawValue)
        var market = Set(contractsOf.keys)
        for b in facts.bids { market.insert(b.firm) }
        for firm in market.sorted() {
            if let j = offshore(byNode[firm]?.country) { update(firm) { $0.offshore = j } }
            guard let owns else { continue }
            var holders: [OffshoreHolder] = []
            graph.forEachIncoming(firm) { holder, e in
                guard graph.edgeKind[Int(e)] == owns else { return }
                if let period, !graph.validity(of: e).overlaps(period) { return }
                if let j = offshore(holderCountries[e] ?? byNode[holder]?.country) {
                    holders.append(OffshoreHolder(holder: holder, holding: e, jurisdiction: j))
                }
            }
            if !holders.isEmpty { update(firm) { $0.offshoreHolders = holders.sorted { $0.holding < $1.holding } } }
        }
        return figures.keys.sorted().map { figures[$0]! }
    }
}
