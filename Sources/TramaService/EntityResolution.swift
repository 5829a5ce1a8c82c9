import Foundation
public import TramaStore

/// `trama resolve`: candidates for "the same entity" where no identifier joined two records
/// (same normalised name, and what else agrees), reviewed by a person. Nothing merges by
/// itself: a candidate is a `possibly_same_as` edge with its score and reason; accepting one
/// folds the second entity into the first, moving its relationships (each keeps its own
/// dataset and source record) and keeping its record in `merges`, so that a later re-import
/// that brings it back is merged again.
public struct EntityResolution: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    public struct Candidate: Sendable, Hashable {
        public var kind: String
        public var first: (key: String, name: String?, dataset: String, source: String)
        public var second: (key: String, name: String?, dataset: String, source: String)
        public var score: Double
        public var reason: String

        public static func == (a: Candidate, b: Candidate) -> Bool { a.kind == b.kind && a.first.key == b.first.key && a.second.key == b.second.key }
        public func hash(into h: inout Hasher) {
            h.combine(kind)
            h.combine(first.key)
            h.combine(second.key)
        }
    }

    /// Replaces the open candidates with a fresh scan, as a version of the graph of its own by
    /// `author` (candidates are edges a path may cross: a report `--as-of` an earlier version
    /// sees the candidates it saw); returns how many there are.
    @discardableResult
    public func scan(minimumScore: Double = 0.5, largestNameBlock: Int = 50, by author: VersionAuthor = .processUser()) throws -> Int {
        try store.transaction { conn in
            let dataset = try conn.execute(.resolveDataset).rows[0]
            let id = dataset[0]!
            // The version is the resolution dataset's, so that evidence crossing a candidate cites it.
            let version = try conn.beginVersion(
                .resolve, by: author.because("proposed merge candidates (a resolution scan)"), dataset: (id, dataset[1]!, dataset[2]!, "", "[]"))
            let retired = try conn.execute(.resolveClear, [id, String(version)]).affected
            let n = try conn.execute(.resolveScan, [id, String(minimumScore), String(largestNameBlock), String(version)]).affected
            try conn.execute(.datasetRecordCounts, [id, "0"])
            try conn.finishVersion(version, edges: n, retiredEdges: retired)
            return n
        }
    }

    public func review(limit: Int = 100) throws -> [Candidate] { try review(limit: limit, offset: 0).candidates }

    /// `limit` open candidates from `offset`, best first, with the count of all.
    public func review(limit: Int, offset: Int) throws -> (candidates: [Candidate], total: Int) {
        func read(_ limit: Int, _ offset: Int) throws -> [[String?]] { try store.execute(.resolveReview, [String(limit), String(offset)]).rows }
        let rows = try read(limit, offset)
        let candidates = rows.map { r in
            Candidate(
                kind: r[0]!, first: (r[1]!, r[2], r[3]!, r[4]!), second: (r[5]!, r[6], r[7]!, r[8]!), score: Double(r[9]!) ?? 0, reason: r[10] ?? "")
        }
        // Past the last page the count comes from the first.
        let total = try (rows.first ?? (offset > 0 ? read(1, 0).first : nil)).flatMap { $0[11].flatMap { Int($0) } } ?? 0
        return (candidates, total)
    }

    /// Folds `merged` into `kept` (both `kind:key` references of the same kind): a version of
    /// the graph of its own, by `author`, so reports `--as-of` an earlier one see both entities.
    public func accept(kept: String, merged: String, by author: VersionAuthor = .processUser()) throws {
        let resolver = EntityResolver(store: store)
        let k = try resolver.resolve(kept)
        let m = try resolver.resolve(merged)
        guard k.kind == m.kind, k.id != m.id else { throw ServiceError.cannotMerge(kept: k.reference, merged: m.reference) }
        let candidate = try review(limit: 100_000).first { Set([$0.first.key, $0.second.key]) == Set([k.key, m.key]) && $0.kind == k.kind }
        try store.transaction { conn in
            try conn.execute(.mergeRecord, [String(k.id), String(m.id), candidate.map { String($0.score) }, candidate?.reason ?? "accepted without a candidate"])
            try conn.execute(.resolveDecide, [k.kind, k.key, m.key, "accepted"])
            let version = try conn.beginVersion(.merge, by: author.because("merged \(m.reference) into \(k.reference)"))
            try conn.execute(.resolveDropCandidate, [String(k.id), String(m.id), String(version)])
            try conn.applyMerges(version: version)
            try conn.finishVersion(version)
        }
    }

    /// Records that two entities are not the same, so no later scan proposes them again; the
    /// candidate between them goes in a version of its own, by `author`.
    public func reject(_ a: String, _ b: String, by author: VersionAuthor = .processUser()) throws {
        let resolver = EntityResolver(store: store)
        let x = try resolver.resolve(a)
        let y = try resolver.resolve(b)
        try store.transaction { conn in
            try conn.execute(.resolveDecide, [x.kind, x.key, y.key, "rejected"])
            let version = try conn.beginVersion(.resolve, by: author.because("\(x.reference) and \(y.reference) are not the same"))
            let retired = try conn.execute(.resolveDropCandidate, [String(x.id), String(y.id), String(version)]).affected
            try conn.finishVersion(version, retiredEdges: retired)
        }
    }
}

/// The open merge candidates, best first, each record with where it came from: what
/// `trama resolve review --format json` prints and `GET /api/v1/resolution/candidates` answers.
public struct MergeCandidates: Answer {
    public struct Record: Codable, Sendable, Hashable {
        /// `kind:key`.
        public var key: String
        public var name: String?
        public var dataset: String
        public var source: String

        init(_ r: (key: String, name: String?, dataset: String, source: String), kind: String) {
            (key, name, dataset, source) = ("\(kind):\(r.key)", r.name, r.dataset, r.source)
        }
    }

    public struct Candidate: Codable, Sendable, Hashable {
        public var first: Record
        public var second: Record
        public var score: Double
        public var reason: String
    }

    /// Which slice of the candidates this is, when asked a page at a time.
    public var page: Page?
    public var candidates: [Candidate]

    public init(_ candidates: [EntityResolution.Candidate], page: Page? = nil) {
        self.page = page
        self.candidates = candidates.map { c in
            Candidate(first: Record(c.first, kind: c.kind), second: Record(c.second, kind: c.kind), score: c.score, reason: c.reason)
        }
    }
}

/// `POST /api/v1/resolution/merges`: fold `merged` into `kept`, as `trama resolve accept`.
public struct MergeRequest: Answer {
    public var kept: String
    public var merged: String
}

/// `POST /api/v1/resolution/rejections`: two entities are not the same, as `trama resolve reject`.
public struct RejectionRequest: Answer {
    public var first: String
    public var second: String
}

/// A resolution scan's result: how many candidates it proposes.
public struct ResolutionScanAnswer: Answer, Hashable {
    public var candidates: Int
}
