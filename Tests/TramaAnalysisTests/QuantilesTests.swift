import Testing

@testable import TramaAnalysis

/// R-8 quantiles against values worked out by hand: h = (n + 1/3)·τ + 1/3, then the minimum
/// (⌊h⌋ = 0), the maximum (⌊h⌋ ≥ n), or x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
@Suite("R-8 quantiles and fences")
struct QuantilesTests {
    @Test func oneValueIsEveryQuantile() {
        // h = 0.667 → min; h = 1.0 and 1.333 → ⌊h⌋ = 1 = n → max.
        for tau in [0.25, 0.5, 0.75] { #expect(Quantiles.quantile([5], tau) == 5) }
    }

    @Test func twoValues() {
        // h = 0.917 → min 1; h = 1.5 → 1 + 0.5·2 = 2; h = 2.083 → max 3.
        #expect(Quantiles.quantile([3, 1], 0.25) == 1)
        #expect(Quantiles.quantile([3, 1], 0.5) == 2)
        #expect(Quantiles.quantile([3, 1], 0.75) == 3)
    }

    @Test func threeValues() {
        // h = 7/6 → 1 + (1/6)·1; h = 2 → 2 + 0·2; h = 17/6 → 2 + (5/6)·2.
        let values: [Double] = [4, 1, 2]
        #expect(Quantiles.quantile(values, 0.25) == 1.1666666666666667)
        #expect(Quantiles.quantile(values, 0.5) == 2)
        #expect(Quantiles.quantile(values, 0.75) == 3.666666666666667)
        #expect(abs(Quantiles.quantile(values, 0.25) - 7.0 / 6.0) < 1e-15)
        #expect(abs(Quantiles.quantile(values, 0.75) - 11.0 / 3.0) < 1e-15)
    }

    @Test func tenValues() {
        // 1…10: h = 2.917 → 2.917; h = 5.5 → 5.5; h = 8.083 → 8.083.
        let values = (1...10).reversed().map(Double.init)
        #expect(Quantiles.quantile(values, 0.25) == 2.916666666666667)
        #expect(Quantiles.quantile(values, 0.5) == 5.5)
        #expect(Quantiles.quantile(values, 0.75) == 8.083333333333334)
        #expect(Quantiles.lowerQuartile(values) == Quantiles.quantile(values, 0.25))
        #expect(Quantiles.upperQuartile(values) == Quantiles.quantile(values, 0.75))
    }

    @Test func percentileIsTheQuantileAtAHundredth() {
        // R025's demonstration: valid bids per tenderer 6, 1, 1, 1, 1, 1; h = 6.333·0.75 + 1/3 = 5.083
        // → 1 + 0.083·5.
        let counts: [Double] = [6, 1, 1, 1, 1, 1]
        let h = (6.0 + 1.0 / 3.0) * 0.75 + 1.0 / 3.0
        #expect(Quantiles.percentile(counts, 75) == 1 + (h - 5) * 5)
        #expect(Quantiles.percentile(counts, 100) == 6)
        #expect(Quantiles.percentile(counts, 0) == 1)
        #expect(Quantiles.percentile(counts, 101).isNaN)
    }

    @Test func nothingToMeasureIsNaN() {
        #expect(Quantiles.quantile([], 0.25).isNaN)
        #expect(Quantiles.quantile([1, .nan, 3], 0.5).isNaN)
    }

    @Test func fencesAreOneAndAHalfInterquartileRangesOut() {
        #expect(Quantiles.lowerFence(q1: 2, q3: 4) == -1)
        #expect(Quantiles.upperFence(q1: 2, q3: 4) == 7)
        // R048's demonstration: varieties 2, 1, 1, 1, 1 → Q1 = 1, Q3 = 4/3, upper fence 11/6.
        let varieties: [Double] = [2, 1, 1, 1, 1]
        let q1 = Quantiles.lowerQuartile(varieties)
        let q3 = Quantiles.upperQuartile(varieties)
        #expect(q1 == 1)
        #expect(abs(q3 - 4.0 / 3.0) < 1e-15)
        #expect(abs(Quantiles.upperFence(q1: q1, q3: q3) - 11.0 / 6.0) < 1e-15)
    }

    @Test func fencesRoundOnceAsAFusedMultiplyAdd() {
        // Q1 − 1.5·IQR with one rounding differs from two roundings for these values.
        let q1 = 0.1
        let q3 = 0.7
        let fused = Quantiles.lowerFence(q1: q1, q3: q3)
        #expect(fused == q1.addingProduct(q3 - q1, -1.5))
    }
}
