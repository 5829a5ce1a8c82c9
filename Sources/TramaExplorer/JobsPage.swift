import Foundation
public import TramaService

/// Imports and scans: the admin's list with the upload form, the scan form (for analysts on the
/// collusion pages too), and one job's page, which reloads itself while the job runs.
public enum JobsPage {
    public static func list(_ list: JobList, user: SignedIn) -> HTML {
        let rows = list.jobs.map { j -> HTML in
            """
            <td><a href="/jobs/\(j.id)">\(j.id)</a></td><td>\(j.kind.rawValue)</td><td>\(what(j))</td><td><span class="state state-\(j.state.rawValue)">\(j.state.rawValue)</span></td>\
            <td>\(j.progress?.message)</td><td>\(time(j.createdAt))</td>
            """
        }
        let table: HTML = rows.isEmpty ? "<p class=\"empty\">No jobs yet.</p>" : Layout.table(["Job", "Kind", "What", "State", "Progress", "Asked (UTC)"], rows, className: "jobs")
        let pager = Layout.pager(list.page, shown: list.jobs.count) { Links.with("/jobs", [("offset", $0 > 0 ? String($0) : nil)]) }
        return Layout.page(title: "Imports & jobs", user: user, section: .jobs, """
            <h1>Imports &amp; jobs</h1>
            <div class="panels">
            <section>
            <h2>Import a dataset</h2>
            <p class="muted">A zip of a GRAS folder, or one OCDS, BODS or FollowTheMoney file (JSON, JSON Lines, gzip). An import \
            is one transaction: a record with a problem fails it, naming the file, line and field, and loads nothing — unless \
            you choose to skip invalid records. Importing a dataset that exists replaces it.</p>
            <form class="upload-form" action="/imports" method="post" enctype="multipart/form-data">
            <input type="hidden" name="csrf" value="\(user.csrf)">
            <label>Dataset name <input type="text" name="dataset" required maxlength="200"></label>
            <label>Format <select name="format"><option value="">GRAS zip (by its signature)</option>\
            <option value="ocds">OCDS</option><option value="bods">BODS</option><option value="ftm">FollowTheMoney</option><option value="dockets">Court dockets (PACER JSON)</option></select></label>
            <label>File <input type="file" name="file" required></label>
            <label>Why <input type="text" name="reason" maxlength="2000" placeholder="kept in the import history"></label>
            <label class="check"><input type="checkbox" name="skip_invalid" value="true"> Skip invalid records</label>
            <button type="submit">Upload and import</button>
            </form>
            </section>
            \(scanForm(user: user))
            </div>
            <h2>Jobs</h2>
            \(table)
            \(pager)
            """)
    }

    /// The form that starts a scan; its job page follows it.
    public static func scanForm(user: SignedIn) -> HTML {
        """
        <section class="scan">
        <h2>Run a scan</h2>
        <p class="muted">Runs on the graph served now and stores a new run; its flags and rings replace the latest ones on \
        these pages when it is done.</p>
        <form class="inline-form" action="/scans" method="post">
        <input type="hidden" name="csrf" value="\(user.csrf)">
        <select name="analysis" aria-label="Analysis"><option value="collusion">collusion screens and rings (GRAS 2.x)</option>\
        <option value="judicial">judges' conflicts of interest</option><option value="judicial_patterns">lawyers before judges, judge profiles</option><option value="suppliers">suppliers' red flags (GRAS 1, 3, 4)</option>\
        <option value="resolution">entity resolution candidates</option></select>
        <label>Tenders from <input type="date" name="from"></label><label>to <input type="date" name="to"></label>
        <label>Splitting threshold (suppliers) <input type="number" name="splitting_threshold" min="0" step="any"></label>
        <label>Secrecy jurisdictions (suppliers, GRAS 3.9; default the FSI 2022 top ten) <textarea name="secrecy_list" rows="3" maxlength="20000" placeholder="# source: …&#10;code,name&#10;PA,Panama"></textarea></label>
        <button type="submit">Start</button>
        </form>
        </section>
        """
    }

    public static func job(_ j: Job, user: SignedIn) -> HTML {
        let p = j.progress
        var facts: [HTML] = ["<dt>State</dt><dd><span class=\"state state-\(j.state.rawValue)\">\(j.state.rawValue)</span></dd>"]
        facts.append("<dt>Asked</dt><dd>\(time(j.createdAt)) UTC</dd>")
        if let s = j.startedAt { facts.append("<dt>Started</dt><dd>\(time(s)) UTC</dd>") }
        if let f = j.finishedAt { facts.append("<dt>Finished</dt><dd>\(time(f)) UTC</dd>") }
        if let p {
            facts.append("<dt>Progress</dt><dd>\(p.message)\(p.file.map { " · \($0)" })\(p.records.map { " · \(Layout.count($0)) records" })\(bytes(p)) · \(String(format: "%.1f", p.seconds)) s</dd>")
        }
        facts.append("<dt>Asked for</dt><dd><code>\(j.parameters.compact)</code></dd>")
        let problems = j.problems.map { x -> HTML in
            "<td>\(x.file)</td><td class=\"num\">\(x.line.map(String.init))</td><td>\(x.field)</td><td><code>\(x.value)</code></td><td>\(x.detail)</td>"
        }
        let result: HTML = j.result.map { r in "<h2>Result</h2><pre class=\"result\">\(((try? JSONValue.parse(r.compact)) ?? r).pretty)</pre>" } ?? .empty
        let next: HTML = j.state == .succeeded && j.kind == .scan ? "<p class=\"actions\"><a class=\"button\" href=\"/rings\">Rings</a> <a class=\"button\" href=\"/flags\">Red flags</a> <a class=\"button\" href=\"/judges\">Judges</a></p>" : .empty
        return Layout.page(title: "Job \(j.id)", user: user, section: user.role >= .admin ? .jobs : nil, refresh: j.state.isFinished ? nil : 2, """
            \(user.role >= .admin ? HTML("<p><a href=\"/jobs\">← all jobs</a></p>") : .empty)
            <h1>\(j.kind == .import ? "Import" : "Scan") · job \(j.id)</h1>
            \(j.state.isFinished ? HTML.empty : "<p class=\"notice\" role=\"status\">This page reloads every two seconds until the job ends.</p>")
            <dl class="facts">\(facts)</dl>
            \(next)
            \(problems.isEmpty ? HTML.empty : "<h2>Problems <span class=\"count\">\(problems.count)</span></h2>\(Layout.table(["File", "Line", "Field", "Value", "What is wrong"], problems, className: "problems"))")
            \(result)
            """)
    }

    static func what(_ j: Job) -> String {
        guard case let .object(members) = (try? JSONValue.parse(j.parameters.compact)) ?? .object([]) else { return "" }
        func text(_ name: String) -> String? {
            guard let v = members.first(where: { $0.0 == name })?.1 else { return nil }
            if case let .string(s) = v { return s }
            return v.compact
        }
        return j.kind == .import ? [text("dataset"), text("format")].compactMap { $0 }.joined(separator: " · ") : text("analysis") ?? ""
    }

    static func time(_ iso: String) -> String { String(iso.prefix(19)).replacingOccurrences(of: "T", with: " ") }

    static func bytes(_ p: JobProgress) -> String {
        guard let done = p.bytesDone else { return "" }
        let mb = { (b: Int) in String(format: "%.1f MB", Double(b) / 1e6) }
        let pace = p.bytesPerSecond.map { String(format: " at %.1f MB/s", $0 / 1e6) } ?? ""
        let eta = p.etaSeconds.map { String(format: ", about %.0f s to go", $0) } ?? ""
        return " · " + mb(done) + (p.bytesTotal.map { " of " + mb($0) } ?? "") + pace + eta
    }
}
