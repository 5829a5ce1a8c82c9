import Foundation
import TramaModel
public import TramaService

/// An entity's page: who or what it is, where every fact came from, its red flags with their
/// evidence, its relationships by kind a page at a time, and its neighbourhood as a map whose
/// entities are links to their own pages.
public struct EntityPage: Sendable {
    /// The entity's record, for an analyst or admin; nil for a viewer, whom the API does not
    /// show records either.
    public var detail: EntityAnswer?
    public var center: EntityInfo
    /// The relationships of the kind chosen (``relationshipKind``), a page of them.
    public var relationships: RelationshipsAnswer?
    public var relationshipKind: String?
    public var neighborhood: NeighborsAnswer
    /// The neighbourhood drawn: Graphviz SVG, its entities linked to their pages.
    public var map: String?
    /// The map's controls as asked.
    public var at: String?
    public var hops: Int
    public var kinds: String?
    /// The user's investigations, to add the entity to one (analysts and admins).
    public var investigations: [InvestigationSummary]?

    public init(
        detail: EntityAnswer?, center: EntityInfo, relationships: RelationshipsAnswer?, relationshipKind: String?, neighborhood: NeighborsAnswer,
        map: String?, at: String?, hops: Int, kinds: String?, investigations: [InvestigationSummary]? = nil
    ) {
        self.investigations = investigations
        self.detail = detail
        self.center = center
        self.relationships = relationships
        self.relationshipKind = relationshipKind
        self.neighborhood = neighborhood
        self.map = map
        self.at = at
        self.hops = hops
        self.kinds = kinds
    }

    public func html(user: SignedIn, indicators: Indicators) -> HTML {
        let ref = center.reference
        var sections: [HTML] = []
        if let d = detail {
            sections.append(identity(d))
            sections.append(flags(d.flags, indicators: indicators))
            sections.append(relationshipsSection(d))
        } else {
            sections.append("""
                <p class="notice">A viewer sees the entity's neighbourhood, with personal details masked; its record, \
                sources and relationships in detail need the analyst role.</p>
                """)
        }
        var links: [HTML] = []
        if user.role >= .analyst {
            links.append("<a class=\"button\" href=\"\(Links.paths(from: ref))\">Find paths from here</a>")
            links.append("<a class=\"button\" href=\"\(Links.entity(ref))/owners\">Owners</a>")
            links.append("<a class=\"button\" href=\"\(Links.entity(ref))/holdings\">Holdings</a>")
            links.append("<a class=\"button\" href=\"\(Links.entity(ref))/profile\">Red-flag profile</a>")
        }
        if center.kind == "judge" {
            links.append("<a class=\"button\" href=\"\(Links.judge(ref))\">Judge's map and conflicts</a>")
        }
        for ring in rings { links.append("<a class=\"button\" href=\"/rings/\(ring)\">Ring map: \(ring)</a>") }
        let adding: HTML = investigations.map { InvestigationsPage.addForm(entities: [ref], investigations: $0, user: user) } ?? .empty
        let files: HTML = user.role >= .analyst
            ? "\(Layout.downloads("Dossier", Links.reportFiles(Links.entity(ref), bundle: "dossier")))\(Layout.downloads("Export two hops around", Links.exports(Links.entity(ref))))"
            : .empty
        let actions: HTML = links.isEmpty && investigations == nil ? .empty : "<div class=\"actions\">\(links.map { "\($0) " as HTML })\(adding)</div>\(files)"
        return Layout.page(title: center.name ?? ref, user: user, """
            <header class="entity-head">
            <p class="kind kind-\(center.kind)">\(center.kind)</p>
            <h1>\(center.name ?? ref)</h1>
            <p class="reference"><code>\(ref)</code></p>
            \(actions)
            </header>
            <div class="entity-body">
            <div class="entity-facts">\(sections)</div>
            \(neighbourhoodSection())
            </div>
            """)
    }

    /// The rings the entity's flags name as their evidence (GRAS 2.6–2.8 ties found in a ring).
    var rings: [String] {
        var found: [String] = []
        func walk(_ v: JSONValue, _ name: String?) {
            switch v {
            case let .object(members): for (k, m) in members { walk(m, k) }
            case let .array(items): for i in items { walk(i, name) }
            case let .string(s) where name == "ring" && s.hasPrefix("ring-"): if !found.contains(s) { found.append(s) }
            default: break
            }
        }
        for f in detail?.flags ?? [] { if let parsed = try? JSONValue.parse(f.evidence.compact) { walk(parsed, nil) } }
        return found
    }

    private func identity(_ d: EntityAnswer) -> HTML {
        var rows: [HTML] = []
        if case let .object(members) = (try? JSONValue.parse(d.properties.compact)) ?? .object([]) {
            for (name, value) in members {
                let text: String = if case let .string(s) = value { s } else { value.compact }
                rows.append("<th scope=\"row\">\(name)</th><td>\(text)</td>")
            }
        }
        let properties: HTML = rows.isEmpty ? "<p class=\"muted\">No properties recorded.</p>" : "<table class=\"properties\"><tbody>\(rows.map { "<tr>\($0)</tr>" as HTML })</tbody></table>"
        let datasets = d.datasets.map { t -> HTML in
            let parts = [t.record ? "its record" : nil, t.relationships > 0 ? "\(Layout.count(t.relationships)) relationship\(t.relationships == 1 ? "" : "s")" : nil].compactMap { $0 }
            return "<li><strong>\(t.dataset)</strong>: \(parts.joined(separator: ", "))</li>"
        }
        return """
            <section class="identity">
            <h2>Record</h2>
            \(properties)
            <p class="source">Source record: <strong>\(d.dataset)</strong> · <code>\(d.source)</code></p>
            <h3>Datasets</h3>
            <ul class="datasets">\(datasets)</ul>
            </section>
            """
    }

    private func flags(_ flags: [FlagList.Flag], indicators: Indicators) -> HTML {
        guard !flags.isEmpty else {
            return "<section class=\"flags\"><h2>Red flags</h2><p class=\"muted\">None raised by the latest analyses.</p></section>"
        }
        let rows = flags.map { f -> HTML in
            let value = Layout.figure(f.value)
            return """
                <td><span class="indicator">\(f.indicator)</span></td><td>\(indicators.meaning(f.indicator) ?? f.analysis)</td>\
                <td class="num">\(value)</td><td>\(Self.evidence(f.evidence))</td>
                """
        }
        return """
            <section class="flags">
            <h2>Red flags <span class="count">\(flags.count)</span></h2>
            \(Layout.table(["GRAS", "What it means", "Value", "Evidence"], rows, className: "flag-table"))
            </section>
            """
    }

    /// A flag's evidence: the entities it names as links, the rest as short text.
    static func evidence(_ value: JSONValue) -> HTML {
        guard let parsed = try? JSONValue.parse(value.compact) else { return .empty }
        var references: [String] = []
        var facts: [String] = []
        var rings: [String] = []
        func walk(_ v: JSONValue, _ name: String?) {
            switch v {
            case let .object(members): for (k, m) in members { walk(m, k) }
            case let .array(items): for i in items { walk(i, name) }
            case let .string(s) where name == "ring" && s.hasPrefix("ring-"):
                rings.append(s)
            case let .string(s):
                if let parts = KindKey(s), !parts.kind.isEmpty, !parts.key.isEmpty, !s.contains(" ") { references.append(s) } else if let name { facts.append("\(name): \(s)") }
            case .raw: break
            default: if let name { facts.append("\(name): \(v.compact)") }
            }
        }
        walk(parsed, nil)
        let links = Array(Set(references)).sorted().prefix(12).map { r -> HTML in "<a href=\"\(Links.entity(r))\"><code>\(r)</code></a>" }
        let more = references.count > 12 ? " and more" : ""
        let ringLinks = rings.map { r -> HTML in "<a href=\"/rings/\(r)\">\(r)</a> " }
        return "\(ringLinks)\(links.isEmpty ? HTML.empty : "<span class=\"evidence-links\">\(links)</span>\(more)")<span class=\"muted\">\(facts.prefix(4).joined(separator: "; "))</span>"
    }

    private func relationshipsSection(_ d: EntityAnswer) -> HTML {
        guard !d.relationships.isEmpty else { return "<section class=\"ties\"><h2>Relationships</h2><p class=\"muted\">None.</p></section>" }
        // One tab per kind (both directions together), the chosen one listed a page at a time.
        var byKind: [(String, Int)] = []
        for t in d.relationships {
            if let i = byKind.firstIndex(where: { $0.0 == t.kind }) { byKind[i].1 += t.count } else { byKind.append((t.kind, t.count)) }
        }
        let chosen = relationshipKind ?? byKind.first?.0
        let tabs = byKind.map { kind, n -> HTML in
            let link = Links.with(Links.entity(center.reference), [("rel", kind), ("at", at), ("hops", hops == 1 ? nil : String(hops)), ("kinds", kinds)])
            return "<a href=\"\(link)\"\(kind == chosen ? HTML(trusted: " aria-current=\"true\"") : .empty)>\(kind) <span class=\"count\">\(Layout.count(n))</span></a>"
        }
        var list: HTML = .empty
        if let r = relationships {
            let rows = r.relationships.map { t -> HTML in
                let e = t.relationship
                let dates = e.validFrom == nil && e.validTo == nil ? "" : "\(e.validFrom ?? "…") – \(e.validTo ?? "…")"
                return "<td>\(t.direction == "out" ? "→" : "←")</td><td>\(Layout.entity(t.other))</td><td>\(dates)</td><td class=\"source\">\(e.dataset) · <code>\(e.source)</code></td>"
            }
            let rest = r.page.total - r.page.offset - r.relationships.count
            let more: HTML = rest > 0 ? "<p class=\"more\">and \(Layout.count(rest)) more \(chosen ?? "")</p>" : .empty
            let pager = Layout.pager(r.page, shown: r.relationships.count) { offset in
                Links.with(Links.entity(center.reference), [("rel", chosen), ("offset", offset > 0 ? String(offset) : nil), ("at", at), ("kinds", kinds)])
            }
            list = "\(Layout.table(["", "With", "Valid", "Source"], rows, className: "ties-table"))\(more)\(pager)"
        }
        return """
            <section class="ties">
            <h2>Relationships</h2>
            <nav class="tabs">\(tabs)</nav>
            \(list)
            </section>
            """
    }

    private func neighbourhoodSection() -> HTML {
        let n = neighborhood
        let summary = "\(Layout.count(n.nodes.count - 1)) entities within \(n.hops) hop\(n.hops == 1 ? "" : "s")"
            + (n.truncated > 0 ? "; \(Layout.count(n.truncated)) more left out" : "")
        let hopChoices = (1...3).map { h -> HTML in "<option value=\"\(h)\"\(h == hops ? HTML(trusted: " selected") : .empty)>\(h) hop\(h == 1 ? "" : "s")</option>" }
        let picture: HTML = map.map { "<figure class=\"map\">\(HTML(trusted: Self.inlineSVG($0)))</figure>" }
            ?? "<p class=\"muted\">Nothing to draw.</p>"
        return """
            <section class="neighbourhood">
            <h2>Neighbourhood</h2>
            <form class="map-controls" action="\(Links.entity(center.reference))" method="get">
            <label>As of <input type="date" name="at" value="\(at)"></label>
            <label>Relationship kinds <input type="text" name="kinds" value="\(kinds)" placeholder="all, or e.g. owns,employs"></label>
            <select name="hops" aria-label="Hops">\(hopChoices)</select>
            \(relationshipKind.map { "<input type=\"hidden\" name=\"rel\" value=\"\($0)\">" as HTML } ?? .empty)
            <button type="submit">Redraw</button>
            </form>
            <p class="muted">\(summary)</p>
            \(picture)
            </section>
            """
    }

    /// Graphviz's SVG without its XML declaration and DOCTYPE, to sit inside the page.
    public static func inlineSVG(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else { return "" }
        return String(svg[start.lowerBound...])
    }
}
