import Foundation
public import TramaRender
public import TramaStore
import TramaWorld

/// Reads the latest stored collusion run and shapes it for `trama collusion pairs|top-losers|
/// rings|score` and the API.
public struct CollusionReports: Sendable {
    public let run: AnalysisRun
    public let store: Store

    /// The latest run; a clear error when there is none yet.
    public init(store: Store) throws {
        guard let run = try AnalysisRun.latest(CollusionDocuments.analysis, in: store) else { throw ServiceError.noAnalysisRun(analysis: CollusionDocuments.analysis) }
        self.run = run
        self.store = store
    }

    func documents(_ s: CollusionDocuments.Section) throws -> [JSONValue] { try run.section(s, in: store).map { .raw($0.json) } }

    /// `{"run":…, "pairs":[{"tender","firms","winner","links":[{"kind","indicator","via","hops","weight"}]}]}`
    public func pairs() throws -> JSONValue { .object(run.header + [("pairs", .array(try documents(.pairs)))]) }

    /// Per firm the GRAS 2.1 figures, top losers first; `all: false` keeps only top losers and
    /// the firms that beat them.
    public func topLosers(all: Bool) throws -> [[String: Any]] { try topLoserRows(all: all).map(\.doc) }

    public func topLosersJSON(all: Bool) throws -> JSONValue {
        .object(run.header + [("firms", .array(try topLoserRows(all: all).map { .raw($0.json) }))])
    }

    /// The stored documents, as text and parsed, chosen once for every output.
    func topLoserRows(all: Bool) throws -> [(json: String, doc: [String: Any])] {
        try run.section(.topLosers, in: store).compactMap { row in
            guard let doc = try JSONSerialization.jsonObject(with: Data(row.json.utf8)) as? [String: Any] else { return nil }
            if !all, doc["top_loser"] as? Bool != true, (doc["wins_against_top_losers"] as? Int ?? 0) == 0 { return nil }
            return (row.json, doc)
        }
    }

    /// The same as CSV: one row per firm, `lost_to` as "KEY×N; …".
    public func topLosersCSV(all: Bool) throws -> String {
        let columns = [
            "firm", "name", "bids", "wins", "winning_rate", "winning_value_rate", "competitors", "lost_to", "top_loser", "score",
            "wins_against_top_losers", "win_rate_against_top_losers", "top_losers_beaten",
        ]
        var lines = [columns.joined(separator: ",")]
        for doc in try topLosers(all: all) {
            lines.append(columns.map { c -> String in
                let v: String
                switch doc[c] {
                case let lost as [[String: Any]] where c == "lost_to": v = lost.map { "\($0["firm"] ?? "")×\($0["times"] ?? "")" }.joined(separator: "; ")
                case let b as Bool: v = b ? "1" : "0"
                case let n as NSNumber: v = n.stringValue
                case let s as String: v = s
                default: v = ""
                }
                return v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// GRAS 2.3 per tender: `{"run":…, "tenders":[{"tender","bids","cv","rd","low_variance","high_distance"}]}`.
    public func tenders() throws -> JSONValue { .object(run.header + [("tenders", .array(try documents(.bidVariance)))]) }

    /// The same as CSV.
    public func tendersCSV() throws -> String {
        var lines = ["tender,bids,cv,rd,low_variance,high_distance"]
        for row in try run.section(.bidVariance, in: store) {
            guard let d = try JSONSerialization.jsonObject(with: Data(row.json.utf8)) as? [String: Any] else { continue }
            let cells: [String] = ["tender", "bids", "cv", "rd", "low_variance", "high_distance"].map { c in
                switch d[c] {
                case let b as Bool: b ? "1" : "0"
                case let n as NSNumber: n.stringValue
                case let s as String: s.contains(",") ? "\"\(s)\"" : s
                default: ""
                }
            }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"run":…, "rings":[{"id","firms","winners","losers","links","tenders","value",…}]}`
    public func rings(top: Int?) throws -> JSONValue {
        let docs = try documents(.rings)
        return .object(run.header + [("rings", .array(top.map { Array(docs.prefix($0)) } ?? docs))])
    }

    /// The rings as a map: each ring a cluster, winners drawn bold, losers plain, the shared
    /// owners, employees and registration data outside the clusters with their ties, and a top
    /// loser's losses as dotted arrows.
    public func ringsMap(top: Int) throws -> NetworkMap {
        var map = NetworkMap(
            title: "Bidder rings to review (collusion scan \(run.id))",
            subtitle: "Firms that co-bid and share owners, employees or registration data, or keep losing to the same winners — patterns, not findings. Run \(run.startedAt.prefix(16)).")
        var seen = Set<String>()
        func add(_ node: MapNode) { if seen.insert(node.id).inserted { map.nodes.append(node) } }
        for row in try run.section(.rings, in: store).prefix(top) {
            guard let ring = try JSONSerialization.jsonObject(with: Data(row.json.utf8)) as? [String: Any],
                let id = ring["id"] as? String, let firms = ring["firms"] as? [String]
            else { continue }
            let names = ring["names"] as? [Any] ?? []
            let winners = Set(ring["winners"] as? [String] ?? [])
            let period = ring["period"] as? [String: Any]
            let value = (ring["value"] as? NSNumber)?.doubleValue ?? 0
            map.clusters.append(MapCluster(
                label: "\(id): \(ring["tenders"] ?? 0) tenders, won \(Self.money(value)), \(period?["from"] as? String ?? "?") – \(period?["to"] as? String ?? "?")",
                members: firms))
            for (i, f) in firms.enumerated() {
                let name = (i < names.count ? names[i] as? String : nil) ?? f
                add(MapNode(id: f, kind: "firm", label: name, detail: winners.contains(f) ? "won ring tenders" : "lost every ring tender",
                    emphasis: winners.contains(f) ? .endpoint : .normal))
            }
            for case let link as [String: Any] in ring["links"] as? [Any] ?? [] {
                guard let kind = link["kind"] as? String, let pair = link["firms"] as? [String], pair.count == 2 else { continue }
                if kind == "loses_to" {
                    map.edges.append(MapEdge(from: pair[0], to: pair[1], kind: "loses_to", label: "lost \(link["times"] ?? "") times"))
                    continue
                }
                guard let via = link["via"] as? String else { continue }
                let viaKind = String(via.prefix { $0 != ":" })
                add(MapNode(id: via, kind: viaKind, label: link["via_name"] as? String ?? via, detail: "shared by the ring", emphasis: .highlighted))
                let relation: String
                switch kind {
                case "common_shareholder": relation = viaKind == "economic_group" ? "member_of_group" : "owns"
                case "common_employee": relation = "employed_by"
                default: relation = viaKind == "person" ? "legal_representative_of" : "registered_at"
                }
                for f in pair where !map.edges.contains(where: { ($0.from == via && $0.to == f) || ($0.from == f && $0.to == via) }) {
                    let hops = (link["hops"] as? Int).map { $0 > 2 ? " (chain, \($0) hops)" : "" } ?? ""
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

