import Foundation
import TramaGraph

/// Two firms whose prices in the tenders they both bid in keep the same relation.
public struct ConstantBidRelation: Sendable, Hashable {
    public enum Relation: String, Sendable, Codable, CaseIterable {
        /// GRAS 2.2: bid(second) − bid(first) is the same amount.
        case absolute
        /// GRAS 2.2: (bid(second) − bid(first)) ÷ bid(first) is the same percentage.
        case percent
        /// The higher bid is the same multiple of the lower, whichever firm bids higher — a
        /// cover bid priced as a fixed mark-up on the designated winner, even when the pair
        /// takes turns (requested of cardinal-rs as R023). With a fixed order this coincides
        /// with `percent`; with turn-taking only this screen sees it.
        case multiple
    }

    public var relation: Relation
    /// Lower node index first; `difference` is second minus first.
    public var firms: FirmPair
    /// The repeated amount, percentage or multiple (median of the repeats).
    public var difference: Double
    /// Tenders with the repeated relation, in node order.
    public var tenders: [UInt32]
    /// Tenders both priced a bid in.
    public var commonTenders: Int

}

/// GRAS 2.3 per tender: how tightly the bids cluster and how far the winner is from the rest.
public struct TenderPriceScreen: Sendable, Hashable {
    public var tender: UInt32
    public var bids: Int
    /// Sample standard deviation ÷ mean of the bids (GRAS 2.3.1).
    public var coefficientOfVariation: Double
    /// (second lowest − lowest) ÷ lowest (GRAS 2.3.2).
    public var relativeDistance: Double
    public var lowVariance: Bool
    public var highDistance: Bool
}

/// A firm's share of its bids in screened tenders (GRAS 2.3.1, 2.3.2) and its fixed-relation
/// partners (GRAS 2.2.1–2.2.3).
public struct BidScreenFigures: Sendable, Hashable {
    public var firm: UInt32
    public var pricedBids: Int
    public var lowVarianceShare: Double?
    public var highDistanceShare: Double?
    /// 2.2.1: partners with a fixed-difference pattern.
    public var fixedDifferencePartners = 0
    /// 2.2.2: tenders bid in that pattern.
    public var fixedDifferenceTenders = 0
    /// 2.2.3: those tenders ÷ its bids.
    public var fixedDifferenceShare: Double?
}

extension CollusionAnalysis {
    /// The per-firm price of each tender: one bid per firm (its lowest when it bid twice).
    static func pricedBids(_ facts: ProcurementFacts, tender t: Int) -> [(firm: UInt32, value: Double)] {
        var out: [(firm: UInt32, value: Double)] = []
        for b in facts.bids(ofTender: t) {
            guard let v = b.value, v > 0, v.isFinite else { continue }
            if let last = out.last, last.firm == b.firm {
                out[out.count - 1].value = min(last.value, v)
            } else {
                out.append((b.firm, v))
            }
        }
        return out
    }

    /// GRAS 2.2 and the fixed-multiple screen: every pair of firms with enough priced tenders
    /// in common, and the largest group of those tenders in which their relation repeats.
    static func constantRelations(facts: ProcurementFacts, parameters p: CollusionParameters) -> [ConstantBidRelation] {
        // Pair → (tender, first's price, second's price).
        var common: [UInt64: [(tender: UInt32, a: Double, b: Double)]] = [:]
        for t in facts.tenders.indices {
            let priced = pricedBids(facts, tender: t)
            guard priced.count >= 2 else { continue }
            for i in 0..<priced.count {
                for j in (i + 1)..<priced.count {
                    let key = UInt64(priced[i].firm) << 32 | UInt64(priced[j].firm)
                    common[key, default: []].append((facts.tenders[t].node, priced[i].value, priced[j].value))
                }
            }
        }
        var out: [ConstantBidRelation] = []
        for key in common.keys.sorted() {
            let rows = common[key]!
            guard rows.count >= p.fixedDifferenceMinimumTenders else { continue }
            let firms = FirmPair(UInt32(key >> 32), UInt32(key & 0xFFFF_FFFF))
            let scale = rows.reduce(0) { $0 + $1.a + $1.b } / Double(2 * rows.count)
            for relation in ConstantBidRelation.Relation.allCases {
                let values: [(tender: UInt32, x: Double)]
                let tolerance: Double
                switch relation {
                case .absolute:
                    values = rows.map { ($0.tender, $0.b - $0.a) }
                    tolerance = p.absoluteDifferenceTolerance * scale
                case .percent:
                    values = rows.map { ($0.tender, ($0.b - $0.a) / $0.a * 100) }
                    tolerance = p.percentDifferenceTolerance
                case .multiple:
                    values = rows.map { ($0.tender, log(max($0.a, $0.b) / min($0.a, $0.b))) }
                    tolerance = p.multipleTolerance
                }
                guard let run = largestCluster(values.map(\.x), tolerance: tolerance) else { continue }
                let chosen = run.indices.map { values[$0] }
                // Identical bids (difference 0) are another screen (cardinal-rs R028), not a fixed difference.
                let typical = run.median
                guard chosen.count >= p.fixedDifferenceMinimumRepeats,
                    Double(chosen.count) >= p.fixedDifferenceMinimumShare * Double(rows.count),
                    abs(typical) > tolerance
                else { continue }
                out.append(ConstantBidRelation(
                    relation: relation, firms: firms, difference: relation == .multiple ? exp(typical) : typical,
                    tenders: chosen.map(\.tender).sorted(), commonTenders: rows.count))
            }
        }
        return out
    }

    /// The largest set of values that all lie within `tolerance` of each other (a sliding window
    /// over the sorted values): indices into `values` and their median.
    static func largestCluster(_ values: [Double], tolerance: Double) -> (indices: [Int], median: Double)? {
        guard !values.isEmpty else { return nil }
        let order = values.indices.sorted { values[$0] < values[$1] }
        var best = 0..<1
        var lo = 0
        for hi in order.indices {
            while values[order[hi]] - values[order[lo]] > tolerance { lo += 1 }
            if hi - lo + 1 > best.count { best = lo..<(hi + 1) }
        }
        let indices = Array(order[best])
        let sorted = indices.map { values[$0] }
        return (indices, sorted[sorted.count / 2])
    }

    /// GRAS 2.3 per tender with enough priced bids, and the thresholds used (fixed, or the
    /// market's Tukey fences).
    static func priceScreens(facts: ProcurementFacts, parameters p: CollusionParameters) -> (tenders: [TenderPriceScreen], lowCV: Double, highRD: Double) {
        var rows: [(tender: UInt32, bids: Int, cv: Double, rd: Double)] = []
        for t in facts.tenders.indices {
            let values = pricedBids(facts, tender: t).map(\.value).sorted()
            guard values.count >= max(2, p.bidVarianceMinimumBids) else { continue }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
            rows.append((facts.tenders[t].node, values.count, variance.squareRoot() / mean, (values[1] - values[0]) / values[0]))
        }
        let positiveCV = rows.map(\.cv).filter { $0 > 0 }.map(log)
        let lowCV = p.lowCoefficientOfVariation ?? (tukeyFences(positiveCV).map { exp($0.lower) } ?? 0)
        let highRD = p.highRelativeDistance ?? (tukeyFences(rows.map(\.rd))?.upper ?? .infinity)
        let screens = rows.map { r in
            TenderPriceScreen(
                tender: r.tender, bids: r.bids, coefficientOfVariation: r.cv, relativeDistance: r.rd, lowVariance: r.cv <= lowCV,
                highDistance: r.rd >= highRD && r.rd > 0)
        }
        return (screens, lowCV, highRD)
    }

    /// Tukey's fences Q1 − 1.5 IQR and Q3 + 1.5 IQR (quartiles by linear interpolation).
    static func tukeyFences(_ values: [Double]) -> (lower: Double, upper: Double)? {
        guard values.count >= 4 else { return nil }
        let s = values.sorted()
        func quantile(_ q: Double) -> Double {
            let x = q * Double(s.count - 1)
            let i = Int(x)
            return i + 1 < s.count ? s[i] + (x - Double(i)) * (s[i + 1] - s[i]) : s[i]
        }
        let q1 = quantile(0.25)
        let q3 = quantile(0.75)
        return (q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1))
    }

    static func bidScreenFigures(
        facts: ProcurementFacts, screens: [TenderPriceScreen], relations: [ConstantBidRelation]
    ) -> [BidScreenFigures] {
        let byTender = Dictionary(screens.map { ($0.tender, $0) }, uniquingKeysWith: { a, _ in a })
        var figures: [UInt32: BidScreenFigures] = [:]
        var screened: [UInt32: (n: Int, low: Int, high: Int)] = [:]
        for t in facts.tenders.indices {
            let priced = pricedBids(facts, tender: t)
            for b in priced {
                figures[b.firm, default: BidScreenFigures(firm: b.firm, pricedBids: 0)].pricedBids += 1
                if let s = byTender[facts.tenders[t].node] {
                    screened[b.firm, default: (0, 0, 0)].n += 1
                    if s.lowVariance { screened[b.firm, default: (0, 0, 0)].low += 1 }
                    if s.highDistance { screened[b.firm, default: (0, 0, 0)].high += 1 }
                }
            }
        }
        var partners: [UInt32: Set<UInt32>] = [:]
        var tenders: [UInt32: Set<UInt32>] = [:]
        for r in relations where r.relation != .multiple {
            partners[r.firms.first, default: []].insert(r.firms.second)
            partners[r.firms.second, default: []].insert(r.firms.first)
            tenders[r.firms.first, default: []].formUnion(r.tenders)
            tenders[r.firms.second, default: []].formUnion(r.tenders)
        }
        return figures.keys.sorted().map { f in
            var x = figures[f]!
            if let s = screened[f], s.n > 0 {
                x.lowVarianceShare = Double(s.low) / Double(s.n)
                x.highDistanceShare = Double(s.high) / Double(s.n)
            }
            x.fixedDifferencePartners = partners[f]?.count ?? 0
            x.fixedDifferenceTenders = tenders[f]?.count ?? 0
            if x.pricedBids > 0 { x.fixedDifferenceShare = Double(x.fixedDifferenceTenders) / Double(x.pricedBids) }
            return x
        }
    }
}
