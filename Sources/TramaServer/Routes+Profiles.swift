import Foundation
import HTTPTypes
import Hummingbird
import TramaGraph
import TramaService
import TramaStore
import TramaModel
import NIOCore

/// GRAS users' navigation through red flags: entities ranked by a filter over their flags, the
/// feasibility view of the 60 indicators, and one supplier's profile with its map.
extension Routes {
    func registerProfiles(_ add: (HTTPRequest.Method, String, @escaping Handler) -> Void) {
        add(.get, "/api/v1/flags/ranking", guarded(.viewer, flagRanking))
        add(.get, "/api/v1/flags/coverage", guarded(.viewer) { request, context in
            let store = state.store
            return respond(try await state.work.run { try FlagCoverage.read(store: store) }, context, request: request)
        })
        add(.get, "/api/v1/entities/{ref}/profile", guarded(.analyst, supplierProfile))
        add(.post, "/api/v1/flags/validation", guarded(.analyst, flagValidation))
    }

    @Sendable func flagValidation(_ request: Request, _ context: TramaContext) async throws -> Response {
        let limit = state.configuration.maximumBodyBytes
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Self.tooLarge(limit)
        }
        let asked = try decodeBody(FlagValidation.Request.self, from: body.readableBytesView, example: #"{"cases": ["firm:F1"], "clean": ["firm:F2"]}"#)
        let labels = try asked.checked()
        let snapshot = state.snapshots.snapshot
        let store = state.store
        let answer = try await state.work.run { try FlagValidation.run(labels: labels, graph: snapshot.graph, store: store) }
        try await audit(context, request, entities: asked.cases + (asked.clean ?? []))
        return respond(answer, context, request: request, version: snapshot.version)
    }

    @Sendable func flagRanking(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        let (limit, offset) = try p.page()
        let asked = try APIQuestions.flagRanking(p)
        let store = state.store
        var answer = try await state.work.run {
            try FlagRanking.read(store: store, filter: asked.filter, period: asked.period, sortBy: asked.sortBy, limit: limit, offset: offset)
        }
        answer.page = linked(answer.page, request: request)
        return respond(answer, context, request: request)
    }

    @Sendable func supplierProfile(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        let snapshot = state.snapshots.snapshot
        let ref = try await resolve(request, context, snapshot: snapshot)
        var query = SupplierProfileQuery(entity: ref.reference)
        query.hops = try p.int("hops", default: 1, minimum: 1, maximum: 3)!
        query.perHop = try p.int("per_hop", default: 60, minimum: 1, maximum: APILimits.perHop)!
        let store = state.store, asked = query
        let answer = try await state.work.run { try asked.run(on: snapshot.graph, store: store) }
        try await audit(context, request, entities: [ref.reference] + answer.highlighted)
        return try await respondMaybeDrawn(answer, context, request: request, version: snapshot.version) { $0.map() }
    }
}
