import Foundation
import TramaIngest
import HTTPTypes
import Hummingbird
import TramaGraph
import TramaModel
import TramaRender
import TramaService
import TramaStore

/// The analyses' answers: the latest stored collusion and judicial runs, a page at a time, and
/// the graph-wide questions (communities, rank) and judge maps computed on the snapshot. All
/// viewer-level aggregates and maps; what they show of people is masked for a viewer like
/// everything else.
extension Routes {
    func registerAnalyses(_ add: (HTTPRequest.Method, String, @escaping Handler) -> Void) {
        add(.get, "/api/v1/runs", guarded(.viewer, runs))
        add(.get, "/api/v1/collusion/pairs", guarded(.viewer) { request, context in
            try await runReport(request, context) { try CollusionReports(store: $0, run: $1).pairs() }
        })
        add(.get, "/api/v1/collusion/top-losers", guarded(.viewer) { request, context in
            let all = try QueryParameters(request).bool("all") ?? false
            return try await runReport(request, context) { try CollusionReports(store: $0, run: $1).topLosersJSON(all: all) }
        })
        add(.get, "/api/v1/collusion/tenders", guarded(.viewer) { request, context in
            try await runReport(request, context) { try CollusionReports(store: $0, run: $1).tenders() }
        })
        add(.get, "/api/v1/collusion/rings", guarded(.viewer, rings))
        add(.get, "/api/v1/judges/conflicts", guarded(.viewer) { request, context in
            try await runReport(request, context) { try JudicialReports.conflicts(store: $0, run: $1) }
        })
        add(.get, "/api/v1/judges/lawyers", guarded(.viewer, judgeLawyers))
        add(.get, "/api/v1/judges/firms", guarded(.viewer, judgeFirms))
        add(.get, "/api/v1/judges/{ref}/profile", guarded(.viewer, judgeProfile))
        add(.get, "/api/v1/judges/{ref}/map", guarded(.viewer, judgeMap))
        add(.get, "/api/v1/communities", guarded(.viewer, communities))
        add(.get, "/api/v1/rank", guarded(.viewer, rank))
    }

    /// The stored runs, newest first, of one analysis (`analysis`) or all.
    @Sendable func runs(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        let (limit, offset) = try p.page()
        let analysis = try p.string("analysis")
        let store = state.store
        let (runs, total) = try await state.work.run { try AnalysisRun.list(analysis: analysis, limit: limit, offset: offset, in: store) }
        let list = RunList(page: linked(Page(total: total, limit: limit, offset: offset), request: request), runs: runs.map(RunSummary.init))
        return respond(list, context, request: request)
    }

    /// A stored run's report — run `run`, or the latest — paged, as JSON (masked for a viewer).
    func runReport<Item: RunReportItem>(
        _ request: Request, _ context: TramaContext, read: @escaping @Sendable (Store, Int?) throws -> RunReport<Item>
    ) async throws -> Response {
        let p = QueryParameters(request)
        let (limit, offset) = try p.page()
        let run = try p.int("run", minimum: 1, maximum: Int(Int32.max))
        let store = state.store
        var report = try await state.work.run { try read(store, run).paged(limit: limit, offset: offset) }
        report.page = report.page.map { linked($0, request: request) }
        return respond(report, context, request: request)
    }

    /// The rings as JSON, or drawn (each ring a cluster, the shared owners and addresses outside).
    @Sendable func rings(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        let top = try p.int("top", default: 5, minimum: 1, maximum: 50)!
        _ = try p.page()  // checked even when drawing: a bad page is a bad request either way
        let run = try p.int("run", minimum: 1, maximum: Int(Int32.max))
        guard let format = try MapFormat.requested(request) else {
            return try await runReport(request, context) { try CollusionReports(store: $0, run: $1).rings(top: nil) }
        }
        let store = state.store
        let map = try await state.work.run { try CollusionReports(store: store, run: run).ringsMap(top: top) }
        let theme = state.theme, renderer = state.renderer
        let shown = drawable(map, context)
        let bytes = try await state.work.render { try renderer.render(shown, theme: theme, format: format.render) }
        return HTTPAnswer.bytes(bytes, contentType: format.contentType, version: state.snapshots.snapshot.version, request: request)
    }

    /// Lawyers before judges (a `judicial_patterns` run): the same answer as
    /// `trama judges lawyers --format json`, read from the run stored rather than run again.
    @Sendable func judgeLawyers(_ request: Request, _ context: TramaContext) async throws -> Response {
        let run = try QueryParameters(request).int("run", minimum: 1, maximum: Int(Int32.max))
        let store = state.store
        let answer = try await state.work.run { try JudicialPatterns.stored(store: store, run: run) }
        return respond(answer, context, request: request)
    }

    /// Law firms before judges (one judge with `judge`), most cases first.
    @Sendable func judgeFirms(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        let judge = try p.string("judge")
        if let judge, judge.isEmpty || judge.count > 1000 { throw ServiceError.badParameter(name: "judge", reason: "must be 1 to 1000 characters") }
        let (limit, offset) = try p.page()
        let store = state.store
        var answer = try await state.work.run { try JudgeFirms.read(store: store, judge: judge, limit: limit, offset: offset) }
        answer.page = linked(answer.page, request: request)
        return respond(answer, context, request: request)
    }

    /// A judge's caseload and outcomes beside the peers', from a stored `judicial_patterns` run.
    @Sendable func judgeProfile(_ request: Request, _ context: TramaContext) async throws -> Response {
        let run = try QueryParameters(request).int("run", minimum: 1, maximum: Int(Int32.max))
        let snapshot = state.snapshots.snapshot
        let ref = try await resolve(request, context, snapshot: snapshot)
        let store = state.store
        let found = try await state.work.run { try JudicialPatterns.profile(of: ref.reference, store: store, run: run) }
        return respond(JudgeProfileReport(header: found.run.header, profile: found.document), context, request: request)
    }

    @Sendable func judgeMap(_ request: Request, _ context: TramaContext) async throws -> Response {
        let snapshot = state.snapshots.snapshot
        let ref = try await resolve(request, context, snapshot: snapshot)
        let generated = try QueryParameters(request).parsed("generated", PathQuery.day) ?? Day.today
        let query = JudgeMapQuery(judge: ref.reference, generated: generated)
        let store = state.store
        let answer = try await state.work.run { try query.run(on: snapshot.graph, store: store) }
        return try await respondMaybeDrawn(answer, context, request: request, version: snapshot.version, document: \.document) { $0.map() }
    }

    @Sendable func communities(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        let basisName = try p.string("on") ?? CommunitiesQuery.Basis.coBidding.rawValue
        guard let basis = CommunitiesQuery.Basis(rawValue: basisName) else {
            throw ServiceError.badParameter(name: "on", reason: "'\(basisName)' is not one of \(CommunitiesQuery.Basis.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var query = CommunitiesQuery(basis: basis)
        query.at = try p.parsed("at", PathQuery.day)
        query.top = try p.int("top", default: 20, minimum: 1, maximum: 100)!
        query.minimumSize = try p.int("min_size", default: 3, minimum: 2, maximum: 1000)!
        let snapshot = state.snapshots.snapshot
        let store = state.store
        let asked = query
        let answer = try await state.work.run { try asked.run(on: snapshot.graph, store: store) }
        return try await respondMaybeDrawn(answer, context, request: request, version: snapshot.version) { $0.map() }
    }

    @Sendable func rank(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        let measureName = try p.string("measure") ?? RankQuery.Measure.pagerank.rawValue
        guard let measure = RankQuery.Measure(rawValue: measureName) else {
            throw ServiceError.badParameter(name: "measure", reason: "'\(measureName)' is not one of \(RankQuery.Measure.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var query = RankQuery(measure: measure, top: try p.int("top", default: 20, minimum: 1, maximum: Page.maximumLimit)!)
        if let kinds = try p.string("kinds") {
            query.kinds = try kinds.split(separator: ",").map { kind in
                let k = String(kind)
                let known = EntityKind.allCases.map(\.rawValue)
                guard known.contains(k) else { throw ServiceError.unknownKind(k, known: known) }
                return k
            }
        }
        let snapshot = state.snapshots.snapshot
        let store = state.store
        let asked = query
        let answer = try await state.work.run { try asked.run(on: snapshot.graph, store: store) }
        return respond(answer, context, request: request, version: snapshot.version, etag: true)
    }
}
