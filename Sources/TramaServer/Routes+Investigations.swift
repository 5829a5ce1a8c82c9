import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TramaExplorer
import TramaGraph
import TramaRender
import TramaService

/// Saved investigations, for the analyst role and above (they show entities unmasked): pages
/// in the explorer and the same changes over the API (``InvestigationChange``, one definition
/// for both). A user is the API token they signed in with; what they see of an investigation
/// is what its owner shared with them.
extension Routes {
    func registerInvestigations(_ add: Add) {
        add(.get, "/api/v1/investigations", guarded(.analyst, apiInvestigations))
        add(.post, "/api/v1/investigations", guarded(.analyst, apiCreateInvestigation))
        add(.get, "/api/v1/investigations/{id}", guarded(.analyst, apiInvestigation))
        add(.delete, "/api/v1/investigations/{id}", guarded(.analyst, apiDeleteInvestigation))
        add(.post, "/api/v1/investigations/{id}/changes", guarded(.analyst, apiChangeInvestigation))

        add(.get, "/investigations", explorer(.analyst, investigationsPage))
        add(.post, "/investigations", explorer(.analyst, createInvestigation))
        add(.get, "/investigations/{id}", explorer(.analyst, investigationPage))
        add(.post, "/investigations/{id}", explorer(.analyst, changeInvestigation))
        add(.post, "/investigations/{id}/delete", explorer(.analyst, deleteInvestigation))
        add(.get, "/investigations/{id}/{file}", explorer(.analyst, investigationMap))
    }

    /// The user a request acts as, as the store knows users: the token a session was opened with.
    func actingUser(_ context: TramaContext) throws -> Int {
        guard let token = context.token else { throw Problem(category: .unauthorized, detail: "sign in first") }
        return token.sessionOf ?? token.id
    }

    func investigations(_ context: TramaContext) throws -> Investigations { Investigations(store: state.store, user: try actingUser(context)) }

    static func investigationID(_ context: TramaContext) throws -> Int {
        guard let id = context.parameters.get("id", as: Int.self), id >= 1 else {
            throw ServiceError.badParameter(name: "id", reason: "is not an investigation id (a whole number from 1)")
        }
        return id
    }

    /// Loads an investigation on the served graph and records in the audit log that its
    /// entities were looked at.
    func shownInvestigation(_ id: Int, at: Day?, _ request: Request, _ context: TramaContext) async throws -> Investigation {
        let mine = try investigations(context), graph = state.snapshots.snapshot.graph
        let shown = try await state.work.run { try mine.load(id, graph: graph, at: at) }
        try await audit(context, request, entities: shown.entities.map(\.reference))
        return shown
    }

    // MARK: API

    @Sendable func apiInvestigations(_ request: Request, _ context: TramaContext) async throws -> Response {
        let mine = try investigations(context)
        return respond(try await state.work.run { try mine.list() }, context, request: request)
    }

    /// What `POST /api/v1/investigations` takes.
    struct NewInvestigation: Answer {
        var name: String
        var entities: [String]?
    }

    @Sendable func apiCreateInvestigation(_ request: Request, _ context: TramaContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 256 * 1024)
        let asked = try decodeBody(NewInvestigation.self, from: body.readableBytesView, example: #"{"name": "Alfa ring", "entities": ["firm:F1"]}"#)
        let mine = try investigations(context)
        let id = try await state.work.run { () throws -> Int in
            do { return try mine.create(name: asked.name, entities: asked.entities ?? []) } catch {
                throw Self.unprocessable(error, field: "entities", investigation: 0)
            }
        }
        var response = HTTPAnswer.json(try await shownInvestigation(id, at: nil, request, context).json, version: nil, status: .created)
        response.headers[.location] = "/api/v1/investigations/\(id)"
        return response
    }

    /// The investigation as JSON, or its map (`format=svg|png|pdf|dot`).
    @Sendable func apiInvestigation(_ request: Request, _ context: TramaContext) async throws -> Response {
        let at = try QueryParameters(request).parsed("at", PathQuery.day)
        let shown = try await shownInvestigation(try Self.investigationID(context), at: at, request, context)
        return try await respondMaybeDrawn(shown, context, request: request, version: state.snapshots.snapshot.version) { $0.map() }
    }

    @Sendable func apiDeleteInvestigation(_ request: Request, _ context: TramaContext) async throws -> Response {
        let id = try Self.investigationID(context), mine = try investigations(context)
        try await state.work.run { try mine.delete(id) }
        return Response(status: .noContent)
    }

    /// The answer to a change: what it did, and the investigation after it.
    struct InvestigationChanged: Answer {
        var outcome: InvestigationChange.Outcome
        var investigation: Investigation
    }

    @Sendable func apiChangeInvestigation(_ request: Request, _ context: TramaContext) async throws -> Response {
        let id = try Self.investigationID(context)
        let body = try await request.body.collect(upTo: 256 * 1024)
        let change = try decodeBody(InvestigationChange.self, from: body.readableBytesView, example: #"{"action": "expand", "entity": "firm:F1"}"#)
        let outcome = try await applied(change, to: id, context)
        let shown = try await shownInvestigation(id, at: nil, request, context)
        return respond(InvestigationChanged(outcome: outcome, investigation: shown), context, request: request)
    }

    func applied(_ change: InvestigationChange, to id: Int, _ context: TramaContext) async throws -> InvestigationChange.Outcome {
        let mine = try investigations(context), graph = state.snapshots.snapshot.graph
        do {
            return try await state.work.run { try change.apply(to: id, in: mine, graph: graph) }
        } catch {
            throw Self.unprocessable(error, field: change.action == .add ? "entities" : "entity", investigation: id)
        }
    }

    /// An entity, user or other investigation that a request's body names and that does not
    /// exist is 422, naming the field: the investigation the path names does exist, and a 404
    /// would say it did not.
    static func unprocessable(_ error: any Error, field: String, investigation id: Int) -> any Error {
        let named: String
        switch error {
        case ServiceError.unknownEntity, ServiceError.notInInvestigation: named = field
        case let ServiceError.noSuchInvestigation(other) where other != id: named = "other"
        case ServiceError.unknownUser: named = "with"
        default: return error
        }
        let problem = Problem(error)
        return Problem(category: problem.category, detail: problem.detail, parameter: named, status: 422)
    }

    // MARK: Explorer

    func investigationsPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let mine = try investigations(context)
        return Self.page(InvestigationsPage.list(try await state.work.run { try mine.list() }, user: user))
    }

    /// A new investigation (`name`), or an existing one (`id`), with the `entity` fields added;
    /// then its page.
    func createInvestigation(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let form = try await Self.checkedForm(request, user)
        let entities = form.filter { $0.0 == "entity" || $0.0 == "entities" }.map(\.1).filter { !$0.isEmpty }
        let chosen = form.first { $0.0 == "id" }?.1
        let name = form.first { $0.0 == "name" }?.1 ?? ""
        let mine = try investigations(context)
        let id = try await state.work.run { () throws -> Int in
            if let chosen, chosen != "new" {
                guard let id = Int(chosen), id >= 1 else { throw ServiceError.badParameter(name: "id", reason: "is not an investigation id") }
                if !entities.isEmpty { try mine.add(id, entities: entities) }
                return id
            }
            return try mine.create(name: name.isEmpty && !entities.isEmpty ? "Investigation of \(entities[0])" : name, entities: entities)
        }
        return Self.redirect("/investigations/\(id)")
    }

    func investigationPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let id = try Self.investigationID(context)
        let p = Self.formQuery(request)
        let at = try p.parsed("at", PathQuery.day)
        let shown = try await shownInvestigation(id, at: at, request, context)
        let mine = try investigations(context)
        let others = try await state.work.run { try mine.list().investigations }
        let svg = shown.entities.contains(where: \.inData) ? try await linkedSVG(shown.map(), context) : nil
        let outcome = try p.int("changed", minimum: 0, maximum: Investigations.maximumEntities).map {
            InvestigationChange.Outcome(changed: $0, more: (try? p.int("more", minimum: 0, maximum: Int(Int32.max))) ?? 0)
        }
        let did = try p.string("did").flatMap { InvestigationChange.Action(rawValue: $0)?.rawValue }
        return Self.page(InvestigationsPage.page(shown, map: svg, others: others, outcome: outcome, action: did, user: user))
    }

    /// A form's change (`action` and its fields, as ``InvestigationChange`` names them), then
    /// back to the page, saying what it did.
    func changeInvestigation(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let id = try Self.investigationID(context)
        let form = try await Self.checkedForm(request, user)
        func field(_ name: String) -> String? { form.first { $0.0 == name }?.1 }
        guard let name = field("action"), let action = InvestigationChange.Action(rawValue: name) else {
            throw ServiceError.badParameter(name: "action", reason: "is one of \(InvestigationChange.Action.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var change = InvestigationChange(action: action)
        change.entities = form.filter { $0.0 == "entity" || $0.0 == "entities" }.map { $0.1.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        change.entity = field("entity")
        change.kinds = field("kinds").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        change.at = field("at").flatMap { $0.isEmpty ? nil : $0 }
        change.pinned = field("pinned").map { $0 == "true" }
        change.note = field("note").map { $0.replacingOccurrences(of: "\r\n", with: "\n") }
        change.other = field("other").flatMap { Int($0) }
        change.with = field("with")
        change.access = field("access")
        change.name = field("name")
        let outcome = try await applied(change, to: id, context)
        let at = action == .expand ? change.at : nil
        return Self.redirect(
            Links.with("/investigations/\(id)", [("at", at), ("did", action.rawValue), ("changed", String(outcome.changed)), ("more", outcome.more > 0 ? String(outcome.more) : nil)]))
    }

    func deleteInvestigation(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let id = try Self.investigationID(context)
        _ = try await Self.checkedForm(request, user)
        let mine = try investigations(context)
        try await state.work.run { try mine.delete(id) }
        return Self.redirect("/investigations")
    }

    /// `map.svg`, `map.png` or `map.pdf`: the investigation's map to download, as the page
    /// draws it (without the links to pages, which mean nothing outside the explorer).
    func investigationMap(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let id = try Self.investigationID(context)
        if context.parameters.get("file")?.hasPrefix("export.") == true {
            let at = try Self.formQuery(request).parsed("at", PathQuery.day)
            return try await exportResponse(ExportQuery(.investigation(id), at: at), format: try Self.exportFile(context), request, context)
        }
        let format = try Self.mapFile(context, offered: "an investigation")
        let at = try Self.formQuery(request).parsed("at", PathQuery.day)
        let shown = try await shownInvestigation(id, at: at, request, context)
        return try await download(shown.map(), format: format, name: "investigation-\(id)", context)
    }

    /// The format a `map.svg|png|pdf` file name in the path asks for.
    static func mapFile(_ context: TramaContext, offered what: String) throws -> MapFormat {
        let file = context.parameters.get("file") ?? ""
        guard file.hasPrefix("map."), let format = MapFormat(rawValue: String(file.dropFirst(4))), format != .dot else {
            throw Problem(category: .notFound, detail: "\(what) offers map.svg, map.png and map.pdf", parameter: "file")
        }
        return format
    }

    /// A map drawn as the caller may see it (masked for a viewer), as a file to save.
    func download(_ map: NetworkMap, format: MapFormat, name: String, _ context: TramaContext) async throws -> Response {
        let shown = drawable(map, context), theme = state.theme, renderer = state.renderer
        let bytes = try await state.work.render { try renderer.render(shown, theme: theme, format: format.render) }
        let filename = String(name.filter { $0.isLetter || $0.isNumber || $0 == "-" }.prefix(80)) + "." + format.rawValue
        return Response(
            status: .ok,
            headers: [.contentType: format.contentType, .contentDisposition: "attachment; filename=\"\(filename)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A state-changing form's fields, once it is shown to come from one of the explorer's own
    /// pages: same origin, and the session's CSRF value.
    static func checkedForm(_ request: Request, _ user: SignedIn, limit: Int = 64 * 1024) async throws -> [(String, String)] {
        let form = try await Self.form(request, limit: limit)
        guard sameOrigin(request), let csrf = form.first(where: { $0.0 == "csrf" })?.1, CSRF.matches(csrf, user.csrf) else {
            throw Problem(category: .forbidden, detail: "this form did not come from the explorer (its CSRF value is missing or wrong)", parameter: "csrf")
        }
        return form
    }
}
