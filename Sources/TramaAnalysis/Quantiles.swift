/// Quantiles and Tukey fences, computed as cardinal-rs's `statrs` 0.16 crate computes them, so
/// that the GRAS screens' market-relative fences and `trama cardinal`'s are the same doubles.
public enum Quantiles {
    /// The τ-quantile by the R-8 method (Hyndman and Fan's definition 8, median-unbiased), as
    /// statrs's `Data::quantile`:
    ///
    /// h = (n + 1/3)·τ + 1/3 and ⌊h⌋ = h truncated; the minimum if ⌊h⌋ ≤ 0 or τ = 0; the maximum if
    /// ⌊h⌋ ≥ n or τ is within 4 ulps of 1; otherwise x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) with
    /// x₍k₎ the k-th smallest (1-based), evaluated in that order without a fused multiply-add.
    ///
    /// NaN for no values or τ outside [0, 1]. With a NaN among the values statrs's minimum and
    /// maximum are NaN and its selection algorithm's answer depends on the values' order (which in
    /// cardinal is a `HashMap`'s); TramaCardinal then answers NaN, so nothing is flagged.
    ///
    /// - Complexity: O(n log n).
    public static func quantile(_ values: [Double], _ tau: Double) -> Double {
        guard tau >= 0, tau <= 1, !values.isEmpty else { return .nan }
        if values.contains(where: \.isNaN) { return .nan }
        let n = values.count
        let h = (Double(n) + 1.0 / 3.0) * tau + 1.0 / 3.0
        let hf = Int64(h)
        let sorted = values.sorted()
        if hf <= 0 || tau == 0 { return sorted[0] }
        if hf >= Int64(n) || isWithinFourULPsOfOne(tau) { return sorted[n - 1] }
        let a = sorted[Int(hf) - 1]
        let b = sorted[Int(hf)]
        let weight = h - Double(hf)
        let spread = b - a
        let step = weight * spread
        return a + step
    }

    /// Q1 and Q3 of `values` with their Tukey fences.
    public static func fences(_ values: [Double]) -> TukeyFences {
        TukeyFences(q1: lowerQuartile(values), q3: upperQuartile(values))
    }

    /// The first quartile (τ = 0.25).
    public static func lowerQuartile(_ values: [Double]) -> Double { quantile(values, 0.25) }

    /// The third quartile (τ = 0.75).
    public static func upperQuartile(_ values: [Double]) -> Double { quantile(values, 0.75) }

    /// statrs's `percentile(p)`: the quantile at τ = p / 100.
    public static func percentile(_ values: [Double], _ p: UInt64) -> Double { quantile(values, Double(p) / 100) }

    /// The lower fence Q1 − 1.5·IQR as cardinal computes it: `(q3 - q1).mul_add(-1.5, q1)`, one
    /// rounding (a fused multiply-add).
    public static func lowerFence(q1: Double, q3: Double) -> Double { q1.addingProduct(q3 - q1, -1.5) }

    /// The upper fence Q3 + 1.5·IQR: `(q3 - q1).mul_add(1.5, q3)`.
    public static func upperFence(q1: Double, q3: Double) -> Double { q3.addingProduct(q3 - q1, 1.5) }

    /// The `approx` crate's `ulps_eq!(tau, 1.0)` with its defaults (ε = 2⁻⁵², 4 ulps).
    static func isWithinFourULPsOfOne(_ tau: Double) -> Bool {
        if abs(tau - 1) <= Double.ulpOfOne { return true }
        if tau.sign != .plus { return false }
        let a = Int64(bitPattern: tau.bitPattern)
        let b = Int64(bitPattern: (1.0).bitPattern)
        return abs(a - b) <= 4
    }
}

/// The first and third quartiles of a population and John Tukey's fences 1.5 interquartile
/// ranges beyond them: a value outside is an outlier of its market, whatever the market's scale.
public struct TukeyFences: Codable, Sendable, Hashable {
    public var q1: Double
    public var q3: Double

    public init(q1: Double, q3: Double) {
        self.q1 = q1
        self.q3 = q3
    }

    /// Q1 − 1.5·IQR.
    public var lower: Double { Quantiles.lowerFence(q1: q1, q3: q3) }
    /// Q3 + 1.5·IQR.
    public var upper: Double { Quantiles.upperFence(q1: q1, q3: q3) }
}
