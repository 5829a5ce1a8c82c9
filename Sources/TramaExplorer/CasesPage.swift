import Foundation
public import TramaService

/// Cases: the user's list, and one case with its alerts, its history and the form that changes
/// it (status, assignee, a note), each a POST carrying the session's CSRF value.
public enum CasesPage {
    public static func list(_ list: CaseList, user: SignedIn) -> HTML {
        let rows = list.cases.map { c -> HTML in
            """
            <td class="num">\(c.id)</td><td><a href="/cases/\(c.id)">\(c.title)</a></td><td class="status-\(c.status.rawValue)">\(c.status.rawValue.replacingOccurrences(of: "_", with: " "))</td>\
            <td>\(c.assignee ?? "")</td><td>\(String(c.updatedAt.prefix(16)).replacingOccurrences(of: "T", with: " "))</td>
            """
        }
        return Layout.page(title: "Cases", user: user, section: .alerts, """
            <h1>Cases</h1>
            <p class="summary">Alerts opened for review: yours and those assigned to you. Open one from an alert in the <a href="/alerts">inbox</a>.</p>
            \(rows.isEmpty ? "<p class=\"empty\">No cases.</p>" as HTML : Layout.table(["#", "Case", "Status", "Assignee", "Changed (UTC)"], rows, className: "cases"))
            """)
    }

    public static func page(_ c: Case, user: SignedIn) -> HTML {
        let alerts = c.alerts.map { a -> HTML in
            "<td class=\"num\">\(a.id)</td><td>\(a.ruleName)</td><td>\(a.summary)\(AlertsPage.evidence(a.evidence))</td><td class=\"num\">\(a.import.map(String.init) ?? "")</td>"
        }
        let history = c.history.map { e -> HTML in
            "<td>\(String(e.at.prefix(16)).replacingOccurrences(of: "T", with: " "))</td><td>\(e.by ?? "")</td><td>\(e.change)</td><td>\(e.detail)</td>"
        }
        let options = Case.Status.allCases.map { s -> HTML in
            "<option value=\"\(s.rawValue)\"\(s == c.status ? HTML(trusted: " selected") : .empty)>\(s.rawValue.replacingOccurrences(of: "_", with: " "))</option>"
        }
        return Layout.page(title: "Case \(c.id)", user: user, section: .alerts, """
            <h1>\(c.title)</h1>
            <p class="summary">Case \(c.id) · <span class="status-\(c.status.rawValue)">\(c.status.rawValue.replacingOccurrences(of: "_", with: " "))</span>\
            \(c.assignee.map { " · assigned to \($0)" } ?? "") · opened by \(c.owner)</p>
            <form class="case-form" action="/cases/\(c.id)" method="post">
            <input type="hidden" name="csrf" value="\(user.csrf)">
            <label>Status <select name="status">\(options)</select></label>
            <label>Assignee <input type="text" name="assignee" maxlength="200" value="\(c.assignee ?? "")"></label>
            <label>Note <textarea name="note" rows="2" maxlength="4000"></textarea></label>
            <label>Evidence report <input type="text" name="report" maxlength="1000" placeholder="trama evidence … --as-of N --reproducible"></label>
            <button type="submit">Save</button>
            </form>
            <p class="muted">Closing as unfounded keeps these alerts quiet on later imports unless their evidence changes.</p>
            <h2>Alerts</h2>
            \(Layout.table(["#", "Rule", "What", "Import"], alerts, className: "alerts"))
            \(c.reports.isEmpty ? .empty : "<h2>Evidence reports</h2><ul class=\"reports\">\(c.reports.map { "<li><code>\($0)</code></li>" as HTML })</ul>" as HTML)
            <h2>History</h2>
            \(Layout.table(["When (UTC)", "Who", "Change", "Detail"], history, className: "history"))
            """)
    }
}
