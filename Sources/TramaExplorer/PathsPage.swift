import Foundation
public import TramaService

/// The path finder: every way two entities are linked, valid at a date, under the relationship
/// kinds asked for — as a map, and as a table of hops, each with its dates and the source
/// record it came from (what a prosecutor cites).
public struct PathsPage: Sendable {
    /// The form as asked, echoed back so the page can be changed and asked again.
    public struct Asked: Sendable {
        public var from = ""
        public var to = ""
        public var at: String?
        public var kinds: String?
        public var maxHops: Int?
        public var k: Int?
        /// Only in each relationship's stated direction (a chain of control).
        public var directed = false

        public init() {}
    }

    public var asked: Asked
    public var answer: PathAnswer?
    /// The answer drawn: Graphviz SVG, its entities linked to their pages.
    public var map: String?
    /// What stopped the question (an end that is no `kind:key`, an unknown entity).
    public var problem: String?

    public init(asked: Asked, answer: PathAnswer?, map: String?, problem: String?) {
        self.asked = asked
        self.answer = answer
        self.map = map
        self.problem = problem
    }

    public func html(user: SignedIn) -> HTML {
        let form: HTML = """
            <form class="path-form" action="/paths" method="get">
            <label>From <input type="text" name="from" value="\(asked.from)" placeholder="kind:key, or type a name" required list="from-suggestions" data-suggest autocomplete="off"></label>
            <datalist id="from-suggestions"></datalist>
            <label>To <input type="text" name="to" value="\(asked.to)" placeholder="kind:key, or type a name" required list="to-suggestions" data-suggest autocomplete="off"></label>
            <datalist id="to-suggestions"></datalist>
            <label>Valid at <input type="date" name="at" value="\(asked.at)"></label>
            <label>Relationship kinds <input type="text" name="kinds" value="\(asked.kinds)" placeholder="all, or e.g. owns,employs"></label>
            <label>Hops at most <input type="number" name="max_hops" min="1" max="\(APILimits.maxHops)" value="\(asked.maxHops.map(String.init))"></label>
            <label>Paths <input type="number" name="k" min="1" max="\(APILimits.k)" value="\(asked.k.map(String.init))" placeholder="1"></label>
            <label class="check"><input type="checkbox" name="directed" value="true"\(asked.directed ? HTML(trusted: " checked") : .empty)> Only in each relationship's direction (from owns … owns to)</label>
            <button type="submit">Find paths</button>
            </form>
            """
        var body: [HTML] = ["<h1>Paths</h1>", form, "<p class=\"muted\"><a href=\"/paths/among\">Screen a whole set of entities</a>: every pair of them within a few hops.</p>"]
        if let problem { body.append("<p class=\"problem\" role=\"alert\">\(problem)</p>") }
        if let a = answer { body.append(result(a)) }
        return Layout.page(title: answer.map { "\($0.from.name ?? $0.from.reference) → \($0.to.name ?? $0.to.reference)" } ?? "Paths", user: user, section: .paths, body.joined)
    }

    private func result(_ a: PathAnswer) -> HTML {
        let ends: HTML = "\(Layout.entity(a.from)) → \(Layout.entity(a.to))"
        switch a.status {
        case .noPath:
            return "<p class=\"summary\">\(ends): no connection\(a.question.at.map { " valid at \($0)" }) under the kinds asked for.</p>"
        case .notWithinLimits:
            return "<p class=\"summary\">\(ends): none within \(a.limits.maxHops) hops (limits reached: \(a.limits.reached.joined(separator: ", "))); one may lie further out.</p>"
        case .budgetExhausted:
            return "<p class=\"summary\">\(ends): the search stopped after inspecting \(Layout.count(a.limits.inspected ?? 0)) relationships without an answer.</p>"
        case .found:
            break
        }
        let tables = a.paths.enumerated().map { i, p -> HTML in
            var rows: [HTML] = []
            for (j, e) in p.edges.enumerated() {
                let here = p.nodes[j], there = p.nodes[j + 1]
                let forward = e.from == here.reference
                let dates = e.validFrom == nil && e.validTo == nil ? "always" : "\(e.validFrom ?? "…") – \(e.validTo ?? "…")"
                rows.append("""
                    <td class="num">\(j + 1)</td><td>\(Layout.entity(here))</td>\
                    <td><span class="relation">\(forward ? "" : "← ")\(e.kind)\(forward ? " →" : "")</span></td>\
                    <td>\(Layout.entity(there))</td><td>\(dates)</td><td class="source">\(e.dataset) · <code>\(e.source)</code></td>
                    """)
            }
            let title = "Path \(i + 1): \(p.edges.count) hop\(p.edges.count == 1 ? "" : "s")" + (p.cost.map { String(format: ", cost %.3g", $0) } ?? "")
            return "<h3>\(title)</h3>\(Layout.table(["#", "From", "Relationship", "To", "Valid", "Source record"], rows, className: "hops"))"
        }
        let more = a.complete ? "" : " (more may exist: a limit or the budget was reached)"
        let picture: HTML = map.map { "<figure class=\"map\">\(HTML(trusted: EntityPage.inlineSVG($0)))</figure>" } ?? .empty
        let evidence = Layout.downloads(
            "Evidence report", Links.reportFiles("/evidence", bundle: "evidence", [
                ("from", a.from.reference), ("to", a.to.reference), ("at", asked.at), ("kinds", asked.kinds), ("max_hops", asked.maxHops.map(String.init)),
                ("k", String(min(max(asked.k ?? 3, 1), EvidenceQuery.kLimit))), ("directed", asked.directed ? "true" : nil),
            ]))
        return """
            <p class="summary">\(ends): \(a.paths.count) path\(a.paths.count == 1 ? "" : "s")\(a.question.at.map { " valid at \($0)" })\(more)</p>
            \(evidence)
            <div class="path-result">\(picture)<div class="hop-tables">\(tables)</div></div>
            """
    }
}

/// The batch screen (`trama path --among`): every pair of a list of entities within a few
/// hops, closest first — which of a market's bidders are connected at all, before any one
/// path is drawn. Each pair links to the path finder for that pair.
public struct PathScreenPage: Sendable {
    /// The entities as typed, one per line, shown again in the form.
    public var entities: String
    public var maxHops: Int
    public var kinds: String?
    public var answer: PathScreenAnswer?
    public var problem: String?

    public init(entities: String, maxHops: Int, kinds: String?, answer: PathScreenAnswer?, problem: String? = nil) {
        self.entities = entities
        self.maxHops = maxHops
        self.kinds = kinds
        self.answer = answer
        self.problem = problem
    }

    public func html(user: SignedIn) -> HTML {
        var body: [HTML] = [
            "<h1>Screen a set of entities</h1>",
            """
            <p class="muted">One entity per line (<code>kind:key</code>, an identifier or a name): every pair of them joined within \
            the hops, under the relationship kinds given. In procurement data four hops already join every two firms that bid in \
            one tender (firm – bid – tender – bid – firm).</p>
            <form class="screen-form" action="/paths/among" method="post">
            <input type="hidden" name="csrf" value="\(user.csrf)">
            <textarea name="entities" rows="8" cols="48" maxlength="400000" aria-label="Entities" placeholder="firm:F1&#10;firm:F2&#10;firm:F3" required>\(entities)</textarea>
            <label>Hops at most <input type="number" name="max_hops" min="1" max="\(APILimits.screenHops)" value="\(String(maxHops))"></label>
            <label>Relationship kinds <input type="text" name="kinds" value="\(kinds)" placeholder="all, or e.g. owns,employs"></label>
            <button type="submit">Screen</button>
            </form>
            """,
        ]
        if let problem { body.append("<p class=\"problem\" role=\"alert\">\(problem)</p>") }
        if let a = answer { body.append(result(a)) }
        return Layout.page(title: "Screen", user: user, section: .paths, body.joined)
    }

    private func result(_ a: PathScreenAnswer) -> HTML {
        let counts = a.byHops.filter { $0.pairs > 0 }.map { "\(Layout.count($0.pairs)) at \($0.hops) hop\($0.hops == 1 ? "" : "s")" }.joined(separator: ", ")
        var parts: [HTML] = [
            "<p class=\"summary\">\(Layout.count(a.total)) pairs among \(Layout.count(a.entities)) entities within \(a.maxHops) hops\(counts.isEmpty ? "" : ": \(counts)")\(a.pairs.count < a.total ? "; the closest \(Layout.count(a.pairs.count)) listed" : "")</p>"
        ]
        if !a.unresolved.isEmpty {
            let items = a.unresolved.map { u -> HTML in "<li>line \(u.line): <code>\(u.entity)</code>: \(u.error)</li>" }
            parts.append("<p class=\"problem\">Not screened:</p><ul class=\"unresolved\">\(items.joined)</ul>")
        }
        if !a.cut.isEmpty { parts.append("<p class=\"muted\">\(Layout.count(a.cut.count)) searches stopped at the budget: pairs from them may be missing.</p>") }
        let rows = a.pairs.map { p -> HTML in
            let path = Links.with("/paths", [("from", p.from), ("to", p.to), ("max_hops", String(a.maxHops)), ("kinds", kinds)])
            return """
                <td>\(Layout.entity(EntityInfo(reference: p.from, name: a.names[p.from])))</td><td>\(Layout.entity(EntityInfo(reference: p.to, name: a.names[p.to])))</td>\
                <td class="num">\(p.hops)</td><td><a href="\(path)">path</a></td>
                """
        }
        if !rows.isEmpty { parts.append(Layout.table(["Entity", "Entity", "Hops", ""], rows, className: "screen-pairs")) }
        return parts.joined
    }
}
