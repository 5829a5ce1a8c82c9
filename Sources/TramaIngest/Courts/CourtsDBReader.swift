public import Foundation
import TramaGraph

/// Reads Free Law Project's Courts-DB (`courts.json`, the court list CourtListener uses): one
/// `court` node per entry, keyed by its CourtListener id (`scotus`, `ca1`, `mad`), with the
/// entry kept whole as properties (type, level, jurisdiction, dates, citation string,
/// regexes), and a `part_of` edge to its `parent`. An entry without an id, or whose parent is
/// not in the files, is rejected with its line.
public struct CourtsDBReader: Sendable {
    public let files: [URL]

    public init(files: [URL]) { self.files = files }

    public struct Report: Sendable {
        /// Files, items and rejects.
        public var log = JSONReadLog()
        public init() {}
        public var courts = 0
        public var hierarchy = 0
        public var bySystem: [String: Int] = [:]
    }

    public func read(into sink: inout some GraphSink, progress: ((IngestProgress) -> Void)? = nil) throws -> Report {
        var report = Report()
        var log = JSONReadLog()
        let files = JSONObjectFiles(self.files, arrays: [])
        var ids = Set<String>()
        files.scan { o in if let id = JSONField.text(o.value["id"]) { ids.insert(id) } }
        var emitted = Set<String>()
        try files.read(log: &log, progress: progress) { log, o in
            guard let id = JSONField.text(o.value["id"]) else { return log.reject(o.item, path: "id", reason: "a court without an id") }
            if let parent = JSONField.text(o.value["parent"]), !ids.contains(parent) {
                return log.reject(o.item, path: "parent", reason: "names court '\(parent)', which is not in the files")
            }
            guard emitted.insert(id).inserted else { return log.reject(o.item, path: "id", reason: "court '\(id)' is listed twice") }
            let source = "\(o.file):\(o.item.line)"
            try sink.add(StagedNode(
                entity: EntityRef(.court, id), name: JSONField.text(o.value["name"]),
                properties: "{\"courts_db\":" + String(decoding: o.item.bytes, as: UTF8.self) + "}", source: source))
            report.courts += 1
            report.bySystem[JSONField.text(o.value["system"]) ?? "", default: 0] += 1
            if let parent = JSONField.text(o.value["parent"]) {
                try sink.add(StagedEdge(kind: .partOf, from: EntityRef(.court, id), to: EntityRef(.court, parent), validFrom: nil, validTo: nil, properties: "{}", source: source))
                report.hierarchy += 1
            }
        }
        report.log = log
        return report
    }
}

/// Finds the Courts-DB entry a court name denotes, for sources that name courts in words
/// (the FJC directory's "U.S. District Court for the Southern District of New York" is
/// Courts-DB's `nysd`, "District Court, S.D. New York").
///
/// Both sides are reduced to one signature: the kind of court (court of appeals and its
/// circuit; district court, its division and state; otherwise the name without "U.S." and
/// parentheses), so the spellings the two sources use meet. Where several entries share a
/// signature (a state's district before and after it was divided), the one that existed on the
/// given day wins, then a current one, then the first listed. Courts-DB's `regex` list is not
/// used: its patterns depend on variables the package defines in code, not in `courts.json`.
public struct CourtCatalog: Sendable {
    public struct Court: Sendable, Hashable {
        public var id: String
        public var name: String
        public var system: String
        /// Periods of existence; nil ends are open.
        public var periods: [(start: Day?, end: Day?)]

        public static func == (a: Court, b: Court) -> Bool { a.id == b.id }
        public func hash(into h: inout Hasher) { h.combine(id) }

        func existed(on day: Day) -> Bool {
            periods.contains { ($0.start ?? .distantPast) <= day && day <= ($0.end ?? .distantFuture) }
        }
        var current: Bool { periods.isEmpty || periods.contains { $0.end == nil } }
    }

    public private(set) var courts: [Court] = []
    private var bySignature: [String: [Int]] = [:]

    /// The entries of `courts.json` in `systems` (all when empty).
    public init(contentsOf url: URL, systems: Set<String> = []) throws {
        let data = try Data(contentsOf: url)
        let list: RawJSON
        do { list = try JSONTape(data).root } catch {
            let line = data.prefix(error.offset).count { $0 == 0x0A } + 1
            throw IngestError.malformedJSON(JSONStreamError(file: url.lastPathComponent, offset: error.offset, line: line, reason: "not valid JSON: \(error.reason)"))
        }
        guard list.isArray else {
            throw IngestError.malformedJSON(JSONStreamError(file: url.lastPathComponent, offset: 0, line: 1, reason: "expected a JSON array of courts"))
        }
        for o in list.objects {
            guard let id = JSONField.text(o["id"]), let name = JSONField.text(o["name"]) else { continue }
            let system = JSONField.text(o["system"]) ?? ""
            guard systems.isEmpty || systems.contains(system) else { continue }
            let periods = JSONField.array(o["dates"]).map { (start: JSONField.day($0["start"]), end: JSONField.day($0["end"])) }
            bySignature[Self.signature(name), default: []].append(courts.count)
            courts.append(Court(id: id, name: name, system: system, periods: periods))
        }
    }

    /// The entry `name` denotes, as it stood on `day` when given.
    public func match(_ name: String, on day: Day?) -> Court? {
        guard let candidates = bySignature[Self.signature(name)]?.map({ courts[$0] }), !candidates.isEmpty else { return nil }
        if let day, let c = candidates.first(where: { $0.existed(on: day) }) { return c }
        return candidates.first(where: \.current) ?? candidates[0]
    }

    static let divisions = ["northern": "n", "southern": "s", "eastern": "e", "western": "w", "middle": "m", "central": "c"]
    static let ordinals = [
        "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6", "seventh": "7", "eighth": "8", "ninth": "9",
        "tenth": "10", "eleventh": "11", "district of columbia": "dc", "d.c.": "dc", "federal": "federal",
    ]
    /// States and territories with federal courts, longest first so that "west virginia" is
    /// found before "virginia" and "arkansas" before "kansas".
    static let states: [String] = [
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "district of columbia", "florida",
        "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts",
        "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey", "new mexico",
        "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina",
        "south dakota", "tennessee", "texas", "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming",
        "puerto rico", "guam", "virgin islands", "northern mariana islands", "canal zone",
    ].sorted { ($0.count, $0) > ($1.count, $1) }

    /// The kind, circuit or division-and-state a court name denotes (see the type's comment).
    static func signature(_ raw: String) -> String {
        var n = raw.lowercased().replacingOccurrences(of: "united states", with: "u.s.")
        while let open = n.firstIndex(of: "("), let close = n[open...].firstIndex(of: ")") { n.removeSubrange(open...close) }
        n = n.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for prefix in ["the ", "u.s. "] where n.hasPrefix(prefix) { n.removeFirst(prefix.count) }
        if n.contains("bankruptcy") || n.contains("districts of") { return "name|" + n }
        if n.hasPrefix("court of appeals for the "), n.hasSuffix(" circuit") {
            let which = String(n.dropFirst("court of appeals for the ".count).dropLast(" circuit".count))
            return "appeals|" + (ordinals[which] ?? which)
        }
        if n.hasPrefix("circuit court of the district of columbia") || n.hasPrefix("circuit court for the district of district of columbia") {
            return "circuit|dc"
        }
        if n.hasPrefix("circuit courts"), !n.contains("district") { return "circuits" }
        if n.hasPrefix("circuit court for the "), n.hasSuffix(" circuit") { return "circuits" }
        if n.contains("district court") {
            let tokens = n.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            var division = ""
            for t in tokens {
                if let d = divisions[t] { division = d; break }
                if t.count == 4, t.hasSuffix(".d."), let d = divisions.values.first(where: { t.hasPrefix($0 + ".") }) { division = d; break }
            }
            // "District Court, District of Columbia" is a district; "D.C." too.
            if let state = states.first(where: { n.contains($0) }) { return "district|\(division)|\(state)" }
            if n.hasSuffix("d.c.") || n.hasSuffix("district of columbia") { return "district|\(division)|district of columbia" }
        }
        return "name|" + n
    }
}
