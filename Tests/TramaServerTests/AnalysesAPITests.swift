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

    @Test func runsAreListedNewestFirstAndAnEarlierRunCanBeRead() async throws {
        try await LiveServer.with(scanned: true) { servers in
            let s = servers[0]
            let all = try await s.get("/api/v1/runs", token: s.viewer).decoded(RunList.self)
            #expect(all.runs.map(\.analysis) == ["suppliers", "judicial_patterns", "judicial", "collusion"])
            #expect(all.page.total == 4)
            guard case .object = all.runs[3].summary, case .object = all.runs[3].parameters else {
                Issue.record("a run's summary and parameters are JSON objects: \(all.runs[3])")
                return
            }
            let collusion = try await s.get("/api/v1/runs?analysis=collusion", token: s.viewer).decoded(RunList.self).runs
            let id = try #require(collusion.first?.run)
            #expect(collusion.count == 1)
            let bad = try await s.get("/api/v1/runs?analysis=gossip", token: s.viewer)
            #expect(bad.status == 400 && bad.object["parameter"] as? String == "analysis")

            #expect(try await s.get("/api/v1/collusion/pairs?run=\(id)", token: s.viewer).decoded(RunReport<LinkedBidderPair>.self).header.run == id)
            let judicialID = all.runs[1].run
            let wrongKind = try await s.get("/api/v1/collusion/pairs?run=\(judicialID)", token: s.viewer)
            #expect(wrongKind.status == 404 && (wrongKind.object["detail"] as? String)?.contains("no collusion run has id") == true)
            #expect(try await s.get("/api/v1/collusion/rings?run=0", token: s.viewer).status == 400)
        }
    }

    @Test func lawyerPatternsAndJudgeProfilesAreReadFromTheStoredRun() async throws {
        try await LiveServer.with(scanned: true) { servers in
            let s = servers[0]
            let lawyers = try await s.get("/api/v1/judges/lawyers", token: s.viewer)
            #expect(lawyers.status == 200, "\(lawyers.text)")
            _ = try lawyers.decoded(JudicialPatternsAnswer.self)
            let profile = try await s.get("/api/v1/judges/judge%3AP4/profile", token: s.viewer)
            #expect(profile.status == 200, "\(profile.text)")
            let report = try profile.decoded(JudgeProfileReport.self)
            #expect(report.profile.judge == "judge:P4")
            let notAJudge = try await s.get("/api/v1/judges/firm%3AF1/profile", token: s.viewer)
            #expect(notAJudge.status == 404)
        }
    }

    @Test func withoutAStoredRunTheAnswerSaysWhatToRun() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let reply = try await s.get("/api/v1/collusion/rings", token: s.viewer)
            #expect(reply.status == 404 && (reply.object["detail"] as? String)?.contains("trama collusion scan") == true)
            let lawyers = try await s.get("/api/v1/judges/lawyers", token: s.viewer)
            #expect(lawyers.status == 404 && (lawyers.object["detail"] as? String)?.contains("trama judges lawyers") == true)
            let runs = try await s.get("/api/v1/runs", token: s.viewer).decoded(RunList.self)
            #expect(runs.runs.isEmpty && runs.page.total == 0)
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
            let listed = try #require(communities.object["listed"] as? [[String: Any]])
            #expect(listed.allSatisfy { ($0["links"] as? [[String: Any]])?.isEmpty == false })
            let drawn = try await s.get("/api/v1/communities?on=graph&min_size=2&format=svg", token: s.viewer)
            #expect(drawn.status == 200 && drawn.header("Content-Type") == "image/svg+xml" && drawn.text.contains("entities"))
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
