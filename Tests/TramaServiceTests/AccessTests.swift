import Dispatch
import Foundation
import Synchronization
import Testing
import TramaStore
import TramaTestSupport
@testable import TramaService

@Suite("API tokens")
struct AccessTokenTests {
    @Test func rolesAreOrdered() {
        #expect(Role.viewer < .analyst && Role.analyst < .admin)
        #expect(Role.allCases.sorted() == [.viewer, .analyst, .admin])
    }

    @Test func createListRevokeAuthenticate() throws {
        try TestDatabase.withStore { store in
            let tokens = AccessTokens(store: store)
            let (a, secretA) = try tokens.create(role: .analyst, name: "ci")
            let (v, secretV) = try tokens.create(role: .viewer)
            #expect(a.role == .analyst && a.name == "ci" && !a.isRevoked && a.lastUsedAt == nil)
            #expect(secretA.hasPrefix("trama_") && secretA.count == 6 + 43 && secretA != secretV)
            #expect(secretA.dropFirst(6).allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            #expect(try tokens.list().map(\.id) == [a.id, v.id])

            let found = try #require(try tokens.authenticate(secret: secretA))
            #expect(found.id == a.id && found.role == .analyst && found.lastUsedAt != nil)
            // Used again within the minute: last_used_at is not written again.
            #expect(try tokens.authenticate(secret: secretA)?.lastUsedAt == found.lastUsedAt)
            #expect(try tokens.authenticate(secret: "trama_nope") == nil)
            #expect(try tokens.authenticate(secret: "") == nil)

            try tokens.revoke(id: a.id)
            #expect(try tokens.authenticate(secret: secretA) == nil)
            #expect(try tokens.authenticate(secret: secretV)?.id == v.id)
            #expect(try tokens.list().first { $0.id == a.id }?.isRevoked == true)
            #expect(throws: ServiceError.self) { try tokens.revoke(id: 999) }
        }
    }

    @Test func secretsAreNeverStoredInClear() throws {
        try TestDatabase.withStore { store in
            let (_, secret) = try AccessTokens(store: store).create(role: .admin, name: "root")
            let stored = try store.sql("SELECT secret_hash FROM api_tokens").scalar
            #expect(stored == SHA256.hex(Array(secret.utf8)))
            let dump = try store.sql("SELECT row_to_json(t)::text FROM api_tokens t").scalar ?? ""
            #expect(!dump.contains(secret) && !dump.contains(String(secret.dropFirst(6))))
        }
    }

    @Test func tokensEncodeWithSnakeCaseKeys() throws {
        let t = AccessToken(id: 1, name: "n", role: .viewer, createdAt: "2025-01-01T00:00:00.000000Z", lastUsedAt: "2025-01-02T00:00:00.000000Z")
        let json = String(decoding: try JSONEncoder().encode(t), as: UTF8.self)
        #expect(json.contains("\"created_at\"") && json.contains("\"last_used_at\"") && json.contains("\"role\":\"viewer\""))
        #expect(try JSONDecoder().decode(AccessToken.self, from: Data(json.utf8)) == t)
    }
}

@Suite("Sessions opened with a token")
struct SessionTests {
    @Test func aSessionHasItsTokensRoleAndIsNotListedAmongTokens() throws {
        try TestDatabase.withStore { store in
            let tokens = AccessTokens(store: store)
            let (analyst, _) = try tokens.create(role: .analyst, name: "desk")
            let (session, secret) = try tokens.openSession(for: analyst.id)
            #expect(session.role == .analyst && session.sessionOf == analyst.id && session.expiresAt != nil && session.isSession)
            let found = try #require(try tokens.authenticate(secret: secret))
            #expect(found.id == session.id && found.isSession)
            #expect(try tokens.list().map(\.id) == [analyst.id])
            // A session does not open another (it would outlive its own end).
            #expect(throws: ServiceError.self) { try tokens.openSession(for: session.id) }
        }
    }

    @Test func aSessionEndsAtLogoutAtItsEndWhenIdleAndWithItsToken() throws {
        try TestDatabase.withStore { store in
            let tokens = AccessTokens(store: store)
            let (token, _) = try tokens.create(role: .viewer)
            // Logout.
            let (a, secretA) = try tokens.openSession(for: token.id)
            try tokens.endSession(id: a.id)
            #expect(try tokens.authenticate(secret: secretA) == nil)
            #expect(throws: ServiceError.self) { try tokens.endSession(id: token.id) }
            // Its end, and idle time: both a second here.
            let (_, secretB) = try tokens.openSession(for: token.id, lifetime: .seconds(1))
            let (_, secretC) = try tokens.openSession(for: token.id)
            #expect(try tokens.authenticate(secret: secretB) != nil)
            Thread.sleep(forTimeInterval: 1.2)
            #expect(try tokens.authenticate(secret: secretB) == nil, "past its end")
            #expect(try tokens.authenticate(secret: secretC, sessionIdle: .seconds(1)) == nil, "idle for longer than allowed")
            #expect(try tokens.authenticate(secret: secretC) != nil, "within the default idle time")
            // The token revoked: its sessions end with it.
            try tokens.revoke(id: token.id)
            #expect(try tokens.authenticate(secret: secretC) == nil)
            #expect(throws: ServiceError.self) { try tokens.openSession(for: token.id) }
        }
    }
}

@Suite("Audit log")
struct AuditLogTests {
    static func drafts(_ n: Int, token: Int? = nil, tag: String = "") -> [AuditDraft] {
        (0..<n).map { AuditDraft(tokenID: token, endpoint: "/v1/path\(tag)/\($0)", entities: ["firm:F\($0)", "person:P\($0)"], status: 200) }
    }

    /// An import holds its version (an advisory lock) to its end, minutes for a country's data;
    /// the audit log's appenders take a lock of their own and do not wait for it.
    @Test func anImportUnderWayDoesNotHoldUpTheAuditLog() throws {
        try TestDatabase.withStore { store in
            let appended = DispatchSemaphore(value: 0)
            try store.transaction { conn in
                _ = try conn.beginVersion(.import, by: VersionAuthor(name: "test"))
                DispatchQueue.global().async {
                    _ = try? AuditLog(store: store).append(Self.drafts(1))
                    appended.signal()
                }
                #expect(appended.wait(timeout: .now() + 20) == .success, "the append waited for the import")
            }
            #expect(try AuditLog(store: store).verify() == AuditVerification(rowsChecked: 1))
        }
    }

    @Test func appendedRowsVerifyAndKeepTheirEntities() throws {
        try TestDatabase.withStore { store in
            let (token, _) = try AccessTokens(store: store).create(role: .viewer)
            let log = AuditLog(store: store)
            #expect(try log.verify() == AuditVerification(rowsChecked: 0))
            let first = try log.append([AuditDraft(tokenID: token.id, endpoint: "/v1/neighbors", entities: ["judge:J1", "firm:a:b c"], status: 200)])
            try log.append(Self.drafts(3))
            try log.append([AuditDraft(tokenID: nil, endpoint: "/v1/path", status: 401)])
            #expect(try log.verify() == AuditVerification(rowsChecked: 5))
            // Walked a few rows per COPY, the pages' seams (and a last page that is exactly full) included.
            for size in [1, 2, 5] { #expect(try log.verify(pageSize: size) == AuditVerification(rowsChecked: 5)) }
            var walked: [Int64] = []
            try log.export(after: first[0].id, pageSize: 2) { walked.append($0.id); return walked.count < 3 }
            #expect(walked == Array((first[0].id + 1)...(first[0].id + 3)))
            #expect(try store.sql("SELECT entities::text FROM audit_log WHERE id = $1", [String(first[0].id)]).scalar == "{judge:J1,\"firm:a:b c\"}")

            let all = try log.list()
            #expect(all.total == 5 && all.entries.map(\.id) == all.entries.map(\.id).sorted(by: >))
            #expect(all.entries.last == first[0])
            let mine = try log.list(tokenID: token.id)
            #expect(mine.total == 1 && mine.entries[0].entities == ["judge:J1", "firm:a:b c"])
            let aboutF1 = try log.list(entity: "firm:F1")
            #expect(aboutF1.total == 1 && aboutF1.entries[0].endpoint == "/v1/path/1")
            let page = try log.list(limit: 2, offset: 4)
            #expect(page.total == 5 && page.entries.map(\.id) == [first[0].id])
        }
    }

    /// Values the array literals the rows are sent as could mangle — non-ASCII, quotes, backslashes,
    /// braces and commas, a key spelled NULL, a row without entities between rows with some, no
    /// token — are stored as given, and their hashes are the ones the rows read back give.
    @Test func awkwardRowsAreStoredAsGivenAndVerify() throws {
        try TestDatabase.withStore { store in
            let (token, _) = try AccessTokens(store: store).create(role: .analyst)
            let log = AuditLog(store: store)
            let drafts = [
                AuditDraft(tokenID: token.id, endpoint: "/api/v1/entities/{ref}", entities: ["person:Zoë \"Q\" \\ {a,b}", "firm:NULL"], status: 200),
                AuditDraft(tokenID: nil, endpoint: "/api/v1/paths — ünïcode", entities: [], status: 401),
                AuditDraft(tokenID: token.id, endpoint: "/api/v1/paths", entities: ["firm:北京", "firm: lead space", "firm:x"], status: 200),
            ]
            let rows = try log.append(drafts) + log.append(Self.drafts(2))
            var previous: String? = nil
            for row in rows {
                let canonical = AuditLog.canonical(id: row.id, at: row.at, tokenID: row.tokenID, endpoint: row.endpoint, entities: row.entities, status: row.status)
                #expect(row.previousHash == previous && row.hash == AuditLog.hash(previous: previous, canonical: canonical))
                previous = row.hash
            }
            #expect(rows.map(\.id) == rows.map(\.id).sorted() && Set(rows.map(\.at)).count == 2)
            #expect(try log.verify() == AuditVerification(rowsChecked: 5))
            let stored = try log.list().entries.reversed()
            #expect(stored.map(\.entities) == rows.map(\.entities) && stored.map(\.endpoint) == rows.map(\.endpoint))
            #expect(Array(stored) == rows)
        }
    }

    /// Appends add their references to GIN's pending list and never merge it themselves while
    /// the list is under 16 MB — merging inside an append held every request waiting on the
    /// audit (bench/api-load: p99 185 ms) — a server merges it in the background instead.
    @Test func theEntityIndexKeepsALargePendingListForTheServerToMerge() throws {
        try TestDatabase.withStore { store throws in
            #expect(
                try store.sql("SELECT reloptions::text FROM pg_class WHERE relname = 'audit_log_entities'").scalar
                    == "{fastupdate=on,gin_pending_list_limit=16384}")
        }
    }

    @Test func namesAreRefusedAsEntities() throws {
        try TestDatabase.withStore { store throws in
            #expect(throws: ServiceError.self) {
                try AuditLog(store: store).append([AuditDraft(tokenID: nil, endpoint: "/v1/path", entities: ["Ana Souza"], status: 200)])
            }
            #expect(try store.sql("SELECT count(*) FROM audit_log").scalar == "0")
        }
    }

    @Test func anEditedRowIsFoundAtThatRow() throws {
        try TestDatabase.withStore { store in
            let log = AuditLog(store: store)
            let rows = try log.append(Self.drafts(5))
            try store.sql("UPDATE audit_log SET endpoint = '/v1/elsewhere' WHERE id = $1", [String(rows[2].id)])
            let v = try log.verify()
            #expect(!v.ok && v.firstBrokenID == rows[2].id && v.rowsChecked == 2)
            #expect(v.reason?.contains("hash does not match its row") == true)
        }
    }

    @Test func aDeletedMiddleRowIsFound() throws {
        try TestDatabase.withStore { store in
            let log = AuditLog(store: store)
            let rows = try log.append(Self.drafts(3)) + log.append(Self.drafts(3, tag: "b"))
            try store.sql("DELETE FROM audit_log WHERE id = $1", [String(rows[3].id)])
            let v = try log.verify()
            #expect(v.firstBrokenID == rows[4].id && v.rowsChecked == 3)
            #expect(v.reason?.contains("previous hash does not match") == true)
            #expect(v.reason?.contains("missing") == true)
        }
    }

    @Test func aDeletedFirstRowIsFound() throws {
        try TestDatabase.withStore { store in
            let log = AuditLog(store: store)
            let rows = try log.append(Self.drafts(3))
            try store.sql("DELETE FROM audit_log WHERE id = $1", [String(rows[0].id)])
            #expect(try log.verify().firstBrokenID == rows[1].id)
        }
    }

    /// Two threads appending batches at once, each remembering the last row it wrote as a
    /// server's writer does (so that each keeps finding the log moved by the other): the
    /// advisory lock and the check of the last row make them one chain.
    @Test(.timeLimit(.minutes(1))) func concurrentAppendsFormOneValidChain() throws {
        try TestDatabase.withStore { store in
            let log = AuditLog(store: store)
            let failure = Mutex<(any Error)?>(nil)
            DispatchQueue.concurrentPerform(iterations: 2) { t in
                do {
                    var head: AuditHead?
                    for batch in 0..<15 { head = try log.append(Self.drafts(4, tag: "-\(t)-\(batch)"), following: head).last.map(AuditHead.init) }
                } catch {
                    failure.withLock { $0 = error }
                }
            }
            if let error = failure.withLock({ $0 }) { throw error }
            #expect(try log.verify() == AuditVerification(rowsChecked: 120))
            #expect(try store.sql("SELECT count(DISTINCT prev_hash) FROM audit_log").scalar == "119")
            #expect(try store.sql("SELECT min(id) || '-' || max(id) FROM audit_log").scalar == "1-120")
        }
    }

    @Test func canonicalFormIsUnambiguous() {
        let a = AuditLog.canonical(id: 1, at: "t", tokenID: nil, endpoint: "/x", entities: ["a:b", "c:d"], status: 200)
        let b = AuditLog.canonical(id: 1, at: "t", tokenID: nil, endpoint: "/x", entities: ["a:b\nentity=3:c:d"], status: 200)
        let c = AuditLog.canonical(id: 1, at: "t", tokenID: 1, endpoint: "/x", entities: ["a:b", "c:d"], status: 200)
        #expect(Set([a, b, c]).count == 3)
    }

    /// The text every stored row was hashed with: changing a byte of it breaks every log kept.
    /// The hash was computed with `sha256sum` over "abc" and this text.
    @Test func canonicalFormIsTheTextStoredRowsWereHashedWith() {
        let text = AuditLog.canonical(
            id: 12, at: "2026-12-06T06:00:00.123456Z", tokenID: nil, endpoint: "/api/v1/paths", entities: ["firm:a", "person:ü"], status: 200)
        #expect(
            text
                == "trama-audit-v1\nid=2:12\nat=27:2026-12-06T06:00:00.123456Z\ntoken=null\nendpoint=13:/api/v1/paths\nentities=2\nentity=6:firm:a\nentity=9:person:ü\nstatus=3:200\n"
        )
        #expect(AuditLog.hash(previous: "abc", canonical: text) == "faf24da44541f33686b3c4a4f8f21086a24975d7e8ebbc9d9ce6c0d4bf83eaa3")
        let entry = AuditEntry(
            id: 12, at: "2026-12-06T06:00:00.123456Z", tokenID: 1_234_567_890, endpoint: "/x", entities: [], status: 404, previousHash: "abc", hash: "")
        var buffer: [UInt8] = [1, 2, 3]
        #expect(AuditLog.hash(of: entry, buffer: &buffer) == AuditLog.hash(previous: "abc", canonical: entry.canonical))
        #expect(entry.canonical.contains("token=10:1234567890\nendpoint=2:/x\nentities=0\nstatus=3:404\n"))
    }

    /// Entity references are stored as given, whatever bytes their keys hold, and read back
    /// the same through both readers of the log (the page a query lists, the chain a COPY walks).
    @Test func entityReferencesReadBackAsStored() throws {
        try TestDatabase.withStore { store in
            let log = AuditLog(store: store)
            let odd = ["firm:ü,\"{}\\", "person:12:34", "firm:a\tb\nc"]
            try log.append([
                AuditDraft(tokenID: nil, endpoint: "/a", entities: odd, status: 200), AuditDraft(tokenID: nil, endpoint: "/b", entities: [], status: 200),
            ])
            #expect(try log.page(after: 0, limit: 10).map(\.entities) == [odd, []])
            #expect(try log.list().entries.map(\.entities) == [[], odd])
            #expect(try AuditLog.decodeEntities("6:firm:a3:x:y") == ["firm:a", "x:y"])
            #expect(throws: ServiceError.self) { try AuditLog.decodeEntities("9:firm:a") }
            #expect(throws: ServiceError.self) { try AuditLog.decodeEntities("-1:x") }
            #expect(try log.verify() == AuditVerification(rowsChecked: 2))
        }
    }

    /// A writer that remembers the last row it wrote appends after it; when another writer has
    /// appended since, the batch follows the log's real last row instead, and the chain holds.
    @Test func aBatchFollowsTheRememberedHeadOrTheRealOneWhenAnotherWriterAppended() throws {
        try TestDatabase.withStore { store in
            let log = AuditLog(store: store)
            let first = try log.append(Self.drafts(2, tag: "-a"))
            #expect(first.map(\.id) == [1, 2] && first[0].previousHash == nil && first[1].previousHash == first[0].hash)
            let second = try log.append(Self.drafts(3, tag: "-b"), following: AuditHead(first[1]))
            #expect(second.map(\.id) == [3, 4, 5] && second[0].previousHash == first[1].hash)
            // Another writer appends; this one still remembers row 5.
            let other = try log.append(Self.drafts(1, tag: "-c"))
            let third = try log.append(Self.drafts(2, tag: "-d"), following: AuditHead(second[2]))
            #expect(other.map(\.id) == [6] && third.map(\.id) == [7, 8] && third[0].previousHash == other[0].hash)
            #expect(try log.verify() == AuditVerification(rowsChecked: 8))
            #expect(try log.page(after: 0, limit: 10) == first + second + other + third)
            // The sequence is kept past the rows, for anything that still takes ids from it.
            #expect(try store.sql("SELECT nextval('audit_log_id_seq')").scalar == "9")
        }
    }

    /// A batch's time is this machine's, in the text the hash covers, but never earlier than
    /// the row it follows: a server whose clock is behind another's does not take the chain
    /// back in time.
    @Test func aBatchIsNeverStampedBeforeTheRowItFollows() throws {
        let now = AuditLog.timestamp()
        #expect(now.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z/) != nil)
        let later = "2999-01-01T00:00:00.000000Z"
        let rows = AuditLog.chain(Self.drafts(2), after: AuditHead(id: 41, hash: "h", at: later))
        #expect(rows.map(\.at) == [later, later] && rows.map(\.id) == [42, 43] && rows[0].previousHash == "h")
        #expect(AuditLog.chain(Self.drafts(1), after: AuditHead(id: 1, hash: "h", at: "2001-01-01T00:00:00.000000Z"))[0].at >= now)
    }

    /// References wait in the index's pending list until merged, and are found either way.
    @Test func referencesAreFoundBeforeAndAfterTheIndexIsTidied() throws {
        try TestDatabase.withStore { store in
            let log = AuditLog(store: store)
            try log.append((0..<200).map { AuditDraft(tokenID: nil, endpoint: "/p", entities: ["firm:F\($0 % 7)", "firm:G\($0)"], status: 200) })
            // Look-ups use the index, not a scan of the table, so that the pending list is read.
            try store.withConnection { try $0.execute("SET enable_seqscan = off") }
            #expect(try log.list(entity: "firm:F3").total == 29)
            #expect(try log.tidyIndex() > 0)
            #expect(try log.tidyIndex() == 0)
            #expect(try log.list(entity: "firm:F3").total == 29 && log.list(entity: "firm:G199").total == 1)
        }
    }

    @Test func verificationEncodesItsVerdict() throws {
        let json = String(decoding: try JSONEncoder().encode(AuditVerification(rowsChecked: 3, firstBrokenID: 4, reason: "r")), as: UTF8.self)
        #expect(json.contains("\"ok\":false") && json.contains("\"first_broken_id\":4") && json.contains("\"rows_checked\":3"))
    }
}
