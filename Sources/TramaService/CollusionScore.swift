import Foundation
import TramaWorld

/// How well a stored collusion scan finds what a generated world planted (`truth.json`):
/// precision and recall for top losers, fixed-difference pairs and rings.
///
/// Rings are matched by firm sets: a found ring matches a planted group when their Jaccard
/// similarity is at least `minimumJaccard`. Planted groups are the world's rings and its top
/// losers with the winners they lose to (rings include those ties by definition).
///
/// The world's patterns overlap by construction: the higher bidder of a planted fixed-
/// difference pair bids 6–10 times and (nearly) always loses to its partner, which is exactly a
/// top loser and, with its partner, a loser ring — but `truth.json` lists it only as a pair.
/// Such finds are counted apart (`otherPlanted`): `precision` counts them as correct (they are
/// planted collusion), `strictPrecision` does not. Both are reported.
public struct CollusionScore: Answer {
    public struct Figures: Codable, Sendable, Hashable {
        public var found: Int
        public var planted: Int
        /// Found items that are the planted items of this kind.
        public var truePositives: Int
        /// Found items that are not of this kind's list but are another planted pattern seen
        /// from this side (see ``CollusionScore``); they count as correct in ``precision``.
        public var otherPlanted = 0
        /// Planted items matched (differs from `truePositives` when two found items match one).
        public var recalled: Int
        /// Found items that are planted patterns (of this kind or another) ÷ found items.
        public var precision: Double { found == 0 ? 1 : Double(truePositives + otherPlanted) / Double(found) }
        /// Found items of this kind's own list ÷ found items.
        public var strictPrecision: Double { found == 0 ? 1 : Double(truePositives) / Double(found) }
        public var recall: Double { planted == 0 ? 1 : Double(recalled) / Double(planted) }

        enum CodingKeys: String, CodingKey {
            case found, planted, truePositives = "true_positives", otherPlanted = "other_planted", recalled, precision
            case strictPrecision = "strict_precision", recall
        }

        init(found: Int, planted: Int, truePositives: Int, recalled: Int) {
            self.found = found
            self.planted = planted
            self.truePositives = truePositives
            self.recalled = recalled
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                found: try c.decode(Int.self, forKey: .found), planted: try c.decode(Int.self, forKey: .planted),
                truePositives: try c.decode(Int.self, forKey: .truePositives), recalled: try c.decode(Int.self, forKey: .recalled))
            otherPlanted = try c.decode(Int.self, forKey: .otherPlanted)
        }

        /// The counts, then the ratios they give.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(found, forKey: .found)
            try c.encode(planted, forKey: .planted)
            try c.encode(truePositives, forKey: .truePositives)
            try c.encode(otherPlanted, forKey: .otherPlanted)
            try c.encode(recalled, forKey: .recalled)
            try c.encode(precision, forKey: .precision)
            try c.encode(strictPrecision, forKey: .strictPrecision)
            try c.encode(recall, forKey: .recall)
        }
    }

    public var topLosers: Figures
    public var fixedDifferencePairs: Figures
    public var rings: Figures
    /// Recall of the planted top-loser groups among the rings.
    public var topLoserGroupRecall: Double
    public var minimumJaccard: Double

    enum CodingKeys: String, CodingKey {
        case topLosers = "top_losers", fixedDifferencePairs = "fixed_difference_pairs", rings, topLoserGroupRecall = "top_loser_groups_recall"
        case minimumJaccard = "minimum_jaccard"
    }

    public static func score(reports: CollusionReports, truth: WorldTruth, minimumJaccard: Double = 0.5) throws -> CollusionScore {
        func id(_ key: String) -> String { key.hasPrefix("firm:") ? String(key.dropFirst(5)) : key }
        // Top losers.
        let foundLosers = Set(try reports.topLosers(all: false).filter(\.topLoser).map { id($0.firm) })
        let plantedLosers = Set(truth.topLosers.map(\.firm))
        let patternFirms = Set(truth.fixedDifferencePairs.flatMap(\.firms) + truth.rings.flatMap(\.firms))
        var tl = Figures(
            found: foundLosers.count, planted: plantedLosers.count, truePositives: foundLosers.intersection(plantedLosers).count,
            recalled: plantedLosers.intersection(foundLosers).count)
        tl.otherPlanted = foundLosers.subtracting(plantedLosers).intersection(patternFirms).count
        // Fixed-difference pairs (absolute or percent), as unordered pairs.
        let foundPairs = Set(try reports.documents(.fixedRelations, as: FixedRelation.self).filter { $0.relation != "multiple" }.map { Set($0.firms.map(id)) })
        let plantedPairs = Set(truth.fixedDifferencePairs.map { Set($0.firms) })
        let fd = Figures(
            found: foundPairs.count, planted: plantedPairs.count, truePositives: foundPairs.intersection(plantedPairs).count,
            recalled: plantedPairs.intersection(foundPairs).count)
        // Rings.
        let foundRings = try reports.documents(.rings, as: BidderRing.self).map { Set($0.firms.map(id)) }
        let plantedRings = truth.rings.map { Set($0.firms) }
        let loserGroups = truth.topLosers.map { Set([$0.firm] + $0.winners) }
        let pairGroups = truth.fixedDifferencePairs.map { Set($0.firms) }
        func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double { Double(a.intersection(b).count) / Double(a.union(b).count) }
        func matches(_ a: Set<String>, _ groups: [Set<String>]) -> Bool { groups.contains { jaccard(a, $0) >= minimumJaccard } }
        var rings = Figures(
            found: foundRings.count, planted: plantedRings.count, truePositives: foundRings.filter { matches($0, plantedRings + loserGroups) }.count,
            recalled: plantedRings.filter { matches($0, foundRings) }.count)
        rings.otherPlanted = foundRings.filter { !matches($0, plantedRings + loserGroups) && matches($0, pairGroups) }.count
        let loserRecall = loserGroups.isEmpty ? 1 : Double(loserGroups.filter { matches($0, foundRings) }.count) / Double(loserGroups.count)
        return CollusionScore(topLosers: tl, fixedDifferencePairs: fd, rings: rings, topLoserGroupRecall: loserRecall, minimumJaccard: minimumJaccard)
    }

    public var text: String {
        func line(_ name: String, _ f: Figures) -> String {
            "\(name.padding(toLength: 24, withPad: " ", startingAt: 0)) precision \(String(format: "%.3f", f.precision)) "
                + "((\(f.truePositives) + \(f.otherPlanted) other planted)/\(f.found); strict \(String(format: "%.3f", f.strictPrecision)))  "
                + "recall \(String(format: "%.3f", f.recall)) (\(f.recalled)/\(f.planted))"
        }
        return [
            line("top losers", topLosers), line("fixed-difference pairs", fixedDifferencePairs), line("rings", rings),
            "top-loser groups among rings: recall \(String(format: "%.3f", topLoserGroupRecall))",
        ].joined(separator: "\n")
    }
}
