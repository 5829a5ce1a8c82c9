import Foundation
public import TramaService

/// Who owns an entity (or what it holds), up (or down) every chain: each party with its
/// effective share, marked natural person or ultimate, its chains hop by hop with their shares,
/// dates and source records, and the chains drawn.
public enum OwnershipPage {
    public static func page(_ answer: OwnershipAnswer, map: String?, at: String?, user: SignedIn) -> HTML {
        let ref = answer.entity.reference
        let owners = answer.listName == "owners"
        let rows = answer.parties.map { p -> HTML in
            let share = p.effectiveShare.map { String(format: "%.4g%%", $0) + (p.shareComplete ? "" : " or more") } ?? "unknown"
            let marks = [p.naturalPerson ? "natural person" : nil, p.ultimate ? (owners ? "ultimate owner" : "ends the chain") : nil].compactMap { $0 }
            let chains = p.chains.map { c -> HTML in
                let hops = zip(c.entities.dropFirst(), c.hops).map { e, h -> HTML in
                    let dates = h.edge.validFrom == nil && h.edge.validTo == nil ? "" : " \(h.edge.validFrom ?? "…")–\(h.edge.validTo ?? "…")"
                    return " \(owners ? "←" : "→") <span class=\"relation\">\(h.edge.kind)\(h.share.map { String(format: " %.4g%%", $0) })\(dates)</span> <code class=\"source\">\(h.edge.source)</code> \(owners ? "←" : "→") \(Layout.entity(e))"
                }
                return "<li><strong>\(c.share.map { String(format: "%.4g%%", $0) } ?? "?")</strong>:\(hops)</li>"
            }
            return "<td>\(Layout.entity(p.entity))</td><td class=\"num\">\(share)</td><td>\(marks.joined(separator: ", "))</td><td><ol class=\"chains\">\(chains)</ol></td>"
        }
        let other = owners ? "holdings" : "owners"
        let picture: HTML = map.map { "<figure class=\"map\">\(HTML(trusted: EntityPage.inlineSVG($0)))</figure>" } ?? .empty
        return Layout.page(title: "\(owners ? "Owners" : "Holdings") of \(answer.entity.name ?? ref)", user: user, """
            <p><a href="\(Links.entity(ref))">← \(answer.entity.name ?? ref)</a> · <a href="\(Links.with(Links.entity(ref) + "/" + other, [("at", at)]))">its \(other)</a></p>
            <h1>\(owners ? "Owners" : "Holdings") of \(answer.entity.name ?? ref)</h1>
            <form class="map-controls" action="\(Links.entity(ref))/\(answer.listName)" method="get">
            <label>As of <input type="date" name="at" value="\(at)"></label><button type="submit">Recompute</button>
            </form>
            <p class="summary">\(answer.parties.count) \(owners ? "owners" : "holdings") up to \(OwnershipQuery.defaultDepth) links away\
            \(answer.at.map { ", on \($0)" } ?? ", at any date") (shareholdings, control, board seats). An effective share multiplies \
            the shares along a chain and adds over distinct chains; a stake stating no share leaves it unknown.\
            \(answer.truncated ? " The chains were cut short at \(OwnershipQuery.chainLimit)." : "")</p>
            \(picture)
            \(rows.isEmpty ? HTML("<p class=\"empty\">None found.</p>") : Layout.table([owners ? "Owner" : "Holding", "Effective share", "", "Chains (share, each link with its source)"], rows, className: "ownership"))
            """)
    }
}
