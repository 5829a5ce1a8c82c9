import Foundation
import TramaGraph

/// The market-relative forms of the collusion screens: each firm's and each tender's standing
/// within its own market, so that a ranked list exists on every market — where GRAS's absolute
/// thresholds (a winning rate under 10%, a CV under 0.05) may flag nothing — and a composite of
/// them.
///
/// A *standing* is a mid-rank percentile in [0, 1] (ties share the average of their ranks; 1 is
/// the most suspicious), the scale-free comparison Imhof, Karagök and Rutz (2018) and Huber and
/// Imhof (2019) make of screens across markets whose prices and participation differ.
public struct MarketScreenParameters: Codable, Sendable, Hashable {
    /// A firm is ranked among the firms with at least this many bids in tenders with two or more
    /// bidders: fewer says nothing about a habit.
    public var minimumBids = 3
    /// Two firms are in each other's cohort when they bid against each other in at least this
    /// many tenders (the cover-bidding screen).
    public var cohortCoBids = 3
    /// A tender is ranked within the narrowest of its markets — buyer × product × year, product
    /// × year, product — that holds at least this many tenders with a screen, else among all;
    /// a firm within its main product market (where it bids most) when that holds this many
    /// ranked firms, else among all.
    public var minimumMarketTenders = 20
    /// Standings at or above this are stored as flags (the top decile).
    public var flagStanding = 0.9

    public init() {}
}

/// A firm's standing in its market.
public struct FirmStanding: Sendable, Hashable {
    public var firm: UInt32
    public var bids: Int
    public var wins: Int
    /// GRAS 2.1.1 in market-relative form: the standing of (1 − winning rate) × the standing of
    /// the number of bids — a frequent bidder that rarely wins ranks first, whatever the
    /// market's usual winning rate.
    public var lowWinning: Double
    /// Losses to members of the firm's cohort (firms it bids against again and again) over its
    /// bids, times log₂(1 + the distinct cohort members it lost to): a complementary bidder in a
    /// rotation loses to several different winners of the same group, and still scores when it
    /// takes its own turn to win (which the GRAS 2.1 rule, by its low winning rate, misses).
    public var coverBidding: Double
    public var coverStanding: Double
    /// The cohort members it lost to.
    public var cohortWinners: [UInt32]
    /// The mean standing over the screens that vary on this market (``MarketScreens``).
    public var composite: Double
}

/// A tender's standing in its market.
public struct TenderStanding: Sendable, Hashable {
    public var tender: UInt32
    /// Its market: buyer × product × year, product × year or product (as a label), or nil when
    /// ranked among all tenders.
    public var market: String?
    /// GRAS 2.3.1 in market-relative form: the standing of −CV (low dispersion first).
    public var lowDispersion: Double?
    /// GRAS 2.3.2 in market-relative form: the standing of Imhof's relative distance, the gap
    /// between the two lowest bids over the standard deviation of the losing bids (needs two
    /// losing bids) — a gap large against how the others spread, which a cover bid leaves.
    public var relativeDistance: Double?
    public var rawRelativeDistance: Double?
    public var composite: Double
}

/// Computes ``FirmStanding`` and ``TenderStanding`` for a market, and the composites.
///
/// **Firm composite**: the mean of the standings of the market-relative low winning rate, the
/// cover-bidding score, and — when the scan found them — the number of fixed-difference
/// partners (2.2) and of competitors sharing owners, employees or registration data (2.6–2.8);
/// a screen that is the same for every firm of the market carries no information there and is
/// left out. **Tender composite**: the mean of the low-dispersion and relative-distance
/// standings the tender has. Equal weights: no market's labels chose them.
public struct MarketScreens: Sendable {
    public var parameters: MarketScreenParameters

    public init(parameters: MarketScreenParameters = MarketScreenParameters()) { self.parameters = parameters }

    /// Mid-rank percentiles of `values` in (0, 1]: the share of values below plus half the ties
    /// (the value itself included), so the largest value stands nearest 1.
    public static func standings(_ values: [Double]) -> [Double] {
        let n = values.count
        guard n > 0 else { return [] }
        let order = values.indices.sorted { values[$0] < values[$1] }
        var out = [Double](repeating: 0, count: n)
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n, values[order[j + 1]] == values[order[i]] { j += 1 }
            let standing = (Double(i) + Double(j - i + 1) / 2) / Double(n)
            for k in i...j { out[order[k]] = standing }
            i = j + 1
        }
        return out
    }

    /// The firms with at least ``MarketScreenParameters/minimumBids`` bids; `extra` gives, per
    /// firm, further screen values (higher = more suspicious) to fold into the composite.
    public func firms(facts: ProcurementFacts, extra: [[UInt32: Double]] = []) -> [FirmStanding] {
        var bids: [UInt32: Int] = [:]
        var wins: [UInt32: Int] = [:]
        var coBids: [UInt32: [UInt32: Int]] = [:]
        var lostTo: [UInt32: [UInt32: Int]] = [:]
        var productsOf: [UInt32: [String: Int]] = [:]
        for t in facts.tenders.indices {
            let tenderBids = facts.bids(ofTender: t)
            let firms = Array(Set(tenderBids.map(\.firm))).sorted()
            guard firms.count >= 2 else { continue }
            if let product = facts.tenders[t].product { for f in firms { productsOf[f, default: [:]][product, default: 0] += 1 } }
            let winners = Set(tenderBids.filter(\.won).map(\.firm))
            for f in firms {
                bids[f, default: 0] += 1
                if winners.contains(f) {
                    wins[f, default: 0] += 1
                } else {
                    for w in winners { lostTo[f, default: [:]][w, default: 0] += 1 }
                }
                for g in firms where g != f { coBids[f, default: [:]][g, default: 0] += 1 }
            }
        }
        let ranked = bids.filter { $0.value >= parameters.minimumBids }.keys.sorted()
        guard !ranked.isEmpty else { return [] }
        let losing = ranked.map { 1 - Double(wins[$0] ?? 0) / Double(bids[$0]!) }
        let frequency = ranked.map { Double(bids[$0]!) }
        var cover: [Double] = []
        var cohortWinners: [[UInt32]] = []
        for f in ranked {
            let cohort = Set((coBids[f] ?? [:]).filter { $0.value >= parameters.cohortCoBids }.keys)
            let losses = (lostTo[f] ?? [:]).filter { cohort.contains($0.key) }
            let lostToCohort = losses.values.reduce(0, +)
            cover.append(Double(lostToCohort) / Double(bids[f]!) * log2(1 + Double(losses.count)))
            cohortWinners.append(losses.keys.sorted())
        }
        let extras = extra.map { e in ranked.map { e[$0] ?? 0 } }
        var lowWinning = [Double](repeating: 0, count: ranked.count)
        var coverStanding = [Double](repeating: 0, count: ranked.count)
        var composite = [Double](repeating: 0.5, count: ranked.count)
        // A firm's market: the product it bids on most (the smallest code among ties), when that
        // market holds enough ranked firms; else all ranked firms.
        let mainProduct = ranked.map { f in productsOf[f].flatMap { counts in counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key } }
        var byProduct: [String: [Int]] = [:]
        for (i, p) in mainProduct.enumerated() { if let p { byProduct[p, default: []].append(i) } }
        var groups = byProduct.values.filter { $0.count >= parameters.minimumMarketTenders }
        let grouped = Set(groups.joined())
        let rest = ranked.indices.filter { !grouped.contains($0) }
        if !rest.isEmpty { groups.append(rest) }
        for members in groups {
            let population = members == rest ? Array(ranked.indices) : members
            func within(_ values: [Double]) -> [Int: Double] {
                Dictionary(uniqueKeysWithValues: zip(population, Self.standings(population.map { values[$0] })))
            }
            let (lose, often, covered) = (within(losing), within(frequency), within(cover))
            var low: [Int: Double] = [:]
            for i in population { low[i] = lose[i]! * often[i]! }
            let lowStanding = Dictionary(uniqueKeysWithValues: zip(population, Self.standings(population.map { low[$0]! })))
            let screens = ([lowStanding, covered] + extras.map(within)).filter { Set($0.values).count > 1 }
            for i in members {
                lowWinning[i] = low[i]!
                coverStanding[i] = covered[i]!
                if !screens.isEmpty { composite[i] = screens.map { $0[i]! }.reduce(0, +) / Double(screens.count) }
            }
        }
        return ranked.indices.map { i in
            FirmStanding(
                firm: ranked[i], bids: bids[ranked[i]]!, wins: wins[ranked[i]] ?? 0, lowWinning: lowWinning[i], coverBidding: cover[i],
                coverStanding: coverStanding[i], cohortWinners: cohortWinners[i], composite: composite[i])
        }
    }

    /// Every tender with at least three priced bids.
    public func tenders(facts: ProcurementFacts) -> [TenderStanding] {
        struct Raw {
            var tender: UInt32
            var agency: UInt32?
            var product: String?
            var year: Int?
            var cv: Double
            var rd: Double?
        }
        var raw: [Raw] = []
        for t in facts.tenders.indices {
            let prices = facts.bids(ofTender: t).compactMap(\.value).filter { $0 > 0 }.sorted()
            guard prices.count >= 3 else { continue }
            let mean = prices.reduce(0, +) / Double(prices.count)
            let sd = (prices.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(prices.count - 1)).squareRoot()
            let losing = Array(prices.dropFirst())
            var rd: Double?
            if losing.count >= 2 {
                let m = losing.reduce(0, +) / Double(losing.count)
                let s = (losing.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(losing.count - 1)).squareRoot()
                if s > 0 { rd = (prices[1] - prices[0]) / s }
            }
            let tender = facts.tenders[t]
            raw.append(Raw(tender: tender.node, agency: tender.agency, product: tender.product, year: facts.day(ofTender: t)?.year, cv: sd / mean, rd: rd))
        }
        // Each tender is ranked among all the tenders of its narrowest market that holds enough
        // of them — buyer × product × year, product × year, product — else among all tenders.
        let levels: [[String?]] = [
            raw.map { r in r.product.flatMap { p in r.agency.map { "buyer \($0) · \(p) · \(r.year.map(String.init) ?? "undated")" } } },
            raw.map { r in r.product.map { "\($0) · \(r.year.map(String.init) ?? "undated")" } },
            raw.map(\.product),
        ]
        var populations: [String: [Int]] = [:]
        var assigned = [String?](repeating: nil, count: raw.count)
        for level in levels {
            var members: [String: [Int]] = [:]
            for (i, k) in level.enumerated() { if let k { members[k, default: []].append(i) } }
            for (i, k) in level.enumerated() where assigned[i] == nil {
                if let k, members[k]!.count >= parameters.minimumMarketTenders {
                    assigned[i] = k
                    populations[k] = members[k]
                }
            }
        }
        var out = [TenderStanding?](repeating: nil, count: raw.count)
        var byMarket: [String?: [Int]] = [:]
        for i in raw.indices { byMarket[assigned[i], default: []].append(i) }
        for (market, ranked) in byMarket {
            let population = market.flatMap { populations[$0] } ?? Array(raw.indices)
            let low = Self.standings(population.map { -raw[$0].cv })
            let withRD = population.filter { raw[$0].rd != nil }
            let rd = Self.standings(withRD.map { raw[$0].rd! })
            var lowOf: [Int: Double] = [:]
            var rdOf: [Int: Double] = [:]
            for (k, i) in population.enumerated() { lowOf[i] = low[k] }
            for (k, i) in withRD.enumerated() { rdOf[i] = rd[k] }
            let lowVaries = Set(low).count > 1
            let rdVaries = Set(rd).count > 1
            for i in ranked {
                let parts = [lowVaries ? lowOf[i] : nil, rdVaries ? rdOf[i] : nil].compactMap { $0 }
                out[i] = TenderStanding(
                    tender: raw[i].tender, market: market, lowDispersion: lowOf[i], relativeDistance: rdOf[i], rawRelativeDistance: raw[i].rd,
                    composite: parts.isEmpty ? 0.5 : parts.reduce(0, +) / Double(parts.count))
            }
        }
        return out.compactMap { $0 }.sorted { $0.tender < $1.tender }
    }
}
