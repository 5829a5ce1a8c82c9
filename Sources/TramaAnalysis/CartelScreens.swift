import Foundation
import TramaGraph

/// Winner rotation in a cohort of firms that keep bidding together: do they take turns?
///
/// The cohort's tenders (two or more members bid, a member won) are put in date order and the
/// sequence of winners is scored by T = (wins repeating the winner m tenders back, m the number
/// of distinct winners) − (wins repeating the previous winner): strict turn-taking maximises
/// it. The p-value is the share of random orders of the same wins (the member's win counts
/// kept, the order independent, as independent bidding would give) scoring at least as high.
public struct WinnerRotation: Sendable, Hashable {
    /// Where the cohort came from: a ring, or firms that often bid together.
    public enum Source: String, Sendable, Codable {
        case ring
        case coBidding = "co_bidding"
    }

    public var source: Source
    public var firms: [UInt32]
    /// Winners in date order.
    public var sequence: [UInt32]
    public var tenders: [UInt32]
    public var statistic: Int
    public var pValue: Double
    /// Pielou's evenness of the members' win counts (1: all won equally often).
    public var evenness: Double
    public var flagged: Bool
}

/// Market allocation: firms active in one product market that each dominate their own buyers
/// (or regions) and never bid where the other does, although independent choice of buyers
/// would have brought them together.
public struct MarketAllocation: Sendable, Hashable {
    /// A buyer, or a region when allocation is screened by region.
    public enum Place: Sendable, Hashable, Comparable {
        case agency(UInt32)
        case region(String)
    }

    public struct Territory: Sendable, Hashable {
        public var firm: UInt32
        /// Buyers (agency node index) or regions the firm dominates, with its share of awards there.
        public var dominated: [(place: Place, share: Double, wins: Int)]
        public var wins: Int
        public var bids: Int

        public static func == (a: Territory, b: Territory) -> Bool {
            a.firm == b.firm && a.wins == b.wins && a.dominated.map(\.place) == b.dominated.map(\.place)
        }

        public func hash(into h: inout Hasher) { h.combine(firm) }
    }

    public var market: String
    public var firms: [Territory]
    /// Pairs of members that avoid each other, with the buyers they would share by chance.
    public var avoidances: [(first: UInt32, second: UInt32, expectedShared: Double)]
    public var byRegion: Bool

    public static func == (a: MarketAllocation, b: MarketAllocation) -> Bool { a.market == b.market && a.firms == b.firms }
    public func hash(into h: inout Hasher) { h.combine(market) }
}

extension CollusionAnalysis {
    static func rotations(
        facts: ProcurementFacts, rings: [CollusionRing], tendersOf: [UInt32: [UInt32]], parameters p: CollusionParameters
    ) -> [WinnerRotation] {
        // Co-bidding cohorts: pairs that met often, grouped.
        var pairCount: [UInt64: Int] = [:]
        for t in facts.tenders.indices {
            var firms: [UInt32] = []
            for b in facts.bids(ofTender: t) where firms.last != b.firm { firms.append(b.firm) }
            guard firms.count >= 2, firms.count <= 40 else { continue }
            for i in 0..<firms.count { for j in (i + 1)..<firms.count { pairCount[UInt64(firms[i]) << 32 | UInt64(firms[j]), default: 0] += 1 } }
        }
        let frequent = pairCount.filter { $0.value >= p.rotationCohortMinimumCoBids }.sorted { $0.key < $1.key }
            .map { (UInt32($0.key >> 32), UInt32($0.key & 0xFFFF_FFFF), Double($0.value)) }
        var tested: [(WinnerRotation.Source, [UInt32])] = rings.map { (.ring, $0.firms) }
        let ringSets = Set(rings.map(\.firms))
        for c in cohorts(pairs: frequent, maximumSize: p.ringMaximumSize) where !ringSets.contains(c) { tested.append((.coBidding, c)) }
        return tested.compactMap { source, members in
            rotation(of: members, source: source, facts: facts, tendersOf: tendersOf, parameters: p)
        }
    }

    static func rotation(
        of members: [UInt32], source: WinnerRotation.Source, facts: ProcurementFacts, tendersOf: [UInt32: [UInt32]], parameters p: CollusionParameters
    ) -> WinnerRotation? {
        let set = Set(members)
        var count: [UInt32: Int] = [:]
        for m in members { for t in tendersOf[m] ?? [] { count[t, default: 0] += 1 } }
        var won: [(day: Day, tender: UInt32, winner: UInt32)] = []
        for (node, n) in count where n >= 2 {
            guard let t = facts.tenderIndex(of: node) else { continue }
            let winners = Set(facts.bids(ofTender: t).filter(\.won).map(\.firm)).intersection(set)
            guard winners.count == 1, let d = facts.day(ofTender: t) else { continue }
            won.append((d, node, winners.first!))
        }
        won.sort { ($0.day, $0.tender) < ($1.day, $1.tender) }
        let sequence = won.map(\.winner)
        let distinct = Set(sequence).count
        guard sequence.count >= p.rotationMinimumTenders, distinct >= 2 else { return nil }
        func statistic(_ s: [UInt32]) -> Int {
            var t = 0
            for i in s.indices {
                if i >= distinct, s[i] == s[i - distinct] { t += 1 }
                if i >= 1, s[i] == s[i - 1] { t -= 1 }
            }
            return t
        }
        let observed = statistic(sequence)
        var rng = SplitMix64(seed: members.reduce(0x5EED) { SplitMix64.finalize($0 ^ UInt64($1)) })
        var shuffled = sequence
        var atLeast = 0
        for _ in 0..<p.rotationPermutations {
            rng.shuffle(&shuffled)
            if statistic(shuffled) >= observed { atLeast += 1 }
        }
        let pValue = Double(atLeast + 1) / Double(p.rotationPermutations + 1)
        var wins: [UInt32: Int] = [:]
        for w in sequence { wins[w, default: 0] += 1 }
        let shares = wins.values.map { Double($0) / Double(sequence.count) }
        let entropy = -shares.reduce(0) { $0 + $1 * log($1) }
        return WinnerRotation(
            source: source, firms: members, sequence: sequence, tenders: won.map(\.tender), statistic: observed, pValue: pValue,
            evenness: distinct > 1 ? entropy / log(Double(distinct)) : 0, flagged: pValue <= p.rotationSignificance)
    }

    static func allocations(facts: ProcurementFacts, parameters p: CollusionParameters) -> [MarketAllocation] {
        // Per market: tenders per place, bids and wins per firm and place.
        struct Market {
            var tendersAt: [MarketAllocation.Place: Int] = [:]
            var tenders = 0
            var bidsAt: [UInt32: [MarketAllocation.Place: Int]] = [:]
            var winsAt: [UInt32: [MarketAllocation.Place: Int]] = [:]
            var winsTotalAt: [MarketAllocation.Place: Int] = [:]
        }
        var markets: [String: Market] = [:]
        for t in facts.tenders.indices {
            let tender = facts.tenders[t]
            let place: MarketAllocation.Place? = p.allocationByRegion ? tender.region.map { .region($0) } : tender.agency.map { .agency($0) }
            guard let place else { continue }
            let name = tender.product ?? ""
            markets[name, default: Market()].tenders += 1
            markets[name, default: Market()].tendersAt[place, default: 0] += 1
            var seen = Set<UInt32>()
            for b in facts.bids(ofTender: t) where seen.insert(b.firm).inserted {
                markets[name, default: Market()].bidsAt[b.firm, default: [:]][place, default: 0] += 1
            }
            for w in Set(facts.bids(ofTender: t).filter(\.won).map(\.firm)) {
                markets[name, default: Market()].winsAt[w, default: [:]][place, default: 0] += 1
                markets[name, default: Market()].winsTotalAt[place, default: 0] += 1
            }
        }
        var out: [MarketAllocation] = []
        for name in markets.keys.sorted() {
            let m = markets[name]!
            var territories: [UInt32: MarketAllocation.Territory] = [:]
            for (f, wins) in m.winsAt {
                let total = wins.values.reduce(0, +)
                guard total >= p.allocationMinimumWins else { continue }
                let dominated = wins.compactMap { place, n -> (place: MarketAllocation.Place, share: Double, wins: Int)? in
                    let share = Double(n) / Double(m.winsTotalAt[place]!)
                    return n >= 2 && share >= p.allocationDominance ? (place, share, n) : nil
                }.sorted { $0.place < $1.place }
                guard !dominated.isEmpty else { continue }
                territories[f] = .init(firm: f, dominated: dominated, wins: total, bids: m.bidsAt[f]!.values.reduce(0, +))
            }
            let firms = territories.keys.sorted()
            guard firms.count >= 2, firms.count <= 3000 else { continue }
            let q = m.tendersAt.mapValues { Double($0) / Double(m.tenders) }
            func reach(_ f: UInt32) -> [MarketAllocation.Place: Double] {
                let n = Double(territories[f]!.bids)
                return q.mapValues { 1 - pow(1 - $0, n) }
            }
            let reaches = Dictionary(uniqueKeysWithValues: firms.map { ($0, reach($0)) })
            var avoid: [(UInt32, UInt32, Double)] = []
            for i in firms.indices {
                for j in (i + 1)..<firms.count {
                    let (a, b) = (firms[i], firms[j])
                    let placesA = m.bidsAt[a]!
                    let placesB = m.bidsAt[b]!
                    guard !placesA.keys.contains(where: { placesB[$0] != nil }) else { continue }
                    let ra = reaches[a]!
                    let rb = reaches[b]!
                    let expected = ra.reduce(0) { $0 + $1.value * (rb[$1.key] ?? 0) }
                    if expected >= p.allocationMinimumExpectedOverlap { avoid.append((a, b, expected)) }
                }
            }
            for group in cohorts(pairs: avoid, maximumSize: p.ringMaximumSize) where group.count >= 2 {
                let set = Set(group)
                out.append(MarketAllocation(
                    market: name, firms: group.map { territories[$0]! },
                    avoidances: avoid.filter { set.contains($0.0) && set.contains($0.1) }.map { ($0.0, $0.1, $0.2) }, byRegion: p.allocationByRegion))
            }
        }
        return out
    }
}
