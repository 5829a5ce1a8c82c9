import Foundation
import TramaModel
public import TramaStore

/// One request to record: who (the token, if any), what (the endpoint), about which entities
/// (`kind:key` references only, never names or other personal fields) and how it ended.
public struct AuditDraft: Sendable, Hashable {
    public var tokenID: Int?
    public var endpoint: String
    public var entities: [String]
    public var status: Int

    public init(tokenID: Int?, endpoint: String, entities: [String] = [], status: Int) {
        self.tokenID = tokenID
        self.endpoint = endpoint
        self.entities = entities
        self.status = status
    }
}

/// A row of the audit log, with the hash it links to, so that anyone holding a page or an
/// export can check the chain without the database (`trama audit verify --file`). `at` is UTC
/// ISO-8601 text to the microsecond, exactly the text the row's hash covers.
public struct AuditEntry: Answer, Hashable {
    public var id: Int64
    public var at: String
    public var tokenID: Int?
    public var endpoint: String
    public var entities: [String]
    public var status: Int
    /// The previous row's hash; null on the first row of the log.
    public var previousHash: String?
    public var hash: String

    enum CodingKeys: String, CodingKey {
        case id, at
        case tokenID = "token_id"
        case endpoint, entities, status
        case previousHash = "prev_hash"
        case hash
    }

    public var canonical: String {
        AuditLog.canonical(id: id, at: at, tokenID: tokenID, endpoint: endpoint, entities: entities, status: status)
    }
}

extension AuditEntry {
    /// A row of `audit_list` or `audit_chain`: id, at, token_id, endpoint, entities (JSON),
    /// status, prev_hash, hash.
    init(row r: [String?], query: NamedQuery) throws {
        guard r.count == 8, let id = r[0].flatMap({ Int64($0) }), let at = r[1], let endpoint = r[3], let status = r[5].flatMap({ Int($0) }), let hash = r[7]
        else { throw ServiceError.malformedRow(query: query.rawValue) }
        self.init(
            id: id, at: at, tokenID: r[2].flatMap { Int($0) }, endpoint: endpoint, entities: try AuditLog.decodeEntities(r[4]), status: status,
            previousHash: r[6], hash: hash)
    }
}

/// Walks rows of the chain in id order and finds the first that breaks it: a row whose hash
/// does not match its fields (edited), or whose previous hash is not the hash of the row
/// before (a row between them deleted, or edited along with its hash). One definition for the
/// database's log and for an exported file.
public struct AuditChainCheck: Sendable {
    private var checked = 0
    private var lastID: Int64 = 0
    private var previous: String?
    /// Whether the first row's link is taken as given: an export that starts after row N
    /// links to a row it does not hold.
    private var anchored: Bool

    /// - Parameter fromStart: the rows begin at the log's first row (no previous hash).
    public init(fromStart: Bool = true) { anchored = !fromStart }

    /// Checks the next row; a verification naming the break, or nil while the chain holds.
    public mutating func check(_ r: AuditEntry) -> AuditVerification? {
        if anchored {
            anchored = false
            previous = r.previousHash
        }
        if r.previousHash != previous {
            var reason =
                previous == nil
                ? "previous hash does not match: the first row links to a row that is not there (rows before it were deleted)"
                : "previous hash does not match the hash of row \(lastID) (a row between them was deleted, or row \(lastID) was rewritten)"
            if r.id > lastID + 1, lastID > 0 { reason += "; ids \(lastID + 1)…\(r.id - 1) are missing" }
            return AuditVerification(rowsChecked: checked, firstBrokenID: r.id, reason: reason)
        }
        guard AuditLog.hash(previous: r.previousHash, canonical: r.canonical) == r.hash else {
            return AuditVerification(rowsChecked: checked, firstBrokenID: r.id, reason: "hash does not match its row (the row was edited)")
        }
        checked += 1
        lastID = r.id
        previous = r.hash
        return nil
    }

    /// The verification of every row checked so far, none broken.
    public var intact: AuditVerification { AuditVerification(rowsChecked: checked) }

    /// Checks an export (JSON Lines of ``AuditEntry``) without the database. An export that
    /// starts after row N is checked from its first row's link on.
    public static func verify(exported data: Data, file: String) throws -> AuditVerification {
        var check: AuditChainCheck?
        let decoder = JSONDecoder()
        for (n, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let record: AuditEntry
            do { record = try decoder.decode(AuditEntry.self, from: line) } catch {
                throw ServiceError.unreadable(file: "\(file):\(n + 1)", reason: "not an audit record (\(error))")
            }
            if check == nil { check = AuditChainCheck(fromStart: record.previousHash == nil) }
            if let broken = check!.check(record) { return broken }
        }
        return check?.intact ?? AuditVerification(rowsChecked: 0)
    }
}

/// What ``AuditLog/verify()`` found: how many rows it checked and, when the chain is broken,
/// the first row where it breaks and why.
public struct AuditVerification: Answer, Hashable {
    public var rowsChecked: Int
    public var firstBrokenID: Int64?
    public var reason: String?

    public var ok: Bool { firstBrokenID == nil }

    enum CodingKeys: String, CodingKey {
        case ok
        case rowsChecked = "rows_checked"
        case firstBrokenID = "first_broken_id"
        case reason
    }

    public init(rowsChecked: Int, firstBrokenID: Int64? = nil, reason: String? = nil) {
        self.rowsChecked = rowsChecked
        self.firstBrokenID = firstBrokenID
        self.reason = reason
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rowsChecked = try c.decode(Int.self, forKey: .rowsChecked)
        firstBrokenID = try c.decodeIfPresent(Int64.self, forKey: .firstBrokenID)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ok, forKey: .ok)
        try c.encode(rowsChecked, forKey: .rowsChecked)
        try c.encodeIfPresent(firstBrokenID, forKey: .firstBrokenID)
        try c.encodeIfPresent(reason, forKey: .reason)
    }
}

/// The API's audit log: append-only, each row chained to the one before by SHA-256, so that
/// editing a row, or deleting one from the middle, is found by ``verify()``.
///
/// A row's hash is SHA-256 (hex) of the previous row's hash (empty for the first row) followed
/// by ``canonical(id:at:tokenID:endpoint:entities:status:)``. Everything hashed is fixed
/// before hashing: ids are taken from the sequence and the time read once per batch, then the
/// rows are inserted with them.
///
/// - Note: A chain alone cannot show that its *last* rows were deleted (the shorter chain is
///   still valid). Catching that needs the head hash kept somewhere else (a log line, a
///   periodic export); ``verify()`` returns what it checked, which can be compared with that.
public struct AuditLog: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Appends `drafts` in one transaction, in order, and returns the rows as stored.
    ///
    /// Appends are serialised by an advisory lock held to the end of the transaction, so any
    /// number of threads or processes appending at once still form one chain: each reads the
    /// last hash only once the previous appender has committed. Two round trips: the lock, the
    /// last hash, the batch's time and ids in one pipeline; the rows and the commit in another.
    /// Every revealing answer waits for its batch, so the batch's round trips are each
    /// request's latency (seven of them took 2.5 ms at the median under load).
    @discardableResult
    public func append(_ drafts: [AuditDraft]) throws -> [AuditEntry] {
        guard !drafts.isEmpty else { return [] }
        for d in drafts {
            if let bad = d.entities.first(where: { !Self.isEntityReference($0) }) { throw ServiceError.notAnEntityReference(bad) }
        }
        return try store.withConnection { conn in
            try conn.pq.rollingBack {
                let begun = try conn.pipeline([
                    PipelineStatement("BEGIN"), conn.statement(.auditLock), conn.statement(.auditHead),
                    conn.statement(.auditIds, [String(drafts.count)]),
                ])
                var previous = begun[2].rows.first?[0] ?? nil
                guard let at = begun[2].rows.first?[1] ?? nil else { throw ServiceError.malformedRow(query: NamedQuery.auditHead.rawValue) }
                let ids = begun[3].rows.compactMap { $0[0].flatMap { Int64($0) } }
                guard ids.count == drafts.count else { throw ServiceError.malformedRow(query: NamedQuery.auditIds.rawValue) }
                var entries: [AuditEntry] = []
                entries.reserveCapacity(drafts.count)
                for (id, d) in zip(ids, drafts) {
                    let hash = Self.hash(
                        previous: previous,
                        canonical: Self.canonical(id: id, at: at, tokenID: d.tokenID, endpoint: d.endpoint, entities: d.entities, status: d.status))
                    entries.append(
                        AuditEntry(id: id, at: at, tokenID: d.tokenID, endpoint: d.endpoint, entities: d.entities, status: d.status, previousHash: previous, hash: hash))
                    previous = hash
                }
                try conn.pipeline([
                    conn.statement(
                        .auditInsert,
                        [
                            Store.bigintArray(ids), at, Store.textArray(entries.map { $0.tokenID.map(String.init) }), Store.textArray(entries.map(\.endpoint)),
                            Store.textArray(entries.map { Store.textArray($0.entities) }), Store.textArray(entries.map { String($0.status) }),
                            Store.textArray(entries.map(\.previousHash)), Store.textArray(entries.map(\.hash)),
                        ]),
                    PipelineStatement("COMMIT"),
                ])
                return entries
            }
        }
    }

    /// A page of the log, newest first, with how many rows match the filters in all.
    /// - Parameters:
    ///   - tokenID: only this token's requests.
    ///   - entity: only requests about this `kind:key` entity.
    public func list(limit: Int = 100, offset: Int = 0, tokenID: Int? = nil, entity: String? = nil) throws -> (entries: [AuditEntry], total: Int) {
        let token = tokenID.map(String.init)
        return try store.withConnection { conn in
            let total = try conn.execute(.auditCount, [token, entity]).scalar.flatMap { Int($0) } ?? 0
            let entries = try conn.execute(.auditList, [String(limit), String(offset), token, entity]).rows.map { try AuditEntry(row: $0, query: .auditList) }
            return (entries, total)
        }
    }

    /// Walks the chain in id order, a page at a time, and stops at the first row that breaks it
    /// (``AuditChainCheck``). Gaps in ids alone are not a break (a rolled-back append uses up
    /// sequence values); they are named when they sit where the chain breaks.
    public func verify(pageSize: Int = 10_000) throws -> AuditVerification {
        var check = AuditChainCheck()
        var broken: AuditVerification?
        try export(pageSize: pageSize) { record in
            broken = check.check(record)
            return broken == nil
        }
        return broken ?? check.intact
    }

    /// Every row after id `after`, in id order, with the hash each links to — the whole chain
    /// for an admin to keep elsewhere (the only way to notice that the *last* rows were
    /// deleted). Reads a page at a time; `each` returns false to stop.
    public func export(after: Int64 = 0, pageSize: Int = 10_000, _ each: (AuditEntry) throws -> Bool) throws {
        var lastID = after
        while true {
            let page = try page(after: lastID, limit: pageSize)
            if page.isEmpty { return }
            for record in page {
                guard try each(record) else { return }
                lastID = record.id
            }
        }
    }

    /// Up to `limit` rows after id `after`, in id order.
    public func page(after: Int64, limit: Int) throws -> [AuditEntry] {
        try store.execute(.auditChain, [String(after), String(limit)]).rows.map { try AuditEntry(row: $0, query: .auditChain) }
    }

    /// The unambiguous text a row's hash covers: a version line, then each field as
    /// `name=<UTF-8 byte count>:<value>` on its own line (a NULL token as `token=null`; the
    /// entities as their count, then one line each), so that no two different rows, whatever
    /// their endpoints or entity keys contain, serialise alike.
    public static func canonical(id: Int64, at: String, tokenID: Int?, endpoint: String, entities: [String], status: Int) -> String {
        func field(_ name: String, _ value: String) -> String { "\(name)=\(value.utf8.count):\(value)\n" }
        var s = "trama-audit-v1\n"
        s += field("id", String(id))
        s += field("at", at)
        s += tokenID.map { field("token", String($0)) } ?? "token=null\n"
        s += field("endpoint", endpoint)
        s += "entities=\(entities.count)\n"
        for e in entities { s += field("entity", e) }
        s += field("status", String(status))
        return s
    }

    /// SHA-256 hex of the previous hash (empty for the first row) followed by the canonical row.
    public static func hash(previous: String?, canonical: String) -> String {
        SHA256.hex(Array(((previous ?? "") + canonical).utf8))
    }

    /// `kind:key`: a kind of lowercase letters, digits and underscores, a colon, a non-empty key.
    /// Anything else (a name typed by a user, say) is refused rather than logged.
    static func isEntityReference(_ s: String) -> Bool {
        guard let parts = KindKey(s) else { return false }
        return parts.kind.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    static func decodeEntities(_ json: String?) throws -> [String] {
        guard let json else { return [] }
        return try JSONDecoder().decode([String].self, from: Data(json.utf8))
    }
}
