import Foundation

/// First-digit test of a set of contract values against Benford's law (GRAS 2.4): "30.1% of
/// first digits shall be 1, 17.6% number 2, 12.5% number 3 etc." (GRAS report, footnote 4).
public struct BenfordTest: Sendable, Hashable {
    /// Nigrini's first-digit conformity ranges for the mean absolute deviation (Nigrini 2012,
    /// *Benford's Law*, Table 7.1): ≤ 0.006 close, ≤ 0.012 acceptable, ≤ 0.015 marginal, above
    /// that nonconformity.
    public enum Verdict: String, Sendable, Codable {
        case close = "close_conformity"
        case acceptable = "acceptable_conformity"
        case marginal = "marginally_acceptable_conformity"
        case nonconformity
        /// Fewer values than the minimum sample: no verdict.
        case tooFew = "too_few_values"
    }

    public static let expected: [Double] = (1...9).map { log10(1 + 1 / Double($0)) }

    /// Values with a first digit (positive, finite).
    public var count: Int
    /// Counts of first digits 1…9.
    public var digits: [Int]
    public var meanAbsoluteDeviation: Double
    /// Pearson's chi-square with 8 degrees of freedom, and its p-value.
    public var chiSquare: Double
    public var pValue: Double
    public var verdict: Verdict
    /// Below Nigrini's advised 1,000 values the verdict is indicative only.
    public var smallSample: Bool
    /// GRAS 2.4.1: the share of the values whose first digit is over-represented (observed
    /// share above expected by more than two standard errors).
    public var shareWithExcessDigit: Double

    public init(values: some Sequence<Double>, minimumSample: Int) {
        var digits = [Int](repeating: 0, count: 9)
        for v in values {
            guard let d = BenfordTest.firstDigit(v) else { continue }
            digits[d - 1] += 1
        }
        let n = digits.reduce(0, +)
        self.count = n
        self.digits = digits
        guard n > 0 else {
            meanAbsoluteDeviation = 0
            chiSquare = 0
            pValue = 1
            verdict = .tooFew
            smallSample = true
            shareWithExcessDigit = 0
            return
        }
        let observed = digits.map { Double($0) / Double(n) }
        meanAbsoluteDeviation = zip(observed, Self.expected).reduce(0) { $0 + abs($1.0 - $1.1) } / 9
        chiSquare = zip(digits, Self.expected).reduce(0) { s, x in
            let e = Double(n) * x.1
            return s + (Double(x.0) - e) * (Double(x.0) - e) / e
        }
        pValue = Self.chiSquareSurvival(chiSquare, degreesOfFreedom: 8)
        smallSample = n < 1000
        if n < minimumSample {
            verdict = .tooFew
        } else if meanAbsoluteDeviation <= 0.006 {
            verdict = .close
        } else if meanAbsoluteDeviation <= 0.012 {
            verdict = .acceptable
        } else if meanAbsoluteDeviation <= 0.015 {
            verdict = .marginal
        } else {
            verdict = .nonconformity
        }
        var excess = 0
        for d in 0..<9 {
            let se = (Self.expected[d] * (1 - Self.expected[d]) / Double(n)).squareRoot()
            if observed[d] - Self.expected[d] > 2 * se { excess += digits[d] }
        }
        shareWithExcessDigit = Double(excess) / Double(n)
    }

    /// The first significant digit of a positive, finite value.
    public static func firstDigit(_ v: Double) -> Int? {
        guard v > 0, v.isFinite else { return nil }
        var x = v / pow(10, floor(log10(v)))
        // log10 may land a hair below an exact power of ten.
        if x >= 10 { x /= 10 }
        if x < 1 { x *= 10 }
        return min(9, max(1, Int(x)))
    }

    /// P(X ≥ x) for X ~ chi-square(k): the regularised upper incomplete gamma Q(k/2, x/2), by
    /// its series (x < a + 1) or continued fraction (Numerical Recipes, §6.2).
    public static func chiSquareSurvival(_ x: Double, degreesOfFreedom k: Int) -> Double {
        guard x > 0 else { return 1 }
        let a = Double(k) / 2
        let z = x / 2
        let lnGammaA: Double = lgamma(a)
        if z < a + 1 {
            var sum = 1 / a
            var term = sum
            var n = a
            for _ in 0..<500 {
                n += 1
                term *= z / n
                sum += term
                if abs(term) < abs(sum) * 1e-15 { break }
            }
            return max(0, 1 - sum * exp(-z + a * log(z) - lnGammaA))
        }
        var b = z + 1 - a
        var c = 1 / 1e-300
        var d = 1 / b
        var h = d
        for i in 1...500 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < 1e-300 { d = 1e-300 }
            c = b + an / c
            if abs(c) < 1e-300 { c = 1e-300 }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return min(1, exp(-z + a * log(z) - lnGammaA) * h)
    }
}

/// GRAS 2.4.1 and 2.5.1 per supplier.
public struct ContractValueFigures: Sendable, Hashable {
    public var firm: UInt32
    public var contracts: Int
    public var benford: BenfordTest
    /// Contracts with a known relative price (winning price ÷ estimated price).
    public var pricedAgainstEstimate: Int
    /// GRAS 2.5.1 by number and by value.
    public var highPriceShare: Double?
    public var highPriceValueShare: Double?
}

extension CollusionAnalysis {
    /// Per supplier: Benford's test of its contract values (the winning bids where no contract is
    /// recorded), and the share of contracts won above `highPriceRatio` of the estimate.
    static func contractValueFigures(facts: ProcurementFacts, parameters p: CollusionParameters) -> (firms: [ContractValueFigures], market: BenfordTest) {
        // What each firm won: (tender or nil, value).
        var won: [UInt32: [(tender: UInt32?, value: Double?)]] = [:]
        var contracted = Set<UInt64>()
        for c in facts.contracts {
            won[c.firm, default: []].append((c.tender, c.value))
            if let t = c.tender { contracted.insert(UInt64(c.firm) << 32 | UInt64(t)) }
        }
        for b in facts.bids where b.won && !contracted.contains(UInt64(b.firm) << 32 | UInt64(b.tender)) {
            won[b.firm, default: []].append((b.tender, b.value))
        }
        var all: [Double] = []
        let firms = won.keys.sorted().map { f -> ContractValueFigures in
            let items = won[f]!
            let values = items.compactMap(\.value)
            all += values
            var priced = 0
            var high = 0
            var pricedValue = 0.0
            var highValue = 0.0
            for item in items {
                guard let v = item.value, let t = item.tender, let i = facts.tenderIndex(of: t), let est = facts.tenders[i].estimatedPrice, est > 0
                else { continue }
                priced += 1
                pricedValue += v
                if v / est > p.highPriceRatio {
                    high += 1
                    highValue += v
                }
            }
            return ContractValueFigures(
                firm: f, contracts: items.count, benford: BenfordTest(values: values, minimumSample: p.benfordMinimumSample),
                pricedAgainstEstimate: priced, highPriceShare: priced > 0 ? Double(high) / Double(priced) : nil,
                highPriceValueShare: pricedValue > 0 ? highValue / pricedValue : nil)
        }
        return (firms, BenfordTest(values: all, minimumSample: p.benfordMinimumSample))
    }
}
