import Foundation
import TramaIngest
import HTTPTypes
import Hummingbird
import NIOCore
import TramaExplorer
import TramaGraph
import TramaRender
import TramaService
import TramaStore

/// Judges in the explorer — the list by court and flags, a judge's page with the map, the
/// conflicts, the lawyer patterns and the profile — and the list over the API. Viewer pages,
/// masked for a viewer as the API masks the same answers.
extension Routes {
    func registerJudges(_ add: Add) {
        add(.get, "/api/v1/judges", guarded(.viewer, apiJudges))
        add(.get, "/judges", explorer(.viewer, judgesPage))
        add(.get, "/judges/{ref}", explorer(.viewer, judgePage))
        add(.get, "/judges/{ref}/{file}", explorer(.viewer, judgeMapFile))
    }

    static func judgeFilter(_ p: QueryParameters) throws -> JudgeList.Filter {
        var filter = JudgeList.Filter(court: try p.string("court"), flagged: try p.bool("flagged"))
        if let court = filter.court, court.count > 1000 { throw ServiceError.limitExceeded(name: "court", limit: 1000) }
        if let court = filter.court, !court.hasPrefix("court:") { filter.court = "court:" + court }
        return filter
    }

    @Sendable func apiJudges(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        let filter = try Self.judgeFilter(p)
        let (limit, offset) = try p.page()
        let store = state.store
        var list = try await state.work.run { try JudgeList.read(store: store, filter: filter, limit: limit, offset: offset) }
        list.page = linked(list.page, request: request)
        return respond(list, context, request: request)
    }

    func judgesPage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let p = Self.formQuery(request)
        let filter = try Self.judgeFilter(p)
        let (limit, offset) = try p.page()
        let store = state.store
        var (list, courts) = try await state.work.run { (try JudgeList.read(store: store, filter: filter, limit: limit, offset: offset), try JudgeList.courts(store: store)) }
        if user.role == .viewer { list = try state.disclosure.masked(list) }
        return Self.page(JudgesPage.list(list, courts: courts, filter: filter, user: user))
    }

    /// The judge the path names, refused unless it is one.
    func judgeReference(_ request: Request, _ context: TramaContext, snapshot: GraphSnapshot) async throws -> Store.NodeRef {
        let ref = try await resolve(request, context, snapshot: snapshot)
        guard ref.kind == "judge" else {
            throw Problem(category: .notFound, detail: "\(ref.kind):\(ref.key.prefix(200)) is not a judge: its entity page is /entities/\(ref.kind):…", parameter: "ref")
        }
        return ref
    }

    func judgePage(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let snapshot = state.snapshots.snapshot
        let ref = try await judgeReference(request, context, snapshot: snapshot)
        let reference = "judge:\(ref.key)"
        let store = state.store
        let query = JudgeMapQuery(judge: reference, generated: Day.today)
        let (map, conflicts, patterns, profile, firms) = try await state.work.run {
            (
                try query.run(on: snapshot.graph, store: store),
                try Self.unlessNotRun { try JudicialReports.conflicts(store: store) },
                try Self.unlessNotRun { try JudicialPatterns.stored(store: store) },
                try Self.unlessNotRun { try JudicialPatterns.profile(of: reference, store: store).document },
                try JudgeFirms.read(store: store, judge: reference, limit: 50, offset: 0)
            )
        }
        var page = JudgesPage.Judge(judge: map.judge, map: try await linkedSVG(map.map(), context), cases: map.cases)
        page.conflictsRun = conflicts?.header
        page.conflicts = conflicts?.items.filter { $0.judge == reference }
        page.appearances = patterns?.appearance.filter { $0.judge == reference }
        page.winRates = patterns?.winRate.filter { $0.judge == reference }
        page.patternsRun = patterns?.run
        page.profile = profile
        page.firms = firms
        if user.role == .viewer {
            page.conflicts = try page.conflicts.map { try $0.map { try state.disclosure.masked($0) } }
            page.appearances = try page.appearances.map { try $0.map { try state.disclosure.masked($0) } }
            page.winRates = try page.winRates.map { try $0.map { try state.disclosure.masked($0) } }
            page.profile = try page.profile.map { try state.disclosure.masked($0) }
            page.firms = try state.disclosure.masked(firms)
        } else {
            var named: [String] = [reference]
            for c in page.conflicts ?? [] { named += [c.party] + (c.lawyer.map { [$0] } ?? []) }
            for a in page.appearances ?? [] { named.append(a.lawyer) }
            for e in map.entities { named.append(e.reference) }
            try await audit(context, request, entities: named)
        }
        return Self.page(JudgesPage.judge(page, user: user))
    }

    /// `map.svg`, `map.png` or `map.pdf`: the judge's map to download, as the page draws it.
    func judgeMapFile(_ request: Request, _ context: TramaContext, _ user: SignedIn) async throws -> Response {
        let format = try Self.mapFile(context, offered: "a judge")
        let snapshot = state.snapshots.snapshot
        let ref = try await judgeReference(request, context, snapshot: snapshot)
        let store = state.store
        let query = JudgeMapQuery(judge: "judge:\(ref.key)", generated: Day.today)
        let answer = try await state.work.run { try query.run(on: snapshot.graph, store: store) }
        if user.role >= .analyst { try await audit(context, request, entities: answer.entities.map { $0.reference }) }
        return try await download(answer.map(), format: format, name: "judge-\(ref.key)", context)
    }

    /// What `read` gives, or nil when the analysis it reads has not been run (or has nothing on
    /// the entity asked about): a page shows what is there.
    static func unlessNotRun<T>(_ read: () throws -> T) throws -> T? {
        do { return try read() } catch let e as ServiceError {
            switch e {
            case .noAnalysisRun, .noJudgeProfile: return nil
            default: throw e
            }
        }
    }
}
