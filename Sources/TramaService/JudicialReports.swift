import Foundation
import TramaIngest
public import TramaStore

/// The conflict documents of a judicial run as people read them: one block of text per
/// conflict with its chain, or one CSV row per conflict.
public enum JudicialReports {
    public static func text(_ conflicts: [JudgeConflictDocument]) -> String {
        var lines: [String] = []
        for d in conflicts {
            let who = d.reaches == "lawyer" ? "the lawyer \(d.lawyer ?? "") of \(d.party)" : d.party
            let role = d.role.map { " (\($0))" } ?? ""
            lines.append("\(d.case) filed \(d.filed ?? "?"): judge \(d.judge) is linked to \(who)\(role)")
            lines.append("  " + d.chain)
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    public static func csv(_ conflicts: [JudgeConflictDocument]) -> String {
        var out = "judge,case,filed,party,role,lawyer,reaches,hops,chain\n"
        for d in conflicts {
            out += CSVWriter.line([d.judge, d.case, d.filed ?? "", d.party, d.role ?? "", d.lawyer ?? "", d.reaches, String(d.hops), d.chain])
        }
        return out
    }
}

extension JudgeConflictDocument: RunReportItem {
    public static let listKey = "conflicts"
}

extension JudicialReports {
    /// The conflicts of stored `judges conflicts` run `run` (the latest when nil), as stored.
    public static func conflicts(store: Store, run id: Int? = nil) throws -> RunReport<JudgeConflictDocument> {
        let run = try AnalysisRun.chosen(JudicialScan.analysis, id: id, in: store)
        let conflicts = try run.section("conflicts", in: store).map { try JSONDecoder().decode(JudgeConflictDocument.self, from: Data($0.json.utf8)) }
        return run.report(conflicts)
    }
}
