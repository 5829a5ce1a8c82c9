import Foundation
import Testing
import TramaServer
import TramaIngest
import TramaService
import TramaStore
import TramaTestSupport

@Suite("The HTTP API on a loopback port", .serialized)
struct APITests {
    @Test func healthAndTheDocumentAreOpenAndNameTheGraphVersion() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let health = try await s.get("/health")
            #expect(health.status == 200)
            let body = try health.json()
            #expect(body["status"] as? String == "ok" && (body["nodes"] as? Int ?? 0) > 10)
            #expect(health.header("Trama-Graph-Version") == "\(body["graph_version"] as! Int)")
            let document = try await s.get("/openapi.json")
            #expect(document.status == 200 && (document.object["openapi"] as? String) == "3.1.0")
        }
    }

    @Test func rolesAreCheckedWith401And403AsProblemDetails() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let path = "/api/v1/paths?from=firm:F1&to=firm:F2&kinds=owns"
            let anonymous = try await s.get(path)
            #expect(anonymous.status == 401 && anonymous.header("Content-Type") == "application/problem+json")
            #expect(anonymous.object["category"] as? String == "unauthorized")
            let unknown = try await s.get(path, token: "trama_not-a-token")
            #expect(unknown.status == 401)
            let viewer = try await s.get(path, token: s.viewer)
            #expect(viewer.status == 403 && (viewer.object["detail"] as? String)?.contains("analyst") == true)
            let analyst = try await s.get(path, token: s.analyst)
            #expect(analyst.status == 200 && (analyst.object["status"] as? String) == "found")
            #expect(try await s.get(path, token: s.admin).status == 200)
            #expect(try await s.get("/api/v1/audit", token: s.analyst).status == 403)
            #expect(try await s.get("/api/v1/search?q=Alfa", token: s.viewer).status == 200)
        }
    }

    @Test func entityDetailsCarryProvenanceFlagsAndAnETag() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let reply = try await s.get("/api/v1/entities/firm%3AF1", token: s.analyst)
            #expect(reply.status == 200)
            let body = try reply.json()
            #expect((body["entity"] as? [String: Any])?["name"] as? String == "Alfa Obras S.A.")
            #expect(body["dataset"] as? String == "small" && (body["source"] as? String)?.hasPrefix("firms.csv:") == true)
            let ties = body["relationships"] as! [[String: Any]]
            #expect(ties.contains { $0["kind"] as? String == "bid" && $0["direction"] as? String == "out" })
            let etag = try #require(reply.header("ETag"))
            #expect(try await s.get("/api/v1/entities/firm%3AF1", token: s.analyst, headers: ["If-None-Match": etag]).status == 304)

            let missing = try await s.get("/api/v1/entities/firm%3ANOPE", token: s.analyst)
            #expect(missing.status == 404 && (missing.object["category"] as? String) == "not_found")
            let malformed = try await s.get("/api/v1/entities/F1", token: s.analyst)
            #expect(malformed.status == 400 && (malformed.object["parameter"] as? String) == "ref")
            let badKind = try await s.get("/api/v1/entities/planet%3AF1", token: s.analyst)
            #expect(badKind.status == 400)
        }
    }

    @Test func relationshipsPageWithTotalsLinksAndAHardCap() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let first = try await s.get("/api/v1/entities/firm%3AF4/relationships?limit=1", token: s.analyst)
            #expect(first.status == 200)
            let body = try first.json()
            let page = body["page"] as! [String: Any]
            let total = page["total"] as! Int
            #expect(total == 3 && (body["relationships"] as! [Any]).count == 1 && page["previous"] is NSNull)
            let next = try #require(page["next"] as? String)
            let second = try await s.get(next, token: s.analyst).json()
            #expect(((second["page"] as! [String: Any])["offset"] as? Int) == 1)
            // Pages do not overlap.
            let a = ((body["relationships"] as! [[String: Any]])[0]["relationship"] as! [String: Any])["source"] as? String
            let b = ((second["relationships"] as! [[String: Any]])[0]["relationship"] as! [String: Any])["source"] as? String
            #expect(a != b)
            let owned = try await s.get("/api/v1/entities/firm%3AF4/relationships?kind=owns&direction=out", token: s.analyst).json()
            #expect(((owned["page"] as! [String: Any])["total"] as? Int) == 2)
            let tooMany = try await s.get("/api/v1/entities/firm%3AF4/relationships?limit=501", token: s.analyst)
            #expect(tooMany.status == 422 && (tooMany.object["parameter"] as? String) == "limit")
            let badDirection = try await s.get("/api/v1/entities/firm%3AF4/relationships?direction=up", token: s.analyst)
            #expect(badDirection.status == 400 && (badDirection.object["parameter"] as? String) == "direction")
        }
    }

    @Test func pathsTakeEveryOptionOfTheCommandAndSayWhenALimitCutThem() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let cut = try await s.get("/api/v1/paths?from=firm:F1&to=firm:F2&kinds=owns&max_hops=1", token: s.analyst).json()
            #expect(cut["status"] as? String == "not_within_limits")
            #expect((cut["limits"] as! [String: Any])["reached"] as? [String] == ["max_hops"])
            let k = try await s.get("/api/v1/paths?from=firm:F1&to=firm:F2&k=2&at=2019-06-01", token: s.analyst).json()
            #expect((k["paths"] as! [Any]).count == 2 && (k["question"] as! [String: Any])["at"] as? String == "2019-06-01")
            let over = try await s.get("/api/v1/paths?from=firm:F1&to=firm:F2&max_hops=40", token: s.analyst)
            #expect(over.status == 422 && (over.object["parameter"] as? String) == "max_hops")
            let badDate = try await s.get("/api/v1/paths?from=firm:F1&to=firm:F2&at=someday", token: s.analyst)
            #expect(badDate.status == 400 && (badDate.object["parameter"] as? String) == "at")
            let missing = try await s.get("/api/v1/paths?from=firm:F1", token: s.analyst)
            #expect(missing.status == 400 && (missing.object["parameter"] as? String) == "to")
            let svg = try await s.get("/api/v1/paths?from=firm:F1&to=firm:F2&kinds=owns", token: s.analyst, headers: ["Accept": "image/svg+xml"])
            #expect(svg.status == 200 && svg.header("Content-Type") == "image/svg+xml" && svg.text.contains("<svg"))

            let batch = try JSONSerialization.data(withJSONObject: [
                "pairs": [["from": "firm:F1", "to": "firm:F2"], ["from": "firm:F1", "to": "firm:NOPE"]], "kinds": ["owns"],
            ])
            let answers = try await s.send("POST", "/api/v1/paths/batch", token: s.analyst, body: batch).json()["answers"] as! [[String: Any]]
            #expect(answers.map { $0["status"] as? String } == ["found", "error"])
            let notJSON = try await s.send("POST", "/api/v1/paths/batch", token: s.analyst, body: Data("pairs".utf8))
            #expect(notJSON.status == 400 && (notJSON.object["parameter"] as? String) == "body")
        }
    }

    @Test func aScreenListsEveryPairWithinTheHopsNamesWhatItCouldNotResolveAndIsAudited() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let body = try JSONSerialization.data(withJSONObject: ["entities": ["firm:F1", "firm:F2", "firm:NOPE", "firm:F1"], "kinds": ["owns"], "max_hops": 3])
            let answer = try await s.send("POST", "/api/v1/paths/among", token: s.analyst, body: body).json()
            let pairs = answer["pairs"] as! [[String: Any]]
            #expect(answer["entities"] as? Int == 2 && answer["total"] as? Int == 1)
            #expect(pairs.count == 1 && pairs[0]["from"] as? String == "firm:F1" && pairs[0]["to"] as? String == "firm:F2")
            #expect(Set((answer["names"] as? [String: String] ?? [:]).keys) == ["firm:F1", "firm:F2"], "the entities listed are named")
            let single = try await s.get("/api/v1/paths?from=firm:F1&to=firm:F2&kinds=owns", token: s.analyst).json()
            #expect(pairs[0]["hops"] as? Int == ((single["paths"] as! [[String: Any]])[0]["edges"] as! [Any]).count, "the hops of the shortest path")
            let unresolved = answer["unresolved"] as! [[String: Any]]
            #expect(unresolved.count == 1 && unresolved[0]["entity"] as? String == "firm:NOPE" && unresolved[0]["line"] as? Int == 3)
            let tooFar = try JSONSerialization.data(withJSONObject: ["entities": ["firm:F1"], "max_hops": 7])
            let refused = try await s.send("POST", "/api/v1/paths/among", token: s.analyst, body: tooFar)
            #expect(refused.status == 422 && refused.object["parameter"] as? String == "max_hops")
            #expect(try await s.send("POST", "/api/v1/paths/among", token: s.viewer, body: body).status == 403)
            let log = try await s.get("/api/v1/audit", token: s.admin).json()
            let screens = (log["entries"] as! [[String: Any]]).filter { $0["endpoint"] as? String == "POST /api/v1/paths/among" }
            #expect(screens.count == 1 && screens.first?["entities"] as? [String] == ["firm:F1", "firm:F2"])
        }
    }

    @Test func aViewerSeesNoContactDetailsWhereAnAnalystDoes() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let path = "/api/v1/entities/firm%3AF1/neighborhood?hops=1"
            let analyst = try await s.get(path, token: s.analyst)
            let viewer = try await s.get(path, token: s.viewer)
            #expect(analyst.status == 200 && viewer.status == 200)
            #expect(analyst.text.contains("3333") && analyst.text.contains("alfa.example"))
            for detail in ["3333", "alfa.example", "Rua A"] { #expect(!viewer.text.contains(detail), "\(detail) shown to a viewer") }
            #expect(viewer.text.contains(Disclosure.mask) && viewer.text.contains("masked-"))
            // The same for the map drawn from it.
            let map = try await s.get(path + "&format=svg", token: s.viewer)
            #expect(map.status == 200 && !map.text.contains("3333") && !map.text.contains("alfa.example"))
        }
    }

    @Test func everyRevealIsAuditedWithKeysAndTheChainVerifies() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            _ = try await s.get("/api/v1/entities/person%3AP1", token: s.analyst)
            _ = try await s.get("/api/v1/paths?from=firm:F1&to=firm:F2&kinds=owns", token: s.analyst)
            _ = try await s.get("/api/v1/search?q=Ana", token: s.analyst)
            let log = try await s.get("/api/v1/audit", token: s.admin).json()
            let entries = log["entries"] as! [[String: Any]]
            #expect(((log["page"] as! [String: Any])["total"] as? Int) == 2)
            let endpoints = Set(entries.compactMap { $0["endpoint"] as? String })
            #expect(endpoints == ["GET /api/v1/entities/{ref}", "GET /api/v1/paths"])
            let entities = entries.flatMap { $0["entities"] as? [String] ?? [] }
            #expect(entities.contains("person:P1") && entities.contains("firm:F4"))
            // Keys only: no names or personal fields.
            #expect(!String(decoding: try JSONSerialization.data(withJSONObject: entries), as: UTF8.self).contains("Ana Souza"))
            let store = try Store(
                url: s.databaseURL, schemaDirectory: TestDatabase.schemaDirectory, queriesDirectory: TestDatabase.queriesDirectory)
            defer { store.close() }
            #expect(try AuditLog(store: store).verify().ok)
            let verified = try await s.get("/api/v1/audit/verify", token: s.admin).json()
            #expect(verified["ok"] as? Bool == true && verified["rows_checked"] as? Int == 2)
            // An edited row is found on demand, with the first row that no longer verifies.
            try store.withConnection { try $0.execute("UPDATE audit_log SET endpoint = 'GET /elsewhere' WHERE id = (SELECT min(id) FROM audit_log)") }
            let broken = try await s.get("/api/v1/audit/verify", token: s.admin).json()
            #expect(broken["ok"] as? Bool == false && broken["first_broken_id"] is Int && (broken["reason"] as? String)?.contains("edited") == true)
            #expect(try await s.get("/api/v1/audit/verify", token: s.analyst).status == 403)
        }
    }

    /// Each server merges the audit index's pending list in the background, so that no
    /// request's append has to: soon after a burst of audited requests, nothing is left to merge.
    @Test func theServerMergesTheAuditIndexsPendingList() async throws {
        try await LiveServer.with(configure: { $0.auditIndexTidyInterval = .milliseconds(50) }) { servers in
            let s = servers[0]
            for _ in 0..<20 { #expect(try await s.get("/api/v1/entities/person%3AP1", token: s.analyst).status == 200) }
            let store = try Store(url: s.databaseURL, schemaDirectory: TestDatabase.schemaDirectory, queriesDirectory: TestDatabase.queriesDirectory)
            defer { store.close() }
            // Every request's row was appended before its answer; the server merges them within
            // a few of its 50 ms intervals, leaving this merge nothing to free.
            try await Task.sleep(for: .milliseconds(500))
            #expect(try AuditLog(store: store).tidyIndex() == 0)
            #expect(try AuditLog(store: store).list(entity: "person:P1").total == 20)
        }
    }

    @Test func aSessionOpenedWithATokenWorksUntilLogout() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let opened = try await s.send("POST", "/api/v1/sessions", token: s.analyst)
            #expect(opened.status == 201)
            let session = try JSONDecoder().decode(OpenedSession.self, from: Data(opened.text.utf8))
            #expect(session.role == .analyst && session.idleSeconds == 1800 && session.secret.hasPrefix("trama_"))
            #expect(try await s.get("/api/v1/entities/firm%3AF1", token: session.secret).status == 200)
            // The audit log names the session, whose row names its token.
            let log = try await s.get("/api/v1/audit?limit=1", token: s.admin).json()
            #expect(((log["entries"] as! [[String: Any]])[0]["token_id"] as? Int) == session.id)
            #expect(try await s.send("POST", "/api/v1/sessions", token: session.secret).status == 409)
            #expect(try await s.send("DELETE", "/api/v1/sessions/current", token: s.analyst).status == 409)
            #expect(try await s.send("DELETE", "/api/v1/sessions/current", token: session.secret).status == 204)
            #expect(try await s.get("/api/v1/entities/firm%3AF1", token: session.secret).status == 401, "refused at once after logout")
            #expect(try await s.get("/api/v1/entities/firm%3AF1", token: s.analyst).status == 200, "the token itself still works")
            let tokens = try await s.get("/api/v1/tokens", token: s.admin).json()["tokens"] as! [[String: Any]]
            #expect(!tokens.contains { $0["id"] as? Int == session.id }, "sessions are not listed as tokens")
        }
    }

    @Test func anAdminExportsTheWholeChainWhichVerifiesWithoutTheDatabase() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            for ref in ["person%3AP1", "firm%3AF1", "firm%3AF2"] { _ = try await s.get("/api/v1/entities/\(ref)", token: s.analyst) }
            let export = try await s.get("/api/v1/audit/export", token: s.admin)
            #expect(export.status == 200 && export.header("Content-Type") == "application/x-ndjson")
            let lines = export.text.split(separator: "\n")
            let records = try lines.map { try JSONDecoder().decode(AuditEntry.self, from: Data($0.utf8)) }
            #expect(records.map(\.entities) == [["person:P1"], ["firm:F1"], ["firm:F2"]])
            #expect(records[0].previousHash == nil && records[1].previousHash == records[0].hash)
            #expect(try AuditChainCheck.verify(exported: Data(export.text.utf8), file: "export.jsonl") == AuditVerification(rowsChecked: 3))
            // A continuation after the first row checks from its own first link.
            let rest = try await s.get("/api/v1/audit/export?after=\(records[0].id)", token: s.admin).text
            #expect(try AuditChainCheck.verify(exported: Data(rest.utf8), file: "rest.jsonl").rowsChecked == 2)
            // An edited line or a line taken out of the middle is found.
            let edited = export.text.replacingOccurrences(of: "firm:F1", with: "firm:F9")
            #expect(try AuditChainCheck.verify(exported: Data(edited.utf8), file: "e.jsonl").firstBrokenID == records[1].id)
            let cut = [lines[0], lines[2]].joined(separator: "\n")
            #expect(try AuditChainCheck.verify(exported: Data(cut.utf8), file: "c.jsonl").firstBrokenID == records[2].id)
            #expect(try await s.get("/api/v1/audit/export", token: s.analyst).status == 403)
            #expect(try await s.get("/api/v1/audit/export?after=-1", token: s.admin).status == 400)
        }
    }

    @Test func tokensAreManagedByAdminsAndARevokedOneStopsWorking() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let created = try await s.send("POST", "/api/v1/tokens", token: s.admin, body: Data(#"{"role":"viewer","name":"press desk"}"#.utf8))
            #expect(created.status == 201)
            let body = try created.json()
            let secret = try #require(body["secret"] as? String)
            let id = try #require((body["token"] as? [String: Any])?["id"] as? Int)
            #expect(try await s.get("/api/v1/search?q=Alfa", token: secret).status == 200)
            let list = try await s.get("/api/v1/tokens", token: s.admin).text
            #expect(list.contains("press desk") && !list.contains(secret))
            #expect(try await s.send("DELETE", "/api/v1/tokens/\(id)", token: s.admin).status == 204)
            #expect(try await s.send("DELETE", "/api/v1/tokens/99999", token: s.admin).status == 404)
            // The token cache forgets within its lifetime.
            try await Task.sleep(for: .seconds(6))
            #expect(try await s.get("/api/v1/search?q=Alfa", token: secret).status == 401)
        }
    }

    @Test func searchFindsIdentifiersExactlyAndNamesBySimilarityWithTotals() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let byKey = try await s.get("/api/v1/search?q=F2", token: s.viewer).json()
            let hits = byKey["results"] as! [[String: Any]]
            #expect(hits.first?["key"] as? String == "F2" && hits.first?["match"] as? String == "identifier")
            let byName = try await s.get("/api/v1/search?q=engenharia&kind=firm", token: s.viewer).json()
            #expect((byName["results"] as! [[String: Any]]).map { $0["key"] as? String } == ["F2"])
            let paged = try await s.get("/api/v1/search?q=reis&limit=1", token: s.viewer).json()
            let page = paged["page"] as! [String: Any]
            #expect((page["total"] as! Int) >= 2 && (paged["results"] as! [Any]).count == 1 && page["next"] is String)
            // One or two letters are too few to find names containing them (no trigram to look
            // up: every name would be read); identifiers still match exactly.
            #expect((try await s.get("/api/v1/search?q=a", token: s.viewer).json()["results"] as! [Any]).isEmpty)
            #expect(try await s.get("/api/v1/search", token: s.viewer).status == 400)
            #expect(try await s.get("/api/v1/search?q=x&kind=planet", token: s.viewer).status == 400)
        }
    }
}

@Suite("Security of the API: headers, origins, guessing tokens", .serialized)
struct SecurityTests {
    /// Hostile values — SQL, path traversal, header injection (CR LF), markup, a NUL, a very
    /// long value — in every parameter of the endpoints that read one: each is an answer
    /// (200, 400, 404 or 422), never a 500; no header is injected; the store is untouched.
    @Test func hostileValuesInEveryParameterAreAnsweredNeverRun() async throws {
        try await LiveServer.with(scanned: true) { servers in
            let s = servers[0]
            let store = try Store(url: s.databaseURL, schemaDirectory: TestDatabase.schemaDirectory, queriesDirectory: TestDatabase.queriesDirectory)
            defer { store.close() }
            let before = try store.sql("SELECT (SELECT count(*) FROM nodes) || '/' || (SELECT count(*) FROM edges) || '/' || (SELECT count(*) FROM api_tokens)").scalar
            let hostile = [
                "' OR '1'='1", "1; DROP TABLE nodes; --", "firm:F1' --", "../../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "x\r\nX-Injected: 1",
                "<script>alert(1)</script>", "%00", "${jndi:ldap://example.invalid/a}", "\u{202E}gnp.exe", String(repeating: "A", count: 5000),
                "firm:F1\u{0}", "2021-02-30", "-1", "99999999999999999999", "owns=NaN", "firm:%", "_",
            ]
            let endpoints: [(path: String, parameters: [String])] = [
                ("/api/v1/search?", ["q", "kind", "dataset", "flagged", "limit", "offset"]),
                ("/api/v1/flags?", ["entity", "indicator", "limit"]),
                ("/api/v1/paths?from=firm:F1&to=firm:F2&", ["from", "to", "kinds", "at", "weights", "max_hops", "k", "format"]),
                ("/api/v1/entities/firm%3AF1/relationships?", ["kind", "direction", "at", "offset"]),
                ("/api/v1/entities/firm%3AF1/neighborhood?", ["hops", "kinds", "at", "per_hop"]),
                ("/api/v1/audit?", ["entity", "token"]),
                ("/api/v1/rank?", ["measure", "top", "kind"]),
            ]
            func encoded(_ v: String) -> String { v.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
            var tried = 0
            for (path, parameters) in endpoints {
                for name in parameters {
                    for value in hostile {
                        let reply = try await s.get(path + "\(name)=\(encoded(value))", token: s.admin)
                        tried += 1
                        #expect([200, 400, 404, 422].contains(reply.status), "\(path)\(name)=\(value.prefix(40)) answered \(reply.status)")
                        #expect(reply.header("X-Injected") == nil)
                    }
                }
            }
            for value in hostile {
                let reply = try await s.get("/api/v1/entities/\(encoded(value))", token: s.admin)
                #expect([400, 404].contains(reply.status), "entities/\(value.prefix(40)) answered \(reply.status)")
            }
            #expect(tried > 500)
            #expect(try store.sql("SELECT (SELECT count(*) FROM nodes) || '/' || (SELECT count(*) FROM edges) || '/' || (SELECT count(*) FROM api_tokens)").scalar == before)
        }
    }

    @Test func everyAnswerCarriesSecurityHeadersAndAuthenticatedOnesAreNotForSharedCaches() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            for (path, token) in [("/health", nil), ("/api/v1/entities/firm%3AF1", s.analyst), ("/api/v1/nowhere", s.viewer)] as [(String, String?)] {
                let reply = try await s.get(path, token: token)
                #expect(reply.header("X-Content-Type-Options") == "nosniff" && reply.header("X-Frame-Options") == "DENY", "\(path)")
                #expect(reply.header("Content-Security-Policy")?.contains("default-src 'none'") == true && reply.header("Referrer-Policy") == "no-referrer")
                #expect((reply.header("Cache-Control") == "private, no-cache") == (token != nil), "\(path)")
            }
        }
    }

    @Test func crossOriginReadsAreClosedUnlessTheOriginIsAllowed() async throws {
        try await LiveServer.with(configure: { $0.allowedOrigins = ["https://explorer.example.org"] }) { servers in
            let s = servers[0]
            let stranger = try await s.get("/api/v1/search?q=Alfa", token: s.viewer, headers: ["Origin": "https://evil.example"])
            #expect(stranger.status == 200 && stranger.header("Access-Control-Allow-Origin") == nil)
            let friend = try await s.get("/api/v1/search?q=Alfa", token: s.viewer, headers: ["Origin": "https://explorer.example.org"])
            #expect(friend.header("Access-Control-Allow-Origin") == "https://explorer.example.org" && friend.header("Vary") == "Origin")
            let preflight = try await s.send(
                "OPTIONS", "/api/v1/search", token: nil, body: nil,
                headers: ["Origin": "https://explorer.example.org", "Access-Control-Request-Method": "GET"])
            #expect(preflight.status == 204 && preflight.header("Access-Control-Allow-Headers")?.contains("Authorization") == true)
            let strangerPreflight = try await s.send(
                "OPTIONS", "/api/v1/search", token: nil, body: nil, headers: ["Origin": "https://evil.example", "Access-Control-Request-Method": "GET"])
            #expect(strangerPreflight.status == 405 && strangerPreflight.header("Access-Control-Allow-Origin") == nil)
        }
    }

    @Test func aClientGuessingTokensIsRefusedForAWhileButKnownTokensStillPass() async throws {
        try await LiveServer.with(configure: { $0.failedTokenAttempts = 3 }) { servers in
            let s = servers[0]
            #expect(try await s.get("/api/v1/search?q=Alfa", token: s.viewer).status == 200)
            for i in 0..<3 { #expect(try await s.get("/api/v1/search?q=Alfa", token: "trama_guess\(i)").status == 401) }
            let refused = try await s.get("/api/v1/search?q=Alfa", token: "trama_guess4")
            #expect(refused.status == 429 && refused.header("Retry-After") != nil && refused.object["category"] as? String == "limit_exceeded")
            // Refused before any look-up, unless the server already knows the token as valid:
            // users behind one proxy share an address.
            #expect(try await s.get("/api/v1/search?q=Alfa", token: s.viewer).status == 200)
            #expect(try await s.get("/api/v1/search?q=Alfa", token: s.analyst).status == 429)
        }
    }
}
