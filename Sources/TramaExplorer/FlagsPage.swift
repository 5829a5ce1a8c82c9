import Foundation
public import TramaService

/// The red flags of the latest analyses, filtered by indicator and value, sorted, a page at a
/// time, and downloadable as CSV with the same filters.
public struct FlagsPage: Sendable {
    public var filter: FlagFilter
    public var list: FlagList

    public init(filter: FlagFilter, list: FlagList) {
        self.filter = filter
        self.list = list
    }

    /// The page's query for `filter` (and an offset), shared by its links and the CSV's.
    public static func query(_ f: FlagFilter, offset: Int = 0) -> [(String, String?)] {
        [("indicator", f.indicator), ("entity", f.entity), ("min_value", f.minValue.map { String($0) }), ("max_value", f.maxValue.map { String($0) }),
         ("sort", f.sort == .indicator ? nil : f.sort.rawValue), ("offset", offset > 0 ? String(offset) : nil)]
    }

    public func html(user: SignedIn, indicators: Indicators) -> HTML {
        let f = filter
        let sorts: [(FlagFilter.Sort, String)] = [(.indicator, "indicator"), (.valueDescending, "highest value"), (.value, "lowest value"), (.subject, "entity")]
        let sortOptions = sorts.map { s, label -> HTML in "<option value=\"\(s.rawValue)\"\(s == f.sort ? HTML(trusted: " selected") : .empty)>\(label)</option>" }
        let rows = list.flags.map { flag -> HTML in
            let value = Layout.figure(flag.value)
            return """
                <td><span class="indicator">\(flag.indicator)</span></td><td>\(indicators.meaning(flag.indicator) ?? flag.analysis)</td>\
                <td><a href="\(Links.entity(flag.subject))"><code>\(flag.subject)</code></a></td><td class="num">\(value)</td>\
                <td>\(EntityPage.evidence(flag.evidence))</td>
                """
        }
        let table: HTML = list.flags.isEmpty
            ? "<p class=\"empty\">No flags match. Flags come from the latest scan of each analysis.</p>"
            : Layout.table(["GRAS", "What it means", "Entity", "Value", "Evidence"], rows, className: "flag-table")
        let pager = Layout.pager(list.page, shown: list.flags.count) { Links.with("/flags", Self.query(f, offset: $0)) }
        return Layout.page(title: "Red flags", user: user, section: .flags, """
            <h1>Red flags</h1>
            <form class="facets" action="/flags" method="get">
            <input type="text" name="indicator" value="\(f.indicator)" placeholder="GRAS number, e.g. 2.7" aria-label="Indicator">
            <input type="number" step="any" name="min_value" value="\(f.minValue.map { String($0) })" placeholder="value from" aria-label="Lowest value">
            <input type="number" step="any" name="max_value" value="\(f.maxValue.map { String($0) })" placeholder="value to" aria-label="Highest value">
            <select name="sort" aria-label="Order">\(sortOptions)</select>
            \(f.entity.map { "<input type=\"hidden\" name=\"entity\" value=\"\($0)\">" as HTML } ?? .empty)
            <button type="submit">Filter</button>
            </form>
            <p class="summary">\(Layout.count(list.page.total)) flag\(list.page.total == 1 ? "" : "s") · \
            <a href="\(Links.with("/flags.csv", Self.query(f)))" download>download as CSV</a> · \
            <a href="/flags/ranking">rank entities by a combination of flags</a> · <a href="/flags/coverage">which GRAS indicators the data allows</a></p>
            \(table)
            \(pager)
            """)
    }
}
