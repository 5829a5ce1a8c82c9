import Foundation
public import TramaAnalysis
public import TramaGraph
public import TramaStore

/// A collusion scan's findings as the JSON documents users read (entities named by `kind:key`,
/// evidence edges by their source records) and the flags per entity, ready to store.
///
/// Wording is deliberate: documents say what firms *share*, *co-bid* and *lose to*; nothing
/// here says that anyone colludes.
public struct CollusionDocuments: Sendable {
    public static let analysis = "collusion"

    /// The sections a run stores, one document per item.
    public enum Section: String, Sendable, CaseIterable {
        /// GRAS 2.6–2.8 per tender: linked pairs of bidders.
        case pairs
        /// GRAS 2.1 per firm.
        case topLosers = "top_losers"
        /// GRAS 2.6–2.8 per firm.
        case sharedCompetitors = "shared_competitors"
        /// GRAS 2.2 and fixed multiples, per pair.
        case fixedRelations = "fixed_relations"
        /// GRAS 2.3 per tender.
        case bidVariance = "bid_variance"
        /// GRAS 2.2–2.3 per firm.
        case bidScreens = "bid_screens"
        /// GRAS 2.4–2.5 per supplier.
        case contractValues = "contract_values"
        case rings
        case rotations
        case allocations
    }

    private(set) var sections: [Section: RunSection] = [:]
    public private(set) var flags: [(subject: String, indicator: String, value: Double?, evidence: JSONValue)] = []
    public private(set) var summary: CollusionRunSummary
    public let parameters: CollusionParameters

    public var counts: [(String, Int)] { Self.counts(sections: sections, flags: flags.count) }

    static func counts(sections: [Section: RunSection], flags: Int) -> [(String, Int)] {
        Section.allCases.map { ($0.rawValue, sections[$0]?.count ?? 0) } + [("flags", flags)]
    }

    public init(findings f: CollusionFindings, graph: CSRGraph, store: Store) throws {
        parameters = f.parameters
        // Every node the documents name, resolved in one pass.
        var nodes = Set<UInt32>()
        for p in f.linkedBidders {
            nodes.formUnion([p.tender, p.firms.first, p.firms.second])
            nodes.formUnion(p.links.map(\.via))
        }
        for x in f.topLosers {
            nodes.insert(x.firm)
            nodes.formUnion(x.lostTo.prefix(5).map(\.firm))
        }
        nodes.formUnion(f.sharedCompetitors.map(\.firm))
        for r in f.constantRelations { nodes.formUnion([r.firms.first, r.firms.second] + r.tenders) }
        nodes.formUnion(f.priceScreens.map(\.tender))
        nodes.formUnion(f.bidScreenFigures.map(\.firm))
        nodes.formUnion(f.contractValues.map(\.firm))
        for r in f.rings {
            nodes.formUnion(r.firms + r.tenders + r.agencies)
            nodes.formUnion(r.ties.compactMap(\.via))
        }
        for r in f.rotations { nodes.formUnion(r.firms + r.tenders) }
        for a in f.allocations {
            for t in a.firms {
                nodes.insert(t.firm)
                for d in t.dominated { if case .agency(let n) = d.place { nodes.insert(n) } }
            }
        }
        let refs = try store.nodeRefs(ids: nodes.map { graph.nodeHandle[Int($0)] })
        func key(_ n: UInt32) -> String { refs[graph.nodeHandle[Int(n)]]?.reference ?? "#\(n)" }
        func name(_ n: UInt32) -> String? { refs[graph.nodeHandle[Int(n)]]?.name }
        let edgeSources = try store.edgeRecords(ids: Array(Set(f.rings.flatMap { $0.ties.flatMap { $0.edges.map { graph.edgeHandle[Int($0)] } } })))
        var sections: [Section: RunSection] = [:]
        var flags: [(subject: String, indicator: String, value: Double?, evidence: JSONValue)] = []
        /// Stores each document with the entity it is about (`subject`), in rank order.
        func add<Document: Answer>(_ section: Section, _ documents: [Document], subject: @escaping @Sendable (Document) -> String?) {
            sections[section] = RunSection(section.rawValue, documents, subject: subject)
        }
        func flag(_ subject: String, _ indicator: String, _ value: Double?, _ evidence: some Encodable) {
            flags.append((subject, indicator, value, Self.evidence(evidence)))
        }

        add(.pairs, f.linkedBidders.sorted { (key($0.tender), key($0.firms.first)) < (key($1.tender), key($1.firms.first)) }.map { p in
            LinkedBidderPair(
                tender: key(p.tender), firms: [key(p.firms.first), key(p.firms.second)], winner: p.winner.map(key),
                links: p.links.map { LinkedBidderPair.Link(kind: $0.kind.rawValue, indicator: $0.indicator, via: key($0.via), hops: $0.hops, weight: $0.weight) })
        }) { $0.tender }

        // GRAS's top losers first, then every other firm by its market-relative composite: the
        // ranking that separates cartel members on real markets (bench/markets).
        let standing = Dictionary(f.firmStandings.map { ($0.firm, $0) }, uniquingKeysWith: { a, _ in a })
        let losers = f.topLosers.sorted {
            ($0.isTopLoser ? 1 : 0, standing[$0.firm]?.composite ?? -1, $0.score, $1.firm) > ($1.isTopLoser ? 1 : 0, standing[$1.firm]?.composite ?? -1, $1.score, $0.firm)
        }
        add(.topLosers, losers.map { x in
            let s = standing[x.firm]
            return TopLoserFigures(
                firm: key(x.firm), name: name(x.firm), bids: x.bids, wins: x.wins, winningRate: x.winningRate, winningValueRate: x.winningValueRate,
                competitors: x.competitors, lostTo: x.lostTo.prefix(5).map { TopLoserFigures.LostTo(firm: key($0.firm), times: $0.times) },
                topLoser: x.isTopLoser, score: x.score, winsAgainstTopLosers: x.winsAgainstTopLosers,
                winRateAgainstTopLosers: x.winRateAgainstTopLosers, topLosersBeaten: x.topLosersBeaten, relativeLowWinning: s?.lowWinning,
                coverBidding: s?.coverBidding, coverStanding: s?.coverStanding, collusionRisk: s?.composite)
        }) { $0.firm }
        for x in losers where x.isTopLoser { flag(key(x.firm), "2.1", x.score, SectionEvidence(.topLosers)) }
        let top = f.parameters.riskFlagStanding
        for s in f.firmStandings {
            if s.coverBidding > 0, s.coverStanding >= top {
                flag(key(s.firm), "cover_bidding", s.coverBidding, CoverEvidence(section: Section.topLosers.rawValue, lostTo: s.cohortWinners.map(key)))
            }
            if s.composite >= top { flag(key(s.firm), "collusion_risk", s.composite, SectionEvidence(.topLosers)) }
        }
        for x in losers where x.winsAgainstTopLosers > 0 {
            flag(key(x.firm), "2.1.3", Double(x.winsAgainstTopLosers), SectionEvidence(.topLosers))
            flag(key(x.firm), "2.1.4", x.winRateAgainstTopLosers, SectionEvidence(.topLosers))
            flag(key(x.firm), "2.1.5", Double(x.topLosersBeaten), SectionEvidence(.topLosers))
        }

        add(.sharedCompetitors, f.sharedCompetitors.map { s in
            SharedCompetitors(
                firm: key(s.firm), name: name(s.firm),
                families: s.figures.mapValues { x in
                    SharedCompetitors.Figures(competitors: x.competitors, tenders: x.tenders, winShare: x.winShare, winValueShare: x.winValueShare)
                })
        }) { $0.firm }
        for s in f.sharedCompetitors {
            for (family, x) in s.figures.sorted(by: { $0.key < $1.key }) {
                // GRAS numbers a family's three figures consecutively: competitors, tenders, share of wins.
                let (competitors, tenders, wins) = family == "2.7.4" ? ("2.7.4", "2.7.5", "2.7.6") : (family + ".1", family + ".2", family + ".3")
                flag(key(s.firm), competitors, Double(x.competitors), SectionEvidence(.sharedCompetitors))
                flag(key(s.firm), tenders, Double(x.tenders), SectionEvidence(.sharedCompetitors))
                if let share = x.winShare, share > 0 { flag(key(s.firm), wins, share, SectionEvidence(.sharedCompetitors)) }
            }
        }

        add(.fixedRelations, f.constantRelations.map { r in
            FixedRelation(
                relation: r.relation.rawValue, firms: [key(r.firms.first), key(r.firms.second)], difference: r.difference, tenders: r.tenders.map(key),
                commonTenders: r.commonTenders)
        }) { _ in nil }
        for r in f.constantRelations {
            let indicator = r.relation == .multiple ? "fixed_multiple" : "2.2"
            for (me, other) in [(r.firms.first, r.firms.second), (r.firms.second, r.firms.first)] {
                flag(key(me), indicator, Double(r.tenders.count), PartnerEvidence(section: Section.fixedRelations.rawValue, partner: key(other), relation: r.relation.rawValue))
            }
        }

        let tenderStanding = Dictionary(f.tenderStandings.map { ($0.tender, $0) }, uniquingKeysWith: { a, _ in a })
        add(.bidVariance, f.priceScreens.map { s in
            let m = tenderStanding[s.tender]
            return BidVariance(
                tender: key(s.tender), bids: s.bids, cv: s.coefficientOfVariation, rd: s.relativeDistance, lowVariance: s.lowVariance,
                highDistance: s.highDistance, lowDispersion: m?.lowDispersion, distanceStanding: m?.relativeDistance, imhofDistance: m?.rawRelativeDistance,
                collusionRisk: m?.composite)
        }) { $0.tender }
        for m in f.tenderStandings where m.composite >= f.parameters.riskFlagStanding {
            flag(key(m.tender), "collusion_risk", m.composite, SectionEvidence(.bidVariance))
        }
        for s in f.priceScreens {
            if s.lowVariance { flag(key(s.tender), "2.3.1", s.coefficientOfVariation, NoEvidence()) }
            if s.highDistance { flag(key(s.tender), "2.3.2", s.relativeDistance, NoEvidence()) }
        }
        // Firms with nothing to show are left out of the per-firm screens (top_losers keeps
        // every bidder: its scores rank the whole market).
        add(.bidScreens, f.bidScreenFigures.filter { ($0.lowVarianceShare ?? 0) > 0 || ($0.highDistanceShare ?? 0) > 0 || $0.fixedDifferencePartners > 0 }.map { x in
            BidScreenFigures(
                firm: key(x.firm), pricedBids: x.pricedBids, lowVarianceShare: x.lowVarianceShare, highDistanceShare: x.highDistanceShare,
                fixedDifferencePartners: x.fixedDifferencePartners, fixedDifferenceTenders: x.fixedDifferenceTenders,
                fixedDifferenceShare: x.fixedDifferenceShare)
        }) { $0.firm }

        add(.contractValues, f.contractValues.filter { $0.benford.verdict != .tooFew || ($0.highPriceShare ?? 0) > 0 }.map { x in
            ContractValueFigures(
                firm: key(x.firm), contracts: x.contracts, benford: BenfordFigures(x.benford), pricedAgainstEstimate: x.pricedAgainstEstimate,
                highPriceShare: x.highPriceShare, highPriceValueShare: x.highPriceValueShare)
        }) { $0.firm }
        for x in f.contractValues {
            if x.benford.verdict == .nonconformity { flag(key(x.firm), "2.4.1", x.benford.shareWithExcessDigit, BenfordEvidence(mad: x.benford.meanAbsoluteDeviation)) }
            // A supplier is flagged when most of at least three contracts priced against an
            // estimate were won above the ratio.
            if let s = x.highPriceShare, x.pricedAgainstEstimate >= 3, s >= 0.5 {
                flag(key(x.firm), "2.5.1", s, PricedContractsEvidence(contracts: x.pricedAgainstEstimate))
            }
        }

        add(.rings, f.rings.enumerated().map { i, r in
            let id = "ring-\(i + 1)"
            let ties = r.ties.map { t in
                BidderRing.Tie(
                    kind: t.kind.name, indicator: t.indicator, firms: [key(t.firms.first), key(t.firms.second)], via: t.via.map(key),
                    viaName: t.via.flatMap(name), hops: t.hops, coBids: t.coBids, times: t.kind == .losesTo ? t.times : nil,
                    sources: t.edges.compactMap { e in edgeSources[graph.edgeHandle[Int(e)]].map { "\($0.dataset):\($0.sourceRecord)" } })
            }
            return BidderRing(
                id: id, firms: r.firms.map(key), names: r.firms.map(name), winners: r.winners.map(key), losers: r.losers.map(key), links: ties,
                tenders: r.tenders.count, tenderKeys: r.tenders.map(key), agencies: r.agencies.map(key),
                period: ReportPeriod(from: r.first?.iso, to: r.last?.iso), value: r.value)
        }) { $0.id }
        for (i, r) in f.rings.enumerated() {
            for firm in r.firms { flag(key(firm), "ring", r.value, RingEvidence(ring: "ring-\(i + 1)", section: Section.rings.rawValue)) }
        }

        add(.rotations, f.rotations.map { r in
            WinnerRotation(
                source: r.source.rawValue, firms: r.firms.map(key), winnersInOrder: r.sequence.map(key), tenders: r.tenders.map(key),
                statistic: r.statistic, pValue: r.pValue, evenness: r.evenness, flagged: r.flagged)
        }) { _ in nil }
        for r in f.rotations where r.flagged {
            for firm in r.firms { flag(key(firm), "winner_rotation", r.pValue, RotationEvidence(firms: r.firms.map(key))) }
        }
        func place(_ p: MarketAllocation.Place) -> String {
            switch p {
            case .agency(let n): key(n)
            case .region(let r): r
            }
        }
        add(.allocations, f.allocations.map { a in
            MarketAllocationPattern(
                market: a.market, by: a.byRegion ? "region" : "buyer",
                firms: a.firms.map { t in
                    MarketAllocationPattern.Firm(
                        firm: key(t.firm), wins: t.wins, bids: t.bids,
                        dominates: t.dominated.map { MarketAllocationPattern.Dominance(place: place($0.place), share: $0.share, wins: $0.wins) })
                },
                avoidEachOther: a.avoidances.map { MarketAllocationPattern.Avoidance(firms: [key($0.first), key($0.second)], expectedShared: $0.expectedShared) })
        }) { _ in nil }
        for a in f.allocations {
            for t in a.firms { flag(key(t.firm), "market_allocation", Double(t.wins), MarketEvidence(market: a.market)) }
        }

        self.sections = sections
        self.flags = flags
        summary = CollusionRunSummary(
            marketBenford: BenfordFigures(f.marketBenford),
            thresholds: CollusionRunSummary.Thresholds(lowCV: f.lowCoefficientOfVariation, highRD: f.highRelativeDistance),
            counts: NamedValues(Self.counts(sections: sections, flags: flags.count)), topLosers: f.topLosers.filter(\.isTopLoser).count, rings: f.rings.count, timings: NamedValues(f.timings))
    }

    /// A flag's evidence: a pointer to the stored result that explains it, as the JSON object
    /// `flags.evidence` holds.
    static func evidence(_ pointer: some Encodable) -> JSONValue {
        do { return try AnswerEncoder().encode(pointer) } catch { preconditionFailure("cannot encode \(type(of: pointer)): \(error)") }
    }

    /// `{"section"}`: the flag is explained by the subject's document in that section.
    struct SectionEvidence: Encodable {
        var section: String
        init(_ section: Section) { self.section = section.rawValue }
    }

    /// `{}`: the flag's value is the evidence.
    struct NoEvidence: Encodable {}

    /// `{"section", "lost_to"}`: the cohort members a cover bidder lost to.
    struct CoverEvidence: Encodable {
        var section: String
        var lostTo: [String]

        enum CodingKeys: String, CodingKey { case section, lostTo = "lost_to" }
    }

    /// `{"section", "partner", "relation"}`: a fixed relation with another firm (GRAS 2.2).
    struct PartnerEvidence: Encodable {
        var section: String
        var partner: String
        var relation: String
    }

    /// `{"mad"}`: Benford's mean absolute deviation (GRAS 2.4.1).
    struct BenfordEvidence: Encodable { var mad: Double }

    /// `{"contracts"}`: contracts priced against an estimate (GRAS 2.5.1).
    struct PricedContractsEvidence: Encodable { var contracts: Int }

    /// `{"ring", "section"}`.
    struct RingEvidence: Encodable {
        var ring: String
        var section: String
    }

    /// `{"firms"}`: the firms that rotate.
    struct RotationEvidence: Encodable { var firms: [String] }

    /// `{"market"}`.
    struct MarketEvidence: Encodable { var market: String }

    /// Stores the run, its documents and flags in one transaction; returns the run id.
    func store(in store: Store, period: Validity?, seconds: Double) throws -> Int {
        let record = AnalysisRecord(
            analysis: Self.analysis, parametersJSON: String(decoding: try JSONEncoder.sorted.encode(parameters), as: UTF8.self),
            summary: summary.json, sections: Section.allCases.compactMap { sections[$0] }, flags: flags)
        return try record.store(in: store, period: period, seconds: seconds)
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}

extension JSONValue {
    /// A finite number as JSON (shortest round-trip form); NaN and infinities, which JSON cannot
    /// carry, become null.
    public static func double(_ v: Double) -> JSONValue { v.isFinite ? .number("\(v)") : .null }
}

extension BenfordFigures {
    init(_ b: BenfordTest) {
        self.init(
            values: b.count, firstDigits: b.digits, mad: b.meanAbsoluteDeviation, chiSquare: b.chiSquare, pValue: b.pValue, verdict: b.verdict.rawValue,
            smallSample: b.smallSample, shareWithExcessDigit: b.shareWithExcessDigit)
    }
}
