import Foundation
import TramaAnalysis
public import TramaGraph
import TramaModel
import TramaRender
public import TramaStore

/// `trama profile FIRM`: every red flag of one supplier with its value, its standing among the
/// entities flagged for the same indicator, the GRAS indicator it reports and the stored
/// documents that explain it, with the supplier's network map, the entities the evidence names
/// highlighted — GRAS's "navigation through multiple red flags connected to a single supplier"
/// (report Figure 7).
public struct SupplierProfileQuery: Sendable {
    public var entity: String
    /// How far the map reaches, and how many entities it shows per hop.
    public var hops = 1
    public var perHop = 60

    public init(entity: String) { self.entity = entity }

    public func run(on graph: CSRGraph, store: Store) throws -> SupplierProfile {
        let (ref, _) = try EntityResolver(store: store).node(entity, in: graph)
        let subject = ref.reference
        let rows = try FlagRanking.rows(store: store, required: nil, period: nil, subject: subject)[subject] ?? []
        let ranked = FlagRanking.score(rows)
        let flags = try FlagRanking.flags(store: store, subjects: [subject], runs: Set(rows.map(\.run)))[subject] ?? []
        let documents = try store.execute(.analysisResultsSubject, [subject]).rows.map {
            SupplierProfile.Document(analysis: $0[0]!, run: Int($0[1]!)!, section: $0[2]!, document: .raw($0[3] ?? "{}"))
        }
        var neighbours = NeighborsQuery(center: subject)
        neighbours.hops = hops
        neighbours.perHopCap = perHop
        let around = try neighbours.run(on: graph, store: store)
        let present = Set(around.nodes.map(\.entity.reference))
        let named = documents.flatMap { SupplierProfile.references(in: $0.document.compact) }
        let highlighted = Array(Set(named).intersection(present).subtracting([subject])).sorted()
        return SupplierProfile(
            entity: EntityInfo(kind: ref.kind, key: ref.key, name: ref.name), score: ranked.score, patterns: ranked.patterns,
            flags: flags.map(SupplierProfile.Flag.init), documents: documents, highlighted: highlighted, neighbourhood: around)
    }
}

public struct SupplierProfile: Answer {
    public struct Flag: Codable, Sendable, Hashable {
        public var indicator: String
        /// The GRAS indicator's name and risk pattern (nil for Trama's own screens).
        public var name: String?
        public var pattern: String
        public var value: Double?
        /// Cumulative share among the entities flagged for the indicator (1 = riskiest).
        public var standing: Double?
        public var analysis: String
        public var run: Int
        public var evidence: JSONValue

        init(_ f: FlagRanking.Flag) {
            let gras = GRASIndicator.entry(forFlag: f.indicator)
            indicator = f.indicator
            name = gras.map { $0.name + (FlagVariant.split(f.indicator).variant.map { " (\($0.label))" } ?? "") }
            pattern = gras?.pattern ?? f.indicator
            value = f.value
            standing = f.standing
            analysis = f.analysis
            run = f.run
            evidence = f.evidence
        }
    }

    /// A document a run stored about the entity: the evidence its flags point at.
    public struct Document: Codable, Sendable, Hashable {
        public var analysis: String
        public var run: Int
        public var section: String
        public var document: JSONValue
    }

    public var entity: EntityInfo
    /// The composite score (``FlagRanking``) and the distinct risk patterns flagged.
    public var score: Double
    public var patterns: Int
    public var flags: [Flag]
    public var documents: [Document]
    /// Entities of the map that the evidence names.
    public var highlighted: [String]
    public var neighbourhood: NeighborsAnswer

    /// Every `kind:key` string in a JSON text (the way the explorer's evidence cells find them).
    static func references(in json: String) -> [String] {
        guard let value = try? JSONValue.parse(json) else { return [] }
        var found: [String] = []
        func walk(_ v: JSONValue) {
            switch v {
            case .object(let members): for (_, m) in members { walk(m) }
            case .array(let items): items.forEach(walk)
            case .string(let s): if let parts = KindKey(s), !parts.kind.isEmpty, !parts.key.isEmpty, !s.contains(" ") { found.append(s) }
            default: break
            }
        }
        walk(value)
        return found
    }

    /// The supplier's neighbourhood, the entities its evidence names highlighted.
    public func map() -> NetworkMap {
        var m = neighbourhood.map(highlighting: Set(highlighted))
        m.title = "\(entity.name ?? entity.reference): \(flags.filter { FlagVariant.split($0.indicator).variant == nil }.count) red flags in \(patterns) patterns"
        return m
    }

    public var text: String {
        var lines = ["\(PathAnswer.describe(entity)): score \(String(format: "%.3f", score)) over \(patterns) risk patterns, \(flags.count) flags"]
        for f in flags {
            let value = f.value.map { String(format: "%.4g", $0) } ?? "✓"
            let standing = f.standing.map { String(format: "%3.0f%%", $0 * 100) } ?? "   "
            lines.append("  \(f.indicator.padding(toLength: 12, withPad: " ", startingAt: 0)) \(value.padding(toLength: 10, withPad: " ", startingAt: 0)) \(standing)  \(f.name ?? f.pattern)")
        }
        if !documents.isEmpty {
            lines.append("evidence: " + documents.map { "\($0.analysis) run \($0.run) \($0.section)" }.joined(separator: "; "))
        }
        if !highlighted.isEmpty { lines.append("named by the evidence and on the map: " + highlighted.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
}

extension NeighborsAnswer {
    /// The neighbourhood as a map with `entities` and their ties to the centre highlighted.
    public func map(highlighting entities: Set<String>) -> NetworkMap {
        var m = map()
        for i in m.nodes.indices where entities.contains(m.nodes[i].id) && m.nodes[i].emphasis == .normal { m.nodes[i].emphasis = .highlighted }
        for i in m.edges.indices {
            let ends = [m.edges[i].from, m.edges[i].to]
            if ends.contains(center.reference), ends.contains(where: entities.contains) { m.edges[i].highlighted = true }
        }
        return m
    }
}
