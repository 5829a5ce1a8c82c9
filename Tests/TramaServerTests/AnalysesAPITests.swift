import Foundation
import Testing
import TramaService

@Suite("Analyses over HTTP: stored runs, communities, rank and judge maps", .serialized)
struct AnalysesAPITests {
    @Test func storedRunsArePagedWithTheirRunHeader() async throws {
        try await LiveServer.with(scanned: true) { servers in
            let s = servers[0]
            let losers = try await s.get("/api/v1/collusion/top-losers?all=true&limit=2", token: s.viewer)
            #expect(losers.status == 200)
            let body = try losers.json()
            #expect(body["run"] is Int && body["started_at"] is String && body["parameters"] is [String: Any])
            let page = body["page"] as! [String: Any]
            #expect((page["total"] as! Int) > 2 && (body["firms"] as! [Any]).count == 2 && page["next"] is String)
            for path in ["/api/v1/collusion/pairs", "/api/v1/collusion/tenders", "/api/v1/collusion/rings", "/api/v1/judges/conflicts"] {
                let reply = try await s.get(path, token: s.viewer)
                #expect(reply.status == 200, "\(path): \(reply.text)")
            }
            let conflicts = try await s.get("/api/v1/judges/conflicts", token: s.viewer).json()
            #expect((conflicts["conflicts"] as! [[String: Any]]).allSatisfy { $0["judge"] as? String == "judge:P4" })
        }
    }

    @Test func withoutAStoredRunTheAnswerSaysWhatToRun() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let reply = try await s.get("/api/v1/collusion/rings", token: s.viewer)
            #expect(reply.status == 404 && (reply.object["detail"] as? String)?.contains("trama collusion scan") == true)
        }
    }

    @Test func communitiesRankAndJudgeMapsAnswerOnTheSnapshot() async throws {
        try await LiveServer.with(scanned: true) { servers in
            let s = servers[0]
            let rank = try await s.get("/api/v1/rank?measure=degree&kinds=firm&top=3", token: s.viewer).json()
            #expect((rank["ranked"] as! [[String: Any]]).count == 3 && rank["measure"] as? String == "degree")
            #expect(try await s.get("/api/v1/rank?measure=fame", token: s.viewer).status == 400)
            let communities = try await s.get("/api/v1/communities?on=graph&min_size=2", token: s.viewer)
            #expect(communities.status == 200 && (communities.object["communities"] as? Int ?? 0) >= 1)
            let moved = try await s.get("/api/v1/judges/person%3AP4/map", token: s.viewer)
            #expect(moved.status == 308 && moved.header("Location") == "/api/v1/judges/judge%3AP4/map")
            let map = try await s.get("/api/v1/judges/judge%3AP4/map?format=svg&generated=2026-01-01", token: s.viewer)
            #expect(map.status == 200 && map.text.contains("<svg") && map.text.contains("Daniel Reis"))
            let json = try await s.get("/api/v1/judges/judge%3AP4/map", token: s.viewer)
            #expect(json.status == 200)
        }
    }

    @Test func aViewersRingMapShowsSharedContactsOnlyAsPseudonyms() async throws {
        try await LiveServer.with(scanned: true) { servers in
            let s = servers[0]
            let analyst = try await s.get("/api/v1/collusion/rings?format=dot", token: s.analyst)
            let viewer = try await s.get("/api/v1/collusion/rings?format=dot", token: s.viewer)
            #expect(analyst.status == 200 && viewer.status == 200)
            for detail in ["3333", "alfa.example"] { #expect(!viewer.text.contains(detail), "\(detail) shown to a viewer") }
        }
    }
}
