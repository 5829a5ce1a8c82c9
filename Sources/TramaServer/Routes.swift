import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import TramaGraph
import TramaRender
import TramaService
import TramaStore

/// The API under `/api/v1`, thin over the service layer: parse and check the parameters, run
/// the same query the CLI runs on the current snapshot (off the event loops), audit what was
/// revealed, encode the same answer type.
struct Routes {
    let state: ServerState
    /// The paths registered, for the 405s of ``ProblemMiddleware``.
    let knownPaths: KnownPaths

    /// Hard caps on what one request may ask for.
    typealias Handler = @Sendable (Request, TramaContext) async throws -> Response

    func register(on router: Router<TramaContext>) {
        var methods: [String: [HTTPRequest.Method]] = [:]
        func add(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
            router.on(RouterPath(path), method: method, use: handler)
            methods[path, default: []].append(method)
        }
        for prefix in ["", "/api/v1"] {
            add(.get, "\(prefix)/health") { _, _ in try await health() }
            add(.get, "\(prefix)/openapi.json") { _, _ in
                Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: state.openAPI)))
            }
        }
        add(.get, "/api/v1/search", guarded(.viewer, search))
        add(.get, "/api/v1/flags", guarded(.viewer, flags))
        add(.get, "/api/v1/entities/{ref}", guarded(.analyst, entity))
        add(.get, "/api/v1/entities/{ref}/relationships", guarded(.analyst, relationships))
        add(.get, "/api/v1/entities/{ref}/neighborhood", guarded(.viewer, neighborhood))
        add(.get, "/api/v1/entities/{ref}/owners", guarded(.analyst) { request, context in try await ownership(request, context, .owners) })
        add(.get, "/api/v1/shared-owners", guarded(.analyst, sharedOwners))
        add(.get, "/api/v1/entities/{ref}/holdings", guarded(.analyst) { request, context in try await ownership(request, context, .holdings) })
        add(.get, "/api/v1/paths", guarded(.analyst, paths))
        add(.post, "/api/v1/paths/batch", guarded(.analyst, pathBatch))
        add(.post, "/api/v1/paths/among", guarded(.analyst, pathScreen))
        add(.get, "/api/v1/audit", guarded(.admin, auditLog))
        add(.get, "/api/v1/audit/verify", guarded(.admin, verifyAudit))
        add(.get, "/api/v1/audit/export", guarded(.admin, exportAudit))
        add(.get, "/api/v1/tokens", guarded(.admin, tokens))
        add(.post, "/api/v1/tokens", guarded(.admin, createToken))
        add(.delete, "/api/v1/tokens/{id}", guarded(.admin, revokeToken))
        add(.post, "/api/v1/sessions", guarded(.viewer, openSession))
        add(.delete, "/api/v1/sessions/current", guarded(.viewer, endSession))
        registerAnalyses(add)
        registerEvidence(add)
        registerProfiles(add)
        registerResolution(add)
        registerJobs(add)
        registerInvestigations(add)
        registerWatch(add)
        registerJudges(add)
        registerJobPages(add)
        registerExplorer(add)
        // A known path asked with another method is a 405 that says which methods it takes.
        knownPaths.set(methods.map { KnownPath(template: $0.key, allowed: $0.value) })
    }

    /// A route that first checks the caller's token against `role`.
    func guarded(
        _ role: Role, _ handler: @escaping @Sendable (Request, TramaContext) async throws -> Response
    ) -> @Sendable (Request, TramaContext) async throws -> Response {
        { [state] request, context in
            var context = context
            try await state.authorization.require(role, request, &context)
            return try await handler(request, context)
        }
    }

    // MARK: Open

    func health() async throws -> Response {
        let s = state.snapshots.snapshot
        let answer = HealthAnswer(
            status: "ok", graphVersion: s.version, nodes: s.graph.nodeCount, edges: s.graph.edgeCount,
            loadedAt: ISO8601DateFormatter().string(from: s.loadedAt), loadSeconds: s.load.seconds)
        return HTTPAnswer.json(answer.json, version: s.version)
    }

    // MARK: Viewer

    @Sendable func search(_ request: Request, _ context: TramaContext) async throws -> Response {
        let asked = try APIQuestions.search(QueryParameters(request))
        let store = state.store
        var answer = try await state.work.search { try asked.run(store: store) }
        answer.page = linked(answer.page, request: request)
        return respond(answer, context, request: request)
    }

    @Sendable func flags(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        let (limit, offset) = try p.page()
        let filter = try APIQuestions.flags(p)
        let store = state.store
        var answer = try await state.work.run { try FlagList.read(store: store, filter: filter, limit: limit, offset: offset) }
        answer.page = linked(answer.page, request: request)
        return respond(answer, context, request: request)
    }

    @Sendable func neighborhood(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        let snapshot = state.snapshots.snapshot
        let ref = try await resolve(request, context, snapshot: snapshot)
        let asked = try APIQuestions.neighborhood(center: ref.reference, p)
        let store = state.store
        let answer = try await state.work.run { try asked.run(on: snapshot.graph, store: store) }
        if (context.token?.role ?? .viewer) > .viewer {
            try await audit(context, request, entities: answer.nodes.map(\.entity.reference))
        }
        return try await respondMaybeDrawn(answer, context, request: request, version: snapshot.version) { $0.map() }
    }

    // MARK: Analyst

    @Sendable func entity(_ request: Request, _ context: TramaContext) async throws -> Response {
        let snapshot = state.snapshots.snapshot
        let ref = try await resolve(request, context, snapshot: snapshot)
        let store = state.store
        let answer = try await state.work.run { try EntityAnswer.load(ref, graph: snapshot.graph, store: store) }
        try await audit(context, request, entities: [ref.reference])
        return respond(answer, context, request: request, version: snapshot.version, etag: true)
    }

    @Sendable func relationships(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        let snapshot = state.snapshots.snapshot
        let ref = try await resolve(request, context, snapshot: snapshot)
        let asked = try APIQuestions.relationships(p)
        let store = state.store
        var answer = try await state.work.run { try asked.run(ref, graph: snapshot.graph, store: store) }
        answer.page = linked(answer.page, request: request)
        try await audit(context, request, entities: [ref.reference] + answer.relationships.map(\.other.reference))
        return respond(answer, context, request: request, version: snapshot.version, etag: true)
    }

    /// Owners or holdings up or down every chain, with effective shares: audited, since the
    /// chains name people.
    func ownership(_ request: Request, _ context: TramaContext, _ direction: ChainDirection) async throws -> Response {
        let snapshot = state.snapshots.snapshot
        let ref = try await resolve(request, context, snapshot: snapshot)
        let asked = try APIQuestions.ownership(of: ref.reference, direction, QueryParameters(request))
        let store = state.store
        let answer = try await state.work.run { try asked.run(on: snapshot.graph, store: store) }
        try await audit(context, request, entities: [ref.reference] + answer.parties.map(\.entity.reference))
        return try await respondMaybeDrawn(answer, context, request: request, version: snapshot.version) { $0.map() }
    }

    /// Pairs of firms sharing an owner, a page at a time, the closest first; the page's firms
    /// and owners are audited.
    @Sendable func sharedOwners(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        var asked = SharedOwnersQuery()
        asked.depth = try p.int("depth", default: 3, minimum: 1, maximum: APILimits.ownershipDepth)!
        asked.at = try p.parsed("at", PathQuery.day)
        asked.maxSharedDegree = try p.int("max_shared_degree", default: 50, minimum: 2, maximum: 10_000)!
        (asked.limit, asked.offset) = try p.page()
        let snapshot = state.snapshots.snapshot
        let store = state.store, question = asked
        let answer = try await state.work.run { try question.run(on: snapshot.graph, store: store) }
        try await audit(context, request, entities: answer.pairs.flatMap { $0.firms + $0.owners.map(\.owner) })
        return respond(answer, context, request: request, version: snapshot.version, etag: true)
    }

    @Sendable func paths(_ request: Request, _ context: TramaContext) async throws -> Response {
        let asked = try APIQuestions.paths(QueryParameters(request))
        let snapshot = state.snapshots.snapshot
        let store = state.store
        let answer = try await state.work.paths { try snapshot.workspaces.with { try asked.run(on: snapshot.graph, store: store, workspace: $0) } }
        try await audit(context, request, entities: Self.revealed(by: answer))
        return try await respondMaybeDrawn(answer, context, request: request, version: snapshot.version) { $0.map() }
    }

    @Sendable func pathBatch(_ request: Request, _ context: TramaContext) async throws -> Response {
        let body = try await request.body.collect(upTo: state.configuration.maximumBodyBytes)
        let batch = try decodeBody(PathBatchRequest.self, from: body.readableBytesView, example: #"{"pairs": [{"from": "firm:F1", "to": "firm:F2"}], "kinds": ["owns"]}"#)
        guard batch.pairs.count <= APILimits.batchPairs else { throw ServiceError.limitExceeded(name: "pairs", limit: APILimits.batchPairs) }
        for (i, pair) in batch.pairs.enumerated() {
            if pair.from.isEmpty { throw ServiceError.badParameter(name: "pairs[\(i)].from", reason: "is empty") }
            if pair.to.isEmpty { throw ServiceError.badParameter(name: "pairs[\(i)].to", reason: "is empty") }
        }
        let capped = Self.capped
        var query = try APIQuestions.pathQuery(
            from: "", to: "", kinds: try batch.kinds.map(PathQuery.relations), at: batch.at, maxHops: capped(batch.maxHops, "max_hops", APILimits.maxHops),
            maxDegree: capped(batch.maxDegree, "max_degree", Int(Int32.max)), budget: capped(batch.budget, "budget", APILimits.budget), k: capped(batch.k, "k", APILimits.k),
            all: batch.all ?? false, limit: capped(batch.limit, "limit", APILimits.allPaths))
        if let w = batch.weights {
            query.weights = try PathQuery.weights(list: w.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
        }
        query.directed = batch.directed ?? false
        let pairs = batch.pairs.enumerated().map { PathBatch.Pair(line: $0.offset + 1, from: $0.element.from, to: $0.element.to) }
        let snapshot = state.snapshots.snapshot
        let store = state.store
        let finalQuery = query
        let answers = try await state.work.paths {
            var out: [JSONValue] = []
            try PathBatch(query: finalQuery).run(pairs, on: snapshot.graph, store: store) { out.append($0) }
            return out
        }
        let revealed = answers.flatMap { a -> [String] in
            guard let decoded = try? JSONDecoder().decode(PathAnswer.self, from: Data(a.compact.utf8)) else { return [] }
            return Self.revealed(by: decoded)
        }
        try await audit(context, request, entities: revealed)
        return respond(PathBatchAnswer(answers: answers), context, request: request, version: snapshot.version)
    }

    /// A body's number checked against the service's limit: above it a 422 naming the limit,
    /// below 1 a 400 naming the field.
    static func capped(_ v: Int?, _ name: String, _ cap: Int) throws -> Int? {
        if let v, v > cap { throw ServiceError.limitExceeded(name: name, limit: cap) }
        if let v, v < 1 { throw ServiceError.badParameter(name: name, reason: "must be at least 1") }
        return v
    }

    /// `POST /paths/among`: every pair of the named entities within `max_hops` (default 4),
    /// as `trama path --among`. Each entity's search may inspect `budget` edges (default
    /// 1,000,000), so a request is bounded whatever the graph; the pairs listed are audited.
    @Sendable func pathScreen(_ request: Request, _ context: TramaContext) async throws -> Response {
        let body = try await request.body.collect(upTo: state.configuration.maximumBodyBytes)
        let asked = try decodeBody(PathScreenRequest.self, from: body.readableBytesView, example: #"{"entities": ["firm:F1", "firm:F2", "firm:F3"], "max_hops": 4}"#)
        guard asked.entities.count <= APILimits.screenEntities else { throw ServiceError.limitExceeded(name: "entities", limit: APILimits.screenEntities) }
        for (i, entity) in asked.entities.enumerated() where entity.isEmpty { throw ServiceError.badParameter(name: "entities[\(i)]", reason: "is empty") }
        var query = try APIQuestions.pathQuery(
            from: "", to: "", kinds: try asked.kinds.map(PathQuery.relations), at: asked.at,
            maxHops: Self.capped(asked.maxHops, "max_hops", APILimits.screenHops) ?? 4, maxDegree: Self.capped(asked.maxDegree, "max_degree", Int(Int32.max)),
            budget: Self.capped(asked.budget, "budget", APILimits.budget) ?? APILimits.screenBudget, k: nil, all: false, limit: nil)
        query.directed = asked.directed ?? false
        let screen = PathScreen(query: query, limit: try Self.capped(asked.limit, "limit", APILimits.screenPairs) ?? 1000)
        let members = asked.entities.enumerated().map { PathScreen.Member(line: $0.offset + 1, reference: $0.element) }
        let snapshot = state.snapshots.snapshot
        let store = state.store
        let answer = try await state.work.run { try screen.run(members, on: snapshot.graph, store: store) }
        try await audit(context, request, entities: Array(Set(answer.pairs.flatMap { [$0.from, $0.to] })).sorted())
        return respond(answer, context, request: request, version: snapshot.version)
    }

    // MARK: Admin

    @Sendable func auditLog(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        let (limit, offset) = try p.page()
        let token = try p.int("token", minimum: 1, maximum: Int(Int32.max)), entity = try p.string("entity")
        let store = state.store
        let (entries, total) = try await state.work.run { try AuditLog(store: store).list(limit: limit, offset: offset, tokenID: token, entity: entity) }
        return respond(AuditPage(page: linked(Page(total: total, limit: limit, offset: offset), request: request), entries: entries), context, request: request)
    }

    /// The whole chain checked now, as `trama audit verify`: a broken chain is an answer
    /// (`"ok": false` with the first broken row), not an error of the request.
    @Sendable func verifyAudit(_ request: Request, _ context: TramaContext) async throws -> Response {
        let store = state.store
        return respond(try await state.work.run { try AuditLog(store: store).verify() }, context, request: request)
    }

    /// The whole chain (or the rows after `after`) as JSON Lines, oldest first, each row with
    /// the hash it links to, as `trama audit export`: read a page at a time off the event
    /// loops and streamed, so a long log costs the server one page of memory.
    @Sendable func exportAudit(_ request: Request, _ context: TramaContext) async throws -> Response {
        let after = Int64(try QueryParameters(request).int("after", default: 0, maximum: Int(Int64.max)) ?? 0)
        let store = state.store, work = state.work
        // The first page is read before answering, so that a database fault is a 503, not a cut stream.
        let first = try await work.run { try AuditLog(store: store).page(after: after, limit: 5_000) }
        let body = ResponseBody { writer in
            var page = first
            while let last = page.last {
                var buffer = ByteBuffer()
                for record in page { buffer.writeString(record.json.compact + "\n") }
                try await writer.write(buffer)
                page = try await work.run { try AuditLog(store: store).page(after: last.id, limit: 5_000) }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: body)
    }

    @Sendable func tokens(_ request: Request, _ context: TramaContext) async throws -> Response {
        let store = state.store
        return respond(TokenList(tokens: try await state.work.run { try AccessTokens(store: store).list() }), context, request: request)
    }

    @Sendable func createToken(_ request: Request, _ context: TramaContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let asked = try decodeBody(TokenRequest.self, from: body.readableBytesView, example: #"{"role": "viewer", "name": "press desk"}"#)
        if let name = asked.name, name.count > 200 { throw ServiceError.limitExceeded(name: "name", limit: 200) }
        let store = state.store
        let (token, secret) = try await state.work.run { try AccessTokens(store: store).create(role: asked.role, name: asked.name ?? "") }
        return HTTPAnswer.json(CreatedToken(token: token, secret: secret).json, version: nil, status: .created)
    }

    @Sendable func revokeToken(_ request: Request, _ context: TramaContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int.self) else { throw ServiceError.badParameter(name: "id", reason: "is not a token id") }
        let store = state.store
        try await state.work.run { try AccessTokens(store: store).revoke(id: id) }
        return Response(status: .noContent)
    }

    /// A session opened with the bearer token, for a browser or script that should not hold
    /// the long-lived token: the same role, ending after the configured lifetime or idle time,
    /// at logout, or when the token is revoked.
    @Sendable func openSession(_ request: Request, _ context: TramaContext) async throws -> Response {
        guard let token = context.token else { throw Problem(category: .unauthorized, detail: "a session is opened with an API token") }
        guard !token.isSession else {
            throw Problem(category: .conflict, detail: "a session cannot open another session: open one with the API token")
        }
        let store = state.store, lifetime = state.configuration.sessionLifetime
        let (session, secret) = try await state.work.run { try AccessTokens(store: store).openSession(for: token.id, lifetime: lifetime) }
        let opened = OpenedSession(
            id: session.id, role: session.role, createdAt: session.createdAt, expiresAt: session.expiresAt ?? "",
            idleSeconds: Int(state.configuration.sessionIdle.components.seconds), secret: secret)
        return HTTPAnswer.json(opened.json, version: nil, status: .created)
    }

    /// Logout: the bearer session ends now, on every server (sessions are not cached).
    @Sendable func endSession(_ request: Request, _ context: TramaContext) async throws -> Response {
        guard let token = context.token, token.isSession, let secret = context.secret else {
            throw Problem(category: .conflict, detail: "the bearer is an API token, not a session: an admin revokes tokens with DELETE /api/v1/tokens/{id}")
        }
        let store = state.store
        try await state.work.run { try AccessTokens(store: store).endSession(id: token.id) }
        state.authorization.cache.forget(secret: secret)
        return Response(status: .noContent)
    }

    // MARK: Helpers

    /// The `{ref}` of the path, `kind:key` URL-encoded; a merged entity answers with a redirect
    /// to the entity it was merged into.
    func resolve(_ request: Request, _ context: TramaContext, snapshot: GraphSnapshot) async throws -> Store.NodeRef {
        let raw = context.parameters.get("ref") ?? ""
        let reference = raw.removingPercentEncoding ?? raw
        guard !reference.utf8.contains(0) else { throw ServiceError.badParameter(name: "ref", reason: "contains a NUL character, which no reference can hold") }
        let store = state.store
        switch try await state.work.run({ try EntityReference.resolve(reference, store: store) }) {
        case let .entity(ref): return ref
        case let .merged(into):
            let encoded = into.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/:"))) ?? into
            let path = request.uri.path.replacingOccurrences(of: raw, with: encoded)
            throw Redirect(location: path + (request.uri.query.map { "?" + $0 } ?? ""))
        }
    }

    /// Every entity a path answer shows, for the audit log.
    static func revealed(by answer: PathAnswer) -> [String] {
        var seen = Set<String>()
        return ([answer.from, answer.to] + answer.paths.flatMap(\.nodes)).map(\.reference).filter { seen.insert($0).inserted }
    }

    func audit(_ context: TramaContext, _ request: Request, entities: [String]) async throws {
        let endpoint = "\(request.method.rawValue) \(context.endpointPath ?? request.uri.path)"
        try await state.audit.record(AuditDraft(tokenID: context.token?.id, endpoint: endpoint, entities: Array(entities.prefix(200)), status: 200))
    }

    /// The answer as JSON, masked for a viewer.
    func respond(_ answer: some Answer, _ context: TramaContext, request: Request, version: Int? = nil, etag: Bool = false) -> Response {
        HTTPAnswer.json(bytes: disclosedJSON(answer, context), version: version ?? state.snapshots.snapshot.version, etag: etag, request: request)
    }

    /// An answer's JSON as the caller may see it: written straight to bytes for a role that sees
    /// everything, through the tree and its masks for a viewer.
    func disclosedJSON(_ answer: some Answer, _ context: TramaContext) -> [UInt8] {
        (context.token?.role ?? .viewer) > .viewer ? answer.compactJSON : state.disclosure.masked(answer.json).utf8()
    }

    /// A map as the caller may see it.
    func drawable(_ map: NetworkMap, _ context: TramaContext) -> NetworkMap {
        (context.token?.role ?? .viewer) > .viewer ? map : state.disclosure.masked(map)
    }

    /// JSON, or a map of the answer as SVG, PNG, PDF or DOT, by `format` or `Accept`.
    func respondMaybeDrawn<A: Answer>(
        _ answer: A, _ context: TramaContext, request: Request, version: Int, map: (A) -> NetworkMap
    ) async throws -> Response {
        try await respondMaybeDrawn(answer, context, request: request, version: version, document: { $0 }, map: map)
    }

    /// As above, for an answer whose JSON is a document of its own.
    func respondMaybeDrawn<A: Sendable, D: Answer>(
        _ answer: A, _ context: TramaContext, request: Request, version: Int, document: (A) -> D, map: (A) -> NetworkMap
    ) async throws -> Response {
        guard let format = try MapFormat.requested(request) else {
            return HTTPAnswer.json(bytes: disclosedJSON(document(answer), context), version: version, etag: true, request: request)
        }
        // A viewer's map hides what the viewer's JSON hides.
        let shown = drawable(map(answer), context)
        let theme = state.theme, renderer = state.renderer
        let bytes = try await state.work.render { try renderer.render(shown, theme: theme, format: format.render) }
        return HTTPAnswer.bytes(bytes, contentType: format.contentType, version: version, request: request)
    }
}

/// A 308 to where a merged entity lives now.
struct Redirect: Error, HTTPResponseError {
    let location: String
    var status: HTTPResponse.Status { .permanentRedirect }
    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .permanentRedirect, headers: [.location: location])
    }
}

/// The drawn forms of an answer.
enum MapFormat: String, CaseIterable {
    case svg, png, pdf, dot

    var render: RenderFormat { RenderFormat(rawValue: rawValue)! }

    var contentType: String {
        switch self {
        case .svg: "image/svg+xml"
        case .png: "image/png"
        case .pdf: "application/pdf"
        case .dot: "text/vnd.graphviz"
        }
    }

    /// `format=` wins over `Accept`; nil asks for JSON.
    static func requested(_ request: Request) throws -> MapFormat? {
        if let f = try QueryParameters(request).string("format") {
            if f == "json" { return nil }
            guard let format = MapFormat(rawValue: f) else {
                throw ServiceError.badParameter(name: "format", reason: "'\(f)' is not json, svg, png, pdf or dot")
            }
            return format
        }
        let accept = request.headers[.accept] ?? ""
        return allCases.first { accept.contains($0.contentType) }
    }
}
