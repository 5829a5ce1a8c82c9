import Foundation
import Synchronization
import Testing
import TramaIngest
import TramaService
import TramaStore
import TramaTestSupport

@Suite("One shared, versioned graph behind one or more servers", .serialized)
struct SharedGraphTests {
    /// An import by another process moves the data generation on; the server loads the new
    /// graph beside the old one and swaps. No request fails meanwhile, and answers name the
    /// version they were computed on.
    @Test func aGraphSwapDuringAStreamOfRequestsFailsNone() async throws {
        try await LiveServer.with(refresh: .milliseconds(50)) { servers in
            let s = servers[0]
            let before = try await s.get("/health").json()["graph_version"] as! Int
            let tally = Tally()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        var n = 0
                        // Until the import is in and the new graph served, and at least 40 each.
                        while n < 40 || !tally.importDone.load(ordering: .relaxed) {
                            n += 1
                            let path = worker % 2 == 0 ? "/api/v1/paths?from=firm:F1&to=firm:F2&kinds=owns" : "/api/v1/entities/firm%3AF4/relationships"
                            let reply = try await s.get(path, token: s.analyst)
                            if reply.status != 200 { tally.failures.add(1, ordering: .relaxed) }
                            if let v = reply.header("Trama-Graph-Version") { tally.versions.withLock { _ = $0.insert(v) } }
                            if n > 5_000 { break }
                        }
                    }
                }
                group.addTask {
                    let store = try Store(url: s.databaseURL, schemaDirectory: TestDatabase.schemaDirectory, queriesDirectory: TestDatabase.queriesDirectory)
                    defer { store.close() }
                    try await Task.sleep(for: .milliseconds(150))
                    _ = try DatasetImporter(store: store).importBODS(
                        files: [TestDatabase.repositoryRoot.appendingPathComponent("Tests/TramaIngestTests/Fixtures/bods/dk-0.2.jsonl")],
                        options: .init(dataset: "dk", keepUnresolved: true))
                    // Wait until the server serves the new generation.
                    let target = try store.dataGeneration()
                    while (try await s.get("/health").json()["graph_version"] as? Int ?? 0) < target { try await Task.sleep(for: .milliseconds(20)) }
                    tally.importDone.store(true, ordering: .relaxed)
                }
                try await group.waitForAll()
            }
            #expect(tally.failures.load(ordering: .relaxed) == 0)
            let after = try await s.get("/health").json()
            #expect((after["graph_version"] as! Int) > before)
            #expect(tally.versions.withLock { $0.count } >= 2, "answers named the old and the new version")
            // The new data is in the served graph.
            let owner = try await s.get("/api/v1/search?q=Iversen&dataset=dk", token: s.viewer).json()
            #expect(((owner["page"] as! [String: Any])["total"] as! Int) >= 1)
            let hit = try #require((owner["results"] as! [[String: Any]]).first)
            let ref = "\(hit["kind"] as! String)%3A\(hit["key"] as! String)"
            let ties = try await s.get("/api/v1/entities/\(ref)/relationships", token: s.analyst).json()
            #expect(((ties["page"] as! [String: Any])["total"] as! Int) >= 1)
            // After the swap the server stores the new graph's packed topology, for the next
            // server or command to load, and deletes the old version's.
            let store = try Store(url: s.databaseURL, schemaDirectory: TestDatabase.schemaDirectory, queriesDirectory: TestDatabase.queriesDirectory)
            defer { store.close() }
            let version = String(after["graph_version"] as! Int)
            var stored: [String?] = []
            for _ in 0..<250 {
                stored = try store.sql("SELECT generation FROM graph_topology ORDER BY generation").rows.map { $0[0] }
                if stored == [version] { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(stored == [version])
        }
    }

    /// Tokens, the audit log and the data live in PostgreSQL: two servers over one store answer
    /// alike, and a token made through one works on the other.
    @Test func twoServersBehindOneStoreAgree() async throws {
        try await LiveServer.with(servers: 2) { servers in
            let (a, b) = (servers[0], servers[1])
            #expect(a.url != b.url)
            for path in [
                "/api/v1/paths?from=firm:F1&to=firm:F2&kinds=owns", "/api/v1/entities/firm%3AF1", "/api/v1/search?q=Alfa",
                "/api/v1/entities/firm%3AF4/relationships?limit=2",
            ] {
                let (ra, rb) = (try await a.get(path, token: a.analyst), try await b.get(path, token: b.analyst))
                #expect(ra.status == 200 && ra.body == rb.body, "\(path)")
                #expect(ra.header("Trama-Graph-Version") == rb.header("Trama-Graph-Version"))
            }
            let created = try await a.send("POST", "/api/v1/tokens", token: a.admin, body: Data(#"{"role":"analyst"}"#.utf8)).json()
            let secret = try #require(created["secret"] as? String)
            #expect(try await b.get("/api/v1/entities/firm%3AF2", token: secret).status == 200)
            // Both servers' audit rows form one chain: three revealing requests on each, and one more.
            let log = try await b.get("/api/v1/audit?limit=500", token: b.admin).json()
            #expect(((log["page"] as! [String: Any])["total"] as! Int) == 7)
            let store = try Store(url: a.databaseURL, schemaDirectory: TestDatabase.schemaDirectory, queriesDirectory: TestDatabase.queriesDirectory)
            defer { store.close() }
            #expect(try AuditLog(store: store).verify().ok)
        }
    }
}

/// What the request stream of the swap test saw.
final class Tally: Sendable {
    let failures = Atomic<Int>(0)
    let versions = Mutex<Set<String>>([])
    let importDone = Atomic<Bool>(false)
}

@Suite("Faults: the database's connections cut while serving")
struct DatabaseFaultTests {
    @Test func connectionsKilledUnderTheServerAreReplacedAndNothingStaysLeased() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            #expect(try await s.get("/api/v1/search?q=Alfa", token: s.viewer).status == 200)
            let admin = try Store(url: s.databaseURL, schemaDirectory: TestDatabase.schemaDirectory, queriesDirectory: TestDatabase.queriesDirectory)
            defer { admin.close() }
            // Every other connection to this database, the server's pooled ones included.
            let killed = try admin.withConnection {
                try $0.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
            }
            #expect(Int(killed.rows[0][0] ?? "0") ?? 0 >= 1)
            // A request may meet a dead connection once (503, Retry-After) — never a hang or a
            // 500 — and the next ones are answered on new connections.
            var statuses: [Int] = []
            for _ in 0..<12 {
                let reply = try await s.get("/api/v1/search?q=Alfa", token: s.viewer)
                statuses.append(reply.status)
                if reply.status == 503 { #expect(reply.header("Retry-After") != nil && reply.object["category"] as? String == "unavailable") }
            }
            #expect(statuses.allSatisfy { $0 == 200 || $0 == 503 }, "\(statuses)")
            #expect(statuses.suffix(4).allSatisfy { $0 == 200 }, "\(statuses)")
        }
    }
}
