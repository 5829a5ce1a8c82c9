import Foundation
import Testing
@testable import TramaService

/// Watchlists, rules and alerts over HTTP, for analysts: the same answers as the command line.
@Suite("Watchlists, rules and alerts over HTTP")
struct WatchAPITests {
    @Test func anAnalystWatchesAddsRulesAndReadsAlertsAndAViewerMayNot() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let body = Data(#"{"entity": "firm:F1"}"#.utf8)
            let watched = try await s.send("POST", "/api/v1/watchlists/suppliers/entities", token: s.analyst, body: body)
            #expect(watched.status == 201 && watched.object["created"] as? Bool == true, "\(watched.text)")
            #expect(try await s.send("POST", "/api/v1/watchlists/suppliers/entities", token: s.analyst, body: body).object["changed"] as? Bool == false)
            let unknown = try await s.send("POST", "/api/v1/watchlists/suppliers/entities", token: s.analyst, body: Data(#"{"entity": "firm:NOPE"}"#.utf8))
            #expect(unknown.status == 404)
            _ = try await s.send("POST", "/api/v1/watchlists/buyers/entities", token: s.analyst, body: Data(#"{"entity": "agency:A2"}"#.utf8))
            let lists = try await s.get("/api/v1/watchlists", token: s.analyst).decoded(WatchlistList.self)
            #expect(lists.watchlists.map(\.name) == ["buyers", "suppliers"] && lists.watchlists[1].entities == ["firm:F1"])

            // Shared to read: the admin sees the list but may not change it.
            let shared = try await s.send("POST", "/api/v1/watchlists/suppliers/shares", token: s.analyst, body: Data(#"{"with": "test admin", "access": "read"}"#.utf8))
            #expect(shared.status == 200, "\(shared.text)")
            let theirs = try await s.get("/api/v1/watchlists", token: s.admin).decoded(WatchlistList.self)
            #expect(theirs.watchlists.map(\.name) == ["suppliers"] && theirs.watchlists.first?.access == "read")
            #expect(try await s.send("POST", "/api/v1/watchlists/suppliers/entities", token: s.admin, body: body).status == 403)
            #expect(try await s.send("POST", "/api/v1/watchlists/suppliers/shares", token: s.analyst, body: Data(#"{"with": "nobody", "access": "read"}"#.utf8)).status == 404)

            let rule = #"{"name": "suppliers near buyers", "kind": "connection", "watchlist": "suppliers", "to_watchlist": "buyers", "hops": 2}"#
            let created = try await s.send("POST", "/api/v1/rules", token: s.analyst, body: Data(rule.utf8))
            #expect(created.status == 201 && created.header("Location")?.hasPrefix("/api/v1/rules/") == true)
            let noList = #"{"name": "x", "kind": "control", "watchlist": "nowhere"}"#
            #expect(try await s.send("POST", "/api/v1/rules", token: s.analyst, body: Data(noList.utf8)).status == 404)
            let badFilter = #"{"name": "x", "kind": "flag_filter", "filter": "2.7.1 >="}"#
            let refused = try await s.send("POST", "/api/v1/rules", token: s.analyst, body: Data(badFilter.utf8))
            #expect(refused.status == 400 && refused.object["parameter"] as? String == "filter")
            let rules = try await s.get("/api/v1/rules", token: s.analyst).decoded(WatchRuleList.self)
            #expect(rules.rules.count == 5 && rules.rules.filter { $0.implicitFor != nil }.count == 4)

            let id = try #require(created.object["id"] as? Int)
            #expect(try await s.send("DELETE", "/api/v1/rules/\(id)", token: s.analyst).status == 204)
            #expect(try await s.send("DELETE", "/api/v1/rules/\(id)", token: s.analyst).status == 404)
            let alerts = try await s.get("/api/v1/alerts?since=0", token: s.analyst)
            #expect(alerts.status == 200 && (alerts.object["alerts"] as? [Any])?.isEmpty == true)
            let removed = try await s.send("DELETE", "/api/v1/watchlists/suppliers/entities/firm%3AF1", token: s.analyst)
            #expect(removed.status == 200 && removed.object["changed"] as? Bool == true)

            #expect(try await s.get("/api/v1/alerts", token: s.viewer).status == 403)
            #expect(try await s.send("POST", "/api/v1/watchlists/x/entities", token: s.viewer, body: body).status == 403)
        }
    }

    @Test func theInboxWatchesAnEntityFromItsFormAndShowsTheLists() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            let (_, cookie) = try await ExplorerTests.signIn(s, s.analyst)
            let session = try #require(cookie)
            let empty = try await s.get("/alerts", headers: ["Cookie": session])
            #expect(empty.status == 200 && empty.text.contains("You watch nothing yet"))
            let csrf = try #require(ExplorerTests.csrf(in: empty.text))
            let form = "csrf=\(csrf)&entity=firm%3AF1&list="
            let posted = try await s.send("POST", "/watchlists", body: Data(form.utf8), headers: ["Cookie": session, "Content-Type": "application/x-www-form-urlencoded"])
            #expect(posted.status == 303 && posted.header("Location") == "/alerts")
            let inbox = try await s.get("/alerts", headers: ["Cookie": session])
            #expect(inbox.text.contains("href=\"/entities/firm:F1\"") && inbox.text.contains("default: activity"), "\(inbox.text.suffix(2000))")
            let ruleForm = "csrf=\(csrf)&name=political+winners&kind=flag_filter&filter=4.1.3+%3E%3D+1&watchlist=&to_watchlist=&hops=2"
            let added = try await s.send("POST", "/rules", body: Data(ruleForm.utf8), headers: ["Cookie": session, "Content-Type": "application/x-www-form-urlencoded"])
            #expect(added.status == 303)
            #expect(try await s.get("/alerts", headers: ["Cookie": session]).text.contains("political winners"))
            let hookForm = "csrf=\(csrf)&url=https%3A%2F%2Fexample.org%2Fhook&secret=0123456789abcdef"
            #expect(try await s.send("POST", "/webhooks", body: Data(hookForm.utf8), headers: ["Cookie": session, "Content-Type": "application/x-www-form-urlencoded"]).status == 303)
            let privateForm = "csrf=\(csrf)&url=http%3A%2F%2F127.0.0.1%2Fhook&secret=0123456789abcdef"
            #expect(try await s.send("POST", "/webhooks", body: Data(privateForm.utf8), headers: ["Cookie": session, "Content-Type": "application/x-www-form-urlencoded"]).status == 400)
            let withHook = try await s.get("/alerts?since=0", headers: ["Cookie": session])
            #expect(withHook.text.contains("https://example.org/hook") && withHook.text.contains("name=\"since\" min=\"0\" value=\"0\""))
            let shareForm = "csrf=\(csrf)&list=default&with=test+admin&access=edit"
            #expect(try await s.send("POST", "/watchlists/share", body: Data(shareForm.utf8), headers: ["Cookie": session, "Content-Type": "application/x-www-form-urlencoded"]).status == 303)
            let sharedWith = try await s.get("/api/v1/watchlists", token: s.admin).decoded(WatchlistList.self)
            #expect(sharedWith.watchlists.contains { $0.name == "default" && $0.access == "edit" })
            let forged = try await s.send("POST", "/watchlists", body: Data("csrf=forged&entity=firm%3AF2".utf8), headers: ["Cookie": session, "Content-Type": "application/x-www-form-urlencoded"])
            #expect(forged.status == 403)
            let screen = try await s.get("/screen?entity=firm%3AF1&buyer=agency%3AA1", headers: ["Cookie": session])
            #expect(screen.status == 200 && screen.text.contains("Court cases") && screen.text.contains("href=\"/entities/case:J2\""), "\(screen.text.suffix(1500))")
            #expect(try await s.get("/cases", headers: ["Cookie": session]).text.contains("No cases."))
            let noAlert = try await s.send("POST", "/cases", body: Data("csrf=\(csrf)&alert=99".utf8), headers: ["Cookie": session, "Content-Type": "application/x-www-form-urlencoded"])
            #expect(noAlert.status == 404)
            let (_, viewerCookie) = try await ExplorerTests.signIn(s, s.viewer)
            #expect(try await s.get("/alerts", headers: ["Cookie": try #require(viewerCookie)]).status == 403)
            #expect(try await s.get("/screen", headers: ["Cookie": try #require(viewerCookie)]).status == 403)
        }
    }

    @Test func casesAreOpenedChangedAndReadOverHTTP() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            #expect(try await s.send("POST", "/api/v1/cases", token: s.analyst, body: Data(#"{"alerts": [999]}"#.utf8)).status == 404)
            #expect(try await s.send("POST", "/api/v1/cases", token: s.analyst, body: Data(#"{"alerts": []}"#.utf8)).status == 400)
            let list = try await s.get("/api/v1/cases?status=open", token: s.analyst)
            #expect(list.status == 200 && (list.object["cases"] as? [Any])?.isEmpty == true)
            #expect(try await s.get("/api/v1/cases?status=shut", token: s.analyst).object["parameter"] as? String == "status")
            #expect(try await s.get("/api/v1/cases/1", token: s.analyst).status == 404)
            #expect(try await s.send("POST", "/api/v1/cases/1/changes", token: s.analyst, body: Data(#"{"note": "x"}"#.utf8)).status == 404)
            #expect(try await s.get("/api/v1/cases", token: s.viewer).status == 403)
        }
    }

    @Test func aScreeningIsAnsweredOverHTTP() async throws {
        try await LiveServer.with(scanned: true) { servers in
            let s = servers[0]
            let screened = try await s.send("POST", "/api/v1/screenings", token: s.analyst, body: Data(#"{"entity": "firm:F1", "buyer": "agency:A1"}"#.utf8))
            #expect(screened.status == 200, "\(screened.text)")
            let answer = try screened.decoded(Screening.self)
            #expect(answer.entity.reference == "firm:F1" && answer.buyer?.reference == "agency:A1" && answer.cases.map(\.to) == ["case:J2"])
            #expect(Set(answer.buyerOfficials.map(\.official)) == ["person:P1"])
            #expect(try await s.send("POST", "/api/v1/screenings", token: s.analyst, body: Data(#"{"entity": "firm:NOPE"}"#.utf8)).status == 404)
            let pdf = try await s.send("POST", "/api/v1/screenings?format=pdf", token: s.analyst, body: Data(#"{"entity": "firm:F1"}"#.utf8))
            #expect(pdf.status == 200 && pdf.headers["Content-Type"] == "application/pdf" && pdf.body.starts(with: Data("%PDF".utf8)))
            let badDate = try await s.send("POST", "/api/v1/screenings", token: s.analyst, body: Data(#"{"entity": "firm:F1", "at": "2024-13-40"}"#.utf8))
            #expect(badDate.status == 400 && badDate.object["parameter"] as? String == "at")
            #expect(try await s.send("POST", "/api/v1/screenings", token: s.viewer, body: Data(#"{"entity": "firm:F1"}"#.utf8)).status == 403)
        }
    }

    @Test func webhooksAreAddedOverHTTPButNotToThisMachineOrAPrivateNetwork() async throws {
        try await LiveServer.with { servers in
            let s = servers[0]
            for url in ["http://127.0.0.1:9/hook", "http://localhost/hook", "http://10.1.2.3/", "http://[::1]/", "http://192.168.0.10/"] {
                let refused = try await s.send("POST", "/api/v1/webhooks", token: s.analyst, body: Data(#"{"url": "\#(url)", "secret": "0123456789abcdef"}"#.utf8))
                #expect(refused.status == 400 && refused.object["parameter"] as? String == "url", "\(url)")
            }
            let added = try await s.send("POST", "/api/v1/webhooks", token: s.analyst, body: Data(#"{"url": "https://example.org/hook", "secret": "0123456789abcdef"}"#.utf8))
            #expect(added.status == 201)
            let list = try await s.get("/api/v1/webhooks", token: s.analyst).decoded(WebhookList.self)
            #expect(list.webhooks.map(\.url) == ["https://example.org/hook"])
            let id = try #require(added.object["id"] as? Int)
            #expect(try await s.send("DELETE", "/api/v1/webhooks/\(id)", token: s.analyst).status == 204)
            #expect(try await s.send("DELETE", "/api/v1/webhooks/\(id)", token: s.analyst).status == 404)
            #expect(try await s.get("/api/v1/webhooks", token: s.viewer).status == 403)
        }
    }
}
