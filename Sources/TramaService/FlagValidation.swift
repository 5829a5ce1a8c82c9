import Foundation
import TramaAnalysis
public import TramaGraph
import TramaModel
public import TramaStore

/// `trama flags validate --labels FILE`: how each red flag separates a labelled set of known
/// cases (firms convicted, debarred, or found colluding) from a clean set — the practice of the
/// IDB handbook's EU study (96 known cases against 96 matched clean ones) — so users see which
/// flags carry signal in their market before they trust them.
///
/// The clean set is the entities labelled 0, or, when the labels name only cases, for each case
/// the unlabelled entity of the same kind whose procurement activity (bids and contracts held)
/// is closest, drawn without replacement: a flag that merely follows size does not then pass
/// for a signal.
public struct FlagValidation: Answer {
    public struct Indicator: Codable, Sendable, Hashable {
        public var indicator: String
        public var name: String?
        /// Known cases and clean entities flagged.
        public var casesFlagged: Int
        public var cleanFlagged: Int
        public var caseRate: Double
        public var cleanRate: Double
        /// (cases flagged / not) ÷ (clean flagged / not), with ½ added to every cell (Haldane) so
        /// a flag no clean entity has still gets a finite ratio.
        public var oddsRatio: Double
        /// Fisher's exact test that cases are flagged more often than clean entities.
        public var pValue: Double
        /// The chance that a case's flag stands riskier than a clean entity's (its standing, so
        /// that lower is riskier where GRAS says so; unflagged lowest; ties count half): 0.5 is
        /// no signal.
        public var auc: Double

        enum CodingKeys: String, CodingKey {
            case indicator, name, casesFlagged = "cases_flagged", cleanFlagged = "clean_flagged", caseRate = "case_rate", cleanRate = "clean_rate"
            case oddsRatio = "odds_ratio", pValue = "p_value", auc
        }
    }

    /// The body of `POST /api/v1/flags/validation`: the known cases and, optionally, entities
    /// known clean.
    public struct Request: Answer {
        public var cases: [String]
        public var clean: [String]?

        public init(cases: [String], clean: [String]?) {
            self.cases = cases
            self.clean = clean
        }

        /// The most entities either list may name.
        public static let maximumEntities = 1000

        /// The labels, checked: 1 to 1,000 cases and at most 1,000 clean entities, each a
        /// `kind:key` reference of a known kind of at most 200 characters.
        public func checked() throws -> [(subject: String, known: Bool)] {
            for (name, list) in [("cases", cases), ("clean", clean ?? [])] {
                guard list.count <= Self.maximumEntities, name == "clean" || !list.isEmpty else {
                    throw ServiceError.badParameter(name: name, reason: name == "cases" ? "name from 1 to 1,000 entities" : "name at most 1,000 entities")
                }
                for ref in list where KindKey(ref).flatMap({ EntityKind(rawValue: $0.kind) }) == nil || ref.unicodeScalars.count > 200 || ref.contains("\u{0}") {
                    throw ServiceError.badParameter(name: name, reason: "'\(ref.prefix(80))' is not a kind:key reference of at most 200 characters")
                }
            }
            return cases.map { ($0, true) } + (clean ?? []).map { ($0, false) }
        }
    }

    public var cases: Int
    public var clean: Int
    /// Whether the clean set was matched on activity (labels named cases only).
    public var matched: Bool
    /// Labelled entities the graph does not hold.
    public var unknown: [String]
    public var indicators: [Indicator]

    /// A labels file: `subject,label` lines (label 1 a known case, 0 clean; a header line and
    /// blank lines are skipped).
    public static func labels(file path: String) throws -> [(subject: String, known: Bool)] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ServiceError.unreadable(file: path, reason: "no such UTF-8 file")
        }
        return try labels(text: text, file: path)
    }

    /// The same lines given as text (the explorer's form); `file` names them in errors.
    public static func labels(text: String, file path: String) throws -> [(subject: String, known: Bool)] {
        var out: [(String, Bool)] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || (i == 0 && line.lowercased().hasPrefix("subject")) { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 2, KindKey(fields[0]) != nil, ["0", "1"].contains(fields[1]) else {
                throw ServiceError.unreadable(file: "\(path):\(i + 1)", reason: "expected `kind:key,1` or `kind:key,0`, found '\(line.prefix(80))'")
            }
            out.append((fields[0], fields[1] == "1"))
        }
        guard out.contains(where: \.1) else { throw ServiceError.unreadable(file: path, reason: "no known case (a line `kind:key,1`)") }
        return out
    }

    public static func run(labels: [(subject: String, known: Bool)], graph: CSRGraph, store: Store) throws -> FlagValidation {
        let ids = Array(Set(labels.map(\.subject)))
        let resolver = EntityResolver(store: store)
        var found: [String: Store.NodeRef] = [:]
        for id in ids {
            do {
                found[id] = try resolver.node(id, in: graph).ref
            } catch ServiceError.unknownEntity, ServiceError.ambiguousEntity {
                continue
            }
        }
        let unknown = ids.filter { found[$0] == nil }.sorted()
        let cases = Array(Set(labels.filter { $0.known }.map(\.subject).filter { found[$0] != nil })).sorted()
        var clean = Array(Set(labels.filter { !$0.known }.map(\.subject).filter { found[$0] != nil }).subtracting(cases)).sorted()
        let matched = clean.isEmpty
        if matched { clean = try matchedClean(cases: cases.map { found[$0]! }, graph: graph, store: store) }
        // Flags are stored under the entity's own reference.
        let canonical = Dictionary(uniqueKeysWithValues: (cases + clean).map { ($0, found[$0]?.reference ?? $0) })
        let flags = try FlagRanking.rows(store: store, required: nil, period: nil, subject: nil)
        var indicators = Set<String>()
        for s in cases + clean { for f in flags[canonical[s] ?? s] ?? [] { indicators.insert(f.indicator) } }
        func value(_ s: String, _ i: String) -> Double? {
            guard let f = flags[canonical[s] ?? s]?.first(where: { $0.indicator == i }) else { return nil }
            return f.standing ?? 1
        }
        let rows = indicators.sorted().map { i -> Indicator in
            let a = cases.filter { value($0, i) != nil }.count
            let c = clean.filter { value($0, i) != nil }.count
            let (b, d) = (cases.count - a, clean.count - c)
            let odds = ((Double(a) + 0.5) * (Double(d) + 0.5)) / ((Double(b) + 0.5) * (Double(c) + 0.5))
            var wins = 0.0
            for x in cases {
                for y in clean {
                    let (u, v) = (value(x, i) ?? -.infinity, value(y, i) ?? -.infinity)
                    wins += u > v ? 1 : u == v ? 0.5 : 0
                }
            }
            return Indicator(
                indicator: i, name: Indicators.gras.meaning(i), casesFlagged: a, cleanFlagged: c, caseRate: Double(a) / Double(max(1, cases.count)),
                cleanRate: Double(c) / Double(max(1, clean.count)), oddsRatio: odds, pValue: Statistics.fisherExact(a, b, c, d).greater,
                auc: cases.isEmpty || clean.isEmpty ? 0.5 : wins / Double(cases.count * clean.count))
        }
        return FlagValidation(
            cases: cases.count, clean: clean.count, matched: matched, unknown: unknown,
            indicators: rows.sorted { ($0.pValue, $0.indicator) < ($1.pValue, $1.indicator) })
    }

    /// For each case, the unlabelled entity of its kind with the nearest number of bids and
    /// contracts, not already taken (ties to the lower node index, so the set is reproducible).
    static func matchedClean(cases: [Store.NodeRef], graph: CSRGraph, store: Store) throws -> [String] {
        let activity = Set([RelationKind.bid, .holdsContract].compactMap { graph.edgeKinds.code($0.rawValue) })
        func size(_ n: UInt32) -> Int {
            var k = 0
            graph.forEachOutgoing(n) { _, e in if activity.contains(graph.edgeKind[Int(e)]) { k += 1 } }
            return k
        }
        let caseNodes = Set(cases.compactMap { graph.node(withHandle: $0.id) })
        var taken = Set<UInt32>()
        var picked: [UInt32] = []
        var pools: [KindCode: [(UInt32, Int)]] = [:]
        for r in cases {
            guard let n = graph.node(withHandle: r.id) else { continue }
            let kind = graph.nodeKind[Int(n)]
            if pools[kind] == nil {
                pools[kind] = (0..<UInt32(graph.nodeCount)).filter { graph.nodeKind[Int($0)] == kind && !caseNodes.contains($0) }.map { ($0, size($0)) }
            }
            let target = size(n)
            if let best = pools[kind]!.filter({ !taken.contains($0.0) }).min(by: { (abs($0.1 - target), $0.0) < (abs($1.1 - target), $1.0) }) {
                taken.insert(best.0)
                picked.append(best.0)
            }
        }
        let refs = try store.nodeRefs(ids: picked.map { graph.nodeHandle[Int($0)] })
        return picked.compactMap { refs[graph.nodeHandle[Int($0)]]?.reference }.sorted()
    }

    public var text: String {
        var lines = [
            "\(cases) known cases against \(clean) \(matched ? "matched clean entities (nearest activity, same kind)" : "entities labelled clean")"
                + (unknown.isEmpty ? "" : "; \(unknown.count) labelled entities not in the graph"),
            "indicator       cases   clean   odds ratio  p (Fisher)  AUC    meaning",
        ]
        for i in indicators {
            lines.append(
                "\(i.indicator.padding(toLength: 14, withPad: " ", startingAt: 0))  \(String(format: "%5.1f%%  %5.1f%%  %9.2f  %10.3g  %.3f", i.caseRate * 100, i.cleanRate * 100, i.oddsRatio, i.pValue, i.auc))  \(i.name ?? "")")
        }
        return lines.joined(separator: "\n")
    }
}
