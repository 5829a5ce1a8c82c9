import Testing
import TramaAnalysis

/// Values computed independently as exact rational sums in Python (`fractions.Fraction` and
/// `math.comb`) and checked against SciPy 1.17 (`binom.sf`, `fisher_exact`).
@Suite("Exact tests: binomial tail, Fisher, Bonferroni, median")
struct StatisticsTests {
    static func close(_ x: Double, _ expected: Double, relative: Double = 1e-9) -> Bool {
        expected == 0 ? x == 0 : abs(x - expected) <= relative * abs(expected)
    }

    @Test(arguments: [
        (12, 15, 0.25, 1.2364238500595093e-05),
        (5, 5, 0.25, 0.0009765625),
        (3, 10, 0.5, 0.9453125),
        (1, 10, 0.1, 0.6513215599000001),
        (60, 100, 0.5, 0.028443966820490444),
        // Terms of these tails overflow or underflow a Double; the tails do not.
        (2000, 5000, 0.35, 1.1823507322922728e-13),
        (100, 200, 0.1, 2.701580432141056e-46),
        (30, 3000, 0.002, 2.329389009283956e-12),
    ])
    func binomialUpperTailMatchesExactSums(k: Int, n: Int, p: Double, expected: Double) {
        let got = Statistics.binomialUpperTail(atLeast: k, trials: n, probability: p)
        #expect(Self.close(got, expected), "P(X ≥ \(k) | \(n), \(p)) = \(got), expected \(expected)")
    }

    @Test func binomialEdgesAreExact() {
        #expect(Statistics.binomialUpperTail(atLeast: 0, trials: 10, probability: 0.3) == 1)
        #expect(Statistics.binomialUpperTail(atLeast: 11, trials: 10, probability: 0.3) == 0)
        #expect(Statistics.binomialUpperTail(atLeast: 1, trials: 10, probability: 0) == 0)
        #expect(Statistics.binomialUpperTail(atLeast: 10, trials: 10, probability: 1) == 1)
        #expect(Self.close(Statistics.binomialUpperTail(atLeast: 10, trials: 100, probability: 0.5), 1, relative: 1e-12))
    }

    @Test(arguments: [
        ([10, 0, 3, 9], 1.0, 0.0004422821760283061, 0.00046238591130231995),
        ([1, 9, 11, 3], 0.0013797280926100418, 0.9999663480953022, 0.0027594561852200836),
        // Fisher's tea-tasting table.
        ([3, 1, 1, 3], 0.9857142857142858, 0.24285714285714283, 0.48571428571428565),
        ([0, 5, 5, 0], 0.003968253968253969, 1.0, 0.007936507936507938),
        // Thousands of cases: the hypergeometric terms underflow, the p-values do not.
        ([500, 1500, 600, 1400], 0.00022631629103043457, 0.999827053926297, 0.00045263258206086913),
        ([40, 960, 10, 990], 0.9999978317624175, 9.504737471649538e-06, 1.9009474943299076e-05),
        // A table tied with its mirror image counts both: the two-sided p-value is 1.
        ([2, 2, 2, 2], 0.7571428571428571, 0.7571428571428571, 1.0),
    ])
    func fisherMatchesExactSums(table: [Int], less: Double, greater: Double, twoSided: Double) {
        let f = Statistics.fisherExact(table[0], table[1], table[2], table[3])
        #expect(Self.close(f.less, less), "less \(f.less) ≠ \(less)")
        #expect(Self.close(f.greater, greater), "greater \(f.greater) ≠ \(greater)")
        #expect(Self.close(f.twoSided, twoSided), "two-sided \(f.twoSided) ≠ \(twoSided)")
    }

    @Test func bonferroniMultipliesAndCapsAtOne() {
        #expect(Statistics.bonferroni(0.001, tests: 40) == 0.04)
        #expect(Statistics.bonferroni(0.2, tests: 10) == 1)
        #expect(Statistics.bonferroni(0.02, tests: 0) == 0.02)
    }

    @Test func medianTakesTheMiddleOrTheMeanOfTheTwoMiddles() {
        #expect(Statistics.median([]) == nil)
        #expect(Statistics.median([40, 10, 30]) == 30)
        #expect(Statistics.median([40, 10, 30, 20]) == 25)
    }
}
