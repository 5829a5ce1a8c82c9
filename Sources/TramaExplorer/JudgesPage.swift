import Foundation
public import TramaService

/// Judges: the list a journalist starts from (by court, flagged or not), and a judge's page —
/// the network map profiles publish, each conflict of interest with the chain behind it and the
/// source of every hop, the lawyers who appear before the judge beyond chance, and the judge's
/// caseload and outcomes beside their peers'.
public enum JudgesPage {
    public static func list(_ list: JudgeList, courts: [(reference: String, name: String?, judges: Int)], filter: JudgeList.Filter, user: SignedIn) -> HTML {
        let courtChoices = ([("", "any court")] + courts.map { ($0.reference, "\($0.name ?? $0.reference) (\($0.judges))") }).map { value, label -> HTML in
            "<option value=\"\(value)\"\(value == (filter.court ?? "") ? HTML(trusted: " selected") : .empty)>\(label)</option>"
        }
        let current = filter.flagged.map { $0 ? "true" : "false" } ?? ""
        let flaggedChoices = [("", "flagged or not"), ("true", "with red flags"), ("false", "without red flags")].map { value, label -> HTML in
            "<option value=\"\(value)\"\(value == current ? HTML(trusted: " selected") : .empty)>\(label)</option>"
        }
        let rows = list.judges.map { j -> HTML in
            let court: HTML = j.court.map { c in "<a href=\"\(Links.entity(c))\">\(j.courtName ?? c)</a>" } ?? "<span class=\"muted\">—</span>"
            let flags: HTML = j.flags > 0 ? "<span class=\"flag-count\">\(j.flags)</span>" : "<span class=\"muted\">0</span>"
            return "<td><a href=\"\(Links.judge(j.entity.reference))\">\(j.name ?? j.key)</a></td><td>\(court)</td><td class=\"num\">\(Layout.count(j.cases))</td><td class=\"num\">\(flags)</td>"
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"empty\">No judge matches.</p>"
            : Layout.table(["Judge", "Court", "Cases", "Red flags"], rows, className: "judges")
        let pager = Layout.pager(list.page, shown: list.judges.count) { offset in
            Links.with("/judges", [("court", filter.court), ("flagged", filter.flagged.map { $0 ? "true" : "false" }), ("offset", offset > 0 ? String(offset) : nil)])
        }
        return Layout.page(title: "Judges", user: user, section: .judges, """
            <h1>Judges</h1>
            <form class="facets" action="/judges" method="get">
            <select name="court" aria-label="Court">\(courtChoices)</select>
            <select name="flagged" aria-label="Red flags">\(flaggedChoices)</select>
            <button type="submit">Filter</button>
            </form>
            <p class="summary">\(Layout.count(list.page.total)) judge\(list.page.total == 1 ? "" : "s"), the most flagged first.</p>
            \(table)
            \(pager)
            """)
    }

    /// What a judge's page shows; each analysis part is nil when no run of it is stored yet.
    public struct Judge: Sendable {
        public var judge: EntityInfo
        public var map: String?
        public var cases: Int
        public var conflicts: [JudgeConflictDocument]?
        public var conflictsRun: RunHeader?
        public var appearances: [LawyerAppearance]?
        public var winRates: [LawyerWinRate]?
        public var profile: JudgeProfileDocument?
        public var patternsRun: Int?
        /// Law firms before the judge (`trama judges firms --judge`), most cases first.
        public var firms: JudgeFirms?

        public init(judge: EntityInfo, map: String?, cases: Int) {
            self.judge = judge
            self.map = map
            self.cases = cases
        }
    }

    public static func judge(_ j: Judge, user: SignedIn) -> HTML {
        let ref = j.judge.reference
        let picture: HTML = j.map.map { "<figure class=\"map\">\(HTML(trusted: EntityPage.inlineSVG($0)))</figure>" } ?? .empty
        let downloads = ["svg", "png", "pdf"].map { f -> HTML in "<a class=\"button\" href=\"\(Links.judge(ref))/map.\(f)\" download>\(f.uppercased())</a>" }
        return Layout.page(title: j.judge.name ?? ref, user: user, section: .judges, """
            <p><a href="/judges">← all judges</a></p>
            <header class="entity-head">
            <p class="kind kind-judge">judge</p>
            <h1>\(j.judge.name ?? ref)</h1>
            <p class="reference"><code>\(ref)</code> · <a href="\(Links.entity(ref))">entity page</a> · \(Layout.count(j.cases)) cases</p>
            </header>
            <section class="judge-map">
            <h2>Network</h2>
            <p class="muted">Court, appointment, relatives, declared interests, schools and mentors; the parties and lawyers \
            before the judge; conflicts drawn in the findings' colour. Download: \(downloads)</p>
            \(picture)
            </section>
            \(conflicts(j))
            \(lawyers(j))
            \(firms(j))
            \(profile(j))
            """)
    }

    private static func conflicts(_ j: Judge) -> HTML {
        guard let list = j.conflicts else {
            return "<section><h2>Conflicts of interest</h2><p class=\"muted\">No conflict screen is stored yet (<code>trama judges conflicts</code>, or a judicial scan).</p></section>"
        }
        guard !list.isEmpty else {
            return "<section><h2>Conflicts of interest</h2><p class=\"muted\">The latest screen (run \(j.conflictsRun?.run ?? 0)) found none for this judge.</p></section>"
        }
        let items = list.map { c -> HTML in
            let party = Layout.entity(EntityInfo(reference: c.party, name: c.partyName))
            let lawyer: HTML = c.lawyer.map { " through their lawyer \(Layout.entity(EntityInfo(reference: $0, name: nil)))" } ?? .empty
            return """
                <li><p>Case <a href="\(Links.entity(c.case))"><code>\(c.case)</code></a>\(c.filed.map { ", filed \($0)" }): \
                \(party)\(c.role.map { " (\($0))" })\(lawyer) — \(c.hops) hop\(c.hops == 1 ? "" : "s") away</p>\(chain(c.path))</li>
                """
        }
        return """
            <section class="conflicts">
            <h2>Conflicts of interest <span class="count">\(list.count)</span></h2>
            <p class="muted">Ties outside the case, valid on the day it was filed, between the judge and a party or its lawyer \
            (run \(j.conflictsRun?.run ?? 0)). Patterns to review, not findings.</p>
            <ol class="conflict-list">\(items)</ol>
            </section>
            """
    }

    /// A conflict's chain, hop by hop, each with its dates and source record.
    static func chain(_ answer: PathAnswer) -> HTML {
        guard let p = answer.paths.first else { return .empty }
        let hops = p.edges.enumerated().map { i, e -> HTML in
            let forward = e.from == p.nodes[i].reference
            let dates = e.validFrom == nil && e.validTo == nil ? "" : " \(e.validFrom ?? "…") – \(e.validTo ?? "…")"
            return """
                <td>\(Layout.entity(p.nodes[i]))</td><td>\(forward ? "—\(e.kind)→" : "←\(e.kind)—")\(dates)</td>\
                <td>\(i + 1 < p.nodes.count ? Layout.entity(p.nodes[i + 1]) : .empty)</td><td class="source">\(e.dataset) · <code>\(e.source)</code></td>
                """
        }
        return Layout.table(["From", "Tie", "To", "Source"], hops, className: "hops")
    }

    private static func lawyers(_ j: Judge) -> HTML {
        guard let appearances = j.appearances, let rates = j.winRates else {
            return "<section><h2>Lawyers before the judge</h2><p class=\"muted\">No lawyer-pattern run is stored yet (<code>trama judges lawyers</code>).</p></section>"
        }
        let a = appearances.map { x -> HTML in
            """
            <td>\(Layout.entity(EntityInfo(reference: x.lawyer, name: x.lawyerName)))</td><td class="num">\(x.casesBeforeJudge)</td>\
            <td class="num">\(Layout.figure(x.expected))</td><td class="num">\(Layout.figure(x.ratio))×</td>\
            <td class="num">\(Layout.figure(x.adjustedPValue))</td><td>\(x.significantAfterAdjustment ? "yes" : "no")</td>
            """
        }
        let w = rates.map { x -> HTML in
            """
            <td>\(Layout.entity(EntityInfo(reference: x.lawyer, name: x.lawyerName)))</td><td>\(x.direction)</td>\
            <td class="num">\(x.beforeJudge.won)/\(x.beforeJudge.decided)</td><td class="num">\(x.beforePeers.won)/\(x.beforePeers.decided)</td>\
            <td class="num">\(Layout.figure(x.adjustedPValue))</td><td>\(x.significantAfterAdjustment ? "yes" : "no")</td>
            """
        }
        return """
            <section class="lawyers">
            <h2>Lawyers before the judge</h2>
            <p class="muted">Lawyers who appear before this judge more often than the judge's share of the court's cases \
            explains, and whose win rate before the judge differs from theirs before the peers (run \(j.patternsRun ?? 0); \
            p-values adjusted for the number of tests).</p>
            \(a.isEmpty ? HTML("<p class=\"muted\">No appearance pattern.</p>") : Layout.table(["Lawyer", "Cases before the judge", "Expected", "Ratio", "Adjusted p", "Significant"], a, caption: "Appearances"))
            \(w.isEmpty ? HTML("<p class=\"muted\">No win-rate pattern.</p>") : Layout.table(["Lawyer", "Direction", "Won before the judge", "Won before peers", "Adjusted p", "Significant"], w, caption: "Win rates"))
            </section>
            """
    }

    private static func firms(_ j: Judge) -> HTML {
        guard let answer = j.firms, !answer.firms.isEmpty else {
            return "<section><h2>Law firms before the judge</h2><p class=\"muted\">No lawyer with a known law firm is counsel in this judge's cases.</p></section>"
        }
        let rows = answer.firms.map { r -> HTML in
            let sides = r.roles.map { "\($0.role) \($0.cases)" }.joined(separator: ", ")
            let span = [r.firstFiled, r.lastFiled].compactMap { $0 }
            return """
                <td>\(Layout.entity(EntityInfo(reference: r.firm, name: r.firmName)))</td><td class="num">\(r.cases)</td>\
                <td class="num">\(r.lawyers)</td><td class="num">\(r.appearances)</td><td>\(sides)</td>\
                <td>\(span.isEmpty ? "" : span[0] == span.last! ? span[0] : "\(span[0]) – \(span.last!)")</td>
                """
        }
        let more: HTML = answer.page.total > answer.firms.count
            ? "<p class=\"muted\">\(answer.firms.count) of \(answer.page.total) firms shown: <code>trama judges firms --judge \(j.judge.reference)</code> or <a href=\"/api/v1/judges/firms?judge=\(j.judge.reference.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")\">the API</a> lists them all.</p>"
            : .empty
        return """
            <section class="firms">
            <h2>Law firms before the judge <span class="count">\(answer.page.total)</span></h2>
            <p class="muted">Firms whose lawyers are counsel in this judge's cases, with the roles of the parties they acted \
            for. Counts, not a test.</p>
            \(Layout.table(["Law firm", "Cases", "Lawyers", "Appearances", "For", "Filed"], rows, className: "firms"))
            \(more)
            </section>
            """
    }

    private static func profile(_ j: Judge) -> HTML {
        guard let p = j.profile else {
            return "<section><h2>Against the peers</h2><p class=\"muted\">No profile stored for this judge (a lawyer-pattern run profiles the judges who preside over cases).</p></section>"
        }
        let outcomes = p.outcomes.map { o -> HTML in
            "<td>\(o.outcome)</td><td class=\"num\">\(o.cases)</td><td class=\"num\">\(percent(o.share))</td><td class=\"num\">\(o.peerCases.map(String.init))</td><td class=\"num\">\(percent(o.peerShare))</td>"
        }
        let peers: HTML = p.peers.map { peer in
            "<p>Peers: \(peer.judges.count) judges of \(p.courtName ?? p.court ?? "the court")\(p.specialisation.map { " (\($0))" }), \(Layout.figure(peer.casesPerJudge)) cases each, median \(Layout.figure(peer.medianDaysToDecision)) days to decision.</p>"
        } ?? "<p class=\"muted\">No peers to compare with.</p>"
        return """
            <section class="profile">
            <h2>Against the peers</h2>
            <p>\(p.caseload.cases) cases: \(p.caseload.decided) decided, \(p.caseload.pending) pending; median \
            \(Layout.figure(p.caseload.medianDaysToDecision)) days to decision\
            \(p.versusPeers?.caseloadRatio.map { "; caseload \(Layout.figure($0))× the peers'" })\
            \(p.versusPeers?.medianDaysDifference.map { "; \(Layout.figure($0)) days from the peers' median" }).</p>
            \(peers)
            \(p.verdict.map { "<p class=\"verdict\">\($0)</p>" })
            \(outcomes.isEmpty ? HTML.empty : Layout.table(["Outcome", "Cases", "Share", "Peers' cases", "Peers' share"], outcomes, className: "outcomes"))
            </section>
            """
    }

    static func percent(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "—" }
        return String(format: "%.0f%%", v * 100)
    }
}
