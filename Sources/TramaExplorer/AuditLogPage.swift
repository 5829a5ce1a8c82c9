import Foundation
public import TramaService

/// The audit log for admins: who (which token) looked at which entity, when, through which
/// page or endpoint — filtered by token or entity, and its hash chain checked on request.
public enum AuditLogPage {
    public static func page(
        _ entries: [AuditEntry], page: Page, token: Int?, entity: String?, tokens: [AccessToken], sessions: [Int: Int], verification: AuditVerification?, user: SignedIn
    ) -> HTML {
        let names = Dictionary(tokens.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func who(_ id: Int?) -> String {
            guard let id else { return "—" }
            func name(_ id: Int) -> String { names[id].map { $0.name.isEmpty ? "token \(id)" : $0.name } ?? "token \(id)" }
            if let parent = sessions[id] { return "\(name(parent)) (session)" }
            return name(id)
        }
        let rows = entries.map { e -> HTML in
            let shown = e.entities.prefix(8).map { r -> HTML in "<a href=\"\(Links.with("/audit", [("entity", r)]))\"><code>\(r)</code></a> " }
            let more = e.entities.count > 8 ? " and \(e.entities.count - 8) more" : ""
            let tokenLink = e.tokenID.map { id in Links.with("/audit", [("token", String(id))]) } ?? "/audit"
            return """
                <td class="num">\(String(e.id))</td><td>\(String(e.at.prefix(19)).replacingOccurrences(of: "T", with: " "))</td>\
                <td><a href="\(tokenLink)">\(who(e.tokenID))</a></td><td><code>\(e.endpoint)</code></td><td class="num">\(e.status)</td><td>\(shown)\(more)</td>
                """
        }
        let check: HTML = verification.map { v in
            v.ok
                ? "<p class=\"notice\" role=\"status\">The hash chain is intact: \(Layout.count(v.rowsChecked)) rows checked.</p>"
                : "<p class=\"problem\" role=\"alert\">The hash chain is broken at row \(String(v.firstBrokenID ?? 0)): \(v.reason ?? "") (\(Layout.count(v.rowsChecked)) rows before it verified).</p>"
        } ?? "<p><a class=\"button\" href=\"\(Links.with("/audit", [("verify", "true"), ("token", token.map(String.init)), ("entity", entity)]))\">Check the hash chain</a></p>"
        let pager = Layout.pager(page, shown: entries.count) { offset in
            Links.with("/audit", [("token", token.map(String.init)), ("entity", entity), ("offset", offset > 0 ? String(offset) : nil)])
        }
        return Layout.page(title: "Audit", user: user, section: .audit, """
            <h1>Audit log</h1>
            <p class="summary">Who looked at which entity, newest first. Entities are recorded as references only, never \
            their names; each row is chained to the previous one by a hash, so an edited or deleted row shows.</p>
            <form class="facets" action="/audit" method="get">
            <label>Token number <input type="number" name="token" min="1" value="\(token.map(String.init))"></label>
            <label>Entity <input type="text" name="entity" value="\(entity)" placeholder="kind:key"></label>
            <button type="submit">Filter</button>
            </form>
            \(check)
            \(rows.isEmpty ? HTML("<p class=\"empty\">No entries.</p>") : Layout.table(["Row", "When (UTC)", "Who", "Asked", "Status", "Entities"], rows, className: "audit"))
            \(pager)
            """)
    }
}
