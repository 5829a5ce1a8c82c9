/// A bidder's record in competitive tenders (GRAS 2.1, "top loser"): how often it bid and won,
/// whom it lost to, and — for winners — how much of their success came against top losers.
///
/// Only tenders with at least two bidders count: losing alone is impossible.
public struct TopLoser: Sendable, Hashable {
    public var firm: UInt32
    public var bids: Int
    public var wins: Int
    /// GRAS 2.1.1, by number of bids.
    public var winningRate: Double
    /// GRAS 2.1.1 by value: value of won bids ÷ value of all its priced bids.
    public var winningValueRate: Double?
    /// GRAS 2.1.2: distinct firms it lost to.
    public var competitors: Int
    /// The firms that won the tenders it lost, most often first, with how often.
    public var lostTo: [(firm: UInt32, times: Int)]
    /// Whether the firm is a top loser under the parameters.
    public var isTopLoser: Bool
    /// A ranking aid in [0, 1]: (1 − winning rate) × min(1, bids ÷ minimum bids) × the share of
    /// its losses taken by its most frequent winner. High for a firm that bids often, rarely
    /// wins and always loses to the same firm.
    public var score: Double
    /// GRAS 2.1.3: tenders it won in which a top loser bid.
    public var winsAgainstTopLosers = 0
    /// GRAS 2.1.4: those wins ÷ all its wins.
    public var winRateAgainstTopLosers: Double?
    /// GRAS 2.1.5: distinct top losers it beat.
    public var topLosersBeaten = 0

    public static func == (a: TopLoser, b: TopLoser) -> Bool {
        a.firm == b.firm && a.bids == b.bids && a.wins == b.wins && a.isTopLoser == b.isTopLoser
            && a.lostTo.map(\.firm) == b.lostTo.map(\.firm) && a.lostTo.map(\.times) == b.lostTo.map(\.times)
    }

    public func hash(into h: inout Hasher) {
        h.combine(firm)
        h.combine(bids)
    }
}

extension CollusionAnalysis {
    static func topLosers(facts: ProcurementFacts, parameters p: CollusionParameters) -> [TopLoser] {
        struct Tally {
            var bids = 0
            var wins = 0
            var bidValue = 0.0
            var wonValue = 0.0
            var priced = true
            var lostTo: [UInt32: Int] = [:]
        }
        var tally: [UInt32: Tally] = [:]
        for t in facts.tenders.indices {
            let bids = facts.bids(ofTender: t)
            let firms = Set(bids.map(\.firm))
            guard firms.count >= 2 else { continue }
            let winners = Set(bids.filter(\.won).map(\.firm))
            for f in firms {
                let own = bids.filter { $0.firm == f }
                let won = winners.contains(f)
                tally[f, default: Tally()].bids += 1
                if won { tally[f, default: Tally()].wins += 1 }
                let value = own.compactMap(\.value).max()
                if let value {
                    tally[f, default: Tally()].bidValue += value
                    if won { tally[f, default: Tally()].wonValue += value }
                } else {
                    tally[f, default: Tally()].priced = false
                }
                if !won { for w in winners { tally[f, default: Tally()].lostTo[w, default: 0] += 1 } }
            }
        }
        var out: [TopLoser] = tally.keys.sorted().map { f in
            let x = tally[f]!
            let lostTo = x.lostTo.map { (firm: $0.key, times: $0.value) }.sorted { ($0.times, $1.firm) > ($1.times, $0.firm) }
            let rate = Double(x.wins) / Double(x.bids)
            let losses = x.bids - x.wins
            let concentration = losses > 0 ? Double(lostTo.first?.times ?? 0) / Double(losses) : 0
            let isTop = x.bids >= p.topLoserMinimumBids && rate <= p.topLoserMaximumWinningRate
                && lostTo.count <= p.topLoserMaximumCompetitors
            return TopLoser(
                firm: f, bids: x.bids, wins: x.wins, winningRate: rate,
                winningValueRate: x.priced && x.bidValue > 0 ? x.wonValue / x.bidValue : nil, competitors: lostTo.count, lostTo: lostTo,
                isTopLoser: isTop, score: (1 - rate) * min(1, Double(x.bids) / Double(max(1, p.topLoserMinimumBids))) * concentration)
        }
        // 2.1.3–2.1.5: the winners' side.
        let losers = Set(out.filter(\.isTopLoser).map(\.firm))
        guard !losers.isEmpty else { return out }
        var against: [UInt32: (tenders: Int, beaten: Set<UInt32>)] = [:]
        for t in facts.tenders.indices {
            let bids = facts.bids(ofTender: t)
            let present = Set(bids.map(\.firm)).intersection(losers)
            guard !present.isEmpty else { continue }
            for w in Set(bids.filter(\.won).map(\.firm)) {
                let beaten = present.subtracting([w])
                guard !beaten.isEmpty else { continue }
                against[w, default: (0, [])].tenders += 1
                against[w, default: (0, [])].beaten.formUnion(beaten)
            }
        }
        for i in out.indices {
            guard let a = against[out[i].firm] else { continue }
            out[i].winsAgainstTopLosers = a.tenders
            out[i].winRateAgainstTopLosers = out[i].wins > 0 ? Double(a.tenders) / Double(out[i].wins) : nil
            out[i].topLosersBeaten = a.beaten.count
        }
        return out
    }
}
