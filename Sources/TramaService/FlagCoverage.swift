import Foundation
public import TramaAnalysis
public import TramaStore

/// `trama flags coverage`: the GRAS feasibility view (report Table 9). For each of the 60
/// indicators, whether its latest run flagged anything, whether it can be computed from what is
/// loaded, or what it still needs — so an indicator with no data reads "not computable: needs
/// X", never a silent 0.
public struct FlagCoverage: Answer {
    public enum Status: String, Codable, Sendable {
        /// The analysis that computes it has run on the loaded data.
        case computed
        /// The data is loaded; run the analysis.
        case computable
        /// Some data it needs is not loaded.
        case notComputable = "not_computable"
    }

    public struct Entry: Codable, Sendable, Hashable {
        public var id: String
        public var name: String
        public var pattern: String
        public var direction: GRASIndicator.Direction
        public var status: Status
        /// The analysis that computes it and the flag it is stored under.
        public var analysis: String?
        public var flag: String?
        /// Entities the latest run flagged (computed indicators only).
        public var flagged: Int?
        /// What is missing, as a user would load it.
        public var needs: [String]
    }

    public struct Summary: Codable, Sendable, Hashable {
        public var computed: Int
        public var computable: Int
        public var notComputable: Int

        enum CodingKeys: String, CodingKey { case computed, computable, notComputable = "not_computable" }
    }

    public var summary: Summary
    public var indicators: [Entry]

    public static func read(store: Store) throws -> FlagCoverage {
        let row = try store.execute(.dataCoverage, []).rows.first ?? []
        var loaded = Set<DataRequirement>()
        for (i, requirement) in DataRequirement.allCases.enumerated() where i < row.count {
            if let count = row[i].flatMap({ Int($0) }), count > 0 { loaded.insert(requirement) }
        }
        var counts: [String: Int] = [:]
        for r in try store.execute(.indicatorCounts, []).rows { counts["\(r[0]!)/\(r[1]!)"] = Int(r[2]!) ?? 0 }
        let ran = Set(try store.execute(.analysesRun, []).rows.compactMap { $0[0] })
        let entries = GRASIndicator.all.map { g -> Entry in
            let missing = g.needs.filter { !loaded.contains($0) }
            let status: Status = g.analysis == nil || !missing.isEmpty ? .notComputable : ran.contains(g.analysis!) ? .computed : .computable
            let flagged = status == .computed ? g.flag.map { counts["\(g.analysis!)/\($0)"] ?? 0 } : nil
            return Entry(
                id: g.id, name: g.name, pattern: g.pattern, direction: g.direction, status: status, analysis: g.analysis, flag: g.flag, flagged: flagged,
                needs: missing.map(\.label))
        }
        return FlagCoverage(
            summary: Summary(
                computed: entries.filter { $0.status == .computed }.count, computable: entries.filter { $0.status == .computable }.count,
                notComputable: entries.filter { $0.status == .notComputable }.count),
            indicators: entries)
    }

    public var text: String {
        var lines = ["GRAS indicators: \(summary.computed) computed, \(summary.computable) computable (run the analysis), \(summary.notComputable) not computable"]
        for e in indicators {
            let state: String
            switch e.status {
            case .computed: state = "computed: \(e.flagged ?? 0) flagged (as \(e.flag ?? e.id), by `trama \(e.analysis ?? "") scan`)"
            case .computable: state = "computable: run `trama \(e.analysis == "collusion" ? "collusion" : "suppliers") scan`"
            case .notComputable: state = "not computable: needs " + e.needs.joined(separator: "; ")
            }
            lines.append("\(e.id.padding(toLength: 6, withPad: " ", startingAt: 0)) \(e.name.prefix(58).padding(toLength: 58, withPad: " ", startingAt: 0))  \(state)")
        }
        return lines.joined(separator: "\n")
    }
}
