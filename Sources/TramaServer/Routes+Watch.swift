import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TramaExplorer
import TramaGraph
import TramaService
import TramaStore

/// Early warning over the API, for the analyst role and above (alerts name people unmasked):
/// the same watchlists, rules and alerts as `trama watch`, `trama rules` and `trama alerts`,
/// as the user the token is.
extension Routes {
    func registerWatch(_ add: Add) {
        add(.get, "/api/v1/watchlists", guarded(.analyst, apiWatchlists))
        add(.post, "/api/v1/watchlists/{name}/entities", guarded(.analyst, apiWatchEntity))
        add(.delete, "/api/v1/watchlists/{name}/entities/{ref}", guarded(.analyst, apiUnwatchEntity))
        add(.post, "/api/v1/watchlists/{name}/shares", guarded(.analyst, apiShareWatchlist))
        add(.get, "/api/v1/rules", guarded(.analyst, apiRules))
        add(.post, "/api/v1/rules", guarded(.analyst, apiCreateRule))
        add(.delete, "/api/v1/rules/{id}", guarded(.analyst, apiDeleteRule))
        add(.get, "/api/v1/alerts", guarded(.analyst, apiAlerts))

        add(.get, "/api/v1/cases", guarded(.analyst, apiCases))
        add(.post, "/api/v1/cases", guarded(.analyst, apiOpenCase))
        add(.get, "/api/v1/cases/{id}", guarded(.analyst, apiCase))
        add(.post, "/api/v1/cases/{id}/changes", guarded(.analyst, apiChangeCase))

        add(.post, "/api/v1/screenings", guarded(.analyst, apiScreening))
        add(.get, "/api/v1/webhooks", guarded(.analyst, apiWebhooks))
        add(.post, "/api/v1/webhooks", guarded(.analyst, apiAddWebhook))
        add(.delete, "/api/v1/webhooks/{id}", guarded(.analyst, apiDeleteWebhook))

        add(.get, "/alerts", explorer(.analyst, alertsPage))
        add(.get, "/cases", explorer(.analyst) { _, context, user in
            let mine = try cases(context)
            return Self.page(CasesPage.list(try await state.work.run { try mine.list() }, user: user))
        })
        add(.post, "/cases", explorer(.analyst, openCasePage))
        add(.get, "/cases/{id}", explorer(.analyst, casePage))
        add(.post, "/cases/{id}", explorer(.analyst, changeCasePage))
        add(.get, "/screen", explorer(.analyst, screeningPage))
        add(.post, "/rules", explorer(.analyst, addRulePage))
        add(.post, "/webhooks", explorer(.analyst) { request, context, user in try await changeWebhooks(request, context, user, adding: true) })
        add(.post, "/webhooks/remove", explorer(.analyst) { request, context, user in try await changeWebhooks(request, context, user, adding: false) })
        add(.post, "/watchlists", explorer(.analyst) { request, context, user in try await changeWatchlist(request, context, user, watching: true) })
        add(.post, "/watchlists/share", explorer(.analyst, shareWatchlistPage))
        add(.post, "/watchlists/remove", explorer(.analyst) { request, context, user in try await changeWatchlist(request, context, user, watching: false) })
    }

    func cases(_ context: TramaContext) throws -> Cases { Cases(store: state.store, user: try actingUser(context)) }

    /// The `{id}` of a case, rule or webhook path (`what` names it in the problem).
    static func pathID(_ context: TramaContext, of what: String) throws -> Int {
        guard let id = context.parameters.get("id", as: Int.self), id >= 1 else {
            throw ServiceError.badParameter(name: "id", reason: "is not a \(what) id (a whole number from 1)")
        }
        return id
    }

    static func caseID(_ context: TramaContext) throws -> Int { try pathID(context, of: "case") }

    /// 201 with `answer`, and `Location` at `location`.
    static func created(_ answer: some Answer, at location: String) -> Response {
        var response = HTTPAnswer.json(answer.json, version: nil, status: .created)
        response.headers[.location] = location
        return response
    }

    @Sendable func apiCases(_ request: Request, _ context: TramaContext) async throws -> Response {
        let status = try QueryParameters(request).parsed("status") { text -> Case.Status in
            guard let s = Case.Status(rawValue: text) else {
                throw ServiceError.badParameter(name: "status", reason: "is one of \(Case.Status.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return s
        }
        let mine = try cases(context)
        return respond(try await state.work.run { try mine.list(status: status) }, context, request: request)
    }

    @Sendable func apiOpenCase(_ request: Request, _ context: TramaContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let asked = try decodeBody(NewCase.self, from: body.readableBytesView, example: #"{"alerts": [12], "title": "Alfa's new owner"}"#)
        let mine = try cases(context)
        let shown = try await state.work.run { try mine.load(try mine.open(alerts: asked.alerts, title: asked.title)) }
        return Self.created(shown, at: "/api/v1/cases/\(shown.id)")
    }

    @Sendable func apiCase(_ request: Request, _ context: TramaContext) async throws -> Response {
        let id = try Self.caseID(context), mine = try cases(context)
        let shown = try await state.work.run { try mine.load(id) }
        try await audit(context, request, entities: shown.entities)
        return respond(shown, context, request: request)
    }

    @Sendable func apiChangeCase(_ request: Request, _ context: TramaContext) async throws -> Response {
        let id = try Self.caseID(context)
        let body = try await request.body.collect(upTo: 64 * 1024)
        let change = try decodeBody(CaseChange.self, from: body.readableBytesView, example: #"{"status": "in_review", "note": "asked the registry"}"#)
        let mine = try cases(context)
        let shown = try await state.work.run { () throws -> Case in
            try mine.change(id, change)
            return try mine.load(id)
        }
        return respond(shown, context, request: request)
    }

    /// A screening: flags, owners, sanctions at the date, ties, cases — as JSON, or as the
    /// report `trama screen -o` writes (`format`), on the served graph or `as_of` an import.
    @Sendable func apiScreening(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        let format = try ReportFormat.requested(p)
        let body = try await request.body.collect(upTo: 16 * 1024)
        let asked = try decodeBody(ScreeningRequest.self, from: body.readableBytesView, example: #"{"entity": "firm:F1", "buyer": "agency:A1", "at": "2024-01-01"}"#)
        var query = ScreeningQuery(entity: asked.entity, buyer: asked.buyer)
        if let at = asked.at {
            do { query.at = try PathQuery.day(at) } catch { throw ServiceError.badParameter(name: "at", reason: "'\(at.prefix(40))' is not a date (YYYY-MM-DD)") }
        }
        let (box, version, generated) = try await reportGraph(p)
        let screening = try await state.work.run { [query] in try query.run(on: box.graph, store: box.store, version: version, generated: generated) }
        try await audit(context, request, entities: screening.namedEntities)
        return try await respondReport(screening.json, format: format, name: "screening", request: request) { drawing, theme in
            try screening.bundle(graph: box.graph, store: box.store, drawing: drawing, theme: theme)
        }
    }

    @Sendable func apiWebhooks(_ request: Request, _ context: TramaContext) async throws -> Response {
        let mine = Webhooks(store: state.store, user: try actingUser(context))
        return respond(try await state.work.run { try mine.list() }, context, request: request)
    }

    @Sendable func apiAddWebhook(_ request: Request, _ context: TramaContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 16 * 1024)
        let asked = try decodeBody(NewWebhook.self, from: body.readableBytesView, example: #"{"url": "https://example.org/trama", "secret": "a long shared secret"}"#)
        let mine = Webhooks(store: state.store, user: try actingUser(context)), allowed = state.configuration.webhooksToPrivateAddresses
        let id = try await state.work.run { try mine.add(url: asked.url, secret: asked.secret, privateAddresses: allowed) }
        return Self.created(WatchRuleCreated(id: id), at: "/api/v1/webhooks/\(id)")
    }

    @Sendable func apiDeleteWebhook(_ request: Request, _ context: TramaContext) async throws -> Response {
        let id = try Self.pathID(context, of: "webhook")
        let mine = Webhooks(store: state.store, user: try actingUser(context))
        try await state.work.run { try mine.remove(id) }
        return Response(status: .noContent)
    }

    // MARK: Explorer

    /// The inbox: the user's alerts, a page at a time, with their watchlists and rules.
    func alertsPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let p = Self.formQuery(request)
        let (limit, offset) = try p.page()
        let since = try p.int("since", minimum: 0, maximum: Int(Int32.max)), rule = try p.int("rule", minimum: 1, maximum: 9_007_199_254_740_991)
        let mine = try watch(context), store = state.store
        let (alerts, lists, rules, hooks) = try await state.work.run {
            (try AlertList.read(store: store, user: mine.user, since: since, rule: rule, limit: limit, offset: offset), try mine.lists(), try mine.rules(),
             try Webhooks(store: store, user: mine.user).list())
        }
        try await audit(context, request, entities: Array(Set(alerts.alerts.flatMap(\.entities) + lists.watchlists.flatMap(\.entities))))
        return Self.page(AlertsPage(alerts: alerts, watchlists: lists, rules: rules, webhooks: hooks, since: since, rule: rule).html(user: user))
    }

    /// The inbox's share form on one of the user's lists.
    func shareWatchlistPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let form = try await Self.checkedForm(request, user)
        let fields = Dictionary(form, uniquingKeysWith: { a, _ in a })
        let mine = try watch(context)
        try await state.work.run {
            try mine.share(fields["list"] ?? "", with: fields["with"] ?? "", access: fields["access"] == "none" ? nil : fields["access"] ?? "read")
        }
        return Self.redirect("/alerts")
    }

    /// The inbox's webhook forms: add one (the API's rule on private addresses), or remove one.
    func changeWebhooks(_ request: Request, _ context: TramaContext, _ user: SignedIn, adding: Bool) async throws -> Response {
        let form = try await Self.checkedForm(request, user)
        let fields = Dictionary(form, uniquingKeysWith: { a, _ in a })
        let mine = Webhooks(store: state.store, user: try actingUser(context)), allowed = state.configuration.webhooksToPrivateAddresses
        try await state.work.run {
            if adding {
                _ = try mine.add(url: fields["url"] ?? "", secret: fields["secret"] ?? "", privateAddresses: allowed)
            } else {
                guard let id = fields["id"].flatMap({ Int($0) }) else { throw ServiceError.badParameter(name: "id", reason: "is not a webhook id") }
                try mine.remove(id)
            }
        }
        return Self.redirect("/alerts")
    }

    func openCasePage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let form = try await Self.checkedForm(request, user)
        let alerts = form.filter { $0.0 == "alert" }.compactMap { Int($0.1) }
        let mine = try cases(context)
        let id = try await state.work.run { try mine.open(alerts: alerts) }
        return Self.redirect("/cases/\(id)")
    }

    func casePage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let id = try Self.caseID(context), mine = try cases(context)
        let shown = try await state.work.run { try mine.load(id) }
        try await audit(context, request, entities: shown.entities)
        return Self.page(CasesPage.page(shown, user: user))
    }

    /// The case form: status, assignee (as typed; unchanged when it is the current one), a note.
    func changeCasePage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let id = try Self.caseID(context)
        let form = try await Self.checkedForm(request, user)
        let fields = Dictionary(form, uniquingKeysWith: { a, _ in a })
        let mine = try cases(context)
        try await state.work.run {
            let current = try mine.load(id)
            let status = fields["status"].flatMap(Case.Status.init(rawValue:)).flatMap { $0 == current.status ? nil : $0 }
            let assignee = fields["assignee"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0 == (current.assignee ?? "") ? nil : $0 }
            let note = fields["note"].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            let report = fields["report"].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : [$0] }
            try mine.change(id, CaseChange(status: status, assignee: assignee, note: note, reports: report))
        }
        return Self.redirect("/cases/\(id)")
    }

    /// Screening in the explorer: the form, and the answer's parts when a firm is given.
    func screeningPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let p = Self.formQuery(request)
        let (entity, buyer, at) = (try p.string("entity"), try p.string("buyer"), try p.parsed("at", PathQuery.day))
        guard let entity else { return Self.page(ScreeningPage(entity: nil, buyer: buyer, at: nil, screening: nil).html(user: user)) }
        let snapshot = state.snapshots.snapshot, store = state.store
        let query = ScreeningQuery(entity: entity, buyer: buyer, at: at)
        let screening = try await state.work.run { try query.run(on: snapshot.graph, store: store, version: try store.versions().first, generated: ReportBundle.now()) }
        try await audit(context, request, entities: screening.namedEntities)
        return Self.page(ScreeningPage(entity: entity, buyer: buyer, at: at?.iso, screening: screening).html(user: user))
    }

    /// The inbox's rule form: the fields its kind takes (the others are ignored, as a form
    /// sends them all).
    func addRulePage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let form = try await Self.checkedForm(request, user)
        let fields = Dictionary(form.filter { !$0.1.trimmingCharacters(in: .whitespaces).isEmpty }, uniquingKeysWith: { a, _ in a })
        guard let kind = fields["kind"].flatMap(WatchRule.Kind.init(rawValue:)) else {
            throw ServiceError.badParameter(name: "kind", reason: "is one of \(WatchRule.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var hops: Int?
        if kind == .connection, let text = fields["hops"] {
            guard let h = Int(text) else { throw ServiceError.badParameter(name: "hops", reason: "is a whole number from 1 to \(WatchRule.maximumHops)") }
            hops = h
        }
        let mine = try watch(context), asked = hops
        _ = try await state.work.run {
            try mine.addRule(
                name: fields["name"] ?? "", kind: kind, filter: kind == .flagFilter ? fields["filter"] : nil, watchlist: fields["watchlist"],
                toWatchlist: kind == .connection ? fields["to_watchlist"] : nil, hops: asked)
        }
        return Self.redirect("/alerts")
    }

    /// Watches (or unwatches) the form's `entity` in its `list` (`default` when empty); back to
    /// the inbox.
    func changeWatchlist(_ request: Request, _ context: TramaContext, _ user: SignedIn, watching: Bool) async throws -> Response {
        let form = try await Self.checkedForm(request, user)
        func field(_ name: String) -> String? { form.first { $0.0 == name }.map(\.1).flatMap { $0.isEmpty ? nil : $0 } }
        guard let entity = field("entity") else { throw ServiceError.badParameter(name: "entity", reason: "name the entity to watch") }
        let list = field("list") ?? Watch.defaultList
        let mine = try watch(context)
        let change = try await state.work.run { watching ? try mine.add(entity, list: list) : try mine.remove(entity, list: list) }
        try await audit(context, request, entities: [change.entity])
        return Self.redirect("/alerts")
    }

    func watch(_ context: TramaContext) throws -> Watch { Watch(store: state.store, user: try actingUser(context)) }

    static func pathText(_ context: TramaContext, _ name: String) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    @Sendable func apiWatchlists(_ request: Request, _ context: TramaContext) async throws -> Response {
        let mine = try watch(context)
        let lists = try await state.work.run { try mine.lists() }
        try await audit(context, request, entities: lists.watchlists.flatMap(\.entities))
        return respond(lists, context, request: request)
    }

    @Sendable func apiWatchEntity(_ request: Request, _ context: TramaContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 16 * 1024)
        let asked = try decodeBody(WatchEntityRequest.self, from: body.readableBytesView, example: #"{"entity": "firm:F1"}"#)
        let mine = try watch(context), list = Self.pathText(context, "name")
        let change = try await state.work.run { try mine.add(asked.entity, list: list) }
        try await audit(context, request, entities: [change.entity])
        return HTTPAnswer.json(change.json, version: nil, status: change.changed ? .created : .ok)
    }

    @Sendable func apiUnwatchEntity(_ request: Request, _ context: TramaContext) async throws -> Response {
        let mine = try watch(context), list = Self.pathText(context, "name"), entity = Self.pathText(context, "ref")
        let change = try await state.work.run { try mine.remove(entity, list: list) }
        return respond(change, context, request: request)
    }

    @Sendable func apiShareWatchlist(_ request: Request, _ context: TramaContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 16 * 1024)
        let asked = try decodeBody(WatchlistShare.self, from: body.readableBytesView, example: #"{"with": "press desk", "access": "read"}"#)
        let mine = try watch(context), list = Self.pathText(context, "name")
        try await state.work.run { try mine.share(list, with: asked.with, access: asked.access == "none" ? nil : asked.access) }
        return respond(try await state.work.run { try mine.lists() }, context, request: request)
    }

    @Sendable func apiRules(_ request: Request, _ context: TramaContext) async throws -> Response {
        let mine = try watch(context)
        return respond(try await state.work.run { try mine.rules() }, context, request: request)
    }

    @Sendable func apiCreateRule(_ request: Request, _ context: TramaContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let asked = try decodeBody(NewWatchRule.self, from: body.readableBytesView, example: #"{"name": "Alfa's bids", "kind": "activity", "watchlist": "default"}"#)
        let mine = try watch(context)
        let id = try await state.work.run { try asked.add(to: mine) }
        return Self.created(WatchRuleCreated(id: id), at: "/api/v1/rules/\(id)")
    }

    @Sendable func apiDeleteRule(_ request: Request, _ context: TramaContext) async throws -> Response {
        let id = try Self.pathID(context, of: "rule")
        let mine = try watch(context)
        try await state.work.run { try mine.removeRule(id) }
        return Response(status: .noContent)
    }

    @Sendable func apiAlerts(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        let (limit, offset) = try p.page()
        let since = try p.int("since", minimum: 0, maximum: Int(Int32.max))
        let rule = try p.int("rule", minimum: 1, maximum: 9_007_199_254_740_991)
        let mine = try watch(context), store = state.store
        var answer = try await state.work.run { try AlertList.read(store: store, user: mine.user, since: since, rule: rule, limit: limit, offset: offset) }
        answer.page = linked(answer.page, request: request)
        try await audit(context, request, entities: Array(Set(answer.alerts.flatMap(\.entities))))
        return respond(answer, context, request: request)
    }
}
