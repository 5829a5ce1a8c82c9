import TramaGraph

/// Two bidders in one tender and what ties them (GRAS 2.6–2.8, computed per tender).
public struct LinkedBidders: Sendable, Hashable {
    public var tender: UInt32
    /// The two firms, lower node index first.
    public var firms: FirmPair
    public var links: [CompetitorLink]
    /// Which of the two won the tender (nil: neither).
    public var winner: UInt32?

}

/// Per firm, the GRAS 2.6–2.8 figures over the period: competitors it shares something with,
/// tenders where that happened, and the share of its wins taken against such competitors.
public struct SharedCompetitorFigures: Sendable, Hashable {
    /// Distinct competitors linked (x.x.1), tenders with a linked competitor (x.x.2), wins
    /// against a linked competitor ÷ all wins, by count and by value (x.x.3).
    public struct Figures: Sendable, Hashable {
        public var competitors = 0
        public var tenders = 0
        public var winShare: Double?
        public var winValueShare: Double?
    }

    public var firm: UInt32
    /// Keyed by indicator family: "2.6", "2.7" (shareholder), "2.7.4" (group), "2.8".
    public var figures: [String: Figures]
}

extension CollusionAnalysis {
    /// Every pair of bidders in every tender, with the links valid on the bid date. Tenders are
    /// split across both cores; within a tender each bidder's ties are read once.
    static func linkedBidders(facts: ProcurementFacts, finder: LinkFinder, workers: Int) -> [LinkedBidders] {
        // Each bidder's ties at any date, once: a superset of its ties on any one bid date, so
        // two bidders whose lists do not meet cannot be linked in any tender.
        var bidders = facts.bids.map(\.firm)
        bidders.sort()
        var unique: [UInt32] = []
        for f in bidders where unique.last != f { unique.append(f) }
        let parts = Parallelism.map(unique.count, workers: workers, minimumChunk: 1024) { range in
            var ties: [UInt32] = []
            var ends: [Int] = []
            for i in range {
                ties += finder.profile(of: unique[i], at: nil).tieNodes
                ends.append(ties.count)
            }
            return (ties, ends)
        }
        var tieStart = [Int](repeating: 0, count: unique.count + 1)
        var tieNode: [UInt32] = []
        var k = 0
        for (ties, ends) in parts {
            let base = tieNode.count
            tieNode += ties
            for e in ends {
                k += 1
                tieStart[k] = base + e
            }
        }
        func ties(of firm: UInt32) -> ArraySlice<UInt32> {
            var lo = 0
            var hi = unique.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if unique[mid] < firm { lo = mid + 1 } else { hi = mid }
            }
            return tieNode[tieStart[lo]..<tieStart[lo + 1]]
        }
        let chunks = Parallelism.map(facts.tenders.count, workers: workers, minimumChunk: 512) { range in
            var out: [LinkedBidders] = []
            var firms: [(firm: UInt32, day: Day?, won: Bool)] = []
            for t in range {
                let bids = facts.bids(ofTender: t)
                guard bids.count >= 2 else { continue }
                // One entry per distinct firm (a firm may bid twice, for two lots).
                firms.removeAll(keepingCapacity: true)
                for b in bids {
                    if let last = firms.last, last.firm == b.firm {
                        firms[firms.count - 1].won = last.won || b.won
                    } else {
                        firms.append((b.firm, facts.day(of: b, tender: t), b.won))
                    }
                }
                guard firms.count >= 2 else { continue }
                let lists = firms.map { ties(of: $0.firm) }
                var profiles: [Int: LinkFinder.Profile] = [:]
                for i in 0..<firms.count where !lists[i].isEmpty {
                    for j in (i + 1)..<firms.count where !lists[j].isEmpty {
                        guard Self.intersect(lists[i], lists[j]) else { continue }
                        if profiles[i] == nil { profiles[i] = finder.profile(of: firms[i].firm, at: firms[i].day) }
                        if profiles[j] == nil { profiles[j] = finder.profile(of: firms[j].firm, at: firms[j].day) }
                        let links = finder.links(profiles[i]!, profiles[j]!)
                        guard !links.isEmpty else { continue }
                        let winner: UInt32? = firms[i].won ? firms[i].firm : firms[j].won ? firms[j].firm : nil
                        out.append(LinkedBidders(tender: facts.tenders[t].node, firms: FirmPair(firms[i].firm, firms[j].firm), links: links, winner: winner))
                    }
                }
            }
            return out
        }
        return chunks.flatMap { $0 }
    }

    /// Whether two sorted lists share an element.
    static func intersect(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>) -> Bool {
        var i = a.startIndex
        var j = b.startIndex
        while i < a.endIndex, j < b.endIndex {
            if a[i] == b[j] { return true }
            if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return false
    }

    /// GRAS 2.6.1–2.6.3, 2.7.1–2.7.6, 2.8.1–2.8.3 per firm.
    static func sharedCompetitorFigures(pairs: [LinkedBidders], facts: ProcurementFacts) -> [SharedCompetitorFigures] {
        struct Tally {
            var competitors = Set<UInt32>()
            var tenders = Set<UInt32>()
            var winsAgainst = Set<UInt32>()
        }
        func family(_ l: CompetitorLink) -> String {
            switch l.kind {
            case .commonRegistration: "2.6"
            case .commonEmployee: "2.8"
            case .commonShareholder: l.indicator == "2.7.4" ? "2.7.4" : "2.7"
            }
        }
        var tally: [UInt32: [String: Tally]] = [:]
        for p in pairs {
            for f in Set(p.links.map(family)) {
                for (me, other) in [(p.firms.first, p.firms.second), (p.firms.second, p.firms.first)] {
                    tally[me, default: [:]][f, default: Tally()].competitors.insert(other)
                    tally[me, default: [:]][f, default: Tally()].tenders.insert(p.tender)
                    if p.winner == me { tally[me, default: [:]][f, default: Tally()].winsAgainst.insert(p.tender) }
                }
            }
        }
        // Wins per firm, by count and value, for the shares.
        var wins: [UInt32: (count: Int, value: Double, byTender: [UInt32: Double])] = [:]
        for b in facts.bids where b.won {
            wins[b.firm, default: (0, 0, [:])].count += 1
            wins[b.firm, default: (0, 0, [:])].value += b.value ?? 0
            wins[b.firm, default: (0, 0, [:])].byTender[b.tender] = b.value ?? 0
        }
        return tally.keys.sorted().map { firm in
            var figures: [String: SharedCompetitorFigures.Figures] = [:]
            for (f, t) in tally[firm]! {
                var x = SharedCompetitorFigures.Figures(competitors: t.competitors.count, tenders: t.tenders.count)
                if let w = wins[firm], w.count > 0 {
                    x.winShare = Double(t.winsAgainst.count) / Double(w.count)
                    if w.value > 0 { x.winValueShare = t.winsAgainst.reduce(0) { $0 + (w.byTender[$1] ?? 0) } / w.value }
                }
                figures[f] = x
            }
            return SharedCompetitorFigures(firm: firm, figures: figures)
        }
    }
}
