import Foundation
public import TramaGraph
public import TramaStore

/// A prosecutor's question: exactly how are these two connected — on the date that matters,
/// according to which records — answered so that anyone with the same data can check it.
///
/// The k shortest connections are searched twice: among relationships valid on `at`, and among
/// all of them. A connection that needs a relationship that had ended (or not begun) by `at` is
/// still reported, marked not valid then, after the valid ones: that two entities *were*
/// connected is itself worth knowing, but it must not be read as a connection on that date.
public struct EvidenceQuery: Sendable {
    public var from: String
    public var to: String
    public var k = 3
    public var maxHops = 6
    public var at: Day?
    public var directed = false
    /// Entities with more relationships than this are not passed through (none by default: an
    /// evidence report should not silently skip a hop). The ones skipped beside the reported
    /// connections are listed.
    public var maxDegree: Int?
    public var relations: [String]?

    public init(from: String, to: String, k: Int = 3, maxHops: Int = 6, at: Day? = nil, directed: Bool = false, maxDegree: Int? = nil) {
        self.from = from
        self.to = to
        self.k = k
        self.maxHops = maxHops
        self.at = at
        self.directed = directed
        self.maxDegree = maxDegree
    }

    /// The most connections a report lists.
    public static let kLimit = 20
    /// The most hubs the limits section names.
    static let hubsListed = 50

    func pathQuery(at day: Day?) -> PathQuery {
        var q = PathQuery(from: from, to: to, maxHops: maxHops, relations: relations, at: day, maxDegree: maxDegree)
        q.paths = .shortest(k)
        q.directed = directed
        return q
    }

    /// The report on `graph`, which is the data as `version` left it (the latest import for
    /// today's data, so that the report names the data it read and re-running it `--as-of` that
    /// version gives the same report), its one time stamp `generated`.
    public func run(on graph: CSRGraph, store: Store, version: GraphVersion?, generated: String) throws -> EvidenceReport {
        guard (1...Self.kLimit).contains(k) else { throw ServiceError.badParameter(name: "k", reason: "must be from 1 to \(Self.kLimit)") }
        let valid = try at.map { try pathQuery(at: $0).run(on: graph, store: store) }
        let any = try pathQuery(at: nil).run(on: graph, store: store)
        let versions = try store.versions()
        let datasets = EvidenceReport.DatasetSource.used(
            Set(((valid?.paths ?? []) + any.paths).flatMap { $0.edges.map(\.dataset) }), in: versions, upTo: version?.id)
        var seen = Set<[String]>()
        var connections: [EvidenceReport.Connection] = []
        for (detail, isValid) in (valid?.paths ?? []).map({ ($0, true) }) + any.paths.map({ ($0, at == nil ? nil : false) }) {
            let signature = detail.edges.map { "\($0.from)|\($0.kind)|\($0.to)|\($0.source)" }
            guard seen.insert(signature).inserted else { continue }
            connections.append(EvidenceReport.Connection(detail, validAt: isValid.map { $0 ? true : detail.edges.allSatisfy { Self.valid($0, on: at!) } },
                                                         at: at, datasets: datasets))
        }
        // Ranked: valid on the date first, then by length, each group in the engine's order.
        connections = connections.enumerated().sorted { a, b in
            let (va, vb) = (a.element.validAt != false, b.element.validAt != false)
            return va != vb ? va : a.element.length != b.element.length ? a.element.length < b.element.length : a.offset < b.offset
        }.map(\.element)
        for i in connections.indices { connections[i].rank = i + 1 }
        let shown = valid ?? any
        let hubs = try maxDegree.map { try hubsBeside(connections, limit: $0, ends: [any.from.reference, any.to.reference], graph: graph, store: store) } ?? []
        return EvidenceReport(
            generated: generated, command: command(from: any.from.reference, to: any.to.reference, version: version?.id), from: any.from, to: any.to,
            status: connections.contains { $0.validAt != false } ? .found : shown.status == .found ? .noPath : shown.status,
            question: .init(query: self, version: version?.id),
            graph: .init(version: version, nodes: graph.nodeCount, edges: graph.edgeCount),
            paths: connections, datasets: datasets,
            searched: EvidenceReport.DatasetSource.used(Set(versions.compactMap(\.dataset)), in: versions, upTo: version?.id).map {
                .init(name: $0.name, version: $0.version, importedAt: $0.importedAt)
            },
            limits: .init(maxHops: maxHops, maxDegree: maxDegree, hubsExcluded: hubs, reached: Self.reached(valid, any, k: k), complete: [valid, any].allSatisfy { a in
                a.map { $0.complete && $0.paths.count < k } ?? true
            }))
    }

    /// The limits the searches met: `k` when one listed as many connections as asked (others,
    /// as long or longer, may exist), and those a search stopped at (`max_hops`, `max_degree`,
    /// `budget`) when it found nothing.
    static func reached(_ searches: PathAnswer?..., k: Int) -> [String] {
        var names = Set(searches.compactMap { $0 }.flatMap(\.limits.reached))
        if searches.contains(where: { ($0?.paths.count ?? 0) >= k }) { names.insert("k") }
        return names.sorted()
    }

    /// The `trama evidence` command that makes this report again, on the same version of the data.
    func command(from: String, to: String, version: Int?) -> String {
        var parts = ["trama", "evidence", Self.shellQuoted(from), Self.shellQuoted(to), "--k", String(k), "--max-hops", String(maxHops)]
        if let at { parts += ["--at", at.iso] }
        if directed { parts.append("--directed") }
        if let relations { parts += ["--kinds", Self.shellQuoted(relations.joined(separator: ","))] }
        if let maxDegree { parts += ["--max-degree", String(maxDegree)] }
        if let version { parts += ["--as-of", String(version)] }
        return (parts + ["--reproducible", "-o", "FOLDER"]).joined(separator: " ")
    }

    static func shellQuoted(_ s: String) -> String {
        s.allSatisfy({ $0.isLetter || $0.isNumber || "-_.:/,@".contains($0) }) ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func valid(_ e: EdgeInfo, on day: Day) -> Bool {
        if let f = e.validFrom.flatMap(Day.init(iso:)), f > day { return false }
        if let t = e.validTo.flatMap(Day.init(iso:)), t < day { return false }
        return true
    }

    /// The entities beside the reported connections (and the two ends) that the degree cut-off
    /// kept the search out of: where a connection it did not find could run.
    func hubsBeside(_ connections: [EvidenceReport.Connection], limit: Int, ends: [String], graph: CSRGraph, store: Store) throws -> [EntityInfo] {
        let resolver = EntityResolver(store: store)
        var around: [UInt32] = []
        for reference in Set(ends + connections.flatMap { $0.nodes.map(\.reference) }).sorted() {
            around.append(try resolver.node(reference, in: graph).node)
        }
        var hubs = Set<UInt32>()
        for n in around {
            graph.forEachIncident(n) { other, _ in if graph.degree(other) > limit { hubs.insert(other) } }
        }
        hubs.subtract(around)
        let ordered = hubs.sorted { (graph.degree($0), $1) > (graph.degree($1), $0) }.prefix(Self.hubsListed)
        let refs = try store.nodeRefs(ids: ordered.map { graph.nodeHandle[Int($0)] })
        return ordered.compactMap { refs[graph.nodeHandle[Int($0)]].map(EntityInfo.init) }
    }
}

/// What `trama evidence` writes as `evidence.json` and `GET /api/v1/evidence` answers: the
/// `trama path` answer's shape (`from`, `to`, `status`, `paths` of `nodes` and `edges`,
/// `question`, `limits`), each hop with its provenance, plus the version of the data and the
/// datasets it came from.
public struct EvidenceReport: Answer {
    /// One relationship of a connection, as `trama path` gives it (its fields first, in JSON),
    /// with where it came from.
    public struct Hop: Codable, Sendable, Hashable {
        public var edge: EdgeInfo
        /// `forward` when the relationship points along the connection (from the entity before
        /// it to the one after), `backward` when against it.
        public var direction: String
        /// Whether the relationship was valid on the question's date; null without one.
        public var validAt: Bool?
        /// The imported file the record is in, and that file's SHA-256 as imported.
        public var file: String?
        public var fileSHA256: String?
        /// The source's own identifier (OCDS ocid, BODS statement, FtM entity id) and URL, where
        /// the data has them.
        public var sourceID: String?
        public var sourceURL: String?

        enum CodingKeys: String, CodingKey {
            case direction, validAt = "valid_at", file, fileSHA256 = "file_sha256", sourceID = "source_id", sourceURL = "source_url"
        }

        public func encode(to encoder: any Encoder) throws {
            try edge.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(direction, forKey: .direction)
            try c.encode(validAt, forKey: .validAt)
            try c.encode(file, forKey: .file)
            try c.encode(fileSHA256, forKey: .fileSHA256)
            try c.encode(sourceID, forKey: .sourceID)
            try c.encode(sourceURL, forKey: .sourceURL)
        }

        public init(from decoder: any Decoder) throws {
            edge = try EdgeInfo(from: decoder)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            direction = try c.decode(String.self, forKey: .direction)
            validAt = try c.decodeIfPresent(Bool.self, forKey: .validAt)
            file = try c.decodeIfPresent(String.self, forKey: .file)
            fileSHA256 = try c.decodeIfPresent(String.self, forKey: .fileSHA256)
            sourceID = try c.decodeIfPresent(String.self, forKey: .sourceID)
            sourceURL = try c.decodeIfPresent(String.self, forKey: .sourceURL)
        }

        init(_ e: EdgeInfo, after node: String, at: Day?, files: [String: [String: String]]) {
            edge = e
            direction = e.from == node ? "forward" : "backward"
            validAt = at.map { EvidenceQuery.valid(e, on: $0) }
            let name = Self.fileName(of: e.source)
            file = name
            fileSHA256 = name.flatMap { files[e.dataset]?[$0] }
            (sourceID, sourceURL) = Self.identifiers(in: e.properties)
        }

        /// `firms.csv` of `firms.csv:17`.
        static func fileName(of source: String) -> String? {
            guard let colon = source.lastIndex(of: ":"), colon > source.startIndex else { return nil }
            return String(source[..<colon])
        }

        /// The identifiers the importers keep in a relationship's properties.
        static func identifiers(in properties: JSONValue) -> (id: String?, url: String?) {
            guard let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(properties.compact.utf8)) else { return (nil, nil) }
            func fields(_ v: JSONValue?) -> [String: JSONValue] {
                guard case let .object(pairs)? = v else { return [:] }
                return Dictionary(pairs, uniquingKeysWith: { a, _ in a })
            }
            func text(_ v: JSONValue?) -> String? {
                switch v {
                case let .string(s)?: s
                case let .array(items)?: items.first.flatMap { text($0) }
                default: nil
                }
            }
            let ftm = fields(object["ftm"]), bods = fields(object["bods"])
            let id = text(object["ocid"]).map { "ocid \($0)" }
                ?? (text(bods["statementID"]) ?? text(bods["statementId"])).map { "BODS statement \($0)" }
                ?? text(ftm["id"]).map { "FtM entity \($0)" }
            return (id, text(object["source_url"]) ?? text(fields(ftm["properties"])["sourceUrl"]))
        }
    }

    public struct Connection: Codable, Sendable, Hashable {
        /// 1 for the first listed: valid on the date first, then fewest hops.
        public var rank = 0
        public var length: Int
        /// Every hop valid on the question's date; null without a date.
        public var validAt: Bool?
        public var nodes: [EntityInfo]
        public var edges: [Hop]

        enum CodingKeys: String, CodingKey { case rank, length, validAt = "valid_at", nodes, edges }

        init(_ d: PathDetail, validAt: Bool?, at: Day?, datasets: [DatasetSource]) {
            let files = Dictionary(datasets.map { ($0.name, Dictionary($0.files.map { ($0.name, $0.sha256) }, uniquingKeysWith: { a, _ in a })) },
                                   uniquingKeysWith: { a, _ in a })
            length = d.edges.count
            self.validAt = validAt
            nodes = d.nodes
            edges = d.edges.enumerated().map { i, e in Hop(e, after: d.nodes[i].reference, at: at, files: files) }
        }
    }

    /// A dataset a reported relationship came from, as the version of the data read had it.
    public struct DatasetSource: Codable, Sendable, Hashable {
        public var name: String
        public var format: String?
        /// The import that loaded this version of it.
        public var version: Int
        public var importedAt: String
        public var importedBy: String
        public var reason: String?
        /// SHA-256 over the files' names and digests.
        public var digest: String?
        public var files: [GraphVersion.File]

        enum CodingKeys: String, CodingKey {
            case name, format, version, importedAt = "imported_at", importedBy = "imported_by", reason, digest, files
        }

        /// Each of the datasets `names` as its last import up to `version` (the latest when nil) left it.
        static func used(_ names: Set<String>, in versions: [GraphVersion], upTo version: Int?) -> [DatasetSource] {
            names.sorted().compactMap { name in
                versions.first { candidate in
                    candidate.dataset == name && candidate.action != .merge && (version.map { candidate.id <= $0 } ?? true)
                }.map {
                    DatasetSource(
                        name: name, format: $0.format, version: $0.id, importedAt: $0.finishedAt, importedBy: $0.importedBy, reason: $0.reason,
                        digest: $0.digest, files: $0.files)
                }
            }
        }
    }

    /// The graph the report was built on.
    public struct GraphState: Codable, Sendable, Hashable {
        /// The import the graph is as of (null only for a store nothing was ever imported into).
        public var asOf: Int?
        public var asOfTime: String?
        public var nodes: Int
        public var edges: Int

        enum CodingKeys: String, CodingKey { case asOf = "as_of", asOfTime = "as_of_time", nodes, edges }

        init(version: GraphVersion?, nodes: Int, edges: Int) {
            (asOf, asOfTime, self.nodes, self.edges) = (version?.id, version?.finishedAt, nodes, edges)
        }
    }

    public struct Question: Codable, Sendable, Hashable {
        public var k: Int
        public var maxHops: Int
        public var at: String?
        public var directed: Bool
        public var kinds: [String]?
        public var asOf: Int?

        enum CodingKeys: String, CodingKey { case k, maxHops = "max_hops", at, directed, kinds, asOf = "as_of" }

        init(query q: EvidenceQuery, version: Int?) {
            (k, maxHops, at, directed, kinds, asOf) = (q.k, q.maxHops, q.at?.iso, q.directed, q.relations, version)
        }
    }

    public struct SearchedDataset: Codable, Sendable, Hashable {
        public var name: String
        public var version: Int
        public var importedAt: String

        enum CodingKeys: String, CodingKey { case name, version, importedAt = "imported_at" }
    }

    public struct Limits: Codable, Sendable, Hashable {
        public var maxHops: Int
        public var maxDegree: Int?
        /// Entities beside the connections the search did not pass through (more relationships
        /// than `max_degree`), most connected first, at most 50.
        public var hubsExcluded: [EntityInfo]
        /// `k`, `max_hops`, `max_degree` or `budget`: see ``EvidenceQuery/reached(_:k:)``.
        public var reached: [String]
        /// True when every connection within the limits is listed (fewer than k were found
        /// and no search stopped at a limit).
        public var complete: Bool

        enum CodingKeys: String, CodingKey { case maxHops = "max_hops", maxDegree = "max_degree", hubsExcluded = "hubs_excluded", reached, complete }
    }

    /// When the report was made (fixed by `--reproducible`).
    public var generated: String
    /// The command that makes this report again from the same version of the data.
    public var command: String
    public var from: EntityInfo
    public var to: EntityInfo
    public var status: PathAnswer.Status
    public var question: Question
    public var graph: GraphState
    public var paths: [Connection]
    /// The datasets the connections come from, with their files' digests.
    public var datasets: [DatasetSource]
    /// Every dataset the search ran over, as the version read had it: a relationship none of
    /// them records cannot be in the report.
    public var searched: [SearchedDataset]
    public var limits: Limits
    public var notice = EvidenceReport.notice

    public static let notice =
        "A connection in these records is not proof of wrongdoing, nor of any contact between the people or organisations named: "
        + "it says what the listed sources recorded, on the dates shown. Check each hop against its source record before relying on it."
}
