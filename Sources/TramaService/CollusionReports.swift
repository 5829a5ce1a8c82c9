import Foundation
public import TramaRender
public import TramaStore
import TramaWorld

/// Reads the latest stored collusion run and shapes it for `trama collusion pairs|top-losers|
/// rings|score` and the API.
public struct CollusionReports: Sendable {
    public let run: AnalysisRun
    public let store: Store

    /// Run `run`, or the latest when nil; a clear error when there is none.
    public init(store: Store, run: Int? = nil) throws {
        self.run = try AnalysisRun.chosen(CollusionDocuments.analysis, id: run, in: store)
        self.store = store
    }

    /// One section's stored documents, read back as their type.
    public func documents<Document: Decodable>(_ section: CollusionDocuments.Section, as type: Document.Type) throws -> [Document] {
        try run.documents(section.rawValue, as: type, in: store)
    }

    /// `{"run":…, "pairs":[{"tender","firms","winner","links":[{"kind","indicator","via","hops","weight"}]}]}`
    public func pairs() throws -> RunReport<LinkedBidderPair> { run.report(try documents(.pairs, as: LinkedBidderPair.self)) }

    /// Per firm the GRAS 2.1 figures, top losers first; `all: false` keeps only top losers and
    /// the firms that beat them.
    public func topLosers(all: Bool) throws -> [TopLoserFigures] {
        try documents(.topLosers, as: TopLoserFigures.self).filter { all || $0.topLoser || $0.winsAgainstTopLosers != 0 }
    }

    /// `{"run":…, "firms":[…]}`.
    public func topLosersJSON(all: Bool) throws -> RunReport<TopLoserFigures> { run.report(try topLosers(all: all)) }

    /// The same as CSV: one row per firm, `lost_to` as "KEY×N; …".
    public func topLosersCSV(all: Bool) throws -> String {
        let columns = [
            "firm", "name", "bids", "wins", "winning_rate", "winning_value_rate", "competitors", "lost_to", "top_loser", "score",
            "wins_against_top_losers", "win_rate_against_top_losers", "top_losers_beaten", "relative_low_winning", "cover_bidding", "cover_standing",
            "collusion_risk",
        ]
        var lines = [columns.joined(separator: ",")]
        for x in try topLosers(all: all) {
            let cells = [
                x.firm, x.name ?? "", String(x.bids), String(x.wins), Self.cell(x.winningRate), Self.cell(x.winningValueRate), String(x.competitors),
                x.lostTo.map { "\($0.firm)×\($0.times)" }.joined(separator: "; "), x.topLoser ? "1" : "0", Self.cell(x.score),
                String(x.winsAgainstTopLosers), Self.cell(x.winRateAgainstTopLosers), String(x.topLosersBeaten), Self.cell(x.relativeLowWinning),
                Self.cell(x.coverBidding), Self.cell(x.coverStanding), Self.cell(x.collusionRisk),
            ]
            lines.append(cells.map(CSVField.quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A number as the CSV has always shown it: as JSON writes it, except that 0 and 1 are
    /// written `0` and `1` (like the flags' booleans); empty when absent (or not finite, which
    /// the stored JSON holds as null).
    static func cell(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "" }
        return x == 0 ? "0" : x == 1 ? "1" : "\(x)"
    }

    /// GRAS 2.3 per tender: `{"run":…, "tenders":[{"tender","bids","cv","rd","low_variance","high_distance"}]}`.
    public func tenders() throws -> RunReport<BidVariance> { run.report(try documents(.bidVariance, as: BidVariance.self)) }

    /// The same as CSV.
    public func tendersCSV() throws -> String {
        var lines = ["tender,bids,cv,rd,low_variance,high_distance,low_dispersion,distance_standing,imhof_distance,collusion_risk"]
        for t in try documents(.bidVariance, as: BidVariance.self) {
            let tender = t.tender.contains(",") ? "\"\(t.tender)\"" : t.tender
            lines.append([
                tender, String(t.bids), Self.cell(t.cv), Self.cell(t.rd), t.lowVariance ? "1" : "0", t.highDistance ? "1" : "0", Self.cell(t.lowDispersion),
                Self.cell(t.distanceStanding), Self.cell(t.imhofDistance), Self.cell(t.collusionRisk),
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"run":…, "rings":[{"id","firms","winners","losers","links","tenders","value",…}]}`
    public func rings(top: Int?) throws -> RunReport<BidderRing> {
        let rings = try documents(.rings, as: BidderRing.self)
        return run.report(top.map { Array(rings.prefix($0)) } ?? rings)
    }

    /// The rings as a map: each ring a cluster, winners drawn bold, losers plain, the shared
    /// owners, employees and registration data outside the clusters with their ties, and a top
    /// loser's losses as dotted arrows.
    public func ringsMap(top: Int) throws -> NetworkMap {
        Self.ringsMap(Array(try documents(.rings, as: BidderRing.self).prefix(top)), run: run)
    }

    /// The map of these rings of `run` (for a viewer, rings already masked).
    public static func ringsMap(_ rings: [BidderRing], run: AnalysisRun) -> NetworkMap {
        var map = NetworkMap(
            title: "Bidder rings to review (collusion scan \(run.id))",
            subtitle: "Firms that co-bid and share owners, employees or registration data, or keep losing to the same winners — patterns, not findings. Run \(run.startedAt.prefix(16)).")
        var seen = Set<String>()
        func add(_ node: MapNode) { if seen.insert(node.id).inserted { map.nodes.append(node) } }
        for ring in rings {
            let winners = Set(ring.winners)
            map.clusters.append(MapCluster(
                label: "\(ring.id): \(ring.tenders) tenders, won \(Self.money(ring.value)), \(ring.period.from ?? "?") – \(ring.period.to ?? "?")",
                members: ring.firms))
            for (i, f) in ring.firms.enumerated() {
                let name = (i < ring.names.count ? ring.names[i] : nil) ?? f
                add(MapNode(id: f, kind: "firm", label: name, detail: winners.contains(f) ? "won ring tenders" : "lost every ring tender",
                    emphasis: winners.contains(f) ? .endpoint : .normal))
            }
            for link in ring.links {
                guard link.firms.count == 2 else { continue }
                let pair = link.firms
                if link.kind == "loses_to" {
                    map.edges.append(MapEdge(from: pair[0], to: pair[1], kind: "loses_to", label: "lost \(link.times.map(String.init) ?? "") times"))
                    continue
                }
                guard let via = link.via else { continue }
                let viaKind = String(via.prefix { $0 != ":" })
                add(MapNode(id: via, kind: viaKind, label: link.viaName ?? via, detail: "shared by the ring", emphasis: .highlighted))
                let relation: String
                switch link.kind {
                case "common_shareholder": relation = viaKind == "economic_group" ? "member_of_group" : "owns"
                case "common_employee": relation = "employed_by"
                default: relation = viaKind == "person" ? "legal_representative_of" : "registered_at"
                }
                for f in pair where !map.edges.contains(where: { ($0.from == via && $0.to == f) || ($0.from == f && $0.to == via) }) {
                    let hops = link.hops > 2 ? " (chain, \(link.hops) hops)" : ""
                    if relation == "registered_at" || relation == "member_of_group" {
                        map.edges.append(MapEdge(from: f, to: via, kind: relation, label: nil))
                    } else {
                        map.edges.append(MapEdge(from: via, to: f, kind: relation, label: hops.isEmpty ? nil : "shares\(hops)"))
                    }
                }
            }
        }
        return map
    }

    static func money(_ v: Double) -> String {
        if v >= 1e9 { return String(format: "%.1f bn", v / 1e9) }
        if v >= 1e6 { return String(format: "%.1f M", v / 1e6) }
        if v >= 1e3 { return String(format: "%.0f k", v / 1e3) }
        return String(format: "%.0f", v)
    }
}

