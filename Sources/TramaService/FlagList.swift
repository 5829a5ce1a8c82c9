import Foundation
public import TramaStore

/// `trama flags`: the red flags of the latest run of every analysis.
public struct FlagList: Answer {
    /// One red flag: the indicator (GRAS number or screen name) that fired for an entity, its
    /// value, and a pointer to the stored result that explains it.
    public struct Flag: Codable, Sendable, Hashable {
        public var analysis: String
        public var run: Int
        public var subject: String
        public var indicator: String
        public var value: Double?
        public var evidence: JSONValue
    }

    public var page: Page
    public var flags: [Flag]

    /// An indicator to filter by: a GRAS number (`2.7`, `2.7.1`) or a screen's name
    /// (`judge_conflict`) — letters, digits, `_`, `-` and dots between them, at most 64
    /// characters. Anything else cannot name an indicator, and is refused rather than searched.
    public static func indicatorSelector(_ text: String) throws -> String {
        let allowed = text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_-.".unicodeScalars.contains($0)) }
        guard !text.isEmpty, text.utf8.count <= 64, allowed, !text.hasPrefix("."), !text.hasSuffix("."), !text.contains("..") else {
            throw ServiceError.badParameter(
                name: "indicator", reason: "'\(text.prefix(80))' is not an indicator: a GRAS number such as 2.7 or 2.7.1, or a screen name such as judge_conflict")
        }
        return text
    }

    public static func read(store: Store, entity: String?, indicator: String?, limit: Int, offset: Int = 0) throws -> FlagList {
        try read(store: store, filter: FlagFilter(entity: entity, indicator: indicator), limit: limit, offset: offset)
    }

    public static func read(store: Store, filter: FlagFilter, limit: Int, offset: Int = 0) throws -> FlagList {
        let indicator = try filter.indicator.map(indicatorSelector)
        // A range whose lower end is above its upper one holds no flag: an empty list, as for
        // any range nothing falls in (the OpenAPI document cannot say one bound must not pass
        // the other, so refusing it would break the contract).
        func number(_ v: Double?) -> String? { v.map { String($0) } }
        func page(_ limit: Int, _ offset: Int) throws -> [[String?]] {
            try store.execute(
                filter.entity == nil ? .flagsList : .flagsOfSubject,
                [filter.entity, indicator, String(limit), String(offset), number(filter.minValue), number(filter.maxValue), filter.sort.rawValue]
            ).rows
        }
        let rows = try page(limit, offset)
        // Past the end the page is empty and carries no count: the first row of the list does.
        let total = try (rows.first ?? (offset > 0 ? page(1, 0).first : nil)).flatMap { $0[6].flatMap { Int($0) } } ?? 0
        return FlagList(page: Page(total: total, limit: limit, offset: offset), flags: rows.map {
            Flag(analysis: $0[0]!, run: Int($0[1]!)!, subject: $0[2]!, indicator: $0[3]!, value: $0[4].flatMap(Double.init), evidence: .raw($0[5] ?? "{}"))
        })
    }

    /// The flags as CSV, one per row, for a spreadsheet: the evidence as its JSON.
    public var csv: String {
        let rows = flags.map { f in
            [f.indicator, f.subject, f.value.map { String($0) } ?? "", f.analysis, String(f.run), f.evidence.compact].map(CSVField.quoted).joined(separator: ",")
        }
        return (["indicator,subject,value,analysis,run,evidence"] + rows).joined(separator: "\r\n") + "\r\n"
    }

    public var text: String {
        guard !flags.isEmpty else { return "no flags (run `trama collusion scan` or `trama judges conflicts` first, or widen the filter)" }
        return (["indicator         value        entity"] + flags.map { f in
            let v = f.value.map { String(format: "%.4g", $0) } ?? ""
            return "\(f.indicator.padding(toLength: 16, withPad: " ", startingAt: 0))  \(v.padding(toLength: 11, withPad: " ", startingAt: 0))  \(f.subject)  \(f.evidence.compact)"
        }).joined(separator: "\n")
    }
}

/// Which flags a list shows, and in which order.
public struct FlagFilter: Sendable, Hashable {
    public enum Sort: String, Sendable, CaseIterable {
        /// By indicator, then the highest value first (the default).
        case indicator
        /// The highest value first, or the lowest (`value`).
        case valueDescending = "-value"
        case value
        /// By entity reference.
        case subject
    }

    public var entity: String?
    /// A GRAS number (its sub-indicators too) or a screen name.
    public var indicator: String?
    /// Only values within this range (flags without a value are left out when one is given).
    public var minValue: Double?
    public var maxValue: Double?
    public var sort: Sort = .indicator

    public init(entity: String? = nil, indicator: String? = nil, minValue: Double? = nil, maxValue: Double? = nil, sort: Sort = .indicator) {
        self.entity = entity
        self.indicator = indicator
        self.minValue = minValue
        self.maxValue = maxValue
        self.sort = sort
    }
}

/// A CSV cell as RFC 4180 writes it: quoted, with its quotes doubled, when it holds a comma, a
/// quote or a line break.
enum CSVField {
    static func quoted(_ s: String) -> String {
        s.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
