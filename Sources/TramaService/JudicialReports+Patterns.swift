import Foundation
import TramaAnalysis
import TramaIngest

/// The judge–lawyer patterns and judge profiles as people read them: ranked lines of text, one
/// CSV row per pattern, a profile as a two-column table beside the peers.
extension JudicialReports {
    static func p(_ x: Any?) -> String { String(format: "%.1e", number(x)) }
    static func percent(_ x: Any?) -> String { (x as? NSNumber).map { String(format: "%.0f%%", $0.doubleValue * 100) } ?? "–" }
    static func number(_ x: Any?) -> Double { (x as? NSNumber)?.doubleValue ?? .nan }
    /// `kind:key (name)`, or `kind:key` when the name is missing or only repeats the key (as
    /// courts named by their ID do).
    static func entity(_ d: [String: Any], _ field: String) -> String {
        let ref = d[field] as? String ?? "?"
        guard let name = d[field + "_name"] as? String, !ref.hasSuffix(":" + name) else { return ref }
        return "\(ref) (\(name))"
    }

    public static func patternsText(_ report: JudicialPatterns.Report) -> String {
        let appearances = objects(report.documents[.appearance] ?? [])
        let winRates = objects(report.documents[.winRate] ?? [])
        let level = report.parameters.significance
        var lines = ["Lawyers before one judge more often than the judge's share of the peer group's cases explains "
            + "(\(report.appearanceTests) lawyer–judge pairs tested, p < \(level)):"]
        for (i, d) in appearances.enumerated() {
            lines.append(
                "  \(i + 1). \(entity(d, "lawyer")) before \(entity(d, "judge")), \(d["court"] as? String ?? "?"): "
                    + "\(d["cases_before_judge"] ?? "?") of \(d["cases_in_peer_group"] ?? "?") cases, expected "
                    + String(format: "%.1f (×%.1f)", number(d["expected"]), number(d["ratio"]))
                    + "; p = \(p(d["p_value"])), adjusted \(p(d["adjusted_p_value"]))")
        }
        if appearances.isEmpty { lines.append("  none") }
        lines.append(
            "Lawyers who win more or less often before one judge than before the judge's peers (\(report.winRateTests) pairs tested, p < \(level)):")
        for (i, d) in winRates.enumerated() {
            let mine = d["before_judge"] as? [String: Any] ?? [:]
            let theirs = d["before_peers"] as? [String: Any] ?? [:]
            lines.append(
                "  \(i + 1). \(entity(d, "lawyer")) before \(entity(d, "judge")): won \(mine["won"] ?? "?") of \(mine["decided"] ?? "?") "
                    + "(\(percent(mine["rate"]))) against \(theirs["won"] ?? "?") of \(theirs["decided"] ?? "?") "
                    + "(\(percent(theirs["rate"]))) before the peers, "
                    + "\(d["direction"] as? String ?? "?"); p = \(p(d["p_value"])), adjusted \(p(d["adjusted_p_value"]))")
        }
        if winRates.isEmpty { lines.append("  none") }
        let adjusted = (appearances + winRates).count { $0["significant_after_adjustment"] as? Bool == true }
        lines.append(
            "judicial patterns run \(report.runID): \(appearances.count) appearances and \(winRates.count) win rates in \(report.cases) cases "
                + "(\(adjusted) significant after Bonferroni), \(String(format: "%.1f", report.seconds)) s")
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row per pattern. `count` of `of` is the lawyer's cases before the judge of those in
    /// the peer group (appearance) or the wins of the decided cases before the judge (win rate);
    /// `baseline` is the judge's share of the peer group's cases, or the win rate before the
    /// peers, whose wins and decided cases are `peer_count` and `peer_of`.
    public static func patternsCSV(_ report: JudicialPatterns.Report) -> String {
        var out = "pattern,lawyer,lawyer_name,judge,judge_name,court,count,of,rate,baseline,peer_count,peer_of,direction,p_value,adjusted_p_value\n"
        func cell(_ x: Any?) -> String { x == nil || x is NSNull ? "" : "\(x!)" }
        for d in objects(report.documents[.appearance] ?? []) {
            let count = (d["cases_before_judge"] as? Int) ?? 0
            let of = (d["cases_in_peer_group"] as? Int) ?? 0
            out += CSVWriter.line([
                "appearance", cell(d["lawyer"]), cell(d["lawyer_name"]), cell(d["judge"]), cell(d["judge_name"]), cell(d["court"]), String(count),
                String(of), String(Double(count) / Double(of)), cell(d["judge_share"]), "", "", "higher", cell(d["p_value"]),
                cell(d["adjusted_p_value"]),
            ])
        }
        for d in objects(report.documents[.winRate] ?? []) {
            let mine = d["before_judge"] as? [String: Any] ?? [:]
            let theirs = d["before_peers"] as? [String: Any] ?? [:]
            out += CSVWriter.line([
                "win_rate", cell(d["lawyer"]), cell(d["lawyer_name"]), cell(d["judge"]), cell(d["judge_name"]), cell(d["court"]), cell(mine["won"]),
                cell(mine["decided"]), cell(mine["rate"]), cell(theirs["rate"]), cell(theirs["won"]), cell(theirs["decided"]), cell(d["direction"]),
                cell(d["p_value"]), cell(d["adjusted_p_value"]),
            ])
        }
        return out
    }

    /// The judge's figures beside the peers', then each outcome's share beside the peers'.
    public static func profileText(_ profile: JSONValue, run: AnalysisRun) -> String {
        guard let d = objects([profile]).first else { return "" }
        let mine = d["caseload"] as? [String: Any] ?? [:]
        let peers = d["peers"] as? [String: Any]
        let versus = d["versus_peers"] as? [String: Any]
        func number(_ x: Any?, _ format: String = "%.0f") -> String { (x as? NSNumber).map { String(format: format, $0.doubleValue) } ?? "–" }
        func row(_ label: String, _ a: String, _ b: String, _ note: String = "") -> String {
            label.padding(toLength: 26, withPad: " ", startingAt: 0) + String(repeating: " ", count: max(0, 8 - a.count)) + a
                + String(repeating: " ", count: max(0, 12 - b.count)) + b + note
        }
        var lines = ["\(entity(d, "judge")), \(entity(d, "court"))" + ((d["specialisation"] as? String).map { ", \($0)" } ?? "")]
        if let peers {
            let judges = peers["judges"] as? [String] ?? []
            lines.append("peers: \(judges.count) judges of the same court (\(judges.joined(separator: ", ")))")
        } else {
            lines.append("peers: none with enough cases to compare")
        }
        lines.append(row("", "judge", peers == nil ? "" : "peers"))
        lines.append(row("cases", number(mine["cases"]), number(peers?["cases_per_judge"], "%.1f"), peers == nil ? "" : " per judge"))
        lines.append(row("decided", number(mine["decided"]), number(peers?["decided"])))
        lines.append(row("pending", number(mine["pending"]), number(peers?["pending"])))
        let delta = (versus?["median_days_difference"] as? NSNumber).map { String(format: "  (%+.0f days)", $0.doubleValue) } ?? ""
        lines.append(row("median days to decision", number(mine["median_days_to_decision"]), number(peers?["median_days_to_decision"]), delta))
        let outcomes = d["outcomes"] as? [[String: Any]] ?? []
        if !outcomes.isEmpty { lines.append("outcomes (share of the cases with one)") }
        for o in outcomes {
            lines.append(row("  " + (o["outcome"] as? String ?? "?"), percent(o["share"]), peers == nil ? "" : percent(o["peer_share"])))
        }
        lines.append("judicial patterns run \(run.id) of \(run.startedAt.prefix(16))")
        return lines.joined(separator: "\n") + "\n"
    }
}
