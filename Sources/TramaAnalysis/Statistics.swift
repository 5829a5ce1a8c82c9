import Foundation

/// Exact tests for counts, summed from log-probabilities: a lawyer with thousands of cases
/// makes terms like C(n, i)·pⁱ·(1 − p)ⁿ⁻ⁱ whose factors overflow or underflow a `Double` long
/// before the probability itself does, so every term is formed as a logarithm (log-gamma) and
/// only the scaled sum leaves log space.
public enum Statistics {
    /// P(X ≥ k) for X ~ Binomial(n, p): the one-sided p-value of at least `k` successes in `n`
    /// trials when each succeeds with probability `p`.
    ///
    /// - Complexity: O(n − k) log-gamma evaluations at most; the sum stops once the terms past
    ///   the mode fall below e⁻⁴⁰ of the largest, so a far tail costs a few dozen.
    public static func binomialUpperTail(atLeast k: Int, trials n: Int, probability p: Double) -> Double {
        precondition(n >= 0 && p >= 0 && p <= 1, "a binomial needs n ≥ 0 and 0 ≤ p ≤ 1")
        if k <= 0 { return 1 }
        if k > n || p == 0 { return 0 }
        if p == 1 { return 1 }
        let logP = log(p)
        let logQ = log1p(-p)
        var terms: [Double] = []
        var peak = -Double.infinity
        for i in k...n {
            let t = logChoose(n, i) + Double(i) * logP + Double(n - i) * logQ
            // The terms rise to the mode and fall after it, so a term this far below the
            // largest is past the mode and so is everything after it: the rest adds less than
            // n·e⁻⁴⁰ (< 10⁻¹³ for n in the millions) relative to the sum.
            if t < peak - 40 { break }
            peak = max(peak, t)
            terms.append(t)
        }
        return min(1, exp(logSumExp(terms)))
    }

    /// Fisher's exact test of a 2×2 table, rows being two groups and columns success and
    /// failure; the margins are held fixed, so the first cell is hypergeometric.
    public struct Fisher: Sendable, Hashable {
        /// P(first cell ≤ observed): the first group succeeds less often than the second.
        public var less: Double
        /// P(first cell ≥ observed): the first group succeeds more often.
        public var greater: Double
        /// The probability of every table no more likely than the observed one (tables within
        /// a relative 10⁻⁷ of it count as equally likely, as in R's `fisher.test`, so that
        /// rounding cannot drop a table that ties in exact arithmetic).
        public var twoSided: Double
    }

    /// Fisher's exact test of the table `[[a, b], [c, d]]`.
    ///
    /// - Complexity: O(a + b + c + d) log-gamma evaluations.
    public static func fisherExact(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Fisher {
        precondition(a >= 0 && b >= 0 && c >= 0 && d >= 0, "a table of counts has no negative cell")
        let row1 = a + b
        let row2 = c + d
        let column1 = a + c
        let total = row1 + row2
        let logFactorial = (0...total).map { logGamma(Double($0) + 1) }
        // log P(first cell = x), up to the constant −log C(total, column1), which cancels in
        // the ratios below.
        let lowest = max(0, column1 - row2)
        let highest = min(row1, column1)
        let support = Array(lowest...highest)
        let logs = support.map { x in
            -logFactorial[x] - logFactorial[row1 - x] - logFactorial[column1 - x] - logFactorial[row2 - column1 + x]
        }
        let all = logSumExp(logs)
        func share(_ keep: (Int, Double) -> Bool) -> Double {
            let kept = zip(support, logs).filter { keep($0.0, $0.1) }.map(\.1)
            return kept.isEmpty ? 0 : min(1, exp(logSumExp(kept) - all))
        }
        let observed = logs[a - lowest] + log1p(1e-7)
        return Fisher(less: share { x, _ in x <= a }, greater: share { x, _ in x >= a }, twoSided: share { _, l in l <= observed })
    }

    /// A p-value adjusted for `tests` comparisons (Bonferroni): the chance that any of them
    /// reaches it by chance is at most the adjusted value, whatever their dependence.
    public static func bonferroni(_ p: Double, tests: Int) -> Double { min(1, p * Double(max(1, tests))) }

    /// The middle value (the mean of the two middle ones for an even count); nil when empty.
    ///
    /// - Complexity: O(n log n).
    public static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[mid]) : (Double(sorted[mid - 1]) + Double(sorted[mid])) / 2
    }

    /// log C(n, k).
    static func logChoose(_ n: Int, _ k: Int) -> Double {
        logGamma(Double(n) + 1) - logGamma(Double(k) + 1) - logGamma(Double(n - k) + 1)
    }

    /// The reentrant log-gamma: plain `lgamma` writes the C global `signgam`, a data race when
    /// screens run on several threads.
    static func logGamma(_ x: Double) -> Double {
        var sign: Int32 = 0
        return lgamma_r(x, &sign)
    }

    /// log Σ exp(xᵢ), scaled by the largest term so that none overflows and the largest never
    /// underflows.
    static func logSumExp(_ xs: [Double]) -> Double {
        guard let top = xs.max(), top > -Double.infinity else { return -Double.infinity }
        return top + log(xs.reduce(0) { $0 + exp($1 - top) })
    }
}
