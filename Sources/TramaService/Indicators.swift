import Foundation
import TramaIngest

/// What a red flag's indicator means, in one line: the World Bank's GRAS catalogue (the 60
/// indicators and the risk patterns that group them, `visualizations/gras-indicators.csv`,
/// from the GRAS reference table), and Trama's own judicial indicators.
public struct Indicators: Sendable {
    private let lines: [String: String]

    public init(lines: [String: String]) { self.lines = lines }

    public static func load(_ resources: Resources) throws -> Indicators {
        let reader = try CSVReader(url: resources.root.appendingPathComponent("visualizations/gras-indicators.csv"))
        var lines: [String: String] = [
            "judge_conflict": "Judge's conflict of interest: a tie between the judge and a party or lawyer of the case",
            "ring": "Bidder ring: firms that co-bid and share owners, employees or registration data, or keep losing to the same winners",
            "winner_rotation": "Bid rotation: firms that take turns winning the tenders they co-bid in",
            "market_allocation": "Market allocation: firms that keep to their own agencies or regions and avoid each other's",
            "fixed_multiple": "Fixed relation between bids: one firm's bid a fixed multiple of another's",
        ]
        try reader.forEachRecord { record, _ in
            guard record.line > 1, record.fields.count >= 3 else { return }
            let (id, pattern, indicator) = (record.fields[0], record.fields[1], record.fields[2])
            lines[id] = indicator.isEmpty ? pattern : "\(pattern): \(indicator)"
        }
        return Indicators(lines: lines)
    }

    /// The meaning of an indicator (`2.7.1`), else of its risk pattern (`2.7`), else nil.
    public func meaning(_ indicator: String) -> String? {
        if let line = lines[indicator] { return line }
        let parts = indicator.split(separator: ".")
        return parts.count > 2 ? lines[parts.prefix(2).joined(separator: ".")] : nil
    }
}
