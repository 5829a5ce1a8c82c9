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
    /// A row of `audit_list`: id, at, token_id, endpoint, entities (``AuditLog/decodeEntities(_:)``),
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
    private var buffer: [UInt8] = []
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
        guard AuditLog.hash(of: r, buffer: &buffer) == r.hash else {
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

/// The last row of the audit log, which the next row links to: a writer that remembers it can
/// append its next batch without reading it first (``AuditLog/append(_:following:)``).
public struct AuditHead: Sendable, Hashable {
    public var id: Int64
    public var hash: String
    public var at: String
}

extension AuditHead {
    public init(_ entry: AuditEntry) { self.init(id: entry.id, hash: entry.hash, at: entry.at) }
}

/// The API's audit log: append-only, each row chained to the one before by SHA-256, so that
/// editing a row, or deleting one from the middle, is found by ``verify()``.
///
/// A row's hash is SHA-256 (hex) of the previous row's hash (empty for the first row) followed
/// by ``canonical(id:at:tokenID:endpoint:entities:status:)``. Everything hashed is fixed
/// before hashing: a batch's rows take the ids after the last row's and one time, read from
/// this machine's clock (never earlier than the last row's), then are inserted with them.
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
    /// last row only once the previous appender has committed. Every revealing answer waits
    /// for its batch, so the batch's round trips are each request's latency. Given the `head`
    /// it last wrote, a writer appends in one round trip — the lock, the rows (inserted only
    /// if the log still ends with `head`), the last row and the commit in one pipeline — and
    /// when another writer has appended since, in one more after the last row that trip read.
    /// Without a head, or when the log moved again meanwhile, two: the lock and the last row,
    /// then the rows and the commit, under the lock throughout.
    @discardableResult
    public func append(_ drafts: [AuditDraft], following head: AuditHead? = nil) throws -> [AuditEntry] {
        guard !drafts.isEmpty else { return [] }
        for d in drafts {
            if let bad = d.entities.first(where: { !Self.isEntityReference($0) }) { throw ServiceError.notAnEntityReference(bad) }
        }
        return try store.withConnection { conn in
            var known = head
            // While the log ends where this writer thinks it does, one round trip; when another
            // writer has appended since, the same round trip reads where the log ends now, and
            // the batch is tried once more after that.
            for _ in 0..<2 {
                guard let expected = known else { break }
                let entries = Self.chain(drafts, after: expected)
                let done = try conn.pq.rollingBack {
                    try conn.pipeline([
                        PipelineStatement("BEGIN"), conn.statement(.auditLock), Self.insert(entries, after: expected, on: conn),
                        conn.statement(.auditHead), PipelineStatement("COMMIT"),
                    ])
                }
                if done[2].scalar == String(entries.count) { return entries }
                known = try Self.head(done[3])
            }
            // Under the lock from reading the last row to the commit: nobody else can append.
            return try conn.pq.rollingBack {
                let begun = try conn.pipeline([PipelineStatement("BEGIN"), conn.statement(.auditLock), conn.statement(.auditHead)])
                let last = try Self.head(begun[2])
                let entries = Self.chain(drafts, after: last)
                let done = try conn.pipeline([Self.insert(entries, after: last, on: conn), PipelineStatement("COMMIT")])
                guard done[0].scalar == String(entries.count) else { throw ServiceError.malformedRow(query: NamedQuery.auditInsert.rawValue) }
                return entries
            }
        }
    }

    /// The last row as `audit_head` gives it; nil when the log is empty.
    private static func head(_ result: QueryResult) throws -> AuditHead? {
        try result.rows.first.map { r in
            guard r.count == 3, let id = r[0].flatMap({ Int64($0) }), let hash = r[1], let at = r[2] else {
                throw ServiceError.malformedRow(query: NamedQuery.auditHead.rawValue)
            }
            return AuditHead(id: id, hash: hash, at: at)
        }
    }

    /// The rows of `drafts`, following `head` (the log's first rows when nil): the ids after
    /// its id, one time — now, or the head's time if this clock is behind it, so that the
    /// chain's times never go backwards — and each hash linked to the one before.
    static func chain(_ drafts: [AuditDraft], after head: AuditHead?) -> [AuditEntry] {
        let now = timestamp()
        let at = head.map { max($0.at, now) } ?? now
        var previous = head?.hash
        var id = head?.id ?? 0
        var buffer: [UInt8] = []
        var entries: [AuditEntry] = []
        entries.reserveCapacity(drafts.count)
        for d in drafts {
            id += 1
            var entry = AuditEntry(id: id, at: at, tokenID: d.tokenID, endpoint: d.endpoint, entities: d.entities, status: d.status, previousHash: previous, hash: "")
            entry.hash = Self.hash(of: entry, buffer: &buffer)
            entries.append(entry)
            previous = entry.hash
        }
        return entries
    }

    private static func insert(_ entries: [AuditEntry], after head: AuditHead?, on conn: StoreConnection) -> PipelineStatement {
        conn.statement(
            .auditInsert,
            [
                Store.bigintArray(entries.map(\.id)), entries[0].at, Store.textArray(entries.map { $0.tokenID.map(String.init) }),
                Store.textArray(entries.map(\.endpoint)), Store.textArray(entries.map { Store.textArray($0.entities) }),
                Store.textArray(entries.map { String($0.status) }), Store.textArray(entries.map(\.previousHash)), Store.textArray(entries.map(\.hash)), head?.hash,
            ])
    }

    /// This machine's time as the canonical text a row's hash covers: UTC, ISO-8601, to the
    /// microsecond that `timestamptz` keeps, so that it reads back identical
    /// (`to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`).
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var t = tm()
        gmtime_r(&seconds, &t)
        func digits(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(digits(Int(t.tm_year) + 1900, 4))-\(digits(Int(t.tm_mon) + 1, 2))-\(digits(Int(t.tm_mday), 2))T"
            + "\(digits(Int(t.tm_hour), 2)):\(digits(Int(t.tm_min), 2)):\(digits(Int(t.tm_sec), 2)).\(digits(Int(now.tv_nsec) / 1000, 6))Z"
    }

    /// Merges the entity references appended since the last call into the log's index, in
    /// bulk; the pages of the index's pending list it freed. A server calls it every second
    /// so that no request's append has to (schema/0024).
    @discardableResult
    public func tidyIndex() throws -> Int {
        try store.execute(.auditIndexTidy).scalar.flatMap { Int($0) } ?? 0
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

    /// Walks the chain in id order and stops at the first row that breaks it
    /// (``AuditChainCheck``). Gaps in ids alone are not a break (rows appended before ids
    /// followed the last row's took them from a sequence, which a rolled-back append used up);
    /// they are named when they sit where the chain breaks.
    public func verify(pageSize: Int = 100_000) throws -> AuditVerification {
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
    /// deleted). Reads `pageSize` rows per COPY, handing each to `each` as it arrives; `each`
    /// returns false to stop.
    public func export(after: Int64 = 0, pageSize: Int = 100_000, _ each: (AuditEntry) throws -> Bool) throws {
        var lastID = after
        var stopped = false
        while !stopped {
            var rows = 0
            try copy(after: lastID, limit: pageSize) { record in
                guard !stopped else { return }
                rows += 1
                if try each(record) { lastID = record.id } else { stopped = true }
            }
            if rows < pageSize { return }
        }
    }

    /// Up to `limit` rows after id `after`, in id order.
    public func page(after: Int64, limit: Int) throws -> [AuditEntry] {
        var entries: [AuditEntry] = []
        try copy(after: after, limit: limit) { entries.append($0) }
        return entries
    }

    /// Streams up to `limit` rows after id `after` in id order to `each`, by `audit_chain`'s COPY.
    private func copy(after: Int64, limit: Int, _ each: (AuditEntry) throws -> Void) throws {
        try store.withConnection { conn in
            try conn.execute(.auditChainBounds, [String(after), String(limit)])
            try conn.copyTuples(.auditChain) { f in
                let id = try f.int64()
                guard let at = try f.text() else { throw ServiceError.malformedRow(query: NamedQuery.auditChain.rawValue) }
                let token = try f.optionalInt32()
                guard let endpoint = try f.text() else { throw ServiceError.malformedRow(query: NamedQuery.auditChain.rawValue) }
                let entities = try f.textArray()
                let status = try f.int32()
                let previous = try f.text()
                guard let hash = try f.text() else { throw ServiceError.malformedRow(query: NamedQuery.auditChain.rawValue) }
                try each(
                    AuditEntry(
                        id: id, at: at, tokenID: token.map(Int.init), endpoint: endpoint, entities: entities, status: Int(status), previousHash: previous,
                        hash: hash))
            }
        }
    }

    /// The unambiguous text a row's hash covers: a version line, then each field as
    /// `name=<UTF-8 byte count>:<value>` on its own line (a NULL token as `token=null`; the
    /// entities as their count, then one line each), so that no two different rows, whatever
    /// their endpoints or entity keys contain, serialise alike.
    public static func canonical(id: Int64, at: String, tokenID: Int?, endpoint: String, entities: [String], status: Int) -> String {
        var bytes: [UInt8] = []
        appendCanonical(to: &bytes, id: id, at: at, tokenID: tokenID, endpoint: endpoint, entities: entities, status: status)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``canonical(id:at:tokenID:endpoint:entities:status:)`` as bytes, appended to a buffer the
    /// caller reuses: verifying a log of millions of rows builds one per row.
    static func appendCanonical(to s: inout [UInt8], id: Int64, at: String, tokenID: Int?, endpoint: String, entities: [String], status: Int) {
        func decimal(_ n: Int) {
            if n < 0 { s.append(UInt8(ascii: "-")) }
            var n = n.magnitude
            let start = s.count
            repeat {
                s.append(UInt8(ascii: "0") + UInt8(n % 10))
                n /= 10
            } while n > 0
            s[start...].reverse()
        }
        func line(_ name: StaticString) {
            s.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        }
        func field(_ name: StaticString, _ value: String) {
            line(name)
            decimal(value.utf8.count)
            s.append(UInt8(ascii: ":"))
            var value = value
            value.withUTF8 { s.append(contentsOf: $0) }
            s.append(UInt8(ascii: "\n"))
        }
        func field(_ name: StaticString, _ value: Int) {
            line(name)
            var width = value < 0 ? 2 : 1
            var rest = value.magnitude
            while rest >= 10 { rest /= 10; width += 1 }
            decimal(width)
            s.append(UInt8(ascii: ":"))
            decimal(value)
            s.append(UInt8(ascii: "\n"))
        }
        line("trama-audit-v1\n")
        field("id=", Int(id))
        field("at=", at)
        if let tokenID { field("token=", tokenID) } else { line("token=null\n") }
        field("endpoint=", endpoint)
        line("entities=")
        decimal(entities.count)
        s.append(UInt8(ascii: "\n"))
        for e in entities { field("entity=", e) }
        field("status=", status)
    }

    /// SHA-256 hex of the previous hash (empty for the first row) followed by the canonical row.
    public static func hash(previous: String?, canonical: String) -> String {
        var h = SHA256()
        if let previous { h.update(previous.utf8) }
        h.update(canonical.utf8)
        return h.hexDigest()
    }

    /// The hash `entry` should have (its own `hash` aside), its canonical text built in `buffer`
    /// (emptied first): one path for the rows appended and the rows verified.
    static func hash(of entry: AuditEntry, buffer: inout [UInt8]) -> String {
        buffer.removeAll(keepingCapacity: true)
        if let previous = entry.previousHash { buffer.append(contentsOf: previous.utf8) }
        appendCanonical(
            to: &buffer, id: entry.id, at: entry.at, tokenID: entry.tokenID, endpoint: entry.endpoint, entities: entry.entities, status: entry.status)
        return SHA256.hex(buffer)
    }

    /// `kind:key`: a kind of lowercase letters, digits and underscores, a colon, a non-empty key.
    /// Anything else (a name typed by a user, say) is refused rather than logged.
    static func isEntityReference(_ s: String) -> Bool {
        guard let parts = KindKey(s) else { return false }
        return parts.kind.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The entities of an `audit_list` row: each reference as its UTF-8 byte
    /// count, a colon and the reference, run together (`3:a:b3:c:d`); NULL for none. Counted
    /// rather than escaped, so reading them is a walk over the bytes (JSON decoding was a third
    /// of verifying the log).
    static func decodeEntities(_ text: String?) throws -> [String] {
        guard let text else { return [] }
        var entities: [String] = []
        var rest = Substring(text).utf8
        while !rest.isEmpty {
            guard let colon = rest.firstIndex(of: UInt8(ascii: ":")), let length = Int(Substring(rest[..<colon])), length >= 0,
                let end = rest.index(rest.index(after: colon), offsetBy: length, limitedBy: rest.endIndex)
            else { throw ServiceError.malformedRow(query: "audit entities \"\(text)\"") }
            entities.append(String(Substring(rest[rest.index(after: colon)..<end])))
            rest = rest[end...]
        }
        return entities
    }
}
