import Foundation
public import TramaService

/// The latest collusion scan's bidder rings: firms that co-bid and share owners, employees or
/// registration data (GRAS 2.6–2.8) or keep losing to the same winners (2.1) — ranked by the
/// value they won, each with its map, firms, ties and the source rows behind each tie.
public enum RingsPage {
    public static func list(_ report: RunReport<BidderRing>, user: SignedIn) -> HTML {
        let rows = report.items.map { r -> HTML in
            let names = zip(r.firms, r.names).prefix(4).map { firm, name -> HTML in Layout.entity(EntityInfo(kind: "firm", key: Self.key(firm), name: name)) }
            let more = r.firms.count > 4 ? " and \(r.firms.count - 4) more" : ""
            return """
                <td><a href="/rings/\(r.id)">\(r.id)</a></td><td class="num">\(Self.money(r.value))</td><td class="num">\(r.firms.count)</td>\
                <td>\(names.map { "\($0) " as HTML })\(more)</td><td class="num">\(r.tenders)</td><td class="num">\(r.agencies.count)</td>\
                <td>\(Set(r.links.map(\.indicator)).sorted().joined(separator: ", "))</td>
                """
        }
        let table: HTML = report.items.isEmpty
            ? "<p class=\"empty\">The latest scan found no rings.</p>"
            : Layout.table(["Ring", "Value won", "Firms", "Firms (first four)", "Tenders", "Agencies", "GRAS"], rows, className: "rings")
        return Layout.page(title: "Rings", user: user, section: .rings, """
            <h1>Bidder rings</h1>
            <p class="summary">Collusion scan \(report.header.run) of \(String(report.header.startedAt.prefix(16))) · \
            \(Layout.count(report.items.count)) ring\(report.items.count == 1 ? "" : "s"), by the value their firms won. \
            Patterns to review, not findings.</p>
            \(CollusionTabs.nav(.rings))
            \(table)
            \(user.role >= .analyst ? JobsPage.scanForm(user: user) : .empty)
            """)
    }

    public static func ring(_ r: BidderRing, run: RunHeader, map: String?, user: SignedIn) -> HTML {
        let name = Dictionary(zip(r.firms, r.names).map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        func firm(_ f: String) -> HTML { Layout.entity(EntityInfo(kind: "firm", key: Self.key(f), name: name[f] ?? nil)) }
        let ties = r.links.map { t -> HTML in
            let via: HTML = t.via.map { v in "<a href=\"\(Links.entity(v))\">\(t.viaName ?? v)</a>" } ?? .empty
            let what = t.kind.replacingOccurrences(of: "_", with: " ") + (t.times.map { " (\($0) times)" } ?? "")
            return """
                <td><span class="indicator">\(t.indicator)</span></td><td>\(what)</td><td>\(t.firms.map(firm).map { "\($0) " as HTML })</td>\
                <td>\(via)</td><td class="num">\(t.coBids)</td><td class="source">\(t.sources.prefix(6).joined(separator: " · "))\(t.sources.count > 6 ? " …" : "")</td>
                """
        }
        let picture: HTML = map.map { "<figure class=\"map\">\(HTML(trusted: EntityPage.inlineSVG($0)))</figure>" } ?? .empty
        let tenders = r.tenderKeys.prefix(50).map { t -> HTML in "<li><a href=\"\(Links.entity(t.contains(":") ? t : "tender:" + t))\"><code>\(t)</code></a></li>" }
        let agencies = r.agencies.map { a -> HTML in "<li><a href=\"\(Links.entity(a.contains(":") ? a : "agency:" + a))\"><code>\(a)</code></a></li>" }
        return Layout.page(title: r.id, user: user, section: .rings, """
            <p><a href="/rings">← all rings</a></p>
            <h1>\(r.id)</h1>
            <p class="summary">\(r.firms.count) firms won \(Self.money(r.value)) in \(r.tenders) tenders they co-bid in\
            \(r.period.from.map { ", \($0)" })\(r.period.to.map { " – \($0)" }) · collusion scan \(run.run)</p>
            \(picture)
            \(user.role >= .analyst ? Layout.downloads("Export the ring", Links.exports("/rings/\(r.id)")) : .empty)
            <h2>Firms</h2>
            <p><strong>Winners:</strong> \(r.winners.map(firm).map { "\($0) " as HTML })</p>
            <p><strong>Losers:</strong> \(r.losers.map(firm).map { "\($0) " as HTML })</p>
            <h2>Ties <span class="count">\(r.links.count)</span></h2>
            \(Layout.table(["GRAS", "Tie", "Firms", "Through", "Co-bids", "Source rows"], ties, className: "ties-table"))
            <h2>Tenders <span class="count">\(r.tenders)</span></h2>
            <ul class="columns">\(tenders)</ul>\(r.tenderKeys.count > 50 ? HTML(trusted: "<p class=\"more\">and \(r.tenderKeys.count - 50) more</p>") : .empty)
            <h2>Agencies <span class="count">\(r.agencies.count)</span></h2>
            <ul class="columns">\(agencies)</ul>
            """)
    }

    /// A firm's key from the ring's reference (`firm:F1` or `F1`).
    static func key(_ firm: String) -> String { firm.hasPrefix("firm:") ? String(firm.dropFirst(5)) : firm }

    static func money(_ v: Double) -> String { Layout.figure(v) }
}
