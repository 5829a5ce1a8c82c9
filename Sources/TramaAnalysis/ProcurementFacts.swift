public import TramaGraph

/// One firm's offer in one tender (a `bids.csv` row, an OCDS `bids.details` entry).
public struct Bid: Sendable, Hashable {
    /// Node index of the tender.
    public var tender: UInt32
    /// Node index of the bidder.
    public var firm: UInt32
    /// The offered price; nil when the source does not say.
    public var value: Double?
    public var won: Bool
    /// When the bid was made: the bid date, else the tender's publication date.
    public var day: Day?
    /// The store id of the bid edge, the way back to the source record.
    public var handle: Int64

    public init(tender: UInt32, firm: UInt32, value: Double?, won: Bool, day: Day? = nil, handle: Int64 = 0) {
        self.tender = tender
        self.firm = firm
        self.value = value
        self.won = won
        self.day = day
        self.handle = handle
    }
}

/// What the procurement screens need of a tender beyond its bids.
public struct TenderFacts: Sendable, Hashable {
    public var node: UInt32
    /// Node index of the buying agency.
    public var agency: UInt32?
    public var published: Day?
    public var estimatedPrice: Double?
    /// The product market (CPV, UNSPSC or the source's own code).
    public var product: String?
    /// Where the agency is (its location), for market-allocation screens by region.
    public var region: String?
    /// The procurement method as the source names it (`open`, `direct`, `restricted`…).
    public var method: String?
    /// When bids were due: with ``published``, the advertisement period (GRAS 1.1.3).
    public var deadline: Day?

    public init(
        node: UInt32, agency: UInt32? = nil, published: Day? = nil, estimatedPrice: Double? = nil, product: String? = nil, region: String? = nil,
        method: String? = nil, deadline: Day? = nil
    ) {
        self.node = node
        self.agency = agency
        self.published = published
        self.estimatedPrice = estimatedPrice
        self.product = product
        self.region = region
        self.method = method
        self.deadline = deadline
    }
}

/// A signed contract: who holds it, under which tender, for how much.
public struct ContractFacts: Sendable, Hashable {
    public var node: UInt32
    public var tender: UInt32?
    public var firm: UInt32
    public var value: Double?
    public var day: Day?
    /// What amendments added to the value (GRAS 1.3.1's cost overrun).
    public var amendment: Double?
    /// The delivery date agreed and the date the work was delivered (GRAS 1.3.2's delay).
    public var plannedDelivery: Day?
    public var delivered: Day?

    public init(
        node: UInt32, tender: UInt32?, firm: UInt32, value: Double?, day: Day? = nil, amendment: Double? = nil, plannedDelivery: Day? = nil,
        delivered: Day? = nil
    ) {
        self.node = node
        self.tender = tender
        self.firm = firm
        self.value = value
        self.day = day
        self.amendment = amendment
        self.plannedDelivery = plannedDelivery
        self.delivered = delivered
    }
}

/// The numbers of a procurement market that the graph's arrays do not carry (bid prices,
/// outcomes, estimates), keyed by the graph's node indices so that the screens can join them
/// with ownership, employment and registration edges.
///
/// Tenders are ordered by node index; each tender's bids are contiguous and ordered by firm.
public struct ProcurementFacts: Sendable {
    public let tenders: [TenderFacts]
    public let bids: [Bid]
    public let contracts: [ContractFacts]
    /// `bids[bidStart[t]..<bidStart[t + 1]]` are the bids of `tenders[t]`.
    let bidStart: [Int]
    private let position: [UInt32: Int]

    /// Tenders named only by bids get an entry with nothing known but the node.
    public init(tenders: [TenderFacts], bids: [Bid], contracts: [ContractFacts] = []) {
        var byNode: [UInt32: TenderFacts] = [:]
        for t in tenders { byNode[t.node] = t }
        for b in bids where byNode[b.tender] == nil { byNode[b.tender] = TenderFacts(node: b.tender) }
        let ordered = byNode.values.sorted { $0.node < $1.node }
        var position: [UInt32: Int] = [:]
        position.reserveCapacity(ordered.count)
        for (i, t) in ordered.enumerated() { position[t.node] = i }
        let sortedBids = bids.sorted { (position[$0.tender]!, $0.firm, $0.handle) < (position[$1.tender]!, $1.firm, $1.handle) }
        var start = [Int](repeating: 0, count: ordered.count + 1)
        for b in sortedBids { start[position[b.tender]! + 1] += 1 }
        for i in 0..<ordered.count { start[i + 1] += start[i] }
        self.tenders = ordered
        self.bids = sortedBids
        self.contracts = contracts.sorted { ($0.firm, $0.node) < ($1.firm, $1.node) }
        self.bidStart = start
        self.position = position
    }

    /// Each firm's contracts, as indices into ``contracts`` (in order: they are sorted by firm).
    public var contractsByFirm: [UInt32: [Int]] {
        var out: [UInt32: [Int]] = [:]
        for (i, c) in contracts.enumerated() { out[c.firm, default: []].append(i) }
        return out
    }

    /// The tender's position in ``tenders``.
    public func tenderIndex(of node: UInt32) -> Int? { position[node] }

    /// The bids of `tenders[t]`.
    public func bids(ofTender t: Int) -> ArraySlice<Bid> { bids[bidStart[t]..<bidStart[t + 1]] }

    /// The day a tender is dated by: its publication, else its earliest dated bid.
    public func day(ofTender t: Int) -> Day? {
        tenders[t].published ?? bids(ofTender: t).compactMap(\.day).min()
    }

    /// The day a bid is judged at (ownership valid then, employment valid then).
    func day(of bid: Bid, tender t: Int) -> Day? { bid.day ?? tenders[t].published }

    /// The tenders dated inside `period` (undated tenders are kept only when `period` is nil),
    /// with their bids and the contracts awarded under them.
    public func within(_ period: Validity?) -> ProcurementFacts {
        guard let period else { return self }
        var keep = Set<UInt32>()
        for t in tenders.indices {
            if let d = day(ofTender: t), period.contains(d) { keep.insert(tenders[t].node) }
        }
        return ProcurementFacts(
            tenders: tenders.filter { keep.contains($0.node) }, bids: bids.filter { keep.contains($0.tender) },
            contracts: contracts.filter { c in c.tender.map(keep.contains) ?? c.day.map(period.contains) ?? false })
    }

    /// The winning price of `tenders[t]`: the contract value, else the winning bid; nil when
    /// neither is known or several bids won.
    func winningPrice(ofTender t: Int, contracts byTender: [UInt32: [ContractFacts]]) -> Double? {
        if let cs = byTender[tenders[t].node], !cs.isEmpty {
            let values = cs.compactMap(\.value)
            return values.count == cs.count ? values.reduce(0, +) : nil
        }
        let winners = bids(ofTender: t).filter(\.won)
        return winners.count == 1 ? winners[0].value : nil
    }
}

/// Two firms seen together (co-bidders, a fixed-price pair, a ring tie), in the order the
/// finding gives: by node index for symmetric findings, loser first for `loses_to`.
public struct FirmPair: Sendable, Hashable {
    public var first: UInt32
    public var second: UInt32

    public init(_ first: UInt32, _ second: UInt32) {
        self.first = first
        self.second = second
    }
}
