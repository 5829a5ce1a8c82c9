import Foundation
import Testing
import TramaServer
import TramaService
import TramaStore
import TramaTestSupport

/// The web explorer over HTTP: sign-in with a token turned into a session cookie, pages for
/// each role, escaping of names from the data, CSRF and origin checks on forms.
@Suite("The web explorer", .serialized)
struct ExplorerTests {
    /// Signs in with `token` and returns the session cookie (`trama_session=…`).
    static func signIn(_ s: LiveServer, _ token: String, next: String = "/", headers: [String: String] = [:]) async throws -> (LiveServer.Reply, String?) {
        let body = "token=\(token)&next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? next)"
        let reply = try await s.send(
            "POST", "/login", body: Data(body.utf8), headers: ["Content-Type": "application/x-www-form-urlencoded"].merging(headers) { $1 })
        let cookie = reply.header("Set-Cookie")?.split(separator: ";").first.map(String.init)
        return (reply, cookie)
    }

    static func csrf(in page: String) -> String? {
        guard let r = page.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(page[r.upperBound...].prefix { $0 != "\"" })
    }

    @Test func aTokenSignsInToAStrictSessionCookieAndSigningOutEndsIt() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let away = try await s.get("/entities/firm%3AF1")
            #expect(away.status == 303 && away.header("Location") == "/login?next=/entities/firm%253AF1", "the path as sent, encoded")
            let form = try await s.get("/login?next=/entities/firm%3AF1")
            #expect(form.status == 200 && form.text.contains("name=\"next\" value=\"/entities/firm:F1\""))

            let (wrong, none) = try await Self.signIn(s, "trama_not-a-token")
            #expect(wrong.status == 401 && none == nil && wrong.text.contains("unknown or revoked"))
            let (foreign, _) = try await Self.signIn(s, s.analyst, headers: ["Origin": "http://evil.example"])
            #expect(foreign.status == 403)

            let (signed, cookie) = try await Self.signIn(s, s.analyst, next: "/entities/firm:F1")
            #expect(signed.status == 303 && signed.header("Location") == "/entities/firm:F1")
            let setCookie = try #require(signed.header("Set-Cookie"))
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/") && !setCookie.contains("Secure"))
            let (_, _) = try await Self.signIn(s, s.analyst)
            let (overTLS, _) = try await Self.signIn(s, s.analyst, headers: ["X-Forwarded-Proto": "https"])
            #expect(overTLS.header("Set-Cookie")?.contains("Secure") == true)
            let (offsite, _) = try await Self.signIn(s, s.analyst, next: "//evil.example/")
            #expect(offsite.header("Location") == "/", "never sent to another site")

            let session = try #require(cookie)
            let page = try await s.get("/entities/firm%3AF1", headers: ["Cookie": session])
            #expect(page.status == 200 && page.header("Content-Type") == "text/html; charset=utf-8")
            let policy = try #require(page.header("Content-Security-Policy"))
            #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
            #expect(page.header("Cache-Control") == "no-store")
            #expect(page.text.contains("Alfa Obras S.A.") && page.text.contains("<svg"))
            #expect(page.text.contains("xlink:href=\"/entities/"), "the map's entities lead to their pages")
            #expect(page.text.contains("firms.csv:2"), "the source record behind the entity")

            // Sign-out needs the page's CSRF value.
            let csrf = try #require(Self.csrf(in: page.text))
            let forged = try await s.send("POST", "/logout", body: Data("csrf=0000".utf8), headers: ["Cookie": session, "Content-Type": "application/x-www-form-urlencoded"])
            #expect(forged.status == 403)
            #expect(try await s.get("/", headers: ["Cookie": session]).status == 200, "still signed in")
            let out = try await s.send("POST", "/logout", body: Data("csrf=\(csrf)".utf8), headers: ["Cookie": session, "Content-Type": "application/x-www-form-urlencoded"])
            #expect(out.status == 303 && out.header("Location") == "/login" && out.header("Set-Cookie")?.contains("Max-Age=0") == true)
            #expect(try await s.get("/", headers: ["Cookie": session]).status == 303, "the session ended")
            #expect(try await s.get("/api/v1/search?q=Alfa", token: String(session.dropFirst("trama_session=".count))).status == 401)
        }
    }

    @Test func searchFacetsPageThroughResultsAndKeepEmptyFieldsAsAny() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let (_, cookie) = try await Self.signIn(s, s.viewer)
            let session = try #require(cookie)
            let blank = try await s.get("/search", headers: ["Cookie": session])
            #expect(blank.status == 200 && blank.text.contains("<form class=\"facets\""))
            let found = try await s.get("/search?q=Alfa&kind=&dataset=&flagged=", headers: ["Cookie": session])
            #expect(found.status == 200, "\(found.text)")
            #expect(found.text.contains("href=\"/entities/firm:F1\"") && found.text.contains("Alfa Obras S.A."))
            let firms = try await s.get("/search?q=Alfa&limit=1", headers: ["Cookie": session])
            #expect(firms.text.contains("rel=\"next\""), "\(firms.text)")
            let bad = try await s.get("/search?q=Alfa&kind=spaceship", headers: ["Cookie": session])
            #expect(bad.status == 400 && bad.header("Content-Type") == "text/html; charset=utf-8" && bad.text.contains("spaceship"))
        }
    }

    @Test func aViewerSeesTheNeighbourhoodMaskedAndNoRecord() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let (_, cookie) = try await Self.signIn(s, s.viewer)
            let session = try #require(cookie)
            let page = try await s.get("/entities/firm%3AF1", headers: ["Cookie": session])
            #expect(page.status == 200)
            #expect(page.text.contains("need the analyst role") && !page.text.contains("firms.csv:2"))
            #expect(!page.text.contains("3333-4444") && !page.text.contains("Rua A, 100") && !page.text.contains("contato@alfa.example"))
            #expect(page.text.contains("[masked]"))
            #expect(!page.text.contains("href=\"/paths"), "no path finder for a viewer")
        }
    }

    @Test func aNameWithMarkupIsShownAsTextOnEveryPage() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let store = try Store(url: s.databaseURL, schemaDirectory: TestDatabase.repositoryRoot.appendingPathComponent("schema"), queriesDirectory: TestDatabase.repositoryRoot.appendingPathComponent("queries"))
            defer { store.close() }
            let before = try await s.get("/health").object["nodes"] as? Int ?? 0
            try store.sql(
                """
                INSERT INTO nodes (kind_code, key, name, dataset_id, source)
                SELECT kind_code('node', 'firm'), 'X<1>', '<script>alert(1)</script> Obras', id, 'firms.csv:99' FROM datasets LIMIT 1
                """)
            for _ in 0..<100 where (try await s.get("/health").object["nodes"] as? Int ?? 0) == before { try await Task.sleep(for: .milliseconds(100)) }
            let (_, cookie) = try await Self.signIn(s, s.analyst)
            let session = try #require(cookie)
            for path in ["/search?q=Obras", "/entities/firm%3AX%3C1%3E"] {
                let page = try await s.get(path, headers: ["Cookie": session])
                #expect(page.status == 200, "\(path): \(page.text)")
                #expect(!page.text.contains("<script>alert"), "\(path)")
                #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; Obras"), "\(path)")
            }
        }
    }
}

extension ExplorerTests {
    @Test func thePathFinderShowsEveryHopWithItsSourceAndMapLinks() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let (_, viewerCookie) = try await Self.signIn(s, s.viewer)
            #expect(try await s.get("/paths?from=firm:F1&to=firm:F2", headers: ["Cookie": try #require(viewerCookie)]).status == 403)
            let (_, cookie) = try await Self.signIn(s, s.analyst)
            let session = try #require(cookie)
            let empty = try await s.get("/paths", headers: ["Cookie": session])
            #expect(empty.status == 200 && empty.text.contains("<form class=\"path-form\""))
            let page = try await s.get("/paths?from=firm%3AF1&to=firm%3AF2&at=&kinds=&max_hops=&k=2", headers: ["Cookie": session])
            #expect(page.status == 200, "\(page.text)")
            #expect(page.text.contains("Path 1:") && page.text.contains("<svg") && page.text.contains("xlink:href=\"/entities/firm:F1\""))
            #expect(page.text.contains(".csv:"), "each hop names its source record")
            let chain = try await s.get("/paths?from=firm%3AF1&to=firm%3AF4&directed=true", headers: ["Cookie": session])
            #expect(chain.status == 200 && chain.text.contains("name=\"directed\" value=\"true\" checked") && !chain.text.contains("Path 1:"),
                "F4 owns F1: no chain of control runs from F1 to F4")
            let unknown = try await s.get("/paths?from=firm%3ANOPE&to=firm%3AF2", headers: ["Cookie": session])
            #expect(unknown.status == 404 && unknown.text.contains("firm:NOPE") && unknown.text.contains("value=\"firm:NOPE\""))
        }
    }

    @Test func theScreenListsThePairsOfAListWithLinksToTheirPathsAndSaysWhatItCouldNotFind() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let (_, cookie) = try await Self.signIn(s, s.analyst)
            let session = try #require(cookie)
            let form = try await s.get("/paths/among", headers: ["Cookie": session])
            #expect(form.status == 200 && form.text.contains("<form class=\"screen-form\""))
            let csrf = try #require(Self.csrf(in: form.text))
            func screen(_ entities: String, hops: String, kinds: String = "owns") async throws -> LiveServer.Reply {
                let body = "csrf=\(csrf)&max_hops=\(hops)&kinds=\(kinds)&entities=" + entities.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                return try await s.send("POST", "/paths/among", body: Data(body.utf8), headers: ["Cookie": session, "Content-Type": "application/x-www-form-urlencoded"])
            }
            let page = try await screen("firm:F1\nfirm:F2\n\nfirm:NOPE\n", hops: "3")
            #expect(page.status == 200, "\(page.text.suffix(1500))")
            #expect(page.text.contains("1 pairs among 2 entities within 3 hops") && page.text.contains("line 4: <code>firm:NOPE</code>"))
            let link = try #require(page.text.range(of: "href=\"/paths\\?from=[^\"]*\"", options: .regularExpression).map { String(page.text[$0]) })
            #expect(["from=firm", "F1", "to=firm", "F2", "max_hops=3", "kinds=owns"].allSatisfy(link.contains), "each pair links to its path: \(link)")
            let tooFar = try await screen("firm:F1\nfirm:F2\n", hops: "9")
            #expect(tooFar.status == 400 && tooFar.text.contains("max_hops") && tooFar.text.contains("firm:F2"), "the list stays in the form")
            let forged = try await s.send(
                "POST", "/paths/among", body: Data("csrf=wrong&entities=firm%3AF1".utf8), headers: ["Cookie": session, "Content-Type": "application/x-www-form-urlencoded"])
            #expect(forged.status == 403)
            let (_, viewerCookie) = try await Self.signIn(s, s.viewer)
            #expect(try await s.get("/paths/among", headers: ["Cookie": try #require(viewerCookie)]).status == 403)
        }
    }
}

extension ExplorerTests {
    @Test func flagsAreFilteredByValueSortedAndDownloadableAsCSV() async throws {
        try await LiveServer.with(scanned: true) { servers in
            let s = servers[0]
            let all = try await s.get("/api/v1/flags?limit=500", token: s.analyst).json()
            let values = ((all["flags"] as? [[String: Any]]) ?? []).compactMap { $0["value"] as? Double }
            try #require(values.count > 2, "the scan raised flags with values")
            let middle = values.sorted()[values.count / 2]

            let high = try await s.get("/api/v1/flags?limit=500&sort=-value&min_value=\(middle)", token: s.analyst).json()
            let highValues = ((high["flags"] as? [[String: Any]]) ?? []).compactMap { $0["value"] as? Double }
            #expect(!highValues.isEmpty && highValues.allSatisfy { $0 >= middle })
            #expect(highValues == highValues.sorted(by: >), "highest first")
            let low = try await s.get("/api/v1/flags?limit=500&sort=value&max_value=\(middle)", token: s.analyst).json()
            let lowValues = ((low["flags"] as? [[String: Any]]) ?? []).compactMap { $0["value"] as? Double }
            #expect(!lowValues.isEmpty && lowValues.allSatisfy { $0 <= middle } && lowValues == lowValues.sorted())
            #expect(try await s.get("/api/v1/flags?sort=random", token: s.analyst).object["parameter"] as? String == "sort")
            let empty = try await s.get("/api/v1/flags?min_value=2&max_value=1", token: s.analyst)
            #expect(empty.status == 200 && (empty.object["page"] as? [String: Any])?["total"] as? Int == 0, "a range nothing falls in")
            #expect(try await s.get("/api/v1/flags?min_value=NaN", token: s.analyst).object["parameter"] as? String == "min_value")

            let (_, cookie) = try await Self.signIn(s, s.analyst)
            let session = try #require(cookie)
            let page = try await s.get("/flags?indicator=&min_value=\(middle)&max_value=&sort=-value", headers: ["Cookie": session])
            #expect(page.status == 200 && page.text.contains("class=\"flag-table\"") && page.text.contains("href=\"/flags.csv?min_value="))
            let csv = try await s.get("/flags.csv?min_value=\(middle)&sort=-value", headers: ["Cookie": session])
            #expect(csv.status == 200 && csv.header("Content-Type") == "text/csv; charset=utf-8")
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.first == "indicator,subject,value,analysis,run,evidence")
            #expect(lines.count - 1 == (high["page"] as? [String: Any])?["total"] as? Int)
        }
    }

    /// The small fixture after the scans: Beta Engenharia (F2), the political winner, satisfies
    /// a combination of 4.1.3 and 1.2.2; its profile names its donee on the map.
    @Test func entitiesAreRankedByAFilterAndAProfileShowsTheirFlagsEvidenceAndMap() async throws {
        try await LiveServer.with(scanned: true) { servers in
            let s = servers[0]
            let (_, cookie) = try await Self.signIn(s, s.analyst)
            let session = try #require(cookie)
            let ranked = try await s.get("/flags/ranking?filter=4.1.3+%3E%3D+1+and+1.2.2+%3E+0", headers: ["Cookie": session])
            #expect(ranked.status == 200 && ranked.text.contains("href=\"/entities/firm:F2/profile\"") && ranked.text.contains("1 entity by score"), "\(ranked.status) \(ranked.text.suffix(1500))")
            let bad = try await s.get("/flags/ranking?filter=4.1.3+%3E%3D", headers: ["Cookie": session])
            #expect(bad.status == 400 && bad.text.contains("filter: at character"))
            let coverage = try await s.get("/flags/coverage", headers: ["Cookie": session])
            #expect(coverage.status == 200 && coverage.text.contains("needs criminal records"))
            let profile = try await s.get("/entities/firm:F2/profile", headers: ["Cookie": session])
            #expect(profile.status == 200 && profile.text.contains("Composite score") && profile.text.contains("political_finance"))
            #expect(profile.text.contains("<svg"), "the map is drawn")
            let api = try await s.get("/api/v1/entities/firm%3AF2/profile", token: s.analyst).json()
            #expect((api["highlighted"] as? [String])?.contains("candidate:C1") == true, "the donee is named by the evidence and on the map")
            let (_, viewerCookie) = try await Self.signIn(s, s.viewer)
            #expect(try await s.get("/entities/firm:F2/profile", headers: ["Cookie": try #require(viewerCookie)]).status == 403)
            #expect(try await s.get("/flags/validation", headers: ["Cookie": try #require(viewerCookie)]).status == 403)

            // Validation: Beta Engenharia (F2) as the known case, matched with its nearest clean firm.
            let form = try await s.get("/flags/validation", headers: ["Cookie": session])
            let csrf = try #require(Self.csrf(in: form.text))
            func validate(_ labels: String) async throws -> LiveServer.Reply {
                let body = "csrf=\(csrf)&labels=" + labels.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                return try await s.send("POST", "/flags/validation", body: Data(body.utf8), headers: ["Cookie": session, "Content-Type": "application/x-www-form-urlencoded"])
            }
            let validated = try await validate("firm:F2,1\n")
            #expect(validated.status == 200 && validated.text.contains("1 known cases against 1 clean entities matched on activity"), "\(validated.text.suffix(1500))")
            #expect(validated.text.contains("<span class=\"indicator\">4.1.3</span>"))
            let malformed = try await validate("firm:F2,yes\n")
            #expect(malformed.status == 400 && malformed.text.contains("labels:1"))
        }
    }
}

/// The rings of a report, read back through their type.
struct Rings: Decodable {
    var rings: [BidderRing]
}

extension ExplorerTests {
    @Test func ringsAreListedByValueAndEachHasItsMapTiesAndSources() async throws {
        try await LiveServer.with(scanned: true, world: 300) { servers in
            let s = servers[0]
            let api = try await s.get("/api/v1/collusion/rings", token: s.analyst).json()
            let rings = try #require(api["rings"] as? [[String: Any]])
            try #require(!rings.isEmpty, "the world's scan finds a ring")
            let (_, cookie) = try await Self.signIn(s, s.analyst)
            let session = try #require(cookie)
            let list = try await s.get("/rings", headers: ["Cookie": session])
            #expect(list.status == 200 && list.text.contains("href=\"/rings/ring-1\""))
            let ring = try await s.get("/rings/ring-1", headers: ["Cookie": session])
            #expect(ring.status == 200 && ring.text.contains("<svg") && ring.text.contains("xlink:href=\"/entities/firm:"))
            let firstTie = try #require((rings[0]["links"] as? [[String: Any]])?.first)
            let source = try #require((firstTie["sources"] as? [String])?.first)
            #expect(ring.text.contains(source), "each tie shows its source rows")
            #expect(ring.text.contains("href=\"/rings/ring-1/export.ftm\""))
            let ftm = try await s.get("/rings/ring-1/export.ftm", headers: ["Cookie": session])
            let firms = Set(try await s.get("/api/v1/collusion/rings", token: s.analyst).decoded(Rings.self).rings[0].firms)
            #expect(ftm.status == 200 && ftm.text.contains("\"schema\":\"Company\"") && firms.allSatisfy { ftm.text.contains(String($0.dropFirst(5))) })
            let missing = try await s.get("/rings/ring-999", headers: ["Cookie": session])
            #expect(missing.status == 404 && missing.text.contains("ring-999"))
        }
    }
}
