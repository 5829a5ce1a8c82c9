public import TramaGraph

/// One reason two firms of a ring are tied.
public struct RingTie: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Something the two share (GRAS 2.6–2.8).
        case shared(CompetitorLink.Kind)
        /// A top loser (GRAS 2.1) and a firm it keeps losing to.
        case losesTo

        /// The name outputs use: the link kind's, or `loses_to`.
        public var name: String {
            switch self {
            case .shared(let k): k.rawValue
            case .losesTo: "loses_to"
            }
        }
    }

    public var kind: Kind
    /// The GRAS indicator behind the tie ("2.7.1", "2.1", …).
    public var indicator: String
    /// For `losesTo`, the loser first.
    public var firms: FirmPair
    /// The shared entity (nil for `losesTo`).
    public var via: UInt32?
    public var hops: Int
    /// The edges of the link (ownership, employment, registration rows), for provenance.
    public var edges: [UInt32]
    /// Tenders the two bid in together.
    public var coBids: Int
    /// For `losesTo`: tenders the loser lost to the other.
    public var times: Int

}

/// A group of firms that bid together and are tied by shared owners, employees or registration
/// data, or by a top loser's losses to the same winners, or — on a market without link data —
/// by the losses of the firms of highest composite risk to members of their cohort: a pattern to review, ranked by the value
/// its members won in the tenders where they met.
public struct CollusionRing: Sendable, Hashable {
    public var firms: [UInt32]
    /// Members that won at least one of the ring's tenders.
    public var winners: [UInt32]
    /// Members that bid in the ring's tenders and won none.
    public var losers: [UInt32]
    public var ties: [RingTie]
    /// Tenders in which at least two members bid.
    public var tenders: [UInt32]
    public var agencies: [UInt32]
    public var first: Day?
    public var last: Day?
    /// What members won in those tenders (contract values, else winning bids).
    public var value: Double
}

extension CollusionAnalysis {
    /// Tenders of each firm, sorted (for co-bid counts).
    static func tendersByFirm(_ facts: ProcurementFacts) -> [UInt32: [UInt32]] {
        var out: [UInt32: [UInt32]] = [:]
        for b in facts.bids where out[b.firm]?.last != b.tender { out[b.firm, default: []].append(b.tender) }
        return out
    }

    static func commonCount(_ a: [UInt32], _ b: [UInt32]) -> Int {
        var i = 0
        var j = 0
        var n = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                n += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return n
    }

    static func rings(
        facts: ProcurementFacts, linked: [LinkedBidders], topLosers: [TopLoser], standings: [FirmStanding] = [], tendersOf: [UInt32: [UInt32]],
        contractsByTender: [UInt32: [ContractFacts]], parameters p: CollusionParameters
    ) -> [CollusionRing] {
        // Link ties: one per pair and shared entity, from the first tender that showed it.
        var byPair: [UInt64: [RingTie]] = [:]
        for l in linked {
            let key = UInt64(l.firms.first) << 32 | UInt64(l.firms.second)
            for link in l.links {
                let kind = RingTie.Kind.shared(link.kind)
                if byPair[key]?.contains(where: { $0.kind == kind && $0.via == link.via }) == true { continue }
                byPair[key, default: []].append(RingTie(
                    kind: kind, indicator: link.indicator, firms: l.firms, via: link.via, hops: link.hops, edges: link.edges, coBids: 0, times: 0))
            }
        }
        var ties: [RingTie] = []
        for key in byPair.keys.sorted() {
            let (a, b) = (UInt32(key >> 32), UInt32(key & 0xFFFF_FFFF))
            let n = commonCount(tendersOf[a] ?? [], tendersOf[b] ?? [])
            guard n >= p.ringMinimumCoBids else { continue }
            for var t in byPair[key]! {
                t.coBids = n
                ties.append(t)
            }
        }
        for loser in topLosers where loser.isTopLoser {
            for (w, times) in loser.lostTo where times >= p.ringMinimumLosses {
                ties.append(RingTie(
                    kind: .losesTo, indicator: "2.1", firms: FirmPair(loser.firm, w), via: nil, hops: 1, edges: [],
                    coBids: commonCount(tendersOf[loser.firm] ?? [], tendersOf[w] ?? []), times: times))
            }
        }
        // Without link data, the firms in the top decile of the market's composite risk and the
        // members of their cohort they keep losing to (Porter and Zona's complementary bids).
        if linked.allSatisfy(\.links.isEmpty) {
            let lost = Dictionary(topLosers.map { ($0.firm, Dictionary($0.lostTo.map { ($0.firm, $0.times) }, uniquingKeysWith: +)) }, uniquingKeysWith: { a, _ in a })
            for s in standings where s.coverBidding > 0 && s.composite >= p.riskFlagStanding {
                for w in s.cohortWinners {
                    let times = lost[s.firm]?[w] ?? 0
                    guard times >= p.ringMinimumLosses else { continue }
                    ties.append(RingTie(
                        kind: .losesTo, indicator: "cover_bidding", firms: FirmPair(s.firm, w), via: nil, hops: 1, edges: [],
                        coBids: commonCount(tendersOf[s.firm] ?? [], tendersOf[w] ?? []), times: times))
                }
            }
        }
        let groups = cohorts(pairs: ties.map { ($0.firms.first, $0.firms.second, Double(max($0.coBids, $0.times))) }, maximumSize: p.ringMaximumSize)
        var rings: [CollusionRing] = []
        for members in groups where members.count >= 2 {
            let set = Set(members)
            let ringTies = ties.filter { set.contains($0.firms.first) && set.contains($0.firms.second) }
            var ring = describe(members: members, facts: facts, tendersOf: tendersOf, contractsByTender: contractsByTender)
            ring.ties = ringTies
            rings.append(ring)
        }
        return rings.sorted { ($0.value, $0.tenders.count, $1.firms.first ?? 0) > ($1.value, $1.tenders.count, $0.firms.first ?? 0) }
    }

    /// Connected groups of the weighted pairs; groups above `maximumSize` split into Louvain
    /// communities (seed 1, so the split is reproducible). Members sorted, groups by first member.
    static func cohorts(pairs: [(UInt32, UInt32, Double)], maximumSize: Int) -> [[UInt32]] {
        var parent: [UInt32: UInt32] = [:]
        func find(_ x: UInt32) -> UInt32 {
            var r = x
            while let p = parent[r], p != r { r = p }
            var y = x
            while let p = parent[y], p != r {
                parent[y] = r
                y = p
            }
            return r
        }
        for (a, b, _) in pairs {
            if parent[a] == nil { parent[a] = a }
            if parent[b] == nil { parent[b] = b }
            let (ra, rb) = (find(a), find(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var groups: [UInt32: [UInt32]] = [:]
        for x in parent.keys { groups[find(x), default: []].append(x) }
        var out: [[UInt32]] = []
        for (_, members) in groups {
            let sorted = members.sorted()
            if sorted.count <= maximumSize {
                out.append(sorted)
                continue
            }
            let index = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
            let inside = pairs.filter { index[$0.0] != nil && index[$0.1] != nil }
            let g = WeightedGraph(original: sorted, edges: inside.map { (UInt32(index[$0.0]!), UInt32(index[$0.1]!), $0.2) })
            let c = g.louvain(seed: 1)
            var split = [[UInt32]](repeating: [], count: c.count)
            for (i, m) in c.membership.enumerated() { split[Int(m)].append(sorted[i]) }
            out += split.filter { !$0.isEmpty }
        }
        return out.sorted { $0[0] < $1[0] }
    }

    /// A cohort's tenders (two or more members bid), winners, losers, agencies, period, value.
    ///
    /// Winners and losers come from the ring's own tenders: a member whose share of wins there
    /// is at least the ring's (its members' wins over their bids in those tenders) is a winner,
    /// any other member that bid a loser — so a top loser that took one turn is still a loser.
    static func describe(
        members: [UInt32], facts: ProcurementFacts, tendersOf: [UInt32: [UInt32]], contractsByTender: [UInt32: [ContractFacts]]
    ) -> CollusionRing {
        let set = Set(members)
        var count: [UInt32: Int] = [:]
        for m in members { for t in tendersOf[m] ?? [] { count[t, default: 0] += 1 } }
        let tenders = count.filter { $0.value >= 2 }.map(\.key).sorted()
        var wins: [UInt32: Int] = [:]
        var bids: [UInt32: Int] = [:]
        var agencies = Set<UInt32>()
        var value = 0.0
        var first: Day?
        var last: Day?
        for node in tenders {
            guard let t = facts.tenderIndex(of: node) else { continue }
            if let a = facts.tenders[t].agency { agencies.insert(a) }
            if let d = facts.day(ofTender: t) {
                first = min(first ?? d, d)
                last = max(last ?? d, d)
            }
            let won = Set(facts.bids(ofTender: t).filter(\.won).map(\.firm)).intersection(set)
            for m in Set(facts.bids(ofTender: t).map(\.firm)).intersection(set) { bids[m, default: 0] += 1 }
            for m in won { wins[m, default: 0] += 1 }
            guard !won.isEmpty else { continue }
            if let cs = contractsByTender[node]?.filter({ set.contains($0.firm) }), !cs.isEmpty {
                value += cs.compactMap(\.value).reduce(0, +)
            } else {
                value += facts.bids(ofTender: t).filter { $0.won && set.contains($0.firm) }.compactMap(\.value).reduce(0, +)
            }
        }
        let rate = Double(wins.values.reduce(0, +)) / Double(max(1, bids.values.reduce(0, +)))
        let winners = members.filter { m in (wins[m] ?? 0) > 0 && Double(wins[m]!) / Double(bids[m]!) >= rate }
        return CollusionRing(
            firms: members, winners: winners, losers: members.filter { bids[$0] != nil && !winners.contains($0) }, ties: [],
            tenders: tenders, agencies: agencies.sorted(), first: first, last: last, value: value)
    }
}
