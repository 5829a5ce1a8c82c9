import Foundation
import TramaGraph

/// The engine's SplitMix64 gives the same sequence on every machine, which is what a world that
/// must be byte-identical for a seed needs; these are the draws the generator makes from it.
extension SplitMix64 {
    /// A hash of (seed, salt, index): per-entity attributes (names, birth dates) drawn from it
    /// are the same whatever order the entities are written in.
    static func hash(_ seed: UInt64, _ salt: UInt64, _ index: Int) -> UInt64 {
        finalize(finalize(seed &+ salt &* 0xD1B5_4A32_D192_ED03) ^ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
    }
}

extension SplitMix64 {
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in `range` (the modulo bias is below 2⁻⁴⁰ for the ranges used here).
    mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// An index in `0..<count` skewed towards 0: `count · u^skew`. With skew 2 the busiest
    /// firm of 100,000 draws about 0.3% of all picks and the first 1% of indices about 10% —
    /// the heavy tail of who bids how often.
    mutating func skewed(_ count: Int, skew: Double) -> Int { min(count - 1, Int(Double(count) * pow(unit(), skew))) }

    /// Log-normal, as money amounts are.
    mutating func logNormal(mu: Double, sigma: Double) -> Double {
        let u1 = max(unit(), 1e-12)
        let u2 = unit()
        return exp(mu + sigma * sqrt(-2 * log(u1)) * cos(2 * Double.pi * u2))
    }

    /// A day in `from...to`.
    mutating func day(_ from: Day, _ to: Day) -> Day {
        precondition(from <= to, "empty day range \(from)…\(to)")
        return Day(rawValue: from.rawValue + Int32(int(0...Int(to.rawValue - from.rawValue))))
    }

    /// Money in whole currency units between `low` and `high` times `base`, as cents.
    mutating func cents(around base: Int64, _ low: Double, _ high: Double) -> Int64 {
        Int64((Double(base) * (low + (high - low) * unit()) / 100).rounded()) * 100
    }
}

/// A cheap bijection of `0..<count` (i ↦ a·i + b mod count, with a coprime to count): picks
/// exactly k scattered members of a range (`Membership`).
struct AffinePermutation: Sendable {
    let count: Int
    let a: Int
    let b: Int
    let aInverse: Int

    init(count: Int, rng: inout SplitMix64) {
        precondition(count > 0)
        self.count = count
        guard count > 2 else {
            (a, b, aInverse) = (1, 0, 1)
            return
        }
        var a = rng.int((count / 3)...max(count / 3, 2 * count / 3))
        while AffinePermutation.gcd(a, count) != 1 { a += 1 }
        self.a = a % count
        b = rng.int(0..<count)
        aInverse = AffinePermutation.inverse(self.a, modulo: count)
    }

    func callAsFunction(_ i: Int) -> Int { Int((UInt64(a) &* UInt64(i) &+ UInt64(b)) % UInt64(count)) }

    func inverse(_ y: Int) -> Int { Int((UInt64(aInverse) &* UInt64((y - b + count) % count)) % UInt64(count)) }

    static func gcd(_ x: Int, _ y: Int) -> Int { y == 0 ? x : gcd(y, x % y) }

    static func inverse(_ a: Int, modulo m: Int) -> Int {
        var (t, newT, r, newR) = (0, 1, m, a)
        while newR != 0 {
            let q = r / newR
            (t, newT) = (newT, t - q * newT)
            (r, newR) = (newR, r - q * newR)
        }
        return t < 0 ? t + m : t
    }
}

/// A keyed pseudo-random bijection of `0..<count` (a four-round Feistel network on the
/// smallest even-bit power of two ≥ count, cycle-walked back into range), so that IDs say
/// nothing about the role or the order an index was reserved in.
struct ScramblePermutation: Sendable {
    let count: Int
    private let halfBits: UInt64
    private let mask: UInt64
    private let keys: [UInt64]

    init(count: Int, rng: inout SplitMix64) {
        precondition(count > 0)
        self.count = count
        var h: UInt64 = 1
        while (1 << (2 * h)) < UInt64(count) { h += 1 }
        halfBits = h
        mask = (1 << h) - 1
        keys = (0..<4).map { _ in rng.next() }
    }

    private func round(_ x: UInt64, _ key: UInt64) -> UInt64 { SplitMix64.finalize(x ^ key) & mask }

    private func encrypt(_ x: UInt64) -> UInt64 {
        var (l, r) = (x >> halfBits, x & mask)
        for k in keys { (l, r) = (r, l ^ round(r, k)) }
        return l << halfBits | r
    }

    private func decrypt(_ x: UInt64) -> UInt64 {
        var (l, r) = (x >> halfBits, x & mask)
        for k in keys.reversed() { (l, r) = (r ^ round(l, k), l) }
        return l << halfBits | r
    }

    func callAsFunction(_ i: Int) -> Int {
        var x = encrypt(UInt64(i))
        while x >= UInt64(count) { x = encrypt(x) }
        return Int(x)
    }

    func inverse(_ y: Int) -> Int {
        var x = decrypt(UInt64(y))
        while x >= UInt64(count) { x = decrypt(x) }
        return Int(x)
    }
}

/// Fixed-width IDs, money and dates, formatted without Foundation's locale-dependent formatters.
enum Format {
    static func id(_ prefix: String, _ n: Int, width: Int) -> String {
        let s = String(n)
        return s.count >= width ? prefix + s : prefix + String(repeating: "0", count: width - s.count) + s
    }

    /// Cents as a plain decimal with two places: 123456 → "1234.56".
    static func money(cents: Int64) -> String {
        let a = cents.magnitude
        let frac = a % 100
        return (cents < 0 ? "-" : "") + String(a / 100) + (frac < 10 ? ".0" : ".") + String(frac)
    }

    static func money(_ v: Double) -> String { money(cents: Int64((v * 100).rounded())) }

    /// Basis points (1/100 of a percent) as a percentage with two places: 3350 → "33.50".
    static func percent(basisPoints: Int) -> String { money(cents: Int64(basisPoints)) }
}

/// `YYYY-MM-DD` for every day from 1930 to 2030, computed once: dates are in almost every row.
struct DayText: Sendable {
    static let first = Day(year: 1930, month: 1, day: 1)!
    static let last = Day(year: 2030, month: 12, day: 31)!
    private let texts: [String]

    init() { texts = (DayText.first.rawValue...DayText.last.rawValue).map { Day(rawValue: $0).iso } }

    subscript(_ day: Day) -> String {
        day >= DayText.first && day <= DayText.last ? texts[Int(day.rawValue - DayText.first.rawValue)] : day.iso
    }

    subscript(_ day: Day?) -> String { day.map { self[$0] } ?? "" }
}

extension Day {
    func adding(days n: Int) -> Day { Day(rawValue: rawValue + Int32(n)) }
    func adding(years n: Int) -> Day { adding(days: n * 365 + n / 4) }
    static func ymd(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }
}
