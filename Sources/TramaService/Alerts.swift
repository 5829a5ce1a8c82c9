import Foundation
import TramaAnalysis
public import TramaGraph
import TramaIngest
import TramaModel
public import TramaStore

/// A rule's answer gained (`new`) or lost (`gone`) something on a new graph: a pattern to
/// review, with the import that caused it, the entities and the evidence.
public struct Alert: Codable, Sendable, Hashable {
    public var id: Int
    public var rule: Int
    public var ruleName: String
    /// The import (graph version, `trama db imports`) whose graph raised it.
    public var `import`: Int?
    public var change: String
    public var key: String
    public var entities: [String]
    public var summary: String
    /// The relationships with their source records, or the flags with their values.
    public var evidence: AlertEvidence
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, rule, ruleName = "rule_name", `import`, change, key, entities, summary, evidence, createdAt = "created_at"
    }
}

/// What makes an alert true: the relationships (with their source records) of an activity,
/// control or connection, or the flags (with their runs) of a flag filter.
public struct AlertEvidence: Answer, Hashable {
    public struct Flag: Codable, Sendable, Hashable {
        public var indicator: String
        public var value: Double?
        public var analysis: String
        public var run: Int
    }

    public var relationships: [EdgeInfo]?
    public var flags: [Flag]?

    init(relationships: [EdgeInfo]? = nil, flags: [Flag]? = nil) {
        self.relationships = relationships
        self.flags = flags
    }
}

extension Alert {
    /// A row of alerts_list or alerts_by_id.
    init(row r: [String?]) {
        self.init(
            id: Int(r[0]!)!, rule: Int(r[1]!)!, ruleName: r[2] ?? "", import: r[3].flatMap { Int($0) }, change: r[4] ?? "new", key: r[5] ?? "",
            entities: (try? JSONDecoder().decode([String].self, from: Data((r[6] ?? "[]").utf8))) ?? [], summary: r[7] ?? "",
            evidence: (try? JSONDecoder().decode(AlertEvidence.self, from: Data((r[8] ?? "{}").utf8))) ?? AlertEvidence(), createdAt: r[9] ?? "")
    }

    /// The digest a closed alert's suppression is kept under: its evidence, as stored.
    static func digest(_ evidence: JSONValue) -> String {
        var h = SHA256()
        h.update(Array(evidence.compact.utf8))
        return h.hexDigest()
    }
}

public struct AlertList: Answer {
    public var page: Page
    public var alerts: [Alert]

    public var text: String {
        guard !alerts.isEmpty else { return "no alerts" }
        return alerts.map { a in
            "#\(a.id) \(a.createdAt) [\(a.ruleName)] \(a.change == "new" ? "new" : "gone"): \(a.summary)\(a.import.map { " (import \($0))" } ?? "")"
        }.joined(separator: "\n")
    }

    /// Alerts of the rules `user` may read (every rule's when nil), after import `since`, of one
    /// rule, newest first.
    public static func read(store: Store, user: Int?, since: Int? = nil, rule: Int? = nil, limit: Int, offset: Int = 0) throws -> AlertList {
        let rows = try store.execute(.alertsList, [user.map(String.init), since.map(String.init), rule.map(String.init), String(limit), String(offset)]).rows
        let alerts = rows.map(Alert.init(row:))
        return AlertList(page: Page(total: rows.first.flatMap { $0[10].flatMap { Int($0) } } ?? 0, limit: limit, offset: offset), alerts: alerts)
    }
}

/// Every rule evaluated on a graph and diffed against its previous evaluation (issue: early
/// warning). Each rule is evaluated once per graph (data generation; for a flag filter, once
/// per stored scan) however many processes notice the new graph; its first evaluation, and the matches of entities added to its
/// watchlists since the last one, are recorded without alerting — a rule starts quiet, and
/// watching an entity is not news about it.
public struct AlertEvaluation: Answer, Hashable {
    public var generation: Int
    public var `import`: Int?
    public var rules: Int
    public var evaluated: Int
    public var alerts: Int
    public var seconds: Double

    enum CodingKeys: String, CodingKey { case generation, `import`, rules, evaluated, alerts, seconds }

    public var text: String {
        "\(evaluated) of \(rules) rules evaluated on generation \(generation)\(self.import.map { " (import \($0))" } ?? ""): \(alerts) alerts in \(String(format: "%.2f", seconds)) s"
    }

    /// One match of a rule: stable across graphs (named by entity references, not node numbers).
    struct Match {
        var key: String
        var entities: [String]
        var summary: String
        var evidence: JSONValue
    }

    /// Evaluates the rules on the graph as it stands now (the command line's way, after an
    /// import or a scan); nothing is loaded when no rule is due.
    public static func run(session: Session) throws -> AlertEvaluation {
        let generation = try session.store.dataGeneration()
        return try run(store: session.store, generation: generation) { try session.loadGraph().graph }
    }

    public static func run(store: Store, graph: CSRGraph, generation: Int) throws -> AlertEvaluation {
        try run(store: store, generation: generation) { graph }
    }

    static func run(store: Store, generation: Int, graph loadGraph: () throws -> CSRGraph) throws -> AlertEvaluation {
        let started = Date()
        let importID = try store.execute(.importLatest).scalar.flatMap { Int($0) }
        let rules = try store.execute(.watchRulesList, [nil]).rows.map { r in (rule: try WatchRule(row: r), at: r[9].flatMap(Double.init)) }
        // A flag filter reads the stored flags, which scans change, not imports: its version is
        // the newest run's.
        let flagsVersion = try store.execute(.analysisRunMax).scalar.flatMap { Int($0) } ?? 0
        func version(_ r: WatchRule) -> Int { r.kind == .flagFilter ? flagsVersion : generation }
        let due = rules.filter { $0.rule.evaluatedGeneration != version($0.rule) }
        guard !due.isEmpty else {
            return AlertEvaluation(generation: generation, import: importID, rules: rules.count, evaluated: 0, alerts: 0, seconds: Date().timeIntervalSince(started))
        }
        let graph = try loadGraph()
        // The watchlists' entities, resolved once to nodes of this graph.
        let lists = Set(due.flatMap { [$0.rule.definition.watchlist, $0.rule.definition.toWatchlist].compactMap { $0 } })
        var members: [Int: [(entity: String, added: Double)]] = [:]
        if !lists.isEmpty {
            for r in try store.execute(.watchlistMembers, [Store.bigintArray(lists.map(Int64.init))]).rows {
                members[Int(r[0]!)!, default: []].append((r[1]!, r[2].flatMap(Double.init) ?? 0))
            }
        }
        let resolver = EntityResolver(store: store)
        var nodeOf: [String: UInt32] = [:]
        for entity in Set(members.values.flatMap { $0.map(\.entity) }) {
            if let found = try? resolver.node(entity, in: graph) { nodeOf[entity] = found.node }
        }
        let flags = due.contains { $0.rule.kind == .flagFilter } ? try FlagRanking.rows(store: store, required: nil, period: nil, subject: nil) : [:]

        // Findings first, for every rule, so that nodes and relationships are named in one go.
        // Owners and connections are those valid on the day of the evaluation (the import's):
        // an owner who left is no longer one; activities are events, whenever they happened.
        let today = Day.today
        var findings: [Int: [WatchFinding]] = [:]
        for (rule, _) in due where rule.kind != .flagFilter {
            let d = rule.definition
            let watched = (members[d.watchlist ?? -1] ?? []).compactMap { nodeOf[$0.entity] }
            switch rule.kind {
            case .activity: findings[rule.id] = WatchRules.activity(graph: graph, watched: watched, events: Set(d.events ?? WatchEvent.allCases))
            case .control: findings[rule.id] = WatchRules.control(graph: graph, watched: watched, at: today)
            case .connection:
                var filter = PathFilter()
                filter.validAt = today
                filter.maxHops = d.hops ?? 2
                filter.maxDegree = WatchRule.maximumDegree
                if let relations = d.relations { filter.edgeKinds = KindSet(names: relations, in: graph.edgeKinds) }
                let other = (members[d.toWatchlist ?? -1] ?? []).compactMap { nodeOf[$0.entity] }
                findings[rule.id] = WatchRules.connections(graph: graph, from: watched, to: other, filter: filter)
            case .flagFilter: break
            }
        }
        let nodes = Set(findings.values.flatMap { $0.flatMap(\.nodes) })
        let refs = try store.nodeRefs(ids: nodes.map { graph.nodeHandle[Int($0)] })
        let edges = Set(findings.values.flatMap { $0.flatMap(\.edges) })
        let records = edges.isEmpty ? [:] : try store.edgeRecords(ids: edges.map { graph.edgeHandle[Int($0)] })
        func name(_ node: UInt32) -> String { refs[graph.nodeHandle[Int(node)]].map { EntityInfo($0).reference } ?? "node:\(node)" }
        func evidence(_ f: WatchFinding) -> JSONValue {
            AlertEvidence(relationships: f.edges.compactMap { records[graph.edgeHandle[Int($0)]].map(EdgeInfo.init) }).json
        }

        var alerts = 0
        for (rule, lastAt) in due {
            let d = rule.definition
            var matches: [Match] = []
            if rule.kind == .flagFilter {
                let expression = try FlagExpression.parse(d.filter ?? "")
                let only = d.watchlist.map { Set((members[$0] ?? []).map(\.entity)) }
                for (subject, rows) in flags where only?.contains(subject) ?? true {
                    var values: [String: Double?] = [:]
                    for f in rows { values[f.indicator] = f.value }
                    guard expression.matches(values) else { continue }
                    let shown = rows.filter { expression.indicators.contains($0.indicator) }.sorted { $0.indicator < $1.indicator }
                    matches.append(Match(
                        key: "flag|\(subject)", entities: [subject], summary: "\(subject) matches \(expression.description)",
                        evidence: AlertEvidence(flags: shown.map { .init(indicator: $0.indicator, value: $0.value, analysis: $0.analysis, run: $0.run) }).json))
                }
            } else {
                for f in findings[rule.id] ?? [] {
                    let named = f.nodes.map(name)
                    let (key, summary): (String, String)
                    switch f.kind {
                    case .activity: (key, summary) = ("activity|\(f.detail)|\(named[0])|\(named[1])", "\(named[0]) \(Self.verb(f.detail)) \(named[1])")
                    case .control: (key, summary) = ("control|\(f.detail)|\(named[0])|\(named[1])", "\(named[1]) \(f.detail.replacingOccurrences(of: "_", with: " ")) \(named[0])")
                    case .sharedOwner: (key, summary) = ("shared_owner|\(named[0])|\(named[1])|\(named[2])", "\(named[1]) shares an owner, \(named[2]), with \(named[0])")
                    case .connection: (key, summary) = ("connection|\(named[0])|\(named.last!)", "\(named[0]) and \(named.last!) are connected in \(f.detail): \(named.joined(separator: " — "))")
                    }
                    matches.append(Match(key: key, entities: f.kind == .connection ? [named[0], named.last!] : named, summary: summary, evidence: evidence(f)))
                }
            }
            alerts += try record(rule: rule, lastEvaluated: lastAt, matches: matches, members: members, store: store, version: version(rule), importID: importID)
        }
        return AlertEvaluation(
            generation: generation, import: importID, rules: rules.count, evaluated: due.count, alerts: alerts, seconds: Date().timeIntervalSince(started))
    }

    static func verb(_ event: String) -> String {
        switch WatchEvent(rawValue: event) {
        case .bids: "bids on"
        case .wins: "holds contract"
        case .sanctioned: "is sanctioned by"
        case .donates: "donated to"
        case .appearsInCase: "appears in"
        case nil: event
        }
    }

    /// Diffs one rule's matches against those stored, stores the alerts and the new matches in
    /// one transaction; returns the number of alerts.
    static func record(
        rule: WatchRule, lastEvaluated: Double?, matches: [Match], members: [Int: [(entity: String, added: Double)]], store: Store, version: Int,
        importID: Int?
    ) throws -> Int {
        try store.transaction { conn in
            // Another process may have evaluated this rule on this graph meanwhile.
            _ = try conn.execute(.watchRuleLock, [String(rule.id)])
            if let done = try conn.execute(.watchEvaluationOf, [String(rule.id)]).scalar.flatMap({ Int($0) }), done == version { return 0 }
            let previous = try conn.execute(.watchMatchesOf, [String(rule.id)]).rows.map { r in
                Match(
                    key: r[0]!, entities: (try? JSONDecoder().decode([String].self, from: Data((r[1] ?? "[]").utf8))) ?? [], summary: r[2] ?? "",
                    evidence: .raw(r[3] ?? "{}"))
            }
            let listed = [rule.definition.watchlist, rule.definition.toWatchlist].compactMap { $0 }.flatMap { members[$0] ?? [] }
            let watched = Set(listed.map(\.entity))
            // Entities watched since the last evaluation: their matches are not news.
            let fresh = Set(listed.filter { lastEvaluated == nil || $0.added > lastEvaluated! }.map(\.entity))
            let before = Set(previous.map(\.key))
            let now = Set(matches.map(\.key))
            var raised: [(Match, String)] = []
            if lastEvaluated != nil {
                // Closed as unfounded: quiet while the evidence is the one it was closed on.
                let suppressed = Dictionary(
                    try conn.execute(.alertSuppressionsOf, [String(rule.id)]).rows.map { ($0[0]!, $0[1] ?? "") }, uniquingKeysWith: { a, _ in a })
                for m in matches where !before.contains(m.key) && fresh.isDisjoint(with: m.entities) && suppressed[m.key] != Alert.digest(m.evidence) {
                    raised.append((m, "new"))
                }
                for m in previous where !now.contains(m.key) && (rule.definition.watchlist == nil || Self.ends(of: m, rule).allSatisfy(watched.contains)) {
                    raised.append((m, "gone"))
                }
            }
            if !raised.isEmpty {
                try conn.copyIn(.alertsCopy) { w in
                    for (m, change) in raised {
                        try w.row([
                            String(rule.id), importID.map(String.init), change, m.key, Store.textArray(m.entities), m.summary, m.evidence.compact,
                            Alert.digest(m.evidence),
                        ])
                    }
                }
            }
            if !raised.isEmpty { _ = try conn.execute(.webhookEnqueue, [String(rule.id)]) }
            _ = try conn.execute(.watchMatchesClear, [String(rule.id)])
            var seen = Set<String>()
            try conn.copyIn(.watchMatchesCopy) { w in
                for m in matches where seen.insert(m.key).inserted {
                    try w.row([String(rule.id), m.key, Store.textArray(m.entities), m.summary, m.evidence.compact])
                }
            }
            _ = try conn.execute(.watchEvaluationRecord, [String(rule.id), String(version), importID.map(String.init)])
            return raised.count
        }
    }

    /// The watched entities of match `m` (its first; both ends of a connection): a match gone
    /// because its entity is no longer watched is no alert.
    static func ends(of m: Match, _ rule: WatchRule) -> [String] {
        (rule.kind == .connection ? [m.entities.first, m.entities.last] : [m.entities.first]).compactMap { $0 }
    }
}
