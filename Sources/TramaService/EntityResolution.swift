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

    /// Replaces the open candidates with a fresh scan; returns how many there are.
    @discardableResult
    public func scan(minimumScore: Double = 0.5, largestNameBlock: Int = 50) throws -> Int {
        try store.transaction { conn in
            let id = try conn.execute(.resolveDataset).scalar!
            try conn.execute(.resolveClear, [id])
            let n = try conn.execute(.resolveScan, [id, String(minimumScore), String(largestNameBlock)]).affected
            try conn.execute(.datasetRecordCounts, [id, "0"])
            return n
        }
    }

    public func review(limit: Int = 100) throws -> [Candidate] {
        try store.execute(.resolveReview, [String(limit)]).rows.map { r in
            Candidate(
                kind: r[0]!, first: (r[1]!, r[2], r[3]!, r[4]!), second: (r[5]!, r[6], r[7]!, r[8]!), score: Double(r[9]!) ?? 0, reason: r[10] ?? "")
        }
    }

    /// Folds `merged` into `kept` (both `kind:key` references of the same kind).
    public func accept(kept: String, merged: String) throws {
        let resolver = EntityResolver(store: store)
        let k = try resolver.resolve(kept)
        let m = try resolver.resolve(merged)
        guard k.kind == m.kind, k.id != m.id else { throw ServiceError.cannotMerge(kept: k.reference, merged: m.reference) }
        let candidate = try review(limit: 100_000).first { Set([$0.first.key, $0.second.key]) == Set([k.key, m.key]) && $0.kind == k.kind }
        try store.transaction { conn in
            try conn.execute(.mergeRecord, [String(k.id), String(m.id), candidate.map { String($0.score) }, candidate?.reason ?? "accepted without a candidate"])
            try conn.execute(.resolveDecide, [k.kind, k.key, m.key, "accepted"])
            try conn.execute(.resolveDropCandidate, [String(k.id), String(m.id)])
            try conn.execute(.mergesApplySources)
            try conn.execute(.mergesApplyTargets)
            try conn.execute(.mergesApplyDelete)
            try conn.execute(.mergesApplyNodes)
        }
    }

    /// Records that two entities are not the same, so no later scan proposes them again.
    public func reject(_ a: String, _ b: String) throws {
        let resolver = EntityResolver(store: store)
        let x = try resolver.resolve(a)
        let y = try resolver.resolve(b)
        try store.transaction { conn in
            try conn.execute(.resolveDecide, [x.kind, x.key, y.key, "rejected"])
            try conn.execute(.resolveDropCandidate, [String(x.id), String(y.id)])
        }
    }
}
