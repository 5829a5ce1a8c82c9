import Foundation
import Testing
import TramaServer
import TramaService
import TramaTestSupport

extension ExplorerTests {
    @Test func judgesAreListedByCourtAndFlagsAndEachPageShowsMapConflictsLawyersAndProfile() async throws {
        try await LiveServer.with(scanned: true) { servers in
            let s = servers[0]
            let api = try await s.get("/api/v1/judges", token: s.viewer).json()
            let judges = try #require(api["judges"] as? [[String: Any]])
            #expect(judges.first?["key"] as? String == "P4" && judges.first?["court"] as? String == "court:CT1")
            #expect((judges.first?["cases"] as? Int ?? 0) == 2 && (judges.first?["flags"] as? Int ?? 0) > 0, "P4 presides over J1 and J2 and is flagged")
            #expect(try await s.get("/api/v1/judges?court=court:NOPE", token: s.viewer).json()["judges"].map { ($0 as? [Any])?.count } == 0)

            let (_, cookie) = try await Self.signIn(s, s.analyst)
            let session = try #require(cookie)
            let list = try await s.get("/judges?court=court%3ACT1&flagged=true", headers: ["Cookie": session])
            #expect(list.status == 200 && list.text.contains("href=\"/judges/judge:P4\"") && list.text.contains("Daniel Reis"))
            #expect(list.text.contains("<option value=\"court:CT1\" selected>"))
            let unflagged = try await s.get("/judges?flagged=false", headers: ["Cookie": session])
            #expect(!unflagged.text.contains("href=\"/judges/judge:P4\""))

            let page = try await s.get("/judges/judge%3AP4", headers: ["Cookie": session])
            #expect(page.status == 200, "\(page.text)")
            #expect(page.text.contains("<svg") && page.text.contains("xlink:href=\"/entities/"), "the map's entities lead to their pages")
            #expect(page.text.contains("Conflicts of interest <span class=\"count\">"), "the fixture's judge has conflicts")
            #expect(page.text.contains("class=\"hops\"") && page.text.contains(".csv:"), "each conflict's chain with its sources")
            #expect(page.text.contains("Lawyers before the judge") && page.text.contains("Against the peers"))
            #expect(page.text.contains("Law firms before the judge"), "the fixture's lawyers have no firm: the section says so")
            let svg = try await s.get("/judges/judge%3AP4/map.svg", headers: ["Cookie": session])
            #expect(svg.status == 200 && svg.header("Content-Type") == "image/svg+xml")
            #expect(try await s.get("/judges/firm%3AF1", headers: ["Cookie": session]).status == 404)
            let entity = try await s.get("/entities/judge%3AP4", headers: ["Cookie": session])
            #expect(entity.text.contains("href=\"/judges/judge:P4\""), "the entity page leads to the judge's page")

            let (_, viewerCookie) = try await Self.signIn(s, s.viewer)
            let masked = try await s.get("/judges/judge%3AP4", headers: ["Cookie": try #require(viewerCookie)])
            #expect(masked.status == 200 && masked.text.contains("Conflicts of interest"), "judges are public officials: a viewer sees their page")
            let audited = try await s.get("/api/v1/audit?entity=judge:P4", token: s.admin).json()
            #expect(((audited["entries"] as? [[String: Any]]) ?? []).contains { ($0["endpoint"] as? String)?.hasPrefix("GET /judges/") == true },
                "an analyst's look at a judge's page is audited")
        }
    }
}
