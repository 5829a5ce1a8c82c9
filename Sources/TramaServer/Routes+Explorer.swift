import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import TramaExplorer
import TramaGraph
import TramaModel
import TramaRender
import TramaService
import TramaStore

/// The web explorer: server-rendered pages over the same questions and answer types as the
/// API, signed in with a session cookie instead of a bearer token.
///
/// - The cookie holds a session's secret (`POST /login` exchanges an API token for one), is
///   `HttpOnly` and `SameSite=Strict`, and `Secure` when the request came over TLS (directly or
///   through the proxy, `X-Forwarded-Proto: https`).
/// - Every form that changes something carries a CSRF value derived from the session's secret
///   (``CSRF``), and a POST from another origin is refused.
/// - Pages allow only the site's own stylesheet and script (no inline script or style) and
///   are never cached by anyone.
extension Routes {
    static let sessionCookie = "trama_session"
    static let pagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func registerExplorer(_ add: (HTTPRequest.Method, String, @escaping Handler) -> Void) {
        add(.get, "/login") { request, _ in
            let next = try? Self.formQuery(request).string("next")
            return Self.page(Pages.login(next: next.flatMap { $0 }.flatMap { Links.isLocal($0) ? $0 : nil } ?? "/"))
        }
        add(.post, "/login", login)
        add(.post, "/logout", explorer(.viewer) { request, context, user in try await logout(request, context, user) })
        add(.get, "/", explorer(.viewer) { _, _, user in
            let s = state.snapshots.snapshot
            return Self.page(Pages.home(user: user, graph: (s.graph.nodeCount, s.graph.edgeCount, s.version)))
        })
        add(.get, "/search", explorer(.viewer, searchPage))
        add(.get, "/suggest", explorer(.viewer, suggestions))
        add(.get, "/entities/{ref}", explorer(.viewer, entityPage))
        add(.get, "/entities/{ref}/owners", explorer(.analyst) { request, context, user in try await ownershipPage(request, context, user, .owners) })
        add(.get, "/entities/{ref}/holdings", explorer(.analyst) { request, context, user in try await ownershipPage(request, context, user, .holdings) })
        add(.get, "/paths", explorer(.analyst, pathsPage))
        add(.get, "/paths/among", explorer(.analyst) { _, _, user in Self.page(PathScreenPage(entities: "", maxHops: 4, kinds: nil, answer: nil).html(user: user)) })
        add(.post, "/paths/among", explorer(.analyst, pathScreenPage))
        add(.get, "/flags", explorer(.viewer, flagsPage))
        add(.get, "/flags/ranking", explorer(.viewer, flagRankingPage))
        add(.get, "/flags/validation", explorer(.analyst) { _, _, user in Self.page(FlagValidationPage(labels: "", validation: nil).html(user: user)) })
        add(.post, "/flags/validation", explorer(.analyst, flagValidationPage))
        add(.get, "/flags/coverage", explorer(.viewer) { _, _, user in
            let store = state.store
            return Self.page(FlagCoveragePage(coverage: try await state.work.run { try FlagCoverage.read(store: store) }).html(user: user))
        })
        add(.get, "/entities/{ref}/profile", explorer(.analyst, profilePage))
        add(.get, "/rings", explorer(.viewer, ringsPage))
        add(.get, "/rings/{id}", explorer(.viewer, ringPage))
        add(.get, "/flags.csv", explorer(.viewer, flagsCSV))
        add(.get, "/losers", explorer(.viewer) { request, _, user in
            let all = try Self.formQuery(request).bool("all") ?? false
            return Self.page(CollusionPages.losers(try await report(request, user) { try $0.topLosersJSON(all: all) }, all: all, user: user))
        })
        add(.get, "/pairs", explorer(.viewer) { request, _, user in
            Self.page(CollusionPages.pairs(try await report(request, user) { try $0.pairs() }, user: user))
        })
        add(.get, "/tenders", explorer(.viewer) { request, _, user in
            Self.page(CollusionPages.tenders(try await report(request, user) { try $0.tenders() }, user: user))
        })
        add(.get, "/audit", explorer(.admin, auditPage))
        add(.get, "/static/{file}") { _, context in
            guard let name = context.parameters.get("file"), let asset = state.assets[name] else {
                throw HTTPError(.notFound)
            }
            return Response(
                status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=300"],
                body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
        }
    }

    typealias PageHandler = @Sendable (Request, TramaContext, SignedIn) async throws -> Response

    /// A page for `role` and above: signed out, the browser is sent to sign in and then back;
    /// below the role, or on any error, an HTML page says what went wrong with the status the
    /// API would give.
    func explorer(_ role: Role, _ handler: @escaping PageHandler) -> Handler {
        { request, context in
            var context = context
            let user: SignedIn?
            do {
                user = try await signedIn(request, &context)
            } catch {
                return Self.problemPage(Problem(error), user: nil, request: request, context: context)
            }
            guard let user else {
                let here = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                return Self.redirect(Links.with("/login", [("next", here)]))
            }
            guard user.role >= role else {
                return Self.problemPage(
                    Problem(category: .forbidden, detail: "this page needs the \(role.rawValue) role; you are signed in as \(user.role.rawValue)"),
                    user: user, request: request, context: context)
            }
            do {
                return try await handler(request, context, user)
            } catch let redirect as Redirect {
                return Self.redirect(redirect.location, status: .permanentRedirect)
            } catch {
                let problem = Problem(error)
                if problem.category == .internal {
                    context.logger.error("internal error on \(request.method) \(context.endpointPath ?? "an unknown page"): \(String(describing: error))")
                }
                return Self.problemPage(problem, user: user, request: request, context: context)
            }
        }
    }

    /// The session the cookie names, if it is valid; the context then carries its token, as a
    /// bearer token's would.
    func signedIn(_ request: Request, _ context: inout TramaContext) async throws -> SignedIn? {
        guard let secret = request.cookies[Self.sessionCookie]?.value, !secret.isEmpty else { return nil }
        let cache = state.authorization.cache
        guard let token = try await cache.token(secret: secret, on: state.work), token.isSession else { return nil }
        context.token = token
        context.secret = secret
        // A session's own name ("session of 12") says nothing to its user: the bar shows the role.
        return SignedIn(role: token.role, name: "", csrf: CSRF.value(for: secret))
    }

    // MARK: Sign-in

    @Sendable func login(_ request: Request, _ context: TramaContext) async throws -> Response {
        guard Self.sameOrigin(request) else {
            return Self.page(Pages.login(next: "/", message: "This sign-in came from another site and was refused."), status: .forbidden)
        }
        let form = try await Self.form(request, limit: 16 * 1024)
        let next = form.first { $0.0 == "next" }.map(\.1).flatMap { Links.isLocal($0) ? $0 : nil } ?? "/"
        let secret = (form.first { $0.0 == "token" }?.1 ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let failures = state.authorization.failures, cache = state.authorization.cache
        if let wait = failures.refusal(for: context.client), !cache.recentlyValid(secret: secret) {
            var response = Self.page(Pages.login(next: next, message: "Too many unknown tokens from this address: try again in \(wait) s."), status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        guard !secret.isEmpty, let token = try await cache.token(secret: secret, on: state.work) else {
            failures.failed(context.client)
            return Self.page(Pages.login(next: next, message: "That token is unknown or revoked."), status: .unauthorized)
        }
        guard !token.isSession else {
            return Self.page(Pages.login(next: next, message: "Sign in with an API token, not a session's secret."), status: .unauthorized)
        }
        let store = state.store, lifetime = state.configuration.sessionLifetime
        let (_, session) = try await state.work.run { try AccessTokens(store: store).openSession(for: token.id, lifetime: lifetime) }
        var response = Self.redirect(next)
        response.setCookie(
            Cookie(
                name: Self.sessionCookie, value: session, maxAge: Int(lifetime.components.seconds), path: "/", secure: Self.overTLS(request),
                httpOnly: true, sameSite: .strict))
        return response
    }

    func logout(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        _ = try await Self.checkedForm(request, user)
        if let token = context.token, let secret = context.secret {
            let store = state.store
            try await state.work.run { try AccessTokens(store: store).endSession(id: token.id) }
            state.authorization.cache.forget(secret: secret)
        }
        var response = Self.redirect("/login")
        response.setCookie(Cookie(name: Self.sessionCookie, value: "", maxAge: 0, path: "/", secure: Self.overTLS(request), httpOnly: true, sameSite: .strict))
        return response
    }

    // MARK: Pages

    func searchPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let p = Self.formQuery(request)
        let store = state.store
        let datasets = try await state.work.run { try store.execute(.datasetsList).rows.compactMap { $0[0] } }
        guard let text = try p.string("q"), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            return Self.page(Pages.search(nil, asked: EntitySearch(text: ""), datasets: datasets, user: user))
        }
        let asked = try APIQuestions.search(p)
        var answer = try await state.work.search { try asked.run(store: store) }
        if user.role == .viewer { answer = try state.disclosure.masked(answer) }
        let mine = try await investigationList(context, user)
        return Self.page(Pages.search(answer, asked: asked, datasets: datasets, investigations: mine, user: user))
    }

    /// Entities whose name or identifier starts like `q`, for the path and investigation forms'
    /// suggestions (`trama.js`): the search's best eight, as `[{"reference", "label"}]`.
    func suggestions(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let text = (try Self.formQuery(request).string("q") ?? "").trimmingCharacters(in: .whitespaces)
        var items: [JSONValue] = []
        if text.count >= 2, KindKey(text) == nil || text.contains(" ") {
            var asked = EntitySearch(text: String(text.prefix(200)))
            asked.limit = 8
            let store = state.store, question = asked
            var answer = try await state.work.search { try question.run(store: store) }
            if user.role == .viewer { answer = try state.disclosure.masked(answer) }
            items = answer.results.map { h in
                .object([("reference", .string(h.entity.reference)), ("label", .string("\(h.name ?? h.key) · \(h.kind) · \(h.dataset)"))])
            }
        }
        var response = HTTPAnswer.json(.array(items), version: nil)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    func entityPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let p = Self.formQuery(request)
        let snapshot = state.snapshots.snapshot
        let ref = try await resolve(request, context, snapshot: snapshot)
        var question = try APIQuestions.neighborhood(center: ref.reference, p)
        // The page draws one hop unless asked for more: two hops of a firm reach every bidder of
        // its tenders, and drawing 120 entities took Graphviz a second (bench/explorer-pages).
        if try p.string("hops") == nil { question.hops = Self.pageHops }
        // A hub's neighbours beyond what the layered layout draws well are counted, not drawn:
        // sixty took Graphviz's force layout 30–90 ms, which kept hub pages above 150 ms p95
        // under four browsers (bench/explorer-pages); its relationships list pages through all.
        if try p.string("per_hop") == nil { question.perHopCap = min(question.perHopCap, TramaRender.Layout.layeredLimit - 1) }
        let asked = question
        let rel = try p.string("rel")
        let (_, offset) = try p.page()
        let store = state.store
        let analyst = user.role >= .analyst
        let (detail, ties, around2) = try await state.work.run { () throws -> (EntityAnswer?, RelationshipsAnswer?, NeighborsAnswer) in
            let around = try asked.run(on: snapshot.graph, store: store)
            guard analyst else { return (nil, nil, around) }
            let detail = try EntityAnswer.load(ref, graph: snapshot.graph, store: store)
            var ties: RelationshipsAnswer?
            if let kind = rel ?? detail.relationships.first?.kind {
                var q = RelationshipsQuery(kind: kind, at: asked.at)
                q.limit = 20
                q.offset = offset
                ties = try q.run(ref, graph: snapshot.graph, store: store)
            }
            return (detail, ties, around)
        }
        var neighborhood = around2
        if analyst {
            let others = ties.map { $0.relationships.map { $0.other.reference } } ?? []
            try await audit(context, request, entities: [ref.reference] + others + neighborhood.nodes.map { $0.entity.reference })
        } else {
            neighborhood = try state.disclosure.masked(neighborhood)
        }
        let svg = neighborhood.nodes.count > 1 ? try await linkedSVG(neighborhood.map(), context) : nil
        let page = EntityPage(
            detail: detail, center: neighborhood.center, relationships: ties, relationshipKind: rel ?? detail?.relationships.first?.kind,
            neighborhood: neighborhood, map: svg, at: try p.string("at"), hops: asked.hops, kinds: try p.string("kinds"),
            investigations: try await investigationList(context, user))
        return Self.page(page.html(user: user, indicators: state.indicators))
    }

    func ownershipPage(_ request: Request, _ context: TramaContext, _ user: SignedIn, _ direction: ChainDirection) async throws -> Response {
        let p = Self.formQuery(request)
        let snapshot = state.snapshots.snapshot
        let ref = try await resolve(request, context, snapshot: snapshot)
        let asked = try APIQuestions.ownership(of: ref.reference, direction, p)
        let store = state.store
        let answer = try await state.work.run { try asked.run(on: snapshot.graph, store: store) }
        try await audit(context, request, entities: [ref.reference] + answer.parties.map(\.entity.reference))
        let svg = answer.parties.isEmpty ? nil : try await linkedSVG(answer.map(), context)
        return Self.page(OwnershipPage.page(answer, map: svg, at: try p.string("at"), user: user))
    }

    func pathsPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let p = Self.formQuery(request)
        var asked = PathsPage.Asked()
        asked.from = try p.string("from") ?? ""
        asked.to = try p.string("to") ?? ""
        asked.at = try p.string("at")
        asked.kinds = try p.string("kinds")
        asked.maxHops = try p.int("max_hops", minimum: 1, maximum: APILimits.maxHops)
        asked.k = try p.int("k", minimum: 1, maximum: APILimits.k)
        asked.directed = try p.bool("directed") ?? false
        guard !asked.from.isEmpty, !asked.to.isEmpty else {
            return Self.page(PathsPage(asked: asked, answer: nil, map: nil, problem: nil).html(user: user))
        }
        let snapshot = state.snapshots.snapshot
        let store = state.store
        let answer: PathAnswer
        do {
            let query = try APIQuestions.paths(p)
            answer = try await state.work.run { try snapshot.workspaces.with { try query.run(on: snapshot.graph, store: store, workspace: $0) } }
        } catch {
            // The question stays on the page, with what was wrong with it.
            let problem = Problem(error)
            if problem.category == .internal || problem.category == .unavailable { throw error }
            let page = PathsPage(asked: asked, answer: nil, map: nil, problem: problem.detail + (problem.parameter.map { " (\($0))" } ?? ""))
            return Self.page(page.html(user: user), status: HTTPResponse.Status(code: problem.status))
        }
        try await audit(context, request, entities: Self.revealed(by: answer))
        let svg = answer.status == .found ? try await linkedSVG(answer.map(), context) : nil
        return Self.page(PathsPage(asked: asked, answer: answer, map: svg, problem: nil).html(user: user))
    }

    /// The explorer's batch screen: the form's entities and filters through ``PathScreen``, as
    /// `POST /api/v1/paths/among` answers them (same limits, the listed pairs audited).
    func pathScreenPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let form = try await Self.checkedForm(request, user, limit: 512 * 1024)
        let field = { (name: String) in form.first { $0.0 == name }?.1 }
        let text = field("entities") ?? ""
        let kinds = field("kinds").flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let members = PathScreen.members(text: text)
        var hops = 4
        let screen: PathScreen
        do {
            if let given = field("max_hops"), !given.isEmpty {
                guard let h = Int(given), (1...APILimits.screenHops).contains(h) else {
                    throw ServiceError.badParameter(name: "max_hops", reason: "must be a whole number from 1 to \(APILimits.screenHops)")
                }
                hops = h
            }
            guard members.count <= APILimits.screenEntities else { throw ServiceError.limitExceeded(name: "entities", limit: APILimits.screenEntities) }
            let query = try APIQuestions.pathQuery(
                from: "", to: "", kinds: try kinds.map(PathQuery.relations(list:)), at: nil, maxHops: hops, maxDegree: nil, budget: APILimits.screenBudget,
                k: nil, all: false, limit: nil)
            screen = PathScreen(query: query, limit: 1000)
        } catch {
            let problem = Problem(error)
            let page = PathScreenPage(entities: text, maxHops: hops, kinds: kinds, answer: nil, problem: problem.detail + (problem.parameter.map { " (\($0))" } ?? ""))
            return Self.page(page.html(user: user), status: HTTPResponse.Status(code: problem.status))
        }
        let snapshot = state.snapshots.snapshot
        let store = state.store
        let answer = try await state.work.run { try screen.run(members, on: snapshot.graph, store: store) }
        try await audit(context, request, entities: Array(Set(answer.pairs.flatMap { [$0.from, $0.to] })).sorted())
        return Self.page(PathScreenPage(entities: text, maxHops: hops, kinds: kinds, answer: answer).html(user: user))
    }

    func flagsPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let p = Self.formQuery(request)
        let filter = try APIQuestions.flags(p)
        let (limit, offset) = try p.page()
        let store = state.store
        var list = try await state.work.run { try FlagList.read(store: store, filter: filter, limit: limit, offset: offset) }
        if user.role == .viewer { list = try state.disclosure.masked(list) }
        return Self.page(FlagsPage(filter: filter, list: list).html(user: user, indicators: state.indicators))
    }

    func flagRankingPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let p = Self.formQuery(request)
        let (filter, from, to, sortBy) = (try p.string("filter"), try p.string("from"), try p.string("to"), try p.string("sort_by"))
        let (limit, offset) = try p.page()
        let asked: (filter: FlagExpression?, period: Validity?, sortBy: String?)
        do {
            asked = try APIQuestions.flagRanking(p)
        } catch let ServiceError.badParameter(name, reason) {
            let page = FlagRankingPage(filter: filter, from: from, to: to, sortBy: sortBy, ranking: nil, problem: "\(name): \(reason)")
            return Self.page(page.html(user: user, indicators: state.indicators), status: .badRequest)
        }
        let store = state.store
        var ranking = try await state.work.run {
            try FlagRanking.read(store: store, filter: asked.filter, period: asked.period, sortBy: asked.sortBy, limit: limit, offset: offset)
        }
        if user.role == .viewer { ranking = try state.disclosure.masked(ranking) }
        let page = FlagRankingPage(filter: filter, from: from, to: to, sortBy: sortBy, ranking: ranking)
        return Self.page(page.html(user: user, indicators: state.indicators))
    }

    func flagValidationPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let form = try await Self.checkedForm(request, user)
        let text = form.first { $0.0 == "labels" }?.1 ?? ""
        let labels: [(subject: String, known: Bool)]
        do {
            let parsed = try FlagValidation.labels(text: text, file: "labels")
            labels = try FlagValidation.Request(cases: parsed.filter(\.known).map(\.subject), clean: parsed.filter { !$0.known }.map(\.subject)).checked()
        } catch let error as ServiceError {
            return Self.page(FlagValidationPage(labels: text, validation: nil, problem: error.description).html(user: user), status: .badRequest)
        }
        let snapshot = state.snapshots.snapshot
        let store = state.store
        let answer = try await state.work.run { try FlagValidation.run(labels: labels, graph: snapshot.graph, store: store) }
        try await audit(context, request, entities: labels.map(\.subject))
        return Self.page(FlagValidationPage(labels: text, validation: answer).html(user: user))
    }

    func profilePage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let snapshot = state.snapshots.snapshot
        let ref = try await resolve(request, context, snapshot: snapshot)
        let query = SupplierProfileQuery(entity: ref.reference)
        let store = state.store
        let profile = try await state.work.run { try query.run(on: snapshot.graph, store: store) }
        try await audit(context, request, entities: [ref.reference] + profile.neighbourhood.nodes.map { $0.entity.reference })
        let svg = profile.neighbourhood.nodes.count > 1 ? try await linkedSVG(profile.map(), context) : nil
        return Self.page(SupplierProfilePage(profile: profile, map: svg).html(user: user, indicators: state.indicators))
    }

    /// Every flag the filter selects (up to ``flagsCSVLimit``), as the page lists them.
    func flagsCSV(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let filter = try APIQuestions.flags(Self.formQuery(request))
        let store = state.store
        var list = try await state.work.run { try FlagList.read(store: store, filter: filter, limit: Self.flagsCSVLimit, offset: 0) }
        if user.role == .viewer { list = try state.disclosure.masked(list) }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"trama-flags.csv\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: list.csv)))
    }

    static let flagsCSVLimit = 100_000
    static let pageHops = 1

    /// The latest scan's rings, for a viewer masked as the API masks them.
    func rings(_ user: SignedIn) async throws -> (RunReport<BidderRing>, AnalysisRun) {
        let store = state.store
        let (report, run) = try await state.work.run { () throws -> (RunReport<BidderRing>, AnalysisRun) in
            let reports = try CollusionReports(store: store)
            return (try reports.rings(top: nil), reports.run)
        }
        return (user.role == .viewer ? try state.disclosure.masked(report) : report, run)
    }

    /// A page of one of the latest collusion scan's reports, masked for a viewer.
    func report<Item: RunReportItem>(
        _ request: Request, _ user: SignedIn, _ read: @escaping @Sendable (CollusionReports) throws -> RunReport<Item>
    ) async throws -> RunReport<Item> {
        let (limit, offset) = try Self.formQuery(request).page()
        let store = state.store
        let report = try await state.work.run { try read(try CollusionReports(store: store)).paged(limit: limit, offset: offset) }
        return user.role == .viewer ? try state.disclosure.masked(report) : report
    }

    func ringsPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        Self.page(RingsPage.list(try await rings(user).0, user: user))
    }

    func ringPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        let (report, run) = try await rings(user)
        guard let ring = report.items.first(where: { $0.id == id }) else {
            throw Problem(category: .notFound, detail: "the latest collusion scan has no ring '\(id.prefix(80))' (it has ring-1 to ring-\(report.items.count))", parameter: "id")
        }
        let svg = try await linkedSVG(CollusionReports.ringsMap([ring], run: run), context)
        if user.role >= .analyst { try await audit(context, request, entities: ring.firms + ring.links.compactMap(\.via)) }
        return Self.page(RingsPage.ring(ring, run: report.header, map: svg, user: user))
    }

    func auditPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let p = Self.formQuery(request)
        let (limit, offset) = try p.page()
        let token = try p.int("token", minimum: 1, maximum: Int(Int32.max)), entity = try p.string("entity")
        let verify = try p.bool("verify") ?? false
        let store = state.store
        let (entries, total, tokens, verification) = try await state.work.run {
            let log = AuditLog(store: store)
            let (entries, total) = try log.list(limit: limit, offset: offset, tokenID: token, entity: entity)
            let tokens = AccessTokens(store: store)
            let sessions = try tokens.parents(of: Array(Set(entries.compactMap(\.tokenID))))
            return (entries, total, (try tokens.list(), sessions), verify ? try log.verify() : nil)
        }
        return Self.page(
            AuditLogPage.page(
                entries, page: Page(total: total, limit: limit, offset: offset), token: token, entity: entity, tokens: tokens.0, sessions: tokens.1,
                verification: verification, user: user))
    }

    // MARK: Helpers

    /// An analyst's investigations, for the forms that add to one; nil for a viewer.
    func investigationList(_ context: TramaContext, _ user: SignedIn) async throws -> [InvestigationSummary]? {
        guard user.role >= .analyst else { return nil }
        let mine = try investigations(context)
        return try await state.work.run { try mine.list().investigations }
    }

    /// A map as the caller may see it, drawn as SVG for a page: masked first, then every entity
    /// but a masked one made a link to its page (a link made before masking would carry the
    /// contact's real key).
    func linkedSVG(_ map: NetworkMap, _ context: TramaContext) async throws -> String {
        var shown = drawable(map, context)
        shown.nodes = shown.nodes.map { node in
            var node = node
            if !node.id.contains(":masked-") { node.link = Links.entity(node.id) }
            return node
        }
        let theme = state.theme, renderer = state.renderer, drawn = shown
        return String(decoding: try await state.work.render { try renderer.render(drawn, theme: theme, format: .svg) }, as: UTF8.self)
    }

    static func page(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            // `same-origin`, not the API's `no-referrer`: under `no-referrer` a browser sends
            // `Origin: null` with the page's own forms, which the origin check must refuse.
            headers: [
                .contentType: "text/html; charset=utf-8", .contentSecurityPolicy: pagePolicy, .cacheControl: "no-store",
                HTTPField.Name("Referrer-Policy")!: "same-origin",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html.text)))
    }

    static func problemPage(_ problem: Problem, user: SignedIn?, request: Request, context: TramaContext) -> Response {
        var response = page(Layout.problem(problem, user: user), status: HTTPResponse.Status(code: problem.status))
        if case .unavailable = problem.category { response.headers[.retryAfter] = "5" }
        return response
    }

    /// 303 See Other: after a form, the browser asks for the next page with GET.
    static func redirect(_ location: String, status: HTTPResponse.Status = .seeOther) -> Response {
        Response(status: status, headers: [.location: location, .cacheControl: "no-store"])
    }

    static func overTLS(_ request: Request) -> Bool {
        request.head.scheme == "https" || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    /// Whether a POST came from a page of this site: its `Origin` (sent by browsers with every
    /// POST) names the host the request was sent to. A request without one (not a browser) is
    /// let through: it cannot carry the user's cookie against their will.
    static func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }

    /// A page's query: a GET form sends its empty fields (`kind=`), which mean "any" there,
    /// where the API refuses an empty parameter.
    /// A page's query as a browser's GET form sends it: `+` is a space (`filter=2.7.1+>%3D+1`).
    static func formQuery(_ request: Request) -> QueryParameters {
        QueryParameters(pairs: QueryParameters.pairs(request.uri.query ?? "", formEncoded: true).filter { !$0.1.isEmpty })
    }

    /// The fields of an `application/x-www-form-urlencoded` body.
    static func form(_ request: Request, limit: Int) async throws -> [(String, String)] {
        QueryParameters.pairs(String(buffer: try await request.body.collect(upTo: limit)), formEncoded: true)
    }
}

/// The value that proves a form came from a page the explorer served to this session: derived
/// from the session's secret, which only the browser's cookie and the store's hash know, so
/// another site can neither read nor compute it.
enum CSRF {
    static func value(for secret: String) -> String {
        String(SHA256.hex(Array("trama-csrf\u{0}\(secret)".utf8)).prefix(32))
    }

    /// Compared in constant time.
    static func matches(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
