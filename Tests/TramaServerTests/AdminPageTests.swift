import Foundation
import Testing
import TramaServer
import TramaService
import TramaTestSupport

/// The admin's pages (imports and jobs, the audit log) and the analyst's scan form, in the
/// explorer: the same jobs and log as the API's.
extension ExplorerTests {
    /// A `multipart/form-data` body as a browser sends the upload form.
    static func multipart(_ fields: [(String, String)], file: Data, filename: String, boundary: String) -> Data {
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: application/zip\r\n\r\n".utf8)
        body += file
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        return body
    }

    @Test(.timeLimit(.minutes(2))) func anAdminUploadsADatasetInTheBrowserAndFollowsItsJobToItsProblems() async throws {
        let folder = try JobTests.fixtureCopy()
        let firms = folder.appendingPathComponent("firms.csv")
        try String(contentsOf: firms, encoding: .utf8).replacingOccurrences(of: ",2005-06-01,", with: ",2005-13-45,").write(to: firms, atomically: true, encoding: .utf8)
        let broken = try JobTests.zip(folder)
        let good = try JobTests.zip(try JobTests.fixtureCopy())
        try await LiveServer.with(empty: true) { servers in
            let s = servers[0]
            let (_, analystCookie) = try await Self.signIn(s, s.analyst)
            #expect(try await s.get("/jobs", headers: ["Cookie": try #require(analystCookie)]).status == 403)
            let (_, cookie) = try await Self.signIn(s, s.admin)
            let session = try #require(cookie)
            let page = try await s.get("/jobs", headers: ["Cookie": session])
            #expect(page.status == 200 && page.text.contains("enctype=\"multipart/form-data\""))
            let csrf = try #require(Self.csrf(in: page.text))
            let boundary = "----trama\(UUID().uuidString)"
            func upload(_ zip: Data, dataset: String, csrf: String) async throws -> LiveServer.Reply {
                try await s.send(
                    "POST", "/imports", body: Self.multipart([("csrf", csrf), ("dataset", dataset), ("format", "")], file: zip, filename: "small.zip", boundary: boundary),
                    headers: ["Cookie": session, "Content-Type": "multipart/form-data; boundary=\(boundary)"])
            }
            #expect(try await upload(good, dataset: "small", csrf: "forged").status == 403)

            let failed = try await upload(broken, dataset: "broken", csrf: csrf)
            #expect(failed.status == 303, "\(failed.text)")
            let place = try #require(failed.header("Location"))
            #expect(place.hasPrefix("/jobs/"))
            _ = try await JobTests.finished(s, "/api/v1" + place, token: s.admin)
            let report = try await s.get(place, headers: ["Cookie": session])
            #expect(report.status == 200 && report.text.contains("failed") && report.text.contains("FirmConstitutionDate") && report.text.contains("2005-13-45"))
            #expect(!report.text.contains("http-equiv=\"refresh\""), "a finished job's page stops reloading")

            let done = try await upload(good, dataset: "small", csrf: csrf)
            let job = try await JobTests.finished(s, "/api/v1" + (try #require(done.header("Location"))), token: s.admin)
            #expect(job["state"] as? String == "succeeded", "\(job)")
            let list = try await s.get("/jobs", headers: ["Cookie": session])
            #expect(list.text.contains("small · gras") && list.text.contains("broken · gras"))
        }
    }

    @Test(.timeLimit(.minutes(2))) func anAnalystStartsAScanFromTheCollusionPagesAndFollowsIt() async throws {
        try await LiveServer.with(scanned: true) { servers in
            let s = servers[0]
            let (_, cookie) = try await Self.signIn(s, s.analyst)
            let session = try #require(cookie)
            let rings = try await s.get("/rings", headers: ["Cookie": session])
            #expect(rings.text.contains("action=\"/scans\""))
            for tab in ["/losers", "/losers?all=true", "/pairs", "/tenders"] {
                let page = try await s.get(tab, headers: ["Cookie": session])
                #expect(page.status == 200 && page.text.contains("class=\"tabs\""), "\(tab): \(page.text.prefix(300))")
            }
            let pairs = try await s.get("/pairs", headers: ["Cookie": session])
            #expect(pairs.text.contains("href=\"/entities/tender:"), "each pair names its tender")
            let losers = try await s.get("/losers?all=true&limit=2", headers: ["Cookie": session])
            #expect(losers.text.contains("rel=\"next\""))

            let csrf = try #require(Self.csrf(in: rings.text))
            let body = "csrf=\(csrf)&analysis=judicial&from=2019-01-01&to="
            let started = try await s.send("POST", "/scans", body: Data(body.utf8), headers: ["Cookie": session, "Content-Type": "application/x-www-form-urlencoded"])
            #expect(started.status == 303, "\(started.text)")
            let place = try #require(started.header("Location"))
            let running = try await s.get(place, headers: ["Cookie": session])
            #expect(running.status == 200 && running.text.contains("Scan · job"))
            let job = try await JobTests.finished(s, "/api/v1" + place, token: s.analyst)
            #expect(job["state"] as? String == "succeeded", "the tender period is left out of a judicial scan: \(job)")
            let (_, viewerCookie) = try await Self.signIn(s, s.viewer)
            #expect(try await s.get(place, headers: ["Cookie": try #require(viewerCookie)]).status == 403, "a job is its asker's and the admins'")
        }
    }

    @Test func theAuditPageShowsWhoLookedAtWhatAndChecksTheChain() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let (_, cookie) = try await Self.signIn(s, s.analyst)
            let analyst = try #require(cookie)
            _ = try await s.get("/entities/firm%3AF1", headers: ["Cookie": analyst])
            #expect(try await s.get("/audit", headers: ["Cookie": analyst]).status == 403)
            let (_, adminCookie) = try await Self.signIn(s, s.admin)
            let admin = try #require(adminCookie)
            let page = try await s.get("/audit?entity=firm:F1", headers: ["Cookie": admin])
            #expect(page.status == 200 && page.text.contains("GET /entities/{ref}") && page.text.contains("test analyst (session)"), "\(page.text)")
            let checked = try await s.get("/audit?verify=true", headers: ["Cookie": admin])
            #expect(checked.text.contains("The hash chain is intact"))
        }
    }
}
