import Foundation

/// A period as reports show it: `{"from", "to"}`, ISO days, null when open.
public struct ReportPeriod: Codable, Sendable, Hashable {
    public var from: String?
    public var to: String?

    public init(from: String?, to: String?) {
        self.from = from
        self.to = to
    }
}

/// The header every report of a stored run starts with: which run, when, over which period,
/// with what parameters (`{"run", "started_at", "period", "parameters"}`).
public struct RunHeader: Answer, Hashable {
    public var run: Int
    public var startedAt: String
    public var period: ReportPeriod
    /// The run's parameters as stored (a JSON object).
    public var parameters: JSONValue

    enum CodingKeys: String, CodingKey { case run, startedAt = "started_at", period, parameters }

    public init(run: Int, startedAt: String, period: ReportPeriod, parameters: JSONValue) {
        self.run = run
        self.startedAt = startedAt
        self.period = period
        self.parameters = parameters
    }
}

/// A document kind listed by a report of a stored run, and the key its list goes under.
public protocol RunReportItem: Codable, Sendable {
    /// `pairs`, `firms`, `tenders`, `rings`, …
    static var listKey: String { get }
}

/// A report of a stored run: the ``RunHeader`` fields, then the items under their kind's
/// ``RunReportItem/listKey`` (`{"run", "started_at", "period", "parameters", "pairs": […]}`).
public struct RunReport<Item: RunReportItem>: Answer {
    public var header: RunHeader
    /// Which slice of the run's items this is, when the report is a page of them (over HTTP);
    /// nil — and not written — when it holds them all.
    public var page: Page?
    public var items: [Item]

    public init(header: RunHeader, items: [Item]) {
        self.header = header
        self.items = items
    }

    /// `limit` items from `offset`, with the count of all.
    public func paged(limit: Int, offset: Int) -> RunReport {
        var slice = RunReport(header: header, items: Array(items.dropFirst(offset).prefix(limit)))
        slice.page = Page(total: items.count, limit: limit, offset: offset)
        return slice
    }

    public init(from decoder: any Decoder) throws {
        header = try RunHeader(from: decoder)
        let c = try decoder.container(keyedBy: DocumentKey.self)
        page = try c.decodeIfPresent(Page.self, forKey: DocumentKey("page"))
        items = try c.decode([Item].self, forKey: DocumentKey(Item.listKey))
    }

    public func encode(to encoder: any Encoder) throws {
        try header.encode(to: encoder)
        var c = encoder.container(keyedBy: DocumentKey.self)
        if let page { try c.encode(page, forKey: DocumentKey("page")) }
        try c.encode(items, forKey: DocumentKey(Item.listKey))
    }
}

/// Names with values, written as one JSON object in their order (stage timings, counts per
/// section): the names are data, not fields.
public struct NamedValues<Value: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    public var pairs: [Pair]

    public struct Pair: Sendable, Hashable {
        public var name: String
        public var value: Value
    }

    public init(_ pairs: [(String, Value)]) { self.pairs = pairs.map { Pair(name: $0.0, value: $0.1) } }

    public subscript(name: String) -> Value? { pairs.first { $0.name == name }?.value }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: DocumentKey.self)
        pairs = try c.allKeys.sorted { $0.stringValue < $1.stringValue }.map { Pair(name: $0.stringValue, value: try c.decode(Value.self, forKey: $0)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DocumentKey.self)
        for p in pairs { try c.encode(p.value, forKey: DocumentKey(p.name)) }
    }
}

/// A key that is data (a GRAS family, a stage name, a report's list key).
struct DocumentKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Stored document text (`analysis_results.body`) read back as its type.
enum StoredDocument {
    static func decode<T: Decodable>(_ type: T.Type, from json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }
}
