import Foundation
public import TramaStore
public import TramaWorld

/// How well the latest judicial run finds the judge conflicts a generated world planted
/// (`truth.json`): a found conflict is planted when its case and party are a planted
/// conflict's (a conflict through the party's lawyer names the party it acts for, as the
/// truth does). Decoys — a tie that ended before the filing, began after it, or runs longer
/// than the hops allowed — are counted apart: each one found is a false positive.
public struct JudicialScore: Answer, Hashable {
    public var found: Int
    public var planted: Int
    public var truePositives: Int
    public var recalled: Int
    public var decoys: Int
    public var decoysFound: Int
    public var precision: Double { found == 0 ? 1 : Double(truePositives) / Double(found) }
    public var recall: Double { planted == 0 ? 1 : Double(recalled) / Double(planted) }

    enum CodingKeys: String, CodingKey {
        case found, planted, truePositives = "true_positives", recalled, precision, recall, decoys, decoysFound = "decoys_found"
    }

    init(found: Int, planted: Int, truePositives: Int, recalled: Int, decoys: Int, decoysFound: Int) {
        self.found = found
        self.planted = planted
        self.truePositives = truePositives
        self.recalled = recalled
        self.decoys = decoys
        self.decoysFound = decoysFound
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            found: try c.decode(Int.self, forKey: .found), planted: try c.decode(Int.self, forKey: .planted),
            truePositives: try c.decode(Int.self, forKey: .truePositives), recalled: try c.decode(Int.self, forKey: .recalled),
            decoys: try c.decode(Int.self, forKey: .decoys), decoysFound: try c.decode(Int.self, forKey: .decoysFound))
    }

    /// The counts with the ratios they give, in the order the README lists them.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(found, forKey: .found)
        try c.encode(planted, forKey: .planted)
        try c.encode(truePositives, forKey: .truePositives)
        try c.encode(recalled, forKey: .recalled)
        try c.encode(precision, forKey: .precision)
        try c.encode(recall, forKey: .recall)
        try c.encode(decoys, forKey: .decoys)
        try c.encode(decoysFound, forKey: .decoysFound)
    }

    /// Scores the conflict documents (`case` and `party` as `kind:key`) against the truth.
    public static func score(conflicts: [JudgeConflictDocument], truth: WorldTruth) -> JudicialScore {
        func key(_ ref: String) -> String? { ref.firstIndex(of: ":").map { String(ref[ref.index(after: $0)...]) } }
        let found = Set(conflicts.compactMap { d -> [String]? in
            guard let c = key(d.case), let p = key(d.party) else { return nil }
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
        return score(conflicts: try run.documents("conflicts", as: JudgeConflictDocument.self, in: store), truth: truth)
    }

    public var text: String {
        """
        judge conflicts: precision \(String(format: "%.3f", precision)) (\(truePositives) of \(found) found are planted), \
        recall \(String(format: "%.3f", recall)) (\(recalled) of \(planted) planted found); decoys found: \(decoysFound) of \(decoys)
        """
    }
}
