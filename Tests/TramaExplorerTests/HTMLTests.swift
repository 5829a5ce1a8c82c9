import Foundation
import Testing
import TramaExplorer
import TramaService

@Suite("Explorer pages: text from the data is escaped, links are the pages' own")
struct HTMLTests {
    @Test func interpolatedTextIsEscapedAndTheOwnMarkupIsNot() {
        let name = "<script>alert('x')</script> & \"Sons\""
        let html: HTML = "<p title=\"\(name)\">\(name)</p>"
        #expect(html.text == "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Sons&quot;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Sons&quot;</p>")
        let nested: HTML = "<div>\(html)</div>"
        #expect(nested.text == "<div>" + html.text + "</div>", "HTML inside HTML is not escaped twice")
        let absent: String? = nil
        #expect(("<i>\(absent)</i>" as HTML).text == "<i></i>")
    }

    @Test func entityLinksKeepTheReferenceReadableAndEncodeTheRest() {
        #expect(Links.entity("firm:F0000123") == "/entities/firm:F0000123")
        #expect(Links.entity("person:Ana María/1 ?#") == "/entities/person:Ana%20Mar%C3%ADa%2F1%20%3F%23")
        #expect(Links.search("Alfa & Obras", kind: "firm", offset: 20) == "/search?q=Alfa%20%26%20Obras&kind=firm&offset=20")
    }

    @Test func aSignInSendsBackOnlyToThisSite() {
        #expect(Links.isLocal("/entities/firm:F1?at=2020-01-01"))
        for far in ["//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "", "/a\nLocation: x"] {
            #expect(!Links.isLocal(far), "\(far)")
        }
    }

    @Test func aSearchPageShowsAFirmNamedWithMarkupAsText() {
        let user = SignedIn(role: .analyst, name: "desk <b>", csrf: "c0ffee")
        var asked = EntitySearch(text: "<img src=x onerror=alert(1)>")
        asked.limit = 20
        let hit = SearchAnswer.Hit(key: "F<1>", kind: "firm", name: "<script>alert(1)</script>", dataset: "d", match: "name", score: 0.5, flags: 2)
        let answer = SearchAnswer(query: asked.text, page: Page(total: 41, limit: 20, offset: 20), results: [hit])
        let page = Pages.search(answer, asked: asked, datasets: ["d"], user: user).text
        #expect(!page.contains("<script>alert") && !page.contains("<img src=x"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("href=\"/entities/firm:F%3C1%3E\""))
        #expect(page.contains("21–21 of 41") && page.contains("rel=\"prev\"") && page.contains("rel=\"next\""))
        #expect(page.contains("name=\"csrf\" value=\"c0ffee\""), "the sign-out form carries the CSRF value")
        #expect(!page.contains("<script>") || page.components(separatedBy: "<script").count == 2, "only the site's own script tag")
    }

    @Test func aJudgesPageListsTheLawFirmsBeforeTheJudgeWithTheirSidesAndSaysWhenTheSampleIsTooSmall() throws {
        let user = SignedIn(role: .analyst, name: "desk", csrf: "c0ffee")
        var page = JudgesPage.Judge(judge: EntityInfo(reference: "judge:fjc:1392341", name: "William Keith Watkins"), map: nil, cases: 1)
        page.firms = try JSONDecoder().decode(JudgeFirms.self, from: Data("""
            {"judge": "judge:fjc:1392341", "page": {"total": 7, "limit": 1, "offset": 0}, "firms": [{"firm": "law_firm:FONTENEAU ARNOLD",
             "firm_name": "Fonteneau & Arnold, <LLC>", "judge": "judge:fjc:1392341", "judge_name": "William Keith Watkins",
             "courts": ["court:almd"], "cases": 1, "appearances": 1, "lawyers": 1, "roles": [{"role": "Plaintiff", "cases": 1}],
             "first_filed": "2008-11-10", "last_filed": "2008-11-10"}]}
            """.utf8))
        page.profile = try JSONDecoder().decode(JudgeProfileDocument.self, from: Data("""
            {"judge": "judge:fjc:1392341", "caseload": {"cases": 1, "decided": 1, "pending": 0, "median_days_to_decision": 102},
             "outcomes": [], "verdict": "No verdict: no peers with 20 cases between them to compare with."}
            """.utf8))
        let html = JudgesPage.judge(page, user: user).text
        #expect(html.contains("Law firms before the judge <span class=\"count\">7</span>"))
        #expect(html.contains("Fonteneau &amp; Arnold, &lt;LLC&gt;") && html.contains("<td>Plaintiff 1</td>") && html.contains("<td>2008-11-10</td>"))
        #expect(html.contains("1 of 7 firms shown"))
        #expect(html.contains("No verdict: no peers with 20 cases"))
    }
}
