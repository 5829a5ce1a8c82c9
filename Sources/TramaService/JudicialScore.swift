import Foundation
public import TramaStore
public import TramaWorld

/// How well the latest judicial run finds the judge conflicts a generated world planted
/// (`truth.json`): a found conflict is planted when its case and party are a planted
/// conflict's (a conflict through the party's lawyer names the party it acts for, as the
/// truth does). Decoys — a tie that ended before the filing, began after it, or runs longer
/// than the hops allowed — are counted apart: each one found is a false positive.
public struct JudicialScore: Sendable, Hashable {
    public var found: Int
    public var planted: Int
    public var truePositives: Int
    public var recalled: Int
    public var decoys: Int
    public var decoysFound: Int
    public var precision: Double { found == 0 ? 1 : Double(truePositives) / Double(found) }
    public var recall: Double { planted == 0 ? 1 : Double(recalled) / Double(planted) }

    /// Scores the conflict documents (`case` and `party` as `kind:key`) against the truth.
    public static func score(conflicts: [[String: Any]], truth: WorldTruth) -> JudicialScore {
        func key(_ ref: Any?) -> String? {
            guard let s = ref as? String, let colon = s.firstIndex(of: ":") else { return nil }
            return String(s[s.index(after: colon)...])
        }
        let found = Set(conflicts.compactMap { d -> [String]? in
            guard let c = key(d["case"]), let p = key(d["party"]) else { return nil }
            return [c, p]
        })
        let planted = Set(truth.judgeConflicts.map { [$0.case, $0.party] })
        let decoys = Set(truth.judgeConflictDecoys.map { [$0.case, $0.party] })
        return JudicialScore(
            found: found.count, planted: planted.count, truePositives: found.intersection(planted).count,
            recalled: planted.intersection(found).count, decoys: decoys.count, decoysFound: found.intersection(decoys).count)
    }

    /// Scores the latest stored run.
    public static func score(store: Store, truth: WorldTruth) throws -> JudicialScore {
        guard let run = try AnalysisRun.latest(JudicialScan.analysis, in: store) else {
            throw ServiceError.noAnalysisRun(analysis: JudicialScan.analysis)
        }
        let documents = try run.section("conflicts", in: store).compactMap {
            try JSONSerialization.jsonObject(with: Data($0.json.utf8)) as? [String: Any]
        }
        return score(conflicts: documents, truth: truth)
    }

    public var text: String {
        """
        judge conflicts: precision \(String(format: "%.3f", precision)) (\(truePositives) of \(found) found are planted), \
        recall \(String(format: "%.3f", recall)) (\(recalled) of \(planted) planted found); decoys found: \(decoysFound) of \(decoys)
        """
    }

    public var json: JSONValue {
        .object([
            ("found", .int(found)), ("planted", .int(planted)), ("true_positives", .int(truePositives)), ("recalled", .int(recalled)),
            ("precision", .double(precision)), ("recall", .double(recall)), ("decoys", .int(decoys)), ("decoys_found", .int(decoysFound)),
        ])
    }
}
