import Foundation
import Testing
import TramaServer
import TramaService
import TramaTestSupport

extension ExplorerTests {
    @Test func ownersAndHoldingsAreShownWithEffectiveSharesChainsAndSourcesAndAudited() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let api = try await s.get("/api/v1/entities/firm%3AF1/owners", token: s.analyst).decoded(OwnershipAnswer.self)
            let fabio = try #require(api.parties.first { $0.entity.reference == "person:P6" })
            #expect(fabio.effectiveShare == 60 && fabio.naturalPerson && fabio.ultimate)
            #expect(try await s.get("/api/v1/entities/firm%3AF1/owners", token: s.viewer).status == 403)
            #expect(try await s.get("/api/v1/entities/firm%3AF1/owners?min_share=101", token: s.analyst).object["parameter"] as? String == "min_share")
            let drawn = try await s.get("/api/v1/entities/firm%3AF4/holdings?format=svg", token: s.analyst)
            #expect(drawn.status == 200 && drawn.header("Content-Type") == "image/svg+xml" && drawn.text.contains("Alfa Obras"))

            let (_, cookie) = try await Self.signIn(s, s.analyst)
            let session = try #require(cookie)
            let entity = try await s.get("/entities/firm%3AF1", headers: ["Cookie": session])
            #expect(entity.text.contains("href=\"/entities/firm:F1/owners\""))
            let page = try await s.get("/entities/firm%3AF1/owners?at=2019-01-01", headers: ["Cookie": session])
            #expect(page.status == 200 && page.text.contains("Fabio Costa") && page.text.contains("60%") && page.text.contains("shareholders.csv:4"))
            #expect(page.text.contains("natural person, ultimate owner") && page.text.contains("<svg"))
            let holdings = try await s.get("/entities/person%3AP6/holdings", headers: ["Cookie": session])
            #expect(holdings.status == 200 && holdings.text.contains("Alfa Obras S.A.") && holdings.text.contains("Beta Engenharia"))

            let endpoints = try await s.get("/api/v1/audit?entity=person:P6", token: s.admin).decoded(AuditEntries.self).entries.map(\.endpoint)
            #expect(endpoints.contains("GET /api/v1/entities/{ref}/owners") && endpoints.contains("GET /entities/{ref}/owners"))
        }
    }
}
