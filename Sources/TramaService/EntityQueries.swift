import Foundation
public import TramaGraph
import TramaIngest
import TramaModel
public import TramaStore

/// Which slice of a long list an answer holds. Every list answer says how many there are in all,
/// so that a client can page through a hub's 50,000 relationships without guessing.
public struct Page: Codable, Sendable, Hashable {
    public var total: Int
    public var limit: Int
    public var offset: Int
    /// Links to the neighbouring pages, when the answer came over HTTP and there is one.
    public var next: String?
    public var previous: String?

    public init(total: Int, limit: Int, offset: Int) {
        self.total = total
        self.limit = limit
        self.offset = offset
    }

    /// The limit when none is asked for, and the most one request may ask for.
    public static let defaultLimit = 20
    public static let maximumLimit = 500
    /// The furthest a list may be paged into (PostgreSQL's OFFSET takes a 32-bit count here).
    public static let maximumOffset = 1_000_000_000
}

/// "Who is this?" by what a user knows: an identifier exactly, or part of a name.
public struct EntitySearch: Sendable {
    public var text: String
    public var kind: String?
    public var dataset: String?
    /// Only entities the latest run of some analysis flagged (true) or did not (false).
    public var flagged: Bool?
    public var limit = Page.defaultLimit
    public var offset = 0

    public init(text: String, kind: String? = nil, dataset: String? = nil, flagged: Bool? = nil) {
        self.text = text
        self.kind = kind
        self.dataset = dataset
        self.flagged = flagged
    }

    /// What counts as blank around a search: JSON Schema's (ECMAScript's) white space and line
    /// terminators, and NEL — the same as the OpenAPI document's pattern says, so that a query
    /// the document allows is never refused as empty.
    static let blank = CharacterSet(charactersIn: "\t\n\u{0B}\u{0C}\r \u{85}\u{A0}\u{1680}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}\u{FEFF}")
        .union(CharacterSet(charactersIn: "\u{2000}"..."\u{200A}"))

    public func run(store: Store) throws -> SearchAnswer {
        let q = text.trimmingCharacters(in: Self.blank)
        guard !q.isEmpty else { throw ServiceError.badParameter(name: "q", reason: "give an identifier or part of a name") }
        if let kind, EntityKind(rawValue: kind) == nil {
            throw ServiceError.unknownKind(kind, known: EntityKind.allCases.map(\.rawValue))
        }
        // Names are searched by trigrams: similarity needs a letter or digit, containment three.
        let letters = q.unicodeScalars.count { CharacterSet.alphanumerics.contains($0) }
        func params(limit: Int, offset: Int) -> [String?] {
            [q, kind, dataset, flagged.map { $0 ? "true" : "false" }, String(limit), String(offset), String(letters >= 1), String(letters >= 3)]
        }
        // Kept between requests by a server (until the data changes), unless the answer
        // depends on flags, which analyses change without changing the graph.
        func page(limit: Int, offset: Int) throws -> [[String?]] {
            let p = params(limit: limit, offset: offset)
            return try (flagged == nil ? store.executeKept(.searchEntities, p) : store.execute(.searchEntities, p)).rows
        }
        let rows = try page(limit: limit, offset: offset)
        var total = rows.first.flatMap { Int($0[7]!) } ?? 0
        if rows.isEmpty, offset > 0 {
            // Past the end: the count comes from the first page.
            total = try page(limit: 1, offset: 0).first.flatMap { Int($0[7]!) } ?? 0
        }
        let subjects = rows.map { "\($0[1]!):\($0[2]!)" }
        var flags: [String: Int] = [:]
        if !subjects.isEmpty {
            for row in try store.execute(.flagCounts, [Store.textArray(subjects)]).rows { flags[row[0]!] = Int(row[1]!) ?? 0 }
        }
        return SearchAnswer(
            query: q, page: Page(total: total, limit: limit, offset: offset),
            results: rows.map {
                SearchAnswer.Hit(
                    key: $0[2]!, kind: $0[1]!, name: $0[3], dataset: $0[4]!, match: $0[5]!, score: Double($0[6]!) ?? 0, flags: flags["\($0[1]!):\($0[2]!)"] ?? 0)
            })
    }
}

public struct SearchAnswer: Answer {
    public struct Hit: Codable, Sendable, Hashable {
        public var key: String
        public var kind: String
        public var name: String?
        public var dataset: String
        /// `identifier` (the key matched exactly) or `name`.
        public var match: String
        /// 1 for an identifier; trigram similarity of the name otherwise.
        public var score: Double
        /// Red flags the latest run of each analysis raised on the entity.
        public var flags: Int

        public init(key: String, kind: String, name: String?, dataset: String, match: String, score: Double, flags: Int) {
            self.key = key
            self.kind = kind
            self.name = name
            self.dataset = dataset
            self.match = match
            self.score = score
            self.flags = flags
        }

        public var entity: EntityInfo { EntityInfo(kind: kind, key: key, name: name) }
    }

    public var query: String
    public var page: Page
    public var results: [Hit]

    public init(query: String, page: Page, results: [Hit]) {
        self.query = query
        self.page = page
        self.results = results
    }

    /// For `trama search`: one hit per line, best first.
    public var text: String {
        guard !results.isEmpty else { return "nothing matches '\(query)'" }
        return (["\(page.total) match '\(query)'" + (page.total > results.count ? " (\(page.offset + 1)–\(page.offset + results.count) shown)" : "")]
            + results.map { h in
                "  \(String(format: "%.2f", h.score))  \(PathAnswer.describe(h.entity))  [\(h.dataset); \(h.match)]"
            }).joined(separator: "\n")
    }
}

/// `kind:key` exactly, as the API takes it: no names, no guessing. A merged entity names the one
/// it was merged into, so that old links still lead somewhere.
public enum EntityReference {
    public enum Resolution: Sendable {
        case entity(Store.NodeRef)
        /// Known under another reference: merged into it, or a person kept as a judge or lawyer.
        case merged(into: String)
    }

    public static func resolve(_ reference: String, store: Store) throws -> Resolution {
        guard let parts = KindKey(reference) else {
            throw ServiceError.badParameter(name: "ref", reason: "'\(reference)' is not kind:key (e.g. firm:F0000123)")
        }
        let (kind, key) = (parts.kind, parts.key)
        guard EntityKind(rawValue: kind) != nil else { throw ServiceError.unknownKind(kind, known: EntityKind.allCases.map(\.rawValue)) }
        if let found = try store.nodes(kinds: [kind], key: key).first { return .entity(found) }
        // `person:` names judges and lawyers too (they are people, kept under their most
        // specific kind): answer with where the entity is.
        if kind == EntityKind.person.rawValue, let found = try store.nodes(kinds: EntityKind.people.map(\.rawValue), key: key).first {
            return .merged(into: found.reference)
        }
        if let row = try store.execute(.mergedInto, [kind, key]).rows.first { return .merged(into: "\(row[0]!):\(row[1]!)") }
        throw ServiceError.unknownEntity(reference: reference, suggestions: try store.nodes(key: key).map(\.reference))
    }
}

/// Everything known about one entity: identity, properties, where it came from, how many ties
/// of each kind it has, and the red flags the latest analyses raised, each pointing at its
/// evidence.
public struct EntityAnswer: Answer {
    public struct TieCount: Codable, Sendable, Hashable {
        public var kind: String
        /// `out` (this entity is the relationship's source) or `in`.
        public var direction: String
        public var count: Int
    }

    /// A dataset with something to say about the entity: its own record, relationships, or both.
    public struct DatasetTies: Codable, Sendable, Hashable {
        public var dataset: String
        /// Whether the entity's own record (identity, properties) came from this dataset.
        public var record: Bool
        /// Relationships of the entity this dataset brought.
        public var relationships: Int
    }

    public var entity: EntityInfo
    public var properties: JSONValue
    /// The dataset the entity's own record came from.
    public var dataset: String
    /// The source record: `file:line`.
    public var source: String
    /// Every dataset tying to the entity, its own first: a firm in a procurement dataset may be
    /// owned according to a register imported beside it.
    public var datasets: [DatasetTies]
    public var relationships: [TieCount]
    public var flags: [FlagList.Flag]

    public static func load(_ ref: Store.NodeRef, graph: CSRGraph, store: Store) throws -> EntityAnswer {
        guard let record = try store.nodeRecords(ids: [ref.id])[ref.id] else {
            throw ServiceError.unknownEntity(reference: ref.reference, suggestions: [])
        }
        var counts: [TieCount] = []
        if let node = graph.node(withHandle: ref.id) {
            struct Tie: Hashable {
                var code: KindCode
                var outgoing: Bool
            }
            var tally: [Tie: Int] = [:]
            graph.forEachOutgoing(node) { _, e in tally[Tie(code: graph.edgeKind[Int(e)], outgoing: true), default: 0] += 1 }
            graph.forEachIncoming(node) { _, e in tally[Tie(code: graph.edgeKind[Int(e)], outgoing: false), default: 0] += 1 }
            counts = tally.map { tie, n in TieCount(kind: graph.edgeKinds.name(tie.code), direction: tie.outgoing ? "out" : "in", count: n) }
                .sorted { ($0.kind, $0.direction) < ($1.kind, $1.direction) }
        }
        let flags = try FlagList.read(store: store, entity: ref.reference, indicator: nil, limit: 500).flags
        let datasets = try store.execute(.entityDatasets, [String(ref.id)]).rows.map {
            DatasetTies(dataset: $0[0]!, record: $0[1] == "t", relationships: Int($0[2]!) ?? 0)
        }
        return EntityAnswer(
            entity: EntityInfo(ref), properties: .raw(record.propertiesJSON), dataset: record.dataset, source: record.source,
            datasets: datasets, relationships: counts, flags: flags)
    }

    /// For `trama entity`: identity, provenance, ties by kind, flags.
    public var text: String {
        var lines = [PathAnswer.describe(entity), "  record: \(dataset) · \(source)"]
        if properties.compact != "{}" { lines.append("  properties: \(properties.compact)") }
        for d in datasets {
            lines.append("  dataset \(d.dataset): " + [d.record ? "its record" : nil, d.relationships > 0 ? "\(d.relationships) relationship\(d.relationships == 1 ? "" : "s")" : nil]
                .compactMap { $0 }.joined(separator: ", "))
        }
        for t in relationships { lines.append("  \(t.kind) (\(t.direction)): \(t.count)") }
        lines.append(flags.isEmpty ? "  no flags" : "  flags:")
        for f in flags { lines.append("    \(f.indicator)  \(f.value.map { String(format: "%.4g", $0) } ?? "")  run \(f.run)  \(f.evidence.compact)") }
        return lines.joined(separator: "\n")
    }
}

/// One entity's relationships, a page at a time, optionally of one kind, one direction, or
/// valid on one day — read from the graph snapshot, with each page's provenance from the store.
public struct RelationshipsQuery: Sendable {
    public enum Direction: String, Codable, Sendable, CaseIterable {
        case out, `in`, both
    }

    public var kind: String?
    public var direction: Direction = .both
    public var at: Day?
    public var limit = Page.defaultLimit
    public var offset = 0

    public init(kind: String? = nil, direction: Direction = .both, at: Day? = nil) {
        self.kind = kind
        self.direction = direction
        self.at = at
    }

    public func run(_ ref: Store.NodeRef, graph: CSRGraph, store: Store) throws -> RelationshipsAnswer {
        if let kind { _ = try PathQuery.relations([kind]) }
        var chosen: [(edge: UInt32, other: UInt32, outgoing: Bool)] = []
        if let node = graph.node(withHandle: ref.id) {
            let code = kind.flatMap { graph.edgeKinds.code($0) }
            func keep(_ e: UInt32) -> Bool {
                if kind != nil, graph.edgeKind[Int(e)] != code { return false }
                if let at, !graph.validity(of: e).contains(at) { return false }
                return true
            }
            if direction != .in { graph.forEachOutgoing(node) { v, e in if keep(e) { chosen.append((e, v, true)) } } }
            if direction != .out { graph.forEachIncoming(node) { v, e in if keep(e) { chosen.append((e, v, false)) } } }
        }
        // A stable order across pages and snapshots: by kind, then by the store's edge id.
        // Kinds ranked by name once, so that sorting a hub's ties compares integers.
        let byName = graph.edgeKinds.names.indices.sorted { graph.edgeKinds.names[$0] < graph.edgeKinds.names[$1] }
        var rank = [Int](repeating: 0, count: byName.count)
        for (r, code) in byName.enumerated() { rank[code] = r }
        chosen.sort {
            (rank[Int(graph.edgeKind[Int($0.edge)])], graph.edgeHandle[Int($0.edge)]) < (rank[Int(graph.edgeKind[Int($1.edge)])], graph.edgeHandle[Int($1.edge)])
        }
        let page = chosen.dropFirst(offset).prefix(limit)
        let edges = try store.edgeRecords(ids: page.map { graph.edgeHandle[Int($0.edge)] })
        let others = try store.nodeRefs(ids: page.map { graph.nodeHandle[Int($0.other)] })
        return RelationshipsAnswer(
            entity: EntityInfo(ref), page: Page(total: chosen.count, limit: limit, offset: offset),
            relationships: page.compactMap { c in
                guard let edge = edges[graph.edgeHandle[Int(c.edge)]], let other = others[graph.nodeHandle[Int(c.other)]] else { return nil }
                return RelationshipsAnswer.Tie(direction: c.outgoing ? "out" : "in", other: EntityInfo(other), relationship: EdgeInfo(edge))
            })
    }
}

public struct RelationshipsAnswer: Answer {
    public struct Tie: Codable, Sendable, Hashable {
        /// `out` when the entity is the relationship's source.
        public var direction: String
        /// The entity at the other end.
        public var other: EntityInfo
        public var relationship: EdgeInfo
    }

    public var entity: EntityInfo
    public var page: Page
    public var relationships: [Tie]

    /// For `trama relationships`: one tie per line with its dates and source record.
    public var text: String {
        var lines = ["\(PathAnswer.describe(entity)): \(page.total) relationships" + (page.total > relationships.count ? ", \(page.offset + 1)–\(page.offset + relationships.count) shown" : "")]
        for t in relationships {
            let r = t.relationship
            let dates = r.validFrom == nil && r.validTo == nil ? "" : " [\(r.validFrom ?? "…")–\(r.validTo ?? "…")]"
            lines.append("  \(t.direction == "out" ? "→" : "←") \(r.kind) \(PathAnswer.describe(t.other))\(dates)  (\(r.dataset) · \(r.source))")
        }
        return lines.joined(separator: "\n")
    }
}
