import Foundation
public import TramaService

/// Entities ranked by their red flags: a filter expression over flags (GRAS's combinations of
/// red flags and value ranges), the composite score, and each entity's flags.
public struct FlagRankingPage: Sendable {
    public var filter: String?
    public var from: String?
    public var to: String?
    public var sortBy: String?
    public var ranking: FlagRanking?
    /// A malformed filter, said beside the form.
    public var problem: String?

    public init(filter: String?, from: String?, to: String?, sortBy: String?, ranking: FlagRanking?, problem: String? = nil) {
        self.filter = filter
        self.from = from
        self.to = to
        self.sortBy = sortBy
        self.ranking = ranking
        self.problem = problem
    }

    public static func query(filter: String?, from: String?, to: String?, sortBy: String?, offset: Int = 0) -> [(String, String?)] {
        [("filter", filter), ("from", from), ("to", to), ("sort_by", sortBy), ("offset", offset > 0 ? String(offset) : nil)]
    }

    public func html(user: SignedIn, indicators: Indicators) -> HTML {
        var body: HTML = .empty
        if let ranking {
            let rows = ranking.entities.map { e -> HTML in
                let flags = e.flags.filter(\.isMain).map { f -> HTML in
                    let title = indicators.meaning(f.indicator) ?? f.analysis
                    return "<span class=\"indicator\" title=\"\(title)\">\(f.indicator)</span> \(Layout.figure(f.value))"
                }
                return """
                    <td class="num">\(String(format: "%.3f", e.score))</td><td class="num">\(e.patterns)</td>\
                    <td><a href="\(Links.entity(e.subject))/profile"><code>\(e.subject)</code></a></td><td>\(flags.joined(separator: " · "))</td>
                    """
            }
            let pager = Layout.pager(ranking.page, shown: ranking.entities.count) { offset in
                Links.with("/flags/ranking", Self.query(filter: filter, from: from, to: to, sortBy: sortBy, offset: offset))
            }
            body = ranking.entities.isEmpty
                ? "<p class=\"empty\">No entity matches. Flags come from the latest scan of each analysis (or the runs of the period asked).</p>"
                : """
                    <p class="summary">\(Layout.count(ranking.page.total)) entit\(ranking.page.total == 1 ? "y" : "ies") by \(ranking.sortedBy)</p>
                    \(Layout.table(["Score", "Patterns", "Entity", "Flags"], rows, className: "flag-table"))
                    \(pager)
                    """
        }
        return Layout.page(title: "Ranked red flags", user: user, section: .flags, """
            <h1>Entities ranked by their red flags</h1>
            <form class="facets" action="/flags/ranking" method="get">
            <input type="text" name="filter" value="\(filter)" size="48" placeholder="2.7.1 >= 1 and 4.1.2 > 11000" aria-label="Filter">
            <input type="date" name="from" value="\(from)" aria-label="Runs of the period from">
            <input type="date" name="to" value="\(to)" aria-label="Runs of the period to">
            <input type="text" name="sort_by" value="\(sortBy)" placeholder="sort by indicator" aria-label="Sort by indicator">
            <button type="submit">Rank</button>
            </form>
            \(problem.map { "<p class=\"problem\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
            <p class="muted">Combine indicators with <code>and</code>, <code>or</code>, <code>not</code> and parentheses; a bare indicator means \
            flagged, <code>1.2.1.value</code> a share by value. The score adds, for each risk pattern an entity is flagged in, the best \
            standing of its flags among all entities flagged alike. <a href="/flags/coverage">Which indicators can be computed</a> · \
            <a href="/flags">every flag</a>\(user.role >= .analyst ? " · <a href=\"/flags/validation\">validate flags against known cases</a>" as HTML : .empty)</p>
            \(body)
            """)
    }
}

/// The GRAS feasibility view: each of the 60 indicators computed, computable or not, and what
/// it needs.
public struct FlagCoveragePage: Sendable {
    public var coverage: FlagCoverage

    public init(coverage: FlagCoverage) { self.coverage = coverage }

    public func html(user: SignedIn) -> HTML {
        let rows = coverage.indicators.map { e -> HTML in
            let state: HTML
            switch e.status {
            case .computed:
                let flag = e.flag ?? e.id
                state = "<a href=\"\(Links.with("/flags", [("indicator", flag)]))\">\(Layout.count(e.flagged ?? 0)) flagged</a>"
            case .computable: state = "computable: run the \(e.analysis ?? "") scan"
            case .notComputable: state = "<span class=\"muted\">needs \(e.needs.joined(separator: "; "))</span>"
            }
            return "<td><span class=\"indicator\">\(e.id)</span></td><td>\(e.pattern): \(e.name)</td><td>\(e.status.rawValue.replacingOccurrences(of: "_", with: " "))</td><td>\(state)</td>"
        }
        let s = coverage.summary
        return Layout.page(title: "GRAS coverage", user: user, section: .flags, """
            <h1>GRAS indicators: what the loaded data allows</h1>
            <p class="summary">\(s.computed) computed · \(s.computable) computable · \(s.notComputable) not computable</p>
            \(Layout.table(["GRAS", "Indicator", "Status", ""], rows, className: "flag-table"))
            """)
    }
}

/// One supplier's red flags with their standing and evidence, and its map with the entities the
/// evidence names highlighted.
public struct SupplierProfilePage: Sendable {
    public var profile: SupplierProfile
    /// The map drawn: Graphviz SVG, entities linked to their pages.
    public var map: String?

    public init(profile: SupplierProfile, map: String?) {
        self.profile = profile
        self.map = map
    }

    public func html(user: SignedIn, indicators: Indicators) -> HTML {
        let p = profile
        let rows = p.flags.map { f -> HTML in
            let standing = f.standing.map { String(format: "%.0f%%", $0 * 100) } ?? ""
            return """
                <td><span class="indicator">\(f.indicator)</span></td><td>\(indicators.meaning(f.indicator) ?? f.analysis)</td>\
                <td class="num">\(Layout.figure(f.value))</td><td class="num">\(standing)</td><td>\(EntityPage.evidence(f.evidence))</td>
                """
        }
        let documents = p.documents.map { d -> HTML in
            "<details><summary>\(d.analysis) · run \(d.run) · \(d.section)</summary><pre>\(d.document.pretty)</pre></details>"
        }
        let map: HTML = map.map { "<figure class=\"map\">\(HTML(trusted: $0))<figcaption>Highlighted: the entities the evidence names.</figcaption></figure>" } ?? .empty
        return Layout.page(title: "Profile of \(p.entity.name ?? p.entity.reference)", user: user, section: .flags, """
            <h1>\(p.entity.name ?? p.entity.reference) <small><a href="\(Links.entity(p.entity.reference))"><code>\(p.entity.reference)</code></a></small></h1>
            <p class="summary">Composite score <strong>\(String(format: "%.3f", p.score))</strong> over \(p.patterns) risk pattern\(p.patterns == 1 ? "" : "s") · \
            \(p.flags.count) flag\(p.flags.count == 1 ? "" : "s")</p>
            \(p.flags.isEmpty ? "<p class=\"empty\">No red flags in the latest runs.</p>" as HTML
                : Layout.table(["GRAS", "What it means", "Value", "Standing", "Evidence"], rows, className: "flag-table"))
            \(map)
            <section class="evidence"><h2>Evidence the runs stored</h2>\(documents.isEmpty ? "<p class=\"muted\">None.</p>" as HTML : documents.joined)</section>
            """)
    }
}

/// Which red flags separate known cases from clean entities in the loaded market
/// (`trama flags validate`): labels typed or pasted as `kind:key,1` lines, the answer as a table.
public struct FlagValidationPage: Sendable {
    /// The labels as given, shown again in the form.
    public var labels: String
    public var validation: FlagValidation?
    /// Malformed labels, said beside the form.
    public var problem: String?

    public init(labels: String, validation: FlagValidation?, problem: String? = nil) {
        self.labels = labels
        self.validation = validation
        self.problem = problem
    }

    public func html(user: SignedIn) -> HTML {
        var body: HTML = .empty
        if let v = validation {
            let rows = v.indicators.map { i -> HTML in
                """
                <td><a href="\(Links.with("/flags", [("indicator", i.indicator)]))"><span class="indicator">\(i.indicator)</span></a></td><td>\(i.name ?? "")</td>\
                <td class="num">\(i.casesFlagged) (\(String(format: "%.0f%%", i.caseRate * 100)))</td>\
                <td class="num">\(i.cleanFlagged) (\(String(format: "%.0f%%", i.cleanRate * 100)))</td>\
                <td class="num">\(Layout.figure(i.oddsRatio))</td><td class="num">\(String(format: "%.3g", i.pValue))</td><td class="num">\(String(format: "%.2f", i.auc))</td>
                """
            }
            let clean = v.matched ? "\(Layout.count(v.clean)) clean entities matched on activity" : "\(Layout.count(v.clean)) labelled clean"
            body = """
                <p class="summary">\(Layout.count(v.cases)) known cases against \(clean)\
                \(v.unknown.isEmpty ? "" : "; not in the graph: \(v.unknown.joined(separator: ", "))")</p>
                \(v.indicators.isEmpty
                    ? "<p class=\"empty\">None of these entities is flagged: run the scans first.</p>" as HTML
                    : Layout.table(["Flag", "Indicator", "Cases flagged", "Clean flagged", "Odds ratio", "p (Fisher)", "AUC"], rows, className: "flag-table"))
                """
        }
        return Layout.page(title: "Validate red flags", user: user, section: .flags, """
            <h1>Which red flags separate known cases</h1>
            <p class="muted">One entity per line: <code>kind:key,1</code> for a known case (convicted, debarred, found colluding), \
            <code>kind:key,0</code> for one known clean. With cases only, each is matched with the unlabelled entity of its kind \
            whose bids and contracts are closest, so a flag that merely follows size does not pass for a signal. An AUC of 0.5 is \
            no signal.</p>
            <form action="/flags/validation" method="post">
            <input type="hidden" name="csrf" value="\(user.csrf)">
            <textarea name="labels" rows="8" cols="48" maxlength="200000" aria-label="Labels" placeholder="firm:F1,1&#10;firm:F2,0">\(labels)</textarea>
            <button type="submit">Validate</button>
            </form>
            \(problem.map { "<p class=\"problem\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
            \(body)
            """)
    }
}
