import Foundation
import Testing
import TramaServer
import TramaService
import TramaTestSupport

/// Investigations in the explorer and over the API: built from entity pages and search,
/// expanded, annotated, shared and merged, their maps downloadable; analysts only.
extension ExplorerTests {
    static func post(_ s: LiveServer, _ path: String, _ fields: [(String, String)], cookie: String) async throws -> LiveServer.Reply {
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
        return try await s.send("POST", path, body: Data(body.utf8), headers: ["Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"])
    }

    @Test func anInvestigationIsBuiltFromAnEntityPageExpandedAnnotatedAndDownloaded() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let (_, viewerCookie) = try await Self.signIn(s, s.viewer)
            #expect(try await s.get("/investigations", headers: ["Cookie": try #require(viewerCookie)]).status == 403)
            let (_, cookie) = try await Self.signIn(s, s.analyst)
            let session = try #require(cookie)
            let entity = try await s.get("/entities/firm%3AF1", headers: ["Cookie": session])
            #expect(entity.text.contains("class=\"add-to-investigation\""))
            let csrf = try #require(Self.csrf(in: entity.text))

            let forged = try await Self.post(s, "/investigations", [("csrf", "0"), ("id", "new"), ("name", "Alfa"), ("entity", "firm:F1")], cookie: session)
            #expect(forged.status == 403)
            let created = try await Self.post(s, "/investigations", [("csrf", csrf), ("id", "new"), ("name", "Alfa <b>ring</b>"), ("entity", "firm:F1")], cookie: session)
            #expect(created.status == 303)
            let place = try #require(created.header("Location"))
            #expect(place.hasPrefix("/investigations/"))
            var page = try await s.get(place, headers: ["Cookie": session])
            #expect(page.status == 200 && page.text.contains("Alfa &lt;b&gt;ring&lt;/b&gt;") && page.text.contains("Alfa Obras S.A."))

            let expanded = try await Self.post(s, place, [("csrf", csrf), ("action", "expand"), ("entity", "firm:F1")], cookie: session)
            #expect(expanded.status == 303 && expanded.header("Location")?.contains("did=expand") == true)
            page = try await s.get(try #require(expanded.header("Location")), headers: ["Cookie": session])
            #expect(page.text.contains("Added ") && page.text.contains("href=\"/entities/tender:T1\""))
            #expect(page.text.contains("<svg") && page.text.contains("xlink:href=\"/entities/firm:F1\""))

            let noted = try await Self.post(s, place, [("csrf", csrf), ("action", "annotate"), ("entity", "firm:F1"), ("note", "won T1 <again>")], cookie: session)
            #expect(noted.status == 303)
            _ = try await Self.post(s, place, [("csrf", csrf), ("action", "annotate"), ("entity", "firm:F1"), ("pinned", "true")], cookie: session)
            let cleared = try await Self.post(s, place, [("csrf", csrf), ("action", "clear")], cookie: session)
            page = try await s.get(try #require(cleared.header("Location")), headers: ["Cookie": session])
            #expect(page.text.contains("won T1 &lt;again&gt;") && !page.text.contains("href=\"/entities/tender:T1\""), "only the pinned entity stays")
            let wrong = try await Self.post(s, place, [("csrf", csrf), ("action", "annotate"), ("entity", "firm:NOPE"), ("note", "x")], cookie: session)
            #expect(wrong.status == 422 && wrong.text.contains("firm:NOPE is not in investigation"))

            for (file, type) in [("map.svg", "image/svg+xml"), ("map.png", "image/png"), ("map.pdf", "application/pdf")] {
                let map = try await s.get("\(place)/\(file)", headers: ["Cookie": session])
                #expect(map.status == 200 && map.header("Content-Type") == type && map.header("Content-Disposition")?.contains("attachment") == true, "\(file)")
            }
            #expect(try await s.get("\(place)/map.exe", headers: ["Cookie": session]).status == 404)

            // The API sees the same investigation; a viewer's token does not.
            let id = try #require(Int(place.split(separator: "/").last!))
            let api = try await s.get("/api/v1/investigations/\(id)", token: s.analyst).object
            #expect(api["name"] as? String == "Alfa <b>ring</b>" && (api["entities"] as? [[String: Any]])?.first?["note"] as? String == "won T1 <again>")
            #expect(try await s.get("/api/v1/investigations/\(id)", token: s.viewer).status == 403)
            #expect(try await s.get("/api/v1/investigations/\(id)", token: s.admin).status == 404, "another user's, not shared")
        }
    }

    @Test func aSharedInvestigationIsReadOnlyUntilEditIsGivenAndMergesIntoTheReadersOwn() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            func api(_ method: String, _ path: String, _ token: String, _ json: String) async throws -> LiveServer.Reply {
                try await s.send(method, path, token: token, body: Data(json.utf8), headers: ["Content-Type": "application/json"])
            }
            let made = try await api("POST", "/api/v1/investigations", s.analyst, #"{"name": "A", "entities": ["firm:F1", "firm:F2"]}"#)
            #expect(made.status == 201)
            let a = try #require(made.object["id"] as? Int)
            #expect(try await api("POST", "/api/v1/investigations", s.analyst, #"{"name": "bad", "entities": ["firm:NOPE"]}"#).status == 422)
            #expect(try await s.get("/api/v1/investigations", token: s.analyst).object["investigations"].map { ($0 as? [Any])?.count } == 1,
                "a refused creation leaves nothing behind")
            let shared = try await api("POST", "/api/v1/investigations/\(a)/changes", s.analyst, #"{"action": "share", "with": "test admin", "access": "read"}"#)
            #expect(shared.status == 200, "\(shared.text)")
            #expect(try await api("POST", "/api/v1/investigations/\(a)/changes", s.admin, #"{"action": "add", "entities": ["firm:F3"]}"#).status == 403)

            // The reader merges it into their own in the explorer.
            let (_, cookie) = try await Self.signIn(s, s.admin)
            let session = try #require(cookie)
            let list = try await s.get("/investigations", headers: ["Cookie": session])
            #expect(list.text.contains("href=\"/investigations/\(a)\"") && list.text.contains("test analyst · read"))
            let csrf = try #require(Self.csrf(in: list.text))
            let mine = try await Self.post(s, "/investigations", [("csrf", csrf), ("name", "B"), ("entity", "firm:F3")], cookie: session)
            let b = try #require(mine.header("Location"))
            let merged = try await Self.post(s, b, [("csrf", csrf), ("action", "merge"), ("other", String(a))], cookie: session)
            #expect(merged.status == 303)
            let page = try await s.get(try #require(merged.header("Location")), headers: ["Cookie": session])
            #expect(page.text.contains("Merged: 2 entities new") && page.text.contains("Alfa Obras S.A.") && page.text.contains("Beta Engenharia"))
            let readOnly = try await s.get("/investigations/\(a)", headers: ["Cookie": session])
            #expect(readOnly.status == 200 && !readOnly.text.contains("name=\"action\" value=\"expand\""), "no change forms for a reader")

            _ = try await api("POST", "/api/v1/investigations/\(a)/changes", s.analyst, #"{"action": "share", "with": "test admin", "access": "edit"}"#)
            let edit = try await api("POST", "/api/v1/investigations/\(a)/changes", s.admin, #"{"action": "expand", "entity": "firm:F1"}"#)
            #expect(edit.status == 200 && ((edit.object["outcome"] as? [String: Any])?["changed"] as? Int ?? 0) > 0)
            #expect(try await s.send("DELETE", "/api/v1/investigations/\(a)", token: s.admin).status == 403, "only the owner deletes")
            #expect(try await s.send("DELETE", "/api/v1/investigations/\(a)", token: s.analyst).status == 204)
            #expect(try await s.get("/investigations/\(a)", headers: ["Cookie": session]).status == 404)
        }
    }
}
