import Foundation
public import TramaStore

/// An alert (or several) opened for review (`schema/0016_cases.sql`): who owns it, who works on
/// it, where it stands, what was noted, and the history of every change.
public struct Case: Answer, Hashable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case open
        case inReview = "in_review"
        /// Closed: the pattern was what it looked like.
        case founded
        /// Closed: it was not; its alerts stay quiet on later imports unless their evidence changes.
        case unfounded
        /// Closed: another case covers it.
        case duplicate
    }

    public struct Event: Codable, Sendable, Hashable {
        public var at: String
        public var by: String?
        public var change: String
        public var detail: String
    }

    public var id: Int
    public var title: String
    public var owner: String
    public var assignee: String?
    public var status: Status
    public var createdAt: String
    public var updatedAt: String
    public var alerts: [Alert]
    public var investigations: [Int]
    /// Evidence reports linked: their reproducing commands, digests or where they were filed.
    public var reports: [String]
    public var history: [Event]

    enum CodingKeys: String, CodingKey {
        case id, title, owner, assignee, status, createdAt = "created_at", updatedAt = "updated_at", alerts, investigations, reports, history
    }

    /// Every entity the case's alerts name, once each: what looking at it shows (the audit log's
    /// entities).
    public var entities: [String] { Array(Set(alerts.flatMap(\.entities))).sorted() }

    public var text: String {
        var lines = ["case \(id): \(title) — \(status.rawValue)\(assignee.map { ", assigned to \($0)" } ?? ""), opened by \(owner) \(createdAt)"]
        for a in alerts { lines.append("  alert #\(a.id) [\(a.ruleName)] \(a.change): \(a.summary)") }
        if !investigations.isEmpty { lines.append("  investigations: " + investigations.map { "#\($0)" }.joined(separator: ", ")) }
        for r in reports { lines.append("  report: \(r)") }
        for e in history { lines.append("  \(e.at) \(e.by ?? "?") \(e.change)\(e.detail.isEmpty ? "" : ": \(e.detail)")") }
        return lines.joined(separator: "\n")
    }
}

public struct CaseList: Answer, Hashable {
    public struct Summary: Codable, Sendable, Hashable {
        public var id: Int
        public var title: String
        public var owner: String
        public var assignee: String?
        public var status: Case.Status
        public var updatedAt: String

        enum CodingKeys: String, CodingKey { case id, title, owner, assignee, status, updatedAt = "updated_at" }
    }

    public var cases: [Summary]

    public var text: String {
        guard !cases.isEmpty else { return "no cases (`trama cases open --alert ID`)" }
        return cases.map { "\($0.id)  \($0.title)  [\($0.status.rawValue)]\($0.assignee.map { " → \($0)" } ?? "") · \($0.owner) · \($0.updatedAt)" }
            .joined(separator: "\n")
    }
}

/// The body of `POST /api/v1/cases`.
public struct NewCase: Answer, Hashable {
    public var alerts: [Int]
    public var title: String?
}

/// One change to a case, as the command line, the API (`POST /api/v1/cases/{id}/changes`) and
/// the explorer's forms make it; each is recorded in the case's history and the audit log.
public struct CaseChange: Answer, Hashable {
    public var status: Case.Status?
    /// The API token (name or number) to assign; empty to unassign.
    public var assignee: String?
    public var note: String?
    /// Alerts to attach.
    public var alerts: [Int]?
    /// Investigations to link (ones the user may read).
    public var investigations: [Int]?
    /// Evidence reports to link: the command that rebuilds one (`trama evidence … --as-of N
    /// --reproducible`), its digest, or where it was filed.
    public var reports: [String]?

    public init(
        status: Case.Status? = nil, assignee: String? = nil, note: String? = nil, alerts: [Int]? = nil, investigations: [Int]? = nil, reports: [String]? = nil
    ) {
        self.status = status
        self.assignee = assignee
        self.note = note
        self.alerts = alerts
        self.investigations = investigations
        self.reports = reports
    }
}

/// The cases one user (an API token) owns or is assigned. Every method checks access first.
public struct Cases: Sendable {
    public let store: Store
    public let user: Int

    public init(store: Store, user: Int) {
        self.store = store
        self.user = user
    }

    /// A new case holding `alerts` (alerts of the user's rules), titled `title` or after the
    /// first alert; returns its id.
    /// The most alerts or investigations one request attaches.
    public static let maximumAttached = 100

    public func open(alerts: [Int], title: String? = nil) throws -> Int {
        guard !alerts.isEmpty else { throw ServiceError.badParameter(name: "alerts", reason: "a case opens on at least one alert") }
        guard alerts.count <= Self.maximumAttached else { throw ServiceError.limitExceeded(name: "alerts", limit: Self.maximumAttached) }
        try requireReadable(alerts)
        let first = try AlertList.byID(alerts, store: store).first
        let name = try SavedName.checked(title ?? first.map { String($0.summary.prefix(200)) } ?? "Case", parameter: "title")
        guard let id = try store.execute(.caseInsert, [name, String(user)]).scalar.flatMap({ Int($0) }) else {
            throw ServiceError.malformedRow(query: NamedQuery.caseInsert.rawValue)
        }
        try apply(CaseChange(alerts: alerts), to: id, recording: [("opened", "")])
        return id
    }

    public func list(status: Case.Status? = nil) throws -> CaseList {
        CaseList(cases: try store.execute(.casesList, [String(user), status?.rawValue]).rows.map { r in
            CaseList.Summary(id: Int(r[0]!)!, title: r[1] ?? "", owner: r[2] ?? "", assignee: r[3], status: Case.Status(rawValue: r[4] ?? "") ?? .open, updatedAt: r[6] ?? "")
        })
    }

    public func load(_ id: Int) throws -> Case {
        guard let r = try store.execute(.caseGet, [String(id), String(user)]).rows.first else { throw ServiceError.noSuchCase(id: id) }
        let alertIDs = try store.execute(.caseAlertIds, [String(id)]).rows.compactMap { $0[0].flatMap { Int($0) } }
        return Case(
            id: id, title: r[1] ?? "", owner: r[2] ?? "", assignee: r[3], status: Case.Status(rawValue: r[4] ?? "") ?? .open, createdAt: r[5] ?? "",
            updatedAt: r[6] ?? "", alerts: try AlertList.byID(alertIDs, store: store),
            investigations: try store.execute(.caseInvestigationIds, [String(id)]).rows.compactMap { $0[0].flatMap { Int($0) } },
            reports: try store.execute(.caseReports, [String(id)]).rows.compactMap { $0[0] },
            history: try store.execute(.caseEvents, [String(id)]).rows.map { Case.Event(at: $0[0] ?? "", by: $0[1], change: $0[2] ?? "", detail: $0[3] ?? "") })
    }

    /// Applies `change` to case `id`, each part recorded; closing as unfounded suppresses the
    /// case's alerts while their evidence stays what it is.
    public func change(_ id: Int, _ change: CaseChange) throws { try apply(change, to: id, recording: []) }

    /// `change` applied after the `events` given, all of them then recorded at once.
    private func apply(_ change: CaseChange, to id: Int, recording events: [(change: String, detail: String)]) throws {
        var events = events
        // Everything is checked before anything changes: a refused change leaves the case as it was.
        _ = try load(id)
        for (name, count) in [("alerts", change.alerts?.count ?? 0), ("investigations", change.investigations?.count ?? 0), ("reports", change.reports?.count ?? 0)]
        where count > Self.maximumAttached {
            throw ServiceError.limitExceeded(name: name, limit: Self.maximumAttached)
        }
        let reports = try (change.reports ?? []).map { r -> String in
            let text = r.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...1000).contains(text.unicodeScalars.count), !text.contains("\u{0}") else {
                throw ServiceError.badParameter(name: "reports", reason: "a report is named in 1 to 1,000 characters (its command, digest or place)")
            }
            return text
        }
        try requireReadable(change.alerts ?? [])
        for investigation in change.investigations ?? [] { _ = try Investigations(store: store, user: user).access(investigation) }
        var note: String?
        if let given = change.note {
            // Blank as JSON Schema's \s has it (the API's contract): U+FEFF too.
            let text = given.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
            guard (1...4000).contains(text.unicodeScalars.count) else { throw ServiceError.badParameter(name: "note", reason: "a note is 1 to 4,000 characters") }
            note = text
        }
        var assignee: Int?
        if let name = change.assignee {
            assignee = name.isEmpty ? 0 : try AccessTokens.userID(name, store: store)
        }
        for alert in change.alerts ?? [] where try store.execute(.caseAlertAttach, [String(id), String(alert), String(user)]).rows.count == 1 {
            events.append(("alert", "#\(alert)"))
        }
        for investigation in change.investigations ?? [] where try store.execute(.caseInvestigationLink, [String(id), String(investigation)]).rows.count == 1 {
            events.append(("investigation", "#\(investigation)"))
        }
        for report in reports where try store.execute(.caseReportLink, [String(id), report]).rows.count == 1 {
            events.append(("report", String(report.prefix(4000))))
        }
        if let note { events.append(("note", note)) }
        if change.status != nil || assignee != nil {
            _ = try store.execute(.caseUpdate, [String(id), change.status?.rawValue, assignee.map(String.init)])
            if let status = change.status {
                events.append(("status", status.rawValue))
                if status == .unfounded { _ = try store.execute(.alertSuppress, [String(id)]) }
            }
            if let name = change.assignee { events.append(("assignee", name)) }
        }
        try record(events, of: id)
    }

    /// Refuses alerts the user may not read (or that do not exist), naming the first.
    private func requireReadable(_ alerts: [Int]) throws {
        guard !alerts.isEmpty else { return }
        let readable = Set(try store.execute(.alertsReadable, [Store.bigintArray(alerts.map(Int64.init)), String(user)]).rows.compactMap { $0[0].flatMap { Int($0) } })
        if let missing = alerts.first(where: { !readable.contains($0) }) { throw ServiceError.noSuchAlert(id: missing) }
    }

    /// Changes in the case's history, and in the audit log with the case's alerts' entities.
    private func record(_ events: [(change: String, detail: String)], of id: Int) throws {
        guard !events.isEmpty else { return }
        for e in events { _ = try store.execute(.caseEventInsert, [String(id), String(user), e.change, e.detail]) }
        let alerts = try AlertList.byID(try store.execute(.caseAlertIds, [String(id)]).rows.compactMap { $0[0].flatMap { Int($0) } }, store: store)
        let entities = Array(Set(alerts.flatMap(\.entities))).sorted()
        try AuditLog(store: store).append(events.map { AuditDraft(tokenID: user, endpoint: "case \(id): \($0.change)", entities: entities, status: 200) })
    }
}

extension AlertList {
    /// Alerts by id, newest first.
    static func byID(_ ids: [Int], store: Store) throws -> [Alert] {
        guard !ids.isEmpty else { return [] }
        return try store.execute(.alertsById, [Store.bigintArray(ids.map(Int64.init))]).rows.map(Alert.init(row:))
    }
}
