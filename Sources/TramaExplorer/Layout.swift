import Foundation
public import TramaService

/// Who is signed in to the explorer, as the pages need to know it.
public struct SignedIn: Sendable {
    public var role: Role
    /// The token's name (`press desk`), shown beside the sign-out button.
    public var name: String
    /// The value every form that changes something carries (see ``CSRF``).
    public var csrf: String

    public init(role: Role, name: String, csrf: String) {
        self.role = role
        self.name = name
        self.csrf = csrf
    }
}

/// The frame of every page: the bar with the search box and the sections the user's role
/// opens, the page's own content, and nothing that runs inline (the Content-Security-Policy
/// allows the site's own stylesheet and script only).
public enum Layout {
    /// The explorer's sections, in the bar's order; each names the least role that sees it.
    public enum Section: String, CaseIterable, Sendable {
        case search, paths, rings, judges, flags, investigations, alerts, jobs, audit

        var title: String {
            switch self {
            case .search: "Search"
            case .paths: "Paths"
            case .rings: "Collusion"
            case .judges: "Judges"
            case .flags: "Red flags"
            case .investigations: "Investigations"
            case .alerts: "Alerts"
            case .jobs: "Imports & jobs"
            case .audit: "Audit"
            }
        }

        var path: String { "/" + rawValue }
        var role: Role {
            switch self {
            case .search, .flags, .rings, .judges: .viewer
            case .paths, .investigations, .alerts: .analyst
            case .jobs, .audit: .admin
            }
        }
    }

    /// `refresh`: seconds after which the browser reloads the page (a running job's).
    public static func page(title: String, user: SignedIn?, section: Section? = nil, query: String? = nil, refresh: Int? = nil, _ content: HTML) -> HTML {
        let nav: HTML
        if let user {
            let links = Section.allCases.filter { user.role >= $0.role }.map { s -> HTML in
                "<a href=\"\(s.path)\"\(s == section ? HTML(trusted: " aria-current=\"page\"") : .empty)>\(s.title)</a>"
            }
            nav = """
                <nav class="sections">\(links)</nav>
                <form class="quick-search" action="/search" method="get" role="search">\
                <input type="search" name="q" value="\(query)" placeholder="Name or identifier" aria-label="Search entities">\
                <button type="submit">Search</button></form>
                <form class="sign-out" action="/logout" method="post">\
                <input type="hidden" name="csrf" value="\(user.csrf)">\
                <span class="who">\(user.name.isEmpty ? "signed in as" : user.name + " ·") \(user.role.rawValue)</span> \
                <button type="submit">Sign out</button></form>
                """
        } else {
            nav = .empty
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Trama</title>\(refresh.map { HTML(trusted: "\n<meta http-equiv=\"refresh\" content=\"\($0)\">") } ?? .empty)
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/static/trama.css">
            <script src="/static/trama.js" defer></script>
            </head>
            <body>
            <header class="bar"><a class="brand" href="/">Trama</a>\(nav)</header>
            <main>
            \(content)
            </main>
            <footer>Trama · every page has its own address: copy it to share what you see · <a href="/openapi.json">API</a></footer>
            </body>
            </html>
            """
    }

    /// A `<table>` with a header row; `rows` already made of `<td>` cells.
    public static func table(_ headers: [String], _ rows: [HTML], caption: String? = nil, className: String? = nil) -> HTML {
        let head = headers.map { h -> HTML in "<th scope=\"col\">\(h)</th>" }
        let cap: HTML = caption.map { "<caption>\($0)</caption>" } ?? .empty
        return "<table\(className.map { HTML(trusted: " class=\"\(HTML.escape($0))\"") } ?? .empty)>\(cap)<thead><tr>\(head)</tr></thead><tbody>\(rows.map { "<tr>\($0)</tr>" as HTML })</tbody></table>"
    }

    /// "41–60 of 1,204" with links to the neighbouring pages.
    public static func pager(_ page: Page, shown: Int, link: (Int) -> String) -> HTML {
        guard page.total > 0 else { return .empty }
        let first = page.offset + 1, last = page.offset + shown
        var parts: [HTML] = ["<span>\(count(first))–\(count(last)) of \(count(page.total))</span>"]
        if page.offset > 0 { parts.insert("<a rel=\"prev\" href=\"\(link(max(0, page.offset - page.limit)))\">← previous</a>", at: 0) }
        if last < page.total { parts.append("<a rel=\"next\" href=\"\(link(page.offset + page.limit))\">next →</a>") }
        return "<nav class=\"pager\">\(parts)</nav>"
    }

    /// 1204 as "1,204".
    public static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A flag's or a figure's value: whole thousands grouped (6,840,088), small values to four
    /// significant digits, a dash for none.
    public static func figure(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "—" }
        return abs(v) >= 1000 ? count(Int(v.rounded())) : String(format: "%.4g", v)
    }

    /// An entity as a link to its page: its name, or its reference when it has none.
    public static func entity(_ e: EntityInfo) -> HTML {
        "<a class=\"entity kind-\(e.kind)\" href=\"\(Links.entity(e.reference))\">\(e.name ?? e.reference)</a>"
    }

    /// The page for an error: what went wrong, in the words the API would use.
    public static func problem(_ problem: Problem, user: SignedIn?) -> HTML {
        page(title: problem.title, user: user, """
            <h1>\(problem.title)</h1>
            <p class="problem">\(problem.detail)\(problem.parameter.map { " (parameter \($0))" })</p>
            <p><a href="/">Back to the start</a></p>
            """)
    }

    /// A row of downloads under a label: "Dossier: PDF HTML Bundle".
    static func downloads(_ label: String, _ files: [(title: String, href: String)]) -> HTML {
        let links = files.map { f -> HTML in "<a class=\"button\" href=\"\(f.href)\" download>\(f.title)</a> " }
        return "<p class=\"downloads\"><span>\(label):</span> \(links)</p>"
    }
}
