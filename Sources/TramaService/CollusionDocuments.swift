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

    public private(set) var sections: [Section: [(subject: String?, body: JSONValue)]] = [:]
    public private(set) var flags: [(subject: String, indicator: String, value: Double?, evidence: JSONValue)] = []
    public private(set) var summary: [(String, JSONValue)] = []
    public let parameters: CollusionParameters

    public var counts: [(String, Int)] { Section.allCases.map { ($0.rawValue, sections[$0]?.count ?? 0) } + [("flags", flags.count)] }

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
        func name(_ n: UInt32) -> JSONValue { .optional(refs[graph.nodeHandle[Int(n)]]?.name) }
        func keys(_ ns: [UInt32]) -> JSONValue { .array(ns.map { .string(key($0)) }) }
        func number(_ x: Double?) -> JSONValue { x.map(JSONValue.double) ?? .null }
        let edgeSources = try store.edgeRecords(ids: Array(Set(f.rings.flatMap { $0.ties.flatMap { $0.edges.map { graph.edgeHandle[Int($0)] } } })))

        func link(_ l: CompetitorLink) -> JSONValue {
            .object([
                ("kind", .string(l.kind.rawValue)), ("indicator", .string(l.indicator)), ("via", .string(key(l.via))), ("hops", .int(l.hops)),
                ("weight", .double(l.weight)),
            ])
        }
        sections[.pairs] = f.linkedBidders.sorted { (key($0.tender), key($0.firms.first)) < (key($1.tender), key($1.firms.first)) }.map { p in
            (key(p.tender), .object([
                ("tender", .string(key(p.tender))), ("firms", keys([p.firms.first, p.firms.second])), ("winner", p.winner.map { .string(key($0)) } ?? .null),
                ("links", .array(p.links.map(link))),
            ]))
        }

        let losers = f.topLosers.sorted { ($0.isTopLoser ? 1 : 0, $0.score, $1.firm) > ($1.isTopLoser ? 1 : 0, $1.score, $0.firm) }
        sections[.topLosers] = losers.map { x in
            (key(x.firm), .object([
                ("firm", .string(key(x.firm))), ("name", name(x.firm)), ("bids", .int(x.bids)), ("wins", .int(x.wins)),
                ("winning_rate", .double(x.winningRate)), ("winning_value_rate", number(x.winningValueRate)), ("competitors", .int(x.competitors)),
                ("lost_to", .array(x.lostTo.prefix(5).map { .object([("firm", .string(key($0.firm))), ("times", .int($0.times))]) })),
                ("top_loser", .bool(x.isTopLoser)), ("score", .double(x.score)), ("wins_against_top_losers", .int(x.winsAgainstTopLosers)),
                ("win_rate_against_top_losers", number(x.winRateAgainstTopLosers)), ("top_losers_beaten", .int(x.topLosersBeaten)),
            ]))
        }
        for x in losers where x.isTopLoser {
            flags.append((key(x.firm), "2.1", x.score, .object([("section", .string(Section.topLosers.rawValue))])))
        }
        for x in losers where x.winsAgainstTopLosers > 0 {
            flags.append((key(x.firm), "2.1.3", Double(x.winsAgainstTopLosers), .object([("section", .string(Section.topLosers.rawValue))])))
        }

        sections[.sharedCompetitors] = f.sharedCompetitors.map { s in
            (key(s.firm), .object([("firm", .string(key(s.firm))), ("name", name(s.firm))] + s.figures.keys.sorted().map { family in
                let x = s.figures[family]!
                return (family, .object([
                    ("competitors", .int(x.competitors)), ("tenders", .int(x.tenders)), ("win_share", number(x.winShare)),
                    ("win_value_share", number(x.winValueShare)),
                ]))
            }))
        }
        for s in f.sharedCompetitors {
            for (family, x) in s.figures.sorted(by: { $0.key < $1.key }) {
                let indicator = family == "2.7.4" ? "2.7.4" : family + ".1"
                flags.append((key(s.firm), indicator, Double(x.competitors), .object([("section", .string(Section.sharedCompetitors.rawValue))])))
            }
        }

        sections[.fixedRelations] = f.constantRelations.map { r in
            (nil, .object([
                ("relation", .string(r.relation.rawValue)), ("firms", keys([r.firms.first, r.firms.second])), ("difference", .double(r.difference)),
                ("tenders", keys(r.tenders)), ("common_tenders", .int(r.commonTenders)),
            ]))
        }
        for r in f.constantRelations {
            let indicator = r.relation == .multiple ? "fixed_multiple" : "2.2"
            for (me, other) in [(r.firms.first, r.firms.second), (r.firms.second, r.firms.first)] {
                flags.append((key(me), indicator, Double(r.tenders.count), .object([
                    ("section", .string(Section.fixedRelations.rawValue)), ("partner", .string(key(other))), ("relation", .string(r.relation.rawValue)),
                ])))
            }
        }

        sections[.bidVariance] = f.priceScreens.map { s in
            (key(s.tender), .object([
                ("tender", .string(key(s.tender))), ("bids", .int(s.bids)), ("cv", .double(s.coefficientOfVariation)),
                ("rd", .double(s.relativeDistance)), ("low_variance", .bool(s.lowVariance)), ("high_distance", .bool(s.highDistance)),
            ]))
        }
        for s in f.priceScreens {
            if s.lowVariance { flags.append((key(s.tender), "2.3.1", s.coefficientOfVariation, .object([]))) }
            if s.highDistance { flags.append((key(s.tender), "2.3.2", s.relativeDistance, .object([]))) }
        }
        // Firms with nothing to show are left out of the per-firm screens (top_losers keeps
        // every bidder: its scores rank the whole market).
        sections[.bidScreens] = f.bidScreenFigures.filter { ($0.lowVarianceShare ?? 0) > 0 || ($0.highDistanceShare ?? 0) > 0 || $0.fixedDifferencePartners > 0 }.map { x in
            (key(x.firm), .object([
                ("firm", .string(key(x.firm))), ("priced_bids", .int(x.pricedBids)), ("low_variance_share", number(x.lowVarianceShare)),
                ("high_distance_share", number(x.highDistanceShare)), ("fixed_difference_partners", .int(x.fixedDifferencePartners)),
                ("fixed_difference_tenders", .int(x.fixedDifferenceTenders)), ("fixed_difference_share", number(x.fixedDifferenceShare)),
            ]))
        }

        func benford(_ b: BenfordTest) -> JSONValue {
            .object([
                ("values", .int(b.count)), ("first_digits", .array(b.digits.map(JSONValue.int))), ("mad", .double(b.meanAbsoluteDeviation)),
                ("chi_square", .double(b.chiSquare)), ("p_value", .double(b.pValue)), ("verdict", .string(b.verdict.rawValue)),
                ("small_sample", .bool(b.smallSample)), ("share_with_excess_digit", .double(b.shareWithExcessDigit)),
            ])
        }
        sections[.contractValues] = f.contractValues.filter { $0.benford.verdict != .tooFew || ($0.highPriceShare ?? 0) > 0 }.map { x in
            (key(x.firm), .object([
                ("firm", .string(key(x.firm))), ("contracts", .int(x.contracts)), ("benford", benford(x.benford)),
                ("priced_against_estimate", .int(x.pricedAgainstEstimate)), ("high_price_share", number(x.highPriceShare)),
                ("high_price_value_share", number(x.highPriceValueShare)),
            ]))
        }
        for x in f.contractValues {
            if x.benford.verdict == .nonconformity {
                flags.append((key(x.firm), "2.4.1", x.benford.shareWithExcessDigit, .object([("mad", .double(x.benford.meanAbsoluteDeviation))])))
            }
            // A supplier is flagged when most of at least three contracts priced against an
            // estimate were won above the ratio.
            if let s = x.highPriceShare, x.pricedAgainstEstimate >= 3, s >= 0.5 {
                flags.append((key(x.firm), "2.5.1", s, .object([("contracts", .int(x.pricedAgainstEstimate))])))
            }
        }

        sections[.rings] = f.rings.enumerated().map { i, r in
            let id = "ring-\(i + 1)"
            let ties: [JSONValue] = r.ties.map { t in
                .object([
                    ("kind", .string(t.kind.name)), ("indicator", .string(t.indicator)), ("firms", keys([t.firms.first, t.firms.second])),
                    ("via", t.via.map { .string(key($0)) } ?? .null), ("via_name", t.via.map(name) ?? .null), ("hops", .int(t.hops)),
                    ("co_bids", .int(t.coBids)),
                    ("times", t.kind == .losesTo ? .int(t.times) : .null),
                    ("sources", .array(t.edges.compactMap { e in edgeSources[graph.edgeHandle[Int(e)]].map { .string("\($0.dataset):\($0.sourceRecord)") } })),
                ])
            }
            return (id, .object([
                ("id", .string(id)), ("firms", keys(r.firms)), ("names", .array(r.firms.map(name))), ("winners", keys(r.winners)),
                ("losers", keys(r.losers)), ("links", .array(ties)), ("tenders", .int(r.tenders.count)), ("tender_keys", keys(r.tenders)),
                ("agencies", keys(r.agencies)),
                ("period", .object([("from", .optional(r.first?.iso)), ("to", .optional(r.last?.iso))])), ("value", .double(r.value)),
            ]))
        }
        for (i, r) in f.rings.enumerated() {
            for firm in r.firms {
                flags.append((key(firm), "ring", r.value, .object([("ring", .string("ring-\(i + 1)")), ("section", .string(Section.rings.rawValue))])))
            }
        }

        sections[.rotations] = f.rotations.map { r in
            (nil, .object([
                ("source", .string(r.source.rawValue)), ("firms", keys(r.firms)), ("winners_in_order", keys(r.sequence)),
                ("tenders", keys(r.tenders)), ("statistic", .int(r.statistic)), ("p_value", .double(r.pValue)),
                ("evenness", .double(r.evenness)), ("flagged", .bool(r.flagged)),
            ]))
        }
        for r in f.rotations where r.flagged {
            for firm in r.firms { flags.append((key(firm), "winner_rotation", r.pValue, .object([("firms", keys(r.firms))]))) }
        }
        func place(_ p: MarketAllocation.Place) -> JSONValue {
            switch p {
            case .agency(let n): .string(key(n))
            case .region(let r): .string(r)
            }
        }
        sections[.allocations] = f.allocations.map { a in
            (nil, .object([
                ("market", .string(a.market)), ("by", .string(a.byRegion ? "region" : "buyer")),
                ("firms", .array(a.firms.map { t in
                    .object([
                        ("firm", .string(key(t.firm))), ("wins", .int(t.wins)), ("bids", .int(t.bids)),
                        ("dominates", .array(t.dominated.map { .object([("place", place($0.place)), ("share", .double($0.share)), ("wins", .int($0.wins))]) })),
                    ])
                })),
                ("avoid_each_other", .array(a.avoidances.map { .object([("firms", keys([$0.first, $0.second])), ("expected_shared", .double($0.expectedShared))]) })),
            ]))
        }
        for a in f.allocations {
            for t in a.firms { flags.append((key(t.firm), "market_allocation", Double(t.wins), .object([("market", .string(a.market))]))) }
        }

        summary = [
            ("market_benford", benford(f.marketBenford)),
            ("thresholds", .object([("low_cv", .double(f.lowCoefficientOfVariation)), ("high_rd", .double(f.highRelativeDistance))])),
            ("counts", .object(counts.map { ($0.0, .int($0.1)) })),
            ("top_losers", .int(f.topLosers.filter(\.isTopLoser).count)), ("rings", .int(f.rings.count)),
            ("timings", .object(f.timings.map { ($0.0, .double($0.1)) })),
        ]
    }

    /// Stores the run, its documents and flags in one transaction; returns the run id.
    func store(in store: Store, period: Validity?, seconds: Double) throws -> Int {
        let record = AnalysisRecord(
            analysis: Self.analysis, parametersJSON: String(decoding: try JSONEncoder.sorted.encode(parameters), as: UTF8.self),
            summary: summary, sections: Section.allCases.map { ($0.rawValue, sections[$0] ?? []) }, flags: flags)
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
