import Foundation
public import TramaService

/// Saved investigations: the list of a user's own and shared ones, and one investigation's
/// page — its map, its entities with their pins and notes, and the forms that change it (each
/// a POST to the investigation's address carrying the session's CSRF value).
public enum InvestigationsPage {
    public static func list(_ list: InvestigationList, user: SignedIn) -> HTML {
        let rows = list.investigations.map { i -> HTML in
            """
            <td><a href="/investigations/\(i.id)">\(i.name)</a></td><td>\(i.access == .owner ? "yours" : "\(i.ownerName.isEmpty ? "token \(i.id)" : i.ownerName) · \(i.access.rawValue)")</td>\
            <td class="num">\(i.entities)</td><td>\(String(i.updatedAt.prefix(16)).replacingOccurrences(of: "T", with: " "))</td>
            """
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\">No investigations yet. Start one here, or from an entity's page.</p>"
            : Layout.table(["Investigation", "Owner · access", "Entities", "Changed (UTC)"], rows, className: "investigations")
        return Layout.page(title: "Investigations", user: user, section: .investigations, """
            <h1>Investigations</h1>
            <p class="summary">Saved sets of entities and the relationships among them: build one from search and entity \
            pages, expand it a neighbour at a time, note what you find, share it to read or edit.</p>
            \(table)
            <h2>New investigation</h2>
            <form class="inline-form" action="/investigations" method="post">
            <input type="hidden" name="csrf" value="\(user.csrf)">
            <label>Name <input type="text" name="name" required maxlength="200"></label>
            <button type="submit">Create</button>
            </form>
            """)
    }

    public static func page(
        _ inv: Investigation, map: String?, others: [InvestigationSummary], outcome: InvestigationChange.Outcome?, action: String?, user: SignedIn
    ) -> HTML {
        let base = "/investigations/\(inv.id)"
        let canEdit = inv.access >= .edit
        func form(_ action: InvestigationChange.Action, _ fields: HTML, button: String, className: String = "inline-form") -> HTML {
            """
            <form class="\(className)" action="\(base)" method="post">\
            <input type="hidden" name="csrf" value="\(user.csrf)"><input type="hidden" name="action" value="\(action.rawValue)">\
            \(fields)<button type="submit">\(button)</button></form>
            """
        }
        let rows = inv.entities.map { m -> HTML in
            let ref = m.reference
            let hidden: HTML = "<input type=\"hidden\" name=\"entity\" value=\"\(ref)\">"
            let name: HTML = m.inData ? Layout.entity(m.entity) : "<span class=\"muted\">\(ref) (no longer in the data)</span>"
            let tools: HTML = canEdit
                ? """
                \(form(.annotate, "\(hidden)<input type=\"hidden\" name=\"pinned\" value=\"\(m.pinned ? "false" : "true")\">", button: m.pinned ? "Unpin" : "Pin"))\
                \(m.inData ? form(.expand, "\(hidden)<input type=\"hidden\" name=\"at\" value=\"\(inv.at)\">", button: "Expand") : .empty)\
                \(form(.remove, hidden, button: "Remove"))
                """
                : .empty
            let note: HTML = canEdit
                ? form(.annotate, "\(hidden)<textarea name=\"note\" rows=\"1\" maxlength=\"4000\" aria-label=\"Note on \(m.name ?? ref)\">\(m.note)</textarea>", button: "Save", className: "note-form")
                : "<span class=\"note\">\(m.note)</span>"
            return "<td>\(m.pinned ? HTML(trusted: "<span class=\"pin\" title=\"pinned\">📌</span> ") : .empty)\(name)</td><td>\(m.kind)</td><td>\(note)</td><td class=\"tools\">\(tools)</td>"
        }
        let picture: HTML = map.map { "<figure class=\"map\">\(HTML(trusted: EntityPage.inlineSVG($0)))</figure>" }
            ?? "<p class=\"muted\">Nothing to draw yet: add entities.</p>"
        let done: HTML = outcome.map { o in
            let what: String = switch action {
            case "expand": "Added \(o.changed) neighbour\(o.changed == 1 ? "" : "s")" + (o.more > 0 ? "; \(o.more) more left out (expand again, or remove some first)" : "") + "."
            case "merge": "Merged: \(o.changed) entit\(o.changed == 1 ? "y" : "ies") new to this investigation."
            case "add": o.changed == 0 ? "Already in this investigation." : "Added."
            case "clear": "Removed \(o.changed) unpinned entit\(o.changed == 1 ? "y" : "ies")."
            default: "Saved."
            }
            return "<p class=\"notice\" role=\"status\">\(what)</p>"
        } ?? .empty
        let downloads = ["svg", "png", "pdf"].map { f -> HTML in
            "<a class=\"button\" href=\"\(Links.with("\(base)/map.\(f)", [("at", inv.at)]))\" download>\(f.uppercased())</a>"
        }
        var panels: [HTML] = []
        if canEdit {
            panels.append("""
                <section><h2>Add an entity</h2>\
                \(form(.add, "<label>Entity <input type=\"text\" name=\"entities\" required placeholder=\"kind:key, e.g. firm:F1\" list=\"suggestions\" data-suggest autocomplete=\"off\"></label><datalist id=\"suggestions\"></datalist>", button: "Add"))\
                \(form(.clear, .empty, button: "Remove every unpinned entity"))</section>
                """)
            let mergeable = others.filter { $0.id != inv.id }
            if !mergeable.isEmpty {
                let options = mergeable.map { o -> HTML in "<option value=\"\(o.id)\">\(o.name) (\(o.entities))</option>" }
                panels.append("<section><h2>Merge another investigation into this one</h2>\(form(.merge, "<select name=\"other\" aria-label=\"Investigation to merge\">\(options)</select>", button: "Merge"))</section>")
            }
        }
        if inv.access == .owner {
            let shares = inv.shares.map { s -> HTML in
                "<li>\(s.name.isEmpty ? "token \(s.tokenID)" : s.name) · \(s.access.rawValue) \(form(.share, "<input type=\"hidden\" name=\"with\" value=\"#\(s.tokenID)\"><input type=\"hidden\" name=\"access\" value=\"none\">", button: "Stop sharing"))</li>"
            }
            panels.append("""
                <section><h2>Sharing</h2>\
                \(shares.isEmpty ? HTML("<p class=\"muted\">Not shared.</p>") : "<ul class=\"shares\">\(shares)</ul>")\
                \(form(.share, "<label>With <input type=\"text\" name=\"with\" required placeholder=\"token name or #number\"></label><select name=\"access\" aria-label=\"Access\"><option value=\"read\">read</option><option value=\"edit\">edit</option></select>", button: "Share"))\
                \(form(.rename, "<label>Name <input type=\"text\" name=\"name\" value=\"\(inv.name)\" required maxlength=\"200\"></label>", button: "Rename"))\
                <form class="inline-form danger" action="\(base)/delete" method="post"><input type="hidden" name="csrf" value="\(user.csrf)">\
                <button type="submit" data-confirm="Delete this investigation for everyone it is shared with?">Delete investigation</button></form></section>
                """)
        }
        let owner = inv.access == .owner ? "yours" : "by \(inv.ownerName.isEmpty ? "token \(inv.ownerID)" : inv.ownerName), shared with you to \(inv.access.rawValue)"
        return Layout.page(title: inv.name, user: user, section: .investigations, """
            <p><a href="/investigations">← all investigations</a></p>
            <h1>\(inv.name)</h1>
            <p class="summary">\(inv.entities.count) entities · \(inv.relationships.count) relationships among them · \(owner) · \
            changed \(String(inv.updatedAt.prefix(16)).replacingOccurrences(of: "T", with: " ")) UTC</p>
            \(done)
            <form class="map-controls" action="\(base)" method="get">
            <label>As of <input type="date" name="at" value="\(inv.at)"></label><button type="submit">Redraw</button>
            <span class="downloads">Download the map: \(downloads)</span>
            </form>
            \(Layout.downloads("Export its entities and the relationships among them", Links.exports(base, [("at", inv.at)])))
            \(picture)
            <h2>Entities <span class="count">\(inv.entities.count)</span></h2>
            \(rows.isEmpty ? HTML("<p class=\"muted\">None yet.</p>") : Layout.table(["Entity", "Kind", "Note", ""], rows, className: "members"))
            <div class="panels">\(panels)</div>
            """)
    }

    /// The form an entity's page and the search results carry: add to an investigation the
    /// user may edit, or to a new one.
    public static func addForm(entities: [String], investigations: [InvestigationSummary], user: SignedIn, id: String? = nil) -> HTML {
        let editable = investigations.filter { $0.access >= .edit }
        let options = editable.map { i -> HTML in "<option value=\"\(i.id)\">\(i.name)</option>" }
        let hidden = entities.map { e -> HTML in "<input type=\"hidden\" name=\"entity\" value=\"\(e)\">" }
        return """
            <form class="add-to-investigation"\(id.map { HTML(trusted: " id=\"\(HTML.escape($0))\"") } ?? .empty) action="/investigations" method="post">\
            <input type="hidden" name="csrf" value="\(user.csrf)">\(hidden)\
            <select name="id" aria-label="Investigation">\(options)<option value="new">a new investigation named…</option></select> \
            <input type="text" name="name" placeholder="name (for a new one)" maxlength="200" aria-label="New investigation's name"> \
            <button type="submit">Add to investigation</button></form>
            """
    }
}
