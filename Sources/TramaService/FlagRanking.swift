import Foundation
import TramaAnalysis
public import TramaGraph
public import TramaStore

/// `trama flags --filter EXPR`: the entities whose red flags satisfy a combination of flags and
/// value ranges (GRAS's "navigation through multiple red flags"), ranked by a composite score.
///
/// **Composite score.** Each flag's *standing* is its value's cumulative share among all
/// entities flagged for the same indicator in the same run (``FlagStanding``, stored with the run; 1 = the riskiest, lower values
/// riskier where GRAS says so: 3.4.1, 3.6.6). An entity's score is the sum, over the distinct
/// risk patterns it is flagged in (a GRAS pattern such as 2.7 or 4.1, or a screen such as
/// `ring`), of its best standing in that pattern. So the score grows with the number of
/// independent kinds of red flag and with how extreme each is, and no pattern counts twice for
/// having several sub-indicators; a flag without a value stands at 1.
public struct FlagRanking: Answer {
    public struct Flag: Codable, Sendable, Hashable {
        public var indicator: String
        public var value: Double?
        /// Cumulative share among the entities flagged for the indicator (1 = riskiest).
        public var standing: Double?
        public var analysis: String
        public var run: Int
        public var evidence: JSONValue

        /// A flag under its GRAS number (or screen), not one of its variants (`.value`,
        /// `.direct`…): what a one-line summary lists.
        public var isMain: Bool { FlagVariant.split(indicator).variant == nil }
    }

    public struct Entity: Codable, Sendable, Hashable {
        public var subject: String
        public var score: Double
        /// Distinct risk patterns flagged.
        public var patterns: Int
        public var flags: [Flag]
    }

    public var filter: String?
    public var period: ReportPeriod?
    public var sortedBy: String
    public var page: Page
    public var entities: [Entity]

    enum CodingKeys: String, CodingKey { case filter, period, sortedBy = "sorted_by", page, entities }

    /// One stored flag without its evidence: what the composite score and the filters read.
    struct Row: Sendable {
        var analysis: String
        var run: Int
        var indicator: String
        var value: Double?
        var standing: Double?
    }

    /// The risk pattern a stored flag belongs to: `2.7` for `2.7.1` and `2.7.1.value`, the name
    /// of a screen for a screen.
    static func pattern(_ indicator: String) -> String {
        let parts = indicator.split(separator: ".")
        guard let first = parts.first, first.allSatisfy(\.isNumber) else { return indicator }
        return parts.prefix(2).joined(separator: ".")
    }

    /// The flags of the latest runs (of the runs for `period`), by entity: only entities flagged
    /// for one of `required` when given; one entity's when `subject` is given.
    static func rows(store: Store, required: Set<String>?, period: Validity?, subject: String?) throws -> [String: [Row]] {
        let rows = try store.execute(.flagsRanked, [
            required.map { Store.textArray($0.sorted()) }, period?.from.boundedISO, period?.to.boundedISO, subject,
        ]).rows
        var bySubject: [String: [Row]] = [:]
        for r in rows {
            bySubject[r[2]!, default: []].append(Row(
                analysis: r[0]!, run: Int(r[1]!)!, indicator: r[3]!, value: r[4].flatMap(Double.init), standing: r[5].flatMap(Double.init)))
        }
        return bySubject
    }

    /// The composite score of one entity's flags and the number of distinct patterns in it.
    static func score(_ flags: [Row]) -> (score: Double, patterns: Int) {
        var best: [String: Double] = [:]
        for f in flags { best[pattern(f.indicator)] = max(best[pattern(f.indicator)] ?? 0, f.standing ?? 1) }
        return (best.values.reduce(0, +), best.count)
    }

    /// The flags of `subjects` in `runs` with their evidence, by entity, in indicator order:
    /// read for one page, not for every entity ranked.
    static func flags(store: Store, subjects: [String], runs: Set<Int>) throws -> [String: [Flag]] {
        guard !subjects.isEmpty, !runs.isEmpty else { return [:] }
        let rows = try store.execute(.flagsEvidence, [Store.textArray(runs.sorted().map(String.init)), Store.textArray(subjects)]).rows
        var bySubject: [String: [Flag]] = [:]
        for r in rows {
            bySubject[r[2]!, default: []].append(Flag(
                indicator: r[3]!, value: r[4].flatMap(Double.init), standing: r[5].flatMap(Double.init), analysis: r[0]!, run: Int(r[1]!)!,
                evidence: .raw(r[6] ?? "{}")))
        }
        return bySubject.mapValues { $0.sorted { ($0.indicator, $0.run) < ($1.indicator, $1.run) } }
    }

    /// The entities matching `filter` (all flagged entities without one), by composite score or
    /// by one indicator's value (`sortBy`), a page at a time.
    public static func read(
        store: Store, filter: FlagExpression?, period: Validity? = nil, sortBy: String? = nil, limit: Int, offset: Int = 0
    ) throws -> FlagRanking {
        if let sortBy { _ = try FlagList.indicatorSelector(sortBy) }
        let required = filter.map { $0.required.isEmpty ? nil : $0.required } ?? nil
        let bySubject = try rows(store: store, required: required, period: period, subject: nil)
        struct Ranked { var subject: String; var score: Double; var patterns: Int; var key: Double }
        var matched: [Ranked] = []
        var runs = Set<Int>()
        for (subject, flags) in bySubject {
            var values: [String: Double?] = [:]
            for f in flags { values[f.indicator] = f.value }
            guard filter?.matches(values) ?? true else { continue }
            let (score, patterns) = score(flags)
            let key = sortBy.map { s in flags.first { $0.indicator == s }?.value ?? -.infinity } ?? score
            matched.append(Ranked(subject: subject, score: score, patterns: patterns, key: key))
            for f in flags { runs.insert(f.run) }
        }
        matched.sort { ($0.key, $0.score, $0.patterns, $1.subject) > ($1.key, $1.score, $1.patterns, $0.subject) }
        let page = Array(matched.dropFirst(offset).prefix(limit))
        let flags = try Self.flags(store: store, subjects: page.map(\.subject), runs: runs)
        return FlagRanking(
            filter: filter?.description, period: period.map { ReportPeriod(from: $0.from.boundedISO, to: $0.to.boundedISO) }, sortedBy: sortBy ?? "score",
            page: Page(total: matched.count, limit: limit, offset: offset),
            entities: page.map { Entity(subject: $0.subject, score: $0.score, patterns: $0.patterns, flags: flags[$0.subject] ?? []) })
    }

    /// One row per entity, its flags as `indicator=value`, for a spreadsheet.
    public var csv: String {
        let rows = entities.map { e in
            [e.subject, String(format: "%.4f", e.score), String(e.patterns), e.flags.map { "\($0.indicator)=\($0.value.map { String($0) } ?? "")" }.joined(separator: " ")]
                .map(CSVField.quoted).joined(separator: ",")
        }
        return (["subject,score,patterns,flags"] + rows).joined(separator: "\r\n") + "\r\n"
    }

    public var text: String {
        guard !entities.isEmpty else { return "no entity matches\(filter.map { " \($0)" } ?? "") (run the scans first, or widen the filter)" }
        var lines = ["\(page.total) entities\(filter.map { " match \($0)" } ?? ""), by \(sortedBy):", "score   patterns  entity  flags"]
        for e in entities {
            let flags = e.flags.filter(\.isMain).map { f in "\(f.indicator)=\(f.value.map { String(format: "%.4g", $0) } ?? "✓")" }
            lines.append("\(String(format: "%6.3f", e.score))  \(String(e.patterns).padding(toLength: 8, withPad: " ", startingAt: 0))  \(e.subject)  \(flags.joined(separator: " "))")
        }
        return lines.joined(separator: "\n")
    }
}
