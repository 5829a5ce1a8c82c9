import Foundation
import TramaAnalysis
public import TramaService

/// Pre-award screening in the explorer: a firm, the buyer, the date; the answer's parts as
/// tables, with the command that writes it as a document to file.
public struct ScreeningPage: Sendable {
    public var entity: String?
    public var buyer: String?
    public var at: String?
    public var screening: Screening?

    public init(entity: String?, buyer: String?, at: String?, screening: Screening?) {
        self.entity = entity
        self.buyer = buyer
        self.at = at
        self.screening = screening
    }

    public func html(user: SignedIn) -> HTML {
        var body: HTML = .empty
        if let s = screening {
            let flags = s.flags.map { f -> HTML in
                let standing = f.standing.map { String(format: "%.0f%%", $0 * 100) } ?? ""
                return "<td><span class=\"indicator\">\(f.indicator)</span></td><td>\(f.name ?? f.pattern)</td><td class=\"num\">\(Layout.figure(f.value))</td><td class=\"num\">\(standing)</td>"
            }
            let owners = s.owners.parties.map { p -> HTML in
                return "<td>\(Layout.entity(p.entity))</td><td class=\"num\">\(p.effectiveShare.map { String(format: "%.2f%%", $0) } ?? "unknown")</td>"
            }
            let sanctions = s.sanctions.map { x -> HTML in
                let r = x.relationship
                let through = x.link.rawValue.replacingOccurrences(of: "_", with: " ") + (x.through.map { " · \($0.name ?? $0.reference)" } ?? "")
                return """
                    <td>\(through)</td><td>\(Layout.entity(EntityInfo(reference: r.from, name: nil)))</td><td>\(r.to)</td>\
                    <td>\(r.period ?? "undated")</td><td class="muted">\(r.dataset) · \(r.source)</td>
                    """
            }
            let ties = s.connections.flatMap { d in d.connections }.map { c -> HTML in
                let post = c.post + (s.buyerOfficials.contains(c) ? " (the buyer's)" : "")
                let link = "\(c.link == .direct ? "direct" : "through a relative") · " + c.tie.replacingOccurrences(of: "_", with: " ")
                return "<td>\(Layout.entity(EntityInfo(reference: c.official, name: nil)))</td><td>\(c.role == .politician ? "politician" : "bureaucrat")</td><td>\(post)</td><td>\(link)</td>"
            }
            let cases = s.cases.map { r -> HTML in "<td>\(r.from)</td><td>\(Layout.entity(EntityInfo(reference: r.to, name: nil)))</td><td class=\"muted\">\(r.dataset) · \(r.source)</td>" }
            func part(_ title: String, _ headers: [String], _ rows: [HTML], _ none: String) -> HTML {
                let content: HTML = rows.isEmpty ? "<p class=\"empty\">\(none)</p>" : Layout.table(headers, rows, className: "screening")
                return "<h2>\(title)</h2>\(content)"
            }
            body = """
                <p class="summary">\(Layout.entity(s.entity))\(s.buyer.map { " before an award by \($0.name ?? $0.reference)" } ?? "")\(s.at.map { ", valid on \($0)" } ?? "") — \
                a screening lists patterns to review, none of them a finding.</p>
                \(part("Red flags", ["Indicator", "What it means", "Value", "Standing"], flags, "The latest analyses raised no red flag on it."))
                \(part("Owners up the chain", ["Owner", "Effective share"], owners, "No owner is recorded."))
                \(part("Sanctions", ["Through", "Sanctioned", "By", "Dates", "Source"], sanctions, "No sanction on the firm, its owners, its representatives or the firms they hold."))
                \(part("Ties to officials and politicians", ["Official", "Role", "Post", "Link"], ties, "No tie documented by the latest suppliers scan."))
                \(part("Court cases", ["Party", "Case", "Source"], cases, "No recorded case."))
                <p class="muted">As a document to file: <code>\(s.command)</code></p>
                """
        }
        return Layout.page(title: "Screening", user: user, section: .alerts, """
            <h1>Screen a supplier before an award</h1>
            <form class="facets" action="/screen" method="get">
            <input type="text" name="entity" value="\(entity)" required maxlength="1000" placeholder="firm:F1 or a name" aria-label="Supplier">
            <input type="text" name="buyer" value="\(buyer)" maxlength="1000" placeholder="agency:A1 (optional)" aria-label="Buyer">
            <input type="date" name="at" value="\(at)" aria-label="Valid on">
            <button type="submit">Screen</button>
            </form>
            \(body)
            """)
    }
}
