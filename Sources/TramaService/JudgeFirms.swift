import Foundation
import TramaIngest
public import TramaStore

/// `trama judges firms [--judge J]`, `GET /api/v1/judges/firms`, a judge's explorer page: which
/// law firms appear before which judges, how often, and for which side.
///
/// A firm appears before a judge when one of its lawyers (`works_at`) is counsel in a case the
/// judge presides, was referred or sits on the panel of; its side is the published role of the
/// party the lawyer acts for (Plaintiff, Debtor, Creditor Committee…), counted in cases. These
/// are counts, not a test: a firm before one judge in many cases is a question for the court's
/// assignment records (`trama judges lawyers` tests lawyers against the judge's peers).
public struct JudgeFirms: Answer, Hashable {
    public struct Row: Codable, Sendable, Hashable {
        /// `law_firm:key`.
        public var firm: String
        public var firmName: String?
        public var judge: String
        public var judgeName: String?
        /// `court:key` of the cases.
        public var courts: [String]
        /// Cases before the judge with a lawyer of the firm.
        public var cases: Int
        /// Lawyer–case appearances.
        public var appearances: Int
        public var lawyers: Int
        /// Cases per role of the parties the firm's lawyers acted for, most first.
        public var roles: [Side]
        public var firstFiled: String?
        public var lastFiled: String?

        public struct Side: Codable, Sendable, Hashable {
            public var role: String
            public var cases: Int
        }

        enum CodingKeys: String, CodingKey {
            case firm, firmName = "firm_name", judge, judgeName = "judge_name", courts, cases, appearances, lawyers, roles
            case firstFiled = "first_filed", lastFiled = "last_filed"
        }
    }

    /// The judge asked about (`judge:key`); null for every judge.
    public var judge: String?
    public var page: Page
    public var firms: [Row]

    /// The firms before `judge` (a reference `EntityResolver` reads; nil: before every judge).
    public static func read(store: Store, judge: String?, limit: Int, offset: Int) throws -> JudgeFirms {
        let resolved = try judge.map { try EntityResolver(store: store).resolve($0) }
        if let resolved, resolved.kind != "judge" { throw ServiceError.badParameter(name: "judge", reason: "\(resolved.reference) is not a judge") }
        let rows = try store.execute(.judgeFirms, [resolved.map { String($0.id) } ?? "", String(limit), String(offset)]).rows
        let firms = try rows.map { r in
            Row(
                firm: r[0] ?? "", firmName: r[1], judge: r[2] ?? "", judgeName: r[3], courts: try JSONDecoder().decode([String].self, from: Data((r[10] ?? "[]").utf8)),
                cases: r[4].flatMap { Int($0) } ?? 0, appearances: r[5].flatMap { Int($0) } ?? 0, lawyers: r[6].flatMap { Int($0) } ?? 0,
                roles: try JSONDecoder().decode([Row.Side].self, from: Data((r[9] ?? "[]").utf8)), firstFiled: r[7], lastFiled: r[8])
        }
        return JudgeFirms(judge: resolved?.reference, page: Page(total: rows.first?[11].flatMap { Int($0) } ?? 0, limit: limit, offset: offset), firms: firms)
    }

    /// One line per firm and judge, most cases first.
    public var text: String {
        var lines = [judge.map { "Law firms before \($0):" } ?? "Law firms before judges:"]
        for (i, r) in firms.enumerated() {
            let sides = r.roles.map { "\($0.role) \($0.cases)" }.joined(separator: ", ")
            let span = [r.firstFiled, r.lastFiled].compactMap { $0 }
            let period = span.isEmpty ? "" : span[0] == span.last! ? ", filed \(span[0])" : ", filed \(span[0]) – \(span.last!)"
            lines.append(
                "  \(page.offset + i + 1). \(JudicialReports.entity(r.firm, r.firmName)) before \(JudicialReports.entity(r.judge, r.judgeName)): "
                    + "\(r.cases) case\(r.cases == 1 ? "" : "s"), \(r.appearances) appearance\(r.appearances == 1 ? "" : "s") by \(r.lawyers) "
                    + "lawyer\(r.lawyers == 1 ? "" : "s"); for \(sides)\(period)")
        }
        if firms.isEmpty { lines.append("  none: no lawyer with a law firm is counsel in a case with a judge") }
        lines.append("\(page.total) firm–judge pairs" + (page.total > firms.count ? " (\(firms.count) from \(page.offset + 1) shown)" : ""))
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row per firm, judge and role.
    public var csv: String {
        var out = "firm,firm_name,judge,judge_name,courts,cases,appearances,lawyers,role,role_cases,first_filed,last_filed\n"
        for r in firms {
            for side in r.roles {
                out += CSVWriter.line([
                    r.firm, r.firmName ?? "", r.judge, r.judgeName ?? "", r.courts.joined(separator: " "), String(r.cases), String(r.appearances),
                    String(r.lawyers), side.role, String(side.cases), r.firstFiled ?? "", r.lastFiled ?? "",
                ])
            }
        }
        return out
    }
}
