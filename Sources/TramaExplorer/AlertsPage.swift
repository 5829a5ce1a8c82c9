import Foundation
public import TramaService

/// The analyst's inbox: what their rules found new or gone on each new graph, with the
/// evidence; and their watchlists, with the forms that watch and unwatch an entity (each a
/// POST carrying the session's CSRF value).
public struct AlertsPage: Sendable {
    public var alerts: AlertList
    public var watchlists: WatchlistList
    public var rules: WatchRuleList
    public var webhooks: WebhookList
    /// The inbox's filters: alerts of imports after `since`, of rule `rule`.
    public var since: Int?
    public var rule: Int?

    public init(alerts: AlertList, watchlists: WatchlistList, rules: WatchRuleList, webhooks: WebhookList, since: Int? = nil, rule: Int? = nil) {
        self.alerts = alerts
        self.watchlists = watchlists
        self.rules = rules
        self.webhooks = webhooks
        self.since = since
        self.rule = rule
    }

    /// An alert's evidence as a list: each relationship with its dataset and source record,
    /// each flag with its run.
    static func evidence(_ e: AlertEvidence) -> HTML {
        let ties = (e.relationships ?? []).map { r -> HTML in
            let from = Layout.entity(EntityInfo(reference: r.from, name: nil)), to = Layout.entity(EntityInfo(reference: r.to, name: nil))
            return "<li>\(from) <span class=\"kind\">\(r.kind)</span> \(to) <span class=\"muted\">\(r.dataset) · \(r.source)</span></li>"
        }
        let flags = (e.flags ?? []).map { f -> HTML in
            "<li><span class=\"indicator\">\(f.indicator)</span> \(Layout.figure(f.value)) <span class=\"muted\">\(f.analysis) run \(f.run)</span></li>"
        }
        return "<ul class=\"evidence\">\(ties)\(flags)</ul>"
    }

    public func html(user: SignedIn) -> HTML {
        let rows = alerts.alerts.map { a -> HTML in
            return """
                <td>\(String(a.createdAt.prefix(16)).replacingOccurrences(of: "T", with: " "))</td><td>\(a.ruleName)</td>\
                <td class="change-\(a.change)">\(a.change)</td><td>\(a.summary)\(Self.evidence(a.evidence))</td>\
                <td class="num">\(a.import.map(String.init) ?? "")</td>\
                <td><form class="inline-form open-case" action="/cases" method="post"><input type="hidden" name="csrf" value="\(user.csrf)">\
                <input type="hidden" name="alert" value="\(a.id)"><button type="submit">Open a case</button></form></td>
                """
        }
        let pager = Layout.pager(alerts.page, shown: alerts.alerts.count) { offset in
            Links.with("/alerts", [("since", since.map(String.init)), ("rule", rule.map(String.init)), ("offset", offset > 0 ? String(offset) : nil)])
        }
        let ruleOptions = rules.rules.map { r -> HTML in
            "<option value=\"\(r.id)\"\(r.id == rule ? HTML(trusted: " selected") : .empty)>\(r.name)</option>"
        }
        let filters: HTML = """
            <form class="facets" action="/alerts" method="get">
            <label>After import <input type="number" name="since" min="0" value="\(since.map(String.init) ?? "")"></label>
            <label>Rule <select name="rule"><option value="">every rule</option>\(ruleOptions)</select></label>
            <button type="submit">Show</button>
            </form>
            """
        let hooks = webhooks.webhooks.map { w -> HTML in
            """
            <td><code>\(w.url)</code></td><td class="num">\(w.delivered)</td><td class="num">\(w.pending)</td><td class="num">\(w.failed)</td>\
            <td><form class="inline-form" action="/webhooks/remove" method="post"><input type="hidden" name="csrf" value="\(user.csrf)">\
            <input type="hidden" name="id" value="\(w.id)"><button type="submit">Remove</button></form></td>
            """
        }
        let inbox: HTML = rows.isEmpty
            ? "<p class=\"empty\">No alerts yet. Watch an entity below: after the next import, what is new about it shows here.</p>"
            : "\(Layout.table(["Raised (UTC)", "Rule", "Change", "What", "Import", ""], rows, className: "alerts"))\(pager)"
        let lists = watchlists.watchlists.map { w -> HTML in
            let entities = w.entities.map { e -> HTML in
                let remove: HTML = w.access == "read" ? .empty : """
                    <form class="inline-form" action="/watchlists/remove" method="post"><input type="hidden" name="csrf" value="\(user.csrf)">\
                    <input type="hidden" name="list" value="\(w.name)"><input type="hidden" name="entity" value="\(e)">\
                    <button type="submit">Unwatch</button></form>
                    """
                return "<li>\(Layout.entity(EntityInfo(reference: e, name: nil))) \(remove)</li>"
            }
            let share: HTML = w.access != "owner" ? .empty : """
                <form class="inline-form share-form" action="/watchlists/share" method="post"><input type="hidden" name="csrf" value="\(user.csrf)">\
                <input type="hidden" name="list" value="\(w.name)">\
                <label>Share with <input type="text" name="with" required maxlength="200" placeholder="a user's name or #number"></label>\
                <select name="access" aria-label="Access"><option value="read">to read</option><option value="edit">to edit</option>\
                <option value="none">(take back)</option></select><button type="submit">Share</button></form>
                """
            return "<section class=\"watchlist\"><h3>\(w.name) <span class=\"muted\">\(w.access == "owner" ? "yours" : "\(w.owner)'s · \(w.access)")</span></h3><ul>\(entities)</ul>\(share)</section>"
        }
        let ruleRows = rules.rules.map { r -> HTML in
            "<td class=\"num\">\(r.id)</td><td>\(r.name)</td><td>\(r.kind.rawValue)</td><td>\(r.evaluatedAt.map { String($0.prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "not yet")</td>"
        }
        return Layout.page(title: "Alerts", user: user, section: .alerts, """
            <h1>Alerts</h1>
            <p class="muted"><a href="/cases">Cases</a> · <a href="/screen">Screen a supplier before an award</a></p>
            <p class="summary">After every import, each rule is asked again and only what is new (or gone) since the graph before \
            shows here: a pattern to review, with the import that caused it and its evidence.</p>
            \(filters)
            \(inbox)
            <h2>Watchlists</h2>
            \(lists.isEmpty ? "<p class=\"empty\">You watch nothing yet.</p>" as HTML : HTML(trusted: lists.map(\.description).joined()))
            <form class="inline-form" action="/watchlists" method="post">
            <input type="hidden" name="csrf" value="\(user.csrf)">
            <label>Entity <input type="text" name="entity" required maxlength="1000" placeholder="firm:F1 or a name"></label>
            <label>List <input type="text" name="list" maxlength="200" placeholder="default"></label>
            <button type="submit">Watch</button>
            </form>
            <p class="muted">Watching applies the list's own rules: new owners, directors and shared owners, and bids, wins, sanctions, \
            donations and cases.</p>
            <h2>Rules</h2>
            \(ruleRows.isEmpty ? "<p class=\"empty\">No rules.</p>" as HTML : Layout.table(["#", "Rule", "Kind", "Last evaluated (UTC)"], ruleRows, className: "rules"))
            <form class="inline-form rule-form" action="/rules" method="post">
            <input type="hidden" name="csrf" value="\(user.csrf)">
            <label>Name <input type="text" name="name" required maxlength="200"></label>
            <label>Kind <select name="kind"><option value="flag_filter">red flags matching a filter</option>\
            <option value="connection">a connection between two lists</option><option value="control">new owners or directors of a list</option>\
            <option value="activity">activity of a list's entities</option></select></label>
            <label>Filter <input type="text" name="filter" maxlength="1000" placeholder="2.7.1 >= 1 and 4.1.3"></label>
            <label>List <input type="text" name="watchlist" maxlength="200" placeholder="default"></label>
            <label>To list <input type="text" name="to_watchlist" maxlength="200"></label>
            <label>Hops <input type="number" name="hops" min="1" max="6" value="2"></label>
            <button type="submit">Add rule</button>
            </form>
            <p class="muted">A filter rule needs a filter (and a list, or none for every entity); a connection, two lists and the hops; \
            control and activity, a list. A new rule starts quiet: its first evaluation records what holds.</p>
            <h2>Webhooks</h2>
            \(hooks.isEmpty ? "<p class=\"empty\">No webhooks.</p>" as HTML : Layout.table(["URL", "Delivered", "Pending", "Failed", ""], hooks, className: "webhooks"))
            <form class="inline-form" action="/webhooks" method="post">
            <input type="hidden" name="csrf" value="\(user.csrf)">
            <label>URL <input type="url" name="url" required maxlength="2000" placeholder="https://example.org/trama"></label>
            <label>Secret <input type="password" name="secret" required minlength="16" maxlength="200" autocomplete="off"></label>
            <button type="submit">Add webhook</button>
            </form>
            <p class="muted">Each new alert is POSTed as JSON, signed: <code>Trama-Signature: sha256=</code> the HMAC-SHA-256 of the body \
            under the secret; retried with backoff until the receiver answers 2xx.</p>
            """)
    }
}
