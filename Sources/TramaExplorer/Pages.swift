import Foundation
public import TramaService

/// The explorer's pages, each a function of the answers the API gives for the same question:
/// the same types, the same masking for a viewer, so a page never shows what the API would not.
public enum Pages {
    // MARK: Sign-in

    public static func login(next: String, message: String? = nil) -> HTML {
        Layout.page(title: "Sign in", user: nil, """
            <section class="sign-in">
            <h1>Sign in</h1>
            <p>Paste the API token an administrator gave you (<code>trama token create</code>). It is exchanged for a \
            session that ends when you sign out, after a while unused, or when the token is revoked; the token itself \
            is not kept by the browser.</p>
            \(message.map { "<p class=\"problem\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
            <form action="/login" method="post">
            <input type="hidden" name="next" value="\(next)">
            <label for="token">API token</label>
            <input id="token" name="token" type="password" autocomplete="off" required autofocus>
            <button type="submit">Sign in</button>
            </form>
            </section>
            """)
    }

    // MARK: Start

    public static func home(user: SignedIn, graph: (nodes: Int, edges: Int, version: Int)) -> HTML {
        Layout.page(title: "Start", user: user, section: nil, """
            <section class="start">
            <h1>Who is connected to whom?</h1>
            <form class="big-search" action="/search" method="get" role="search">
            <input type="search" name="q" placeholder="A name or an identifier: a firm, a person, an agency, a judge" aria-label="Search entities" required>
            <button type="submit">Search</button>
            </form>
            <p class="muted">The graph holds \(Layout.count(graph.nodes)) entities and \(Layout.count(graph.edges)) relationships \
            (version \(graph.version)). Names are matched by their words, typing mistakes included; an identifier exactly.</p>
            </section>
            """)
    }

    // MARK: Search

    /// Kinds offered as a facet, in the order users look for them.
    static let searchKinds = ["firm", "person", "agency", "tender", "judge", "lawyer", "court", "case", "party", "candidate", "address", "phone", "email"]

    /// `investigations` (an analyst's) offers to add chosen results to one.
    public static func search(
        _ answer: SearchAnswer?, asked: EntitySearch, datasets: [String], investigations: [InvestigationSummary]? = nil, user: SignedIn
    ) -> HTML {
        let kinds = ([""] + searchKinds).map { k -> HTML in
            "<option value=\"\(k)\"\(k == (asked.kind ?? "") ? HTML(trusted: " selected") : .empty)>\(k.isEmpty ? "any kind" : k)</option>"
        }
        let sets = ([""] + datasets).map { d -> HTML in
            "<option value=\"\(d)\"\(d == (asked.dataset ?? "") ? HTML(trusted: " selected") : .empty)>\(d.isEmpty ? "any dataset" : d)</option>"
        }
        let flaggedChoice: [(String, String)] = [("", "flagged or not"), ("true", "with red flags"), ("false", "without red flags")]
        let flagged = flaggedChoice.map { value, label -> HTML in
            let current = asked.flagged.map { $0 ? "true" : "false" } ?? ""
            return "<option value=\"\(value)\"\(value == current ? HTML(trusted: " selected") : .empty)>\(label)</option>"
        }
        let facets: HTML = """
            <form class="facets" action="/search" method="get">
            <input type="search" name="q" value="\(asked.text)" aria-label="Name or identifier" required>
            <select name="kind" aria-label="Kind">\(kinds)</select>
            <select name="dataset" aria-label="Dataset">\(sets)</select>
            <select name="flagged" aria-label="Red flags">\(flagged)</select>
            <button type="submit">Search</button>
            </form>
            """
        guard let answer else {
            return Layout.page(title: "Search", user: user, section: .search, "<h1>Search</h1>\(facets)")
        }
        let rows = answer.results.map { h -> HTML in
            let flags: HTML = h.flags > 0 ? "<span class=\"flag-count\">\(h.flags)</span>" : "<span class=\"muted\">0</span>"
            let pick: HTML = investigations == nil ? .empty
                : "<td><input type=\"checkbox\" name=\"entity\" value=\"\(h.entity.reference)\" form=\"add-results\" aria-label=\"Choose \(h.name ?? h.key)\"></td>"
            return """
                \(pick)<td>\(Layout.entity(h.entity))</td><td><span class="kind kind-\(h.kind)">\(h.kind)</span></td>\
                <td><code>\(h.key)</code></td><td>\(h.dataset)</td><td class="num">\(flags)</td>\
                <td class="muted">\(h.match == "identifier" ? "identifier" : String(format: "%.2f", h.score))</td>
                """
        }
        let results: HTML = answer.results.isEmpty
            ? "<p class=\"empty\">Nothing matches “\(answer.query)”. Try fewer words, another spelling, or an identifier.</p>"
            : Layout.table((investigations == nil ? [] : [""]) + ["Name", "Kind", "Identifier", "Dataset", "Flags", "Match"], rows, className: "results")
        let adding: HTML = investigations.map { list in
            answer.results.isEmpty ? .empty : "<div class=\"add-results\"><span class=\"muted\">Chosen results:</span> \(InvestigationsPage.addForm(entities: [], investigations: list, user: user, id: "add-results"))</div>"
        } ?? .empty
        let pager = Layout.pager(answer.page, shown: answer.results.count) { offset in
            Links.search(asked.text, kind: asked.kind, dataset: asked.dataset, flagged: asked.flagged, offset: offset)
        }
        return Layout.page(title: "“\(answer.query)”", user: user, section: .search, query: answer.query, """
            <h1>Search</h1>
            \(facets)
            <p class="summary">\(Layout.count(answer.page.total)) match\(answer.page.total == 1 ? "" : "es") for “\(answer.query)”</p>
            \(results)
            \(adding)
            \(pager)
            """)
    }
}
