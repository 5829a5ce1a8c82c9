import Foundation
import TramaAnalysis
import TramaIngest

/// The judge–lawyer patterns and judge profiles as people read them: ranked lines of text, one
/// CSV row per pattern, a profile as a two-column table beside the peers.
extension JudicialReports {
    static func p(_ x: Double) -> String { String(format: "%.1e", x) }
    static func percent(_ x: Double?) -> String { x.map { String(format: "%.0f%%", $0 * 100) } ?? "–" }
    /// `kind:key (name)`, or `kind:key` when the name is missing or only repeats the key (as
    /// courts named by their ID do).
    static func entity(_ ref: String?, _ name: String?) -> String {
        let ref = ref ?? "?"
        guard let name, !ref.hasSuffix(":" + name) else { return ref }
        return "\(ref) (\(name))"
    }
    /// A CSV cell: the value as JSON writes it, empty when absent.
    static func cell(_ x: Double?) -> String { x.flatMap { $0.isFinite ? "\($0)" : nil } ?? "" }

    public static func patternsText(_ report: JudicialPatterns.Report) -> String {
        let appearances = report.appearances
        let winRates = report.winRates
        let level = report.parameters.significance
        var lines = ["Lawyers before one judge more often than the judge's share of the peer group's cases explains "
            + "(\(report.appearanceTests) lawyer–judge pairs tested, p < \(level)):"]
        for (i, d) in appearances.enumerated() {
            lines.append(
                "  \(i + 1). \(entity(d.lawyer, d.lawyerName)) before \(entity(d.judge, d.judgeName)), \(d.court): "
                    + "\(d.casesBeforeJudge) of \(d.casesInPeerGroup) cases, expected "
                    + String(format: "%.1f (×%.1f)", d.expected, d.ratio)
                    + "; p = \(p(d.pValue)), adjusted \(p(d.adjustedPValue))")
        }
        if appearances.isEmpty { lines.append("  none") }
        lines.append(
            "Lawyers who win more or less often before one judge than before the judge's peers (\(report.winRateTests) pairs tested, p < \(level)):")
        for (i, d) in winRates.enumerated() {
            let mine = d.beforeJudge
            let theirs = d.beforePeers
            lines.append(
                "  \(i + 1). \(entity(d.lawyer, d.lawyerName)) before \(entity(d.judge, d.judgeName)): won \(mine.won) of \(mine.decided) "
                    + "(\(percent(mine.rate))) against \(theirs.won) of \(theirs.decided) "
                    + "(\(percent(theirs.rate))) before the peers, "
                    + "\(d.direction); p = \(p(d.pValue)), adjusted \(p(d.adjustedPValue))")
        }
        if winRates.isEmpty { lines.append("  none") }
        if report.appearanceTests == 0, report.winRateTests == 0 {
            lines.append("No lawyer–judge pair has enough cases for a test: these cases can say nothing either way.")
        }
        if report.pairsTooFew > 0 {
            lines.append(
                "Too few cases for a verdict: \(report.pairsTooFew) of the \(report.pairs) lawyer–judge pairs in the cases have fewer than "
                    + "\(report.parameters.lawyerMinimumCases) cases in their judge's peer group, or a judge without peers; they were not tested "
                    + "and have no p-value.")
        }
        let adjusted = appearances.count(where: \.significantAfterAdjustment) + winRates.count(where: \.significantAfterAdjustment)
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
        for d in report.appearances {
            let (count, of) = (d.casesBeforeJudge, d.casesInPeerGroup)
            out += CSVWriter.line([
                "appearance", d.lawyer, d.lawyerName ?? "", d.judge, d.judgeName ?? "", d.court, String(count),
                String(of), String(Double(count) / Double(of)), cell(d.judgeShare), "", "", "higher", cell(d.pValue), cell(d.adjustedPValue),
            ])
        }
        for d in report.winRates {
            let (mine, theirs) = (d.beforeJudge, d.beforePeers)
            out += CSVWriter.line([
                "win_rate", d.lawyer, d.lawyerName ?? "", d.judge, d.judgeName ?? "", d.court, String(mine.won),
                String(mine.decided), cell(mine.rate), cell(theirs.rate), String(theirs.won), String(theirs.decided), d.direction,
                cell(d.pValue), cell(d.adjustedPValue),
            ])
        }
        return out
    }

    /// The judge's figures beside the peers', then each outcome's share beside the peers'.
    public static func profileText(_ d: JudgeProfileDocument, run: AnalysisRun) -> String {
        let mine = d.caseload
        let peers = d.peers
        func number(_ x: Double?, _ format: String = "%.0f") -> String { x.map { String(format: format, $0) } ?? "–" }
        func number(_ x: Int?) -> String { number(x.map(Double.init)) }
        func row(_ label: String, _ a: String, _ b: String, _ note: String = "") -> String {
            label.padding(toLength: 26, withPad: " ", startingAt: 0) + String(repeating: " ", count: max(0, 8 - a.count)) + a
                + String(repeating: " ", count: max(0, 12 - b.count)) + b + note
        }
        var lines = ["\(entity(d.judge, d.judgeName)), \(entity(d.court, d.courtName))" + (d.specialisation.map { ", \($0)" } ?? "")]
        if let peers {
            lines.append("peers: \(peers.judges.count) judges of the same court (\(peers.judges.joined(separator: ", ")))")
        } else {
            lines.append("peers: none with enough cases to compare")
        }
        lines.append(row("", "judge", peers == nil ? "" : "peers"))
        lines.append(row("cases", number(mine.cases), number(peers?.casesPerJudge, "%.1f"), peers == nil ? "" : " per judge"))
        lines.append(row("decided", number(mine.decided), number(peers?.decided)))
        lines.append(row("pending", number(mine.pending), number(peers?.pending)))
        let delta = d.versusPeers?.medianDaysDifference.map { String(format: "  (%+.0f days)", $0) } ?? ""
        lines.append(row("median days to decision", number(mine.medianDaysToDecision), number(peers?.medianDaysToDecision), delta))
        if !d.outcomes.isEmpty { lines.append("outcomes (share of the cases with one)") }
        for o in d.outcomes {
            lines.append(row("  " + o.outcome, percent(o.share), peers == nil ? "" : percent(o.peerShare)))
        }
        if let verdict = d.verdict { lines.append(verdict) }
        lines.append("judicial patterns run \(run.id) of \(run.startedAt.prefix(16))")
        return lines.joined(separator: "\n") + "\n"
    }
}
