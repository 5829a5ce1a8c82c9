import Foundation
import TramaGraph

/// The kind of procedure a tender was run under, whatever the source calls it: the OCDS
/// `procurementMethod` codes, to which the EU's, Latin America's and the GRAS tables' own words
/// are mapped.
public enum ProcedureKind: String, Codable, Sendable, CaseIterable {
    /// Anyone may bid (`open`, `pregão`, `licitación pública`, `concorrência`).
    case open
    /// A call, then only the selected candidates bid (`restricted`, `competitive dialogue`,
    /// `negotiated with publication`).
    case selective
    /// The buyer invites the firms it chooses, without a public call (`negotiated` without
    /// publication, `invitation`, `convite`).
    case limited
    /// The buyer awards to one firm (`direct award`, `single source`, `dispensa`,
    /// `inexigibilidade`).
    case direct

    /// The kind a source's method name denotes, or nil when it names none of them.
    public static func classify(_ name: String) -> ProcedureKind? {
        let n = name.lowercased().folding(options: [.diacriticInsensitive], locale: nil)
        func has(_ words: String...) -> Bool { words.contains { n.contains($0) } }
        if let code = ProcedureKind(rawValue: n.trimmingCharacters(in: .whitespaces)) { return code }
        if has("direct", "directa", "direta", "single source", "sole source", "dispensa", "inexigib") { return .direct }
        if has("without publication", "without prior publication", "without a call", "sin publicidad", "invitation", "invitacion", "convite") {
            return .limited
        }
        if has("restricted", "selective", "competitive dialogue", "dialogue", "with publication", "with prior publication", "with a call", "innovation partnership", "tomada de precos") {
            return .selective
        }
        if has("negotiated", "negociad") { return .limited }
        if has("open", "abierta", "aberta", "publica", "publico", "pregao", "concorrencia", "licitacion") { return .open }
        return nil
    }

    /// Whether firms compete for the tender in the open or through a public call.
    public var isCompetitive: Bool { self == .open || self == .selective }
}

/// The GRAS group 1 (procurement cycle) indicators.
public enum ProcurementCycleIndicator: String, Codable, Sendable, CaseIterable {
    /// Contracts won in non-competitive procedures.
    case nonCompetitive = "1.1.1"
    /// Contracts won in tenders without a published call.
    case noCall = "1.1.2"
    /// Contracts won in tenders advertised for too short a time.
    case shortAdvertisement = "1.1.3"
    /// Contracts won as the only bidder.
    case singleBidder = "1.2.1"
    /// Bids won of bids made (a share of bids, not of contracts).
    case winningRate = "1.2.2"
    /// The largest share of one buyer's annual purchases the firm won.
    case buyerShare = "1.2.3"
    /// Contracts whose amendments raised the price beyond the threshold.
    case costOverrun = "1.3.1"
    /// Contracts delivered late beyond the threshold.
    case deliveryDelay = "1.3.2"
}

/// The parameters of GRAS group 1, with the report's examples as defaults.
public struct ProcurementCycleParameters: Codable, Sendable, Hashable {
    /// 1.1.1: the procedures counted as non-competitive ("direct awards, invitation procedures").
    public var nonCompetitive: [ProcedureKind] = [.limited, .direct]
    /// 1.1.3: fewer whole days between publication and the bid deadline than this is short
    /// (cardinal R003's default; the EU directive's floor for accelerated procedures).
    public var minimumAdvertisementDays: Int64 = 15
    /// 1.2.1: the procedures in which a single bid is a red flag (cardinal R018's default); a
    /// tender of unknown procedure is judged too, since GRAS needs only the number of bids.
    public var competitive: [ProcedureKind] = [.open, .selective]
    /// 1.3.1: amendments adding more than this share of the contract's value ("e.g. 5% more
    /// expensive than planned").
    public var costOverrun = 0.05
    /// 1.3.2: delivery later than planned by more than this share of the planned duration ("e.g.
    /// 5% longer than planned").
    public var deliveryDelay = 0.05

    public init() {}
}

/// A share of a firm's contracts (or bids) that meet an indicator's condition, by number and by
/// value: GRAS computes group 1 "based on number of contracts or contract value".
public struct ContractShare: Codable, Sendable, Hashable {
    /// Contracts that meet the condition, and those for which it could be judged.
    public var flagged = 0
    public var judged = 0
    public var flaggedValue = 0.0
    public var judgedValue = 0.0

    public init() {}

    mutating func add(_ meets: Bool, value: Double?) {
        judged += 1
        judgedValue += value ?? 0
        if meets {
            flagged += 1
            flaggedValue += value ?? 0
        }
    }

    /// The share by number (nil when nothing could be judged).
    public var byNumber: Double? { judged == 0 ? nil : Double(flagged) / Double(judged) }
    /// The share by value (nil without values).
    public var byValue: Double? { judgedValue > 0 ? flaggedValue / judgedValue : nil }

    enum CodingKeys: String, CodingKey { case flagged, judged, flaggedValue = "flagged_value", judgedValue = "judged_value" }
}

/// GRAS group 1, procurement cycle: for each supplier, the share of its contracts won through
/// non-competitive procedures (1.1.1), without a published call (1.1.2), after a short
/// advertisement (1.1.3), as the only bidder (1.2.1); its rate of winning bids (1.2.2); the
/// largest share of one buyer's purchases in a year it won (1.2.3); the share of its contracts
/// with cost overruns (1.3.1) and delivery delays (1.3.2) — by number and by value, over the
/// facts' period.
///
/// A contract is judged for an indicator only when what the indicator needs is known for it (its
/// tender's procedure, both dates, an amendment or delivery record), so an unknown is never a 0.
public struct ProcurementCycle: Sendable {
    public var parameters: ProcurementCycleParameters

    public init(parameters: ProcurementCycleParameters = ProcurementCycleParameters()) { self.parameters = parameters }

    /// 1.2.3's pair: the buyer and year in which the firm took its largest share.
    public struct BuyerShare: Sendable, Hashable {
        public var agency: UInt32
        public var year: Int
        public var share: ContractShare
    }

    /// What GRAS group 1 says of one firm.
    public struct Figures: Sendable, Hashable {
        public var firm: UInt32
        /// 1.1.1, 1.1.2, 1.1.3, 1.2.1, 1.2.2 (bids), 1.3.1, 1.3.2.
        public var shares: [ProcurementCycleIndicator: ContractShare]
        /// The contracts (indices into the facts' contracts; for 1.2.2 the tenders won, indices
        /// into the facts' tenders) that meet each condition.
        public var evidence: [ProcurementCycleIndicator: [Int]]
        public var buyerShare: BuyerShare?

        /// An indicator's share by number, or by value.
        public func value(_ indicator: ProcurementCycleIndicator, byValue: Bool = false) -> Double? {
            let share = indicator == .buyerShare ? buyerShare?.share : shares[indicator]
            return byValue ? share?.byValue : share?.byNumber
        }
    }

    /// For each indicator, how many contracts (bids for 1.2.2) of the whole market it could judge:
    /// 0 means the data it needs is not loaded.
    public func judged(_ figures: [Figures]) -> [ProcurementCycleIndicator: Int] {
        var total: [ProcurementCycleIndicator: Int] = [:]
        for i in ProcurementCycleIndicator.allCases { total[i] = 0 }
        for f in figures {
            for (i, s) in f.shares { total[i, default: 0] += s.judged }
            if let b = f.buyerShare { total[.buyerShare, default: 0] += b.share.judged }
        }
        return total
    }

    /// Every firm that won a contract or made a bid, by node index.
    public func run(facts: ProcurementFacts) -> [Figures] {
        let nonCompetitive = Set(parameters.nonCompetitive)
        let competitive = SingleBiddingRule(procedures: ProcedureFilter(Set(parameters.competitive)))
        let advertisement = ShortAdvertisementRule<ProcedureKind>(minimumDays: parameters.minimumAdvertisementDays)
        let anyPublished = facts.tenders.contains { $0.published != nil }
        var firms: [UInt32: Figures] = [:]
        func record(_ firm: UInt32, _ i: ProcurementCycleIndicator, _ meets: Bool?, value: Double?, evidence: Int) {
            guard let meets else { return }
            var f = firms[firm] ?? Figures(firm: firm, shares: [:], evidence: [:])
            f.shares[i, default: ContractShare()].add(meets, value: value)
            if meets { f.evidence[i, default: []].append(evidence) }
            firms[firm] = f
        }
        // 1.2.2 and the number of bidders of each tender.
        var bidders = [Int](repeating: 0, count: facts.tenders.count)
        for t in facts.tenders.indices {
            let bids = facts.bids(ofTender: t)
            bidders[t] = Set(bids.map(\.firm)).count
            for b in bids { record(b.firm, .winningRate, b.won, value: b.value, evidence: t) }
        }
        // 1.2.3's denominators: each buyer's contract value and number per year.
        struct BuyerYear: Hashable {
            var agency: UInt32
            var year: Int
        }
        var portfolio: [BuyerYear: ContractShare] = [:]
        var held: [UInt32: [BuyerYear: ContractShare]] = [:]
        for (c, contract) in facts.contracts.enumerated() {
            let t = contract.tender.flatMap(facts.tenderIndex(of:))
            let tender = t.map { facts.tenders[$0] }
            let kind = tender?.method.flatMap(ProcedureKind.classify)
            let value = contract.value
            record(contract.firm, .nonCompetitive, kind.map(nonCompetitive.contains), value: value, evidence: c)
            if anyPublished, tender != nil { record(contract.firm, .noCall, tender?.published == nil, value: value, evidence: c) }
            if let published = tender?.published, let deadline = tender?.deadline {
                let days = Int64(deadline.rawValue) - Int64(published.rawValue)
                record(contract.firm, .shortAdvertisement, advertisement.isShort(days: days, procedure: kind), value: value, evidence: c)
            }
            if let t, bidders[t] > 0, kind == nil || competitive.procedures.admits(kind) {
                record(contract.firm, .singleBidder, competitive.isSingle(bidders: bidders[t]), value: value, evidence: c)
            }
            if let amendment = contract.amendment, let v = value, v > 0 {
                record(contract.firm, .costOverrun, amendment / v > parameters.costOverrun, value: value, evidence: c)
            }
            if let planned = contract.plannedDelivery, let delivered = contract.delivered, let signed = contract.day, planned > signed {
                let late = Double(delivered.rawValue - planned.rawValue) / Double(planned.rawValue - signed.rawValue)
                record(contract.firm, .deliveryDelay, late > parameters.deliveryDelay, value: value, evidence: c)
            }
            if let agency = tender?.agency, let year = contract.day?.year ?? t.flatMap(facts.day(ofTender:))?.year {
                let key = BuyerYear(agency: agency, year: year)
                portfolio[key, default: ContractShare()].add(false, value: value)
                held[contract.firm, default: [:]][key, default: ContractShare()].add(true, value: value)
            }
        }
        for (firm, pairs) in held {
            var best: BuyerShare?
            for (key, own) in pairs {
                var share = portfolio[key]!
                share.flagged = own.flagged
                share.flaggedValue = own.flaggedValue
                let candidate = BuyerShare(agency: key.agency, year: key.year, share: share)
                if let b = best {
                    let x = (share.byValue ?? share.byNumber ?? 0, share.byNumber ?? 0, -key.year, -Int(key.agency))
                    let y = (b.share.byValue ?? b.share.byNumber ?? 0, b.share.byNumber ?? 0, -b.year, -Int(b.agency))
                    if x > y { best = candidate }
                } else {
                    best = candidate
                }
            }
            var f = firms[firm] ?? Figures(firm: firm, shares: [:], evidence: [:])
            f.buyerShare = best
            firms[firm] = f
        }
        return firms.keys.sorted().map { firms[$0]! }
    }
}
