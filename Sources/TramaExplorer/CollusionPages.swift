import Foundation
public import TramaService

/// The collusion section's tabs: rings, top losers, linked bidder pairs, bid screens per tender.
public enum CollusionTabs: String, CaseIterable, Sendable {
    case rings, losers, pairs, tenders

    var title: String {
        switch self {
        case .rings: "Rings"
        case .losers: "Top losers (2.1)"
        case .pairs: "Linked bidders (2.6–2.8)"
        case .tenders: "Bid screens (2.3)"
        }
    }

    static func nav(_ current: CollusionTabs) -> HTML {
        let links = allCases.map { t -> HTML in
            "<a href=\"/\(t.rawValue)\"\(t == current ? HTML(trusted: " aria-current=\"true\"") : .empty)>\(t.title)</a>"
        }
        return "<nav class=\"tabs\">\(links)</nav>"
    }
}

/// The latest collusion scan's other reports, a page at a time, each row leading to the
/// entities and tenders it names.
public enum CollusionPages {
    static func header(_ h: RunHeader) -> HTML {
        "<p class=\"summary\">Collusion scan \(h.run) of \(String(h.startedAt.prefix(16)).replacingOccurrences(of: "T", with: " ")) UTC. Patterns to review, not findings.</p>"
    }

    static func pager(_ report: some RunReportPage, _ path: String, extra: [(String, String?)] = []) -> HTML {
        guard let page = report.pageInfo else { return .empty }
        return Layout.pager(page, shown: report.shown) { Links.with(path, extra + [("offset", $0 > 0 ? String($0) : nil)]) }
    }

    static func reference(_ r: String, name: String? = nil) -> HTML { Layout.entity(EntityInfo(reference: r, name: name)) }

    /// GRAS 2.1: firms that bid often and seldom win, and the winners they keep losing to.
    public static func losers(_ report: RunReport<TopLoserFigures>, all: Bool, user: SignedIn) -> HTML {
        let rows = report.items.map { f -> HTML in
            let lost = f.lostTo.prefix(3).map { l -> HTML in "\(reference(l.firm)) ×\(l.times) " }
            return """
                <td>\(reference(f.firm, name: f.name))</td><td class="num">\(f.bids)</td><td class="num">\(f.wins)</td>\
                <td class="num">\(JudgesPage.percent(f.winningRate))</td><td class="num">\(f.competitors)</td><td>\(lost)</td>\
                <td>\(f.topLoser ? "yes" : "no")</td><td class="num">\(Layout.figure(f.score))</td>
                """
        }
        let toggle: HTML = all
            ? "<p><a href=\"/losers\">Only the firms flagged as top losers</a></p>"
            : "<p><a href=\"/losers?all=true\">Every bidder's figures</a></p>"
        return Layout.page(title: "Top losers", user: user, section: .rings, """
            <h1>Top losers</h1>
            \(header(report.header))
            \(CollusionTabs.nav(.losers))
            <p class="muted">GRAS 2.1: firms that keep bidding and losing, often to the same winners — cover bidders of a \
            ring, or its victims.</p>
            \(toggle)
            \(rows.isEmpty ? HTML("<p class=\"empty\">None.</p>") : Layout.table(["Firm", "Bids", "Wins", "Win rate", "Competitors", "Lost most to", "Top loser", "Score"], rows, className: "losers"))
            \(pager(report, "/losers", extra: [("all", all ? "true" : nil)]))
            """)
    }

    /// GRAS 2.6–2.8: bidders in one tender linked by an owner, an employee or registration data.
    public static func pairs(_ report: RunReport<LinkedBidderPair>, user: SignedIn) -> HTML {
        let rows = report.items.map { p -> HTML in
            let links = p.links.map { l -> HTML in
                "<span class=\"indicator\">\(l.indicator)</span> \(l.kind.replacingOccurrences(of: "_", with: " ")) via \(reference(l.via)) (\(l.hops) hop\(l.hops == 1 ? "" : "s"))<br>"
            }
            return """
                <td>\(reference(p.tender))</td><td>\(p.firms.map { "\(reference($0)) " as HTML })</td>\
                <td>\(p.winner.map { reference($0) } ?? HTML("<span class=\"muted\">—</span>"))</td><td>\(links)</td>\
                <td><a href="\(Links.with("/paths", [("from", p.firms.first), ("to", p.firms.dropFirst().first)]))">paths</a></td>
                """
        }
        return Layout.page(title: "Linked bidders", user: user, section: .rings, """
            <h1>Linked bidders</h1>
            \(header(report.header))
            \(CollusionTabs.nav(.pairs))
            <p class="muted">GRAS 2.6–2.8: competitors in one tender that share an owner (directly or up a chain), an \
            employee, an address, a phone or an e-mail.</p>
            \(rows.isEmpty ? HTML("<p class=\"empty\">None.</p>") : Layout.table(["Tender", "Firms", "Winner", "Ties", ""], rows, className: "pairs"))
            \(pager(report, "/pairs"))
            """)
    }

    /// GRAS 2.3 per tender: bids too close together, or a winner far below the rest.
    public static func tenders(_ report: RunReport<BidVariance>, user: SignedIn) -> HTML {
        let rows = report.items.map { t -> HTML in
            """
            <td>\(reference(t.tender))</td><td class="num">\(t.bids)</td><td class="num">\(Layout.figure(t.cv))</td>\
            <td class="num">\(Layout.figure(t.rd))</td><td>\(t.lowVariance ? "low variance" : "")\(t.lowVariance && t.highDistance ? ", " : "")\(t.highDistance ? "high distance" : "")</td>
            """
        }
        return Layout.page(title: "Bid screens", user: user, section: .rings, """
            <h1>Bid screens per tender</h1>
            \(header(report.header))
            \(CollusionTabs.nav(.tenders))
            <p class="muted">GRAS 2.3: the coefficient of variation of a tender's bids (low: bids agreed in advance) and the \
            relative distance between the two lowest (high: a designated winner, cover bids above).</p>
            \(rows.isEmpty ? HTML("<p class=\"empty\">None.</p>") : Layout.table(["Tender", "Bids", "CV", "RD", "Screens"], rows, className: "tenders"))
            \(pager(report, "/tenders"))
            """)
    }
}

/// What a pager needs of a paged report.
protocol RunReportPage {
    var pageInfo: Page? { get }
    var shown: Int { get }
}

extension RunReport: RunReportPage {
    var pageInfo: Page? { page }
    var shown: Int { items.count }
}
