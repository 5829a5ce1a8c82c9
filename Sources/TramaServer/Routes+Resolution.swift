import Foundation
import HTTPTypes
import Hummingbird
import TramaModel
import TramaService

/// Entity resolution over HTTP, as `trama resolve`: analysts review the candidates (records of
/// people, so not a viewer's); admins decide, since a merge changes the data every server
/// serves (the generation moves on and each server swaps in the merged graph). A scan is a job:
/// `POST /api/v1/scans {"analysis": "resolution"}`.
extension Routes {
    func registerResolution(_ add: (HTTPRequest.Method, String, @escaping Handler) -> Void) {
        add(.get, "/api/v1/resolution/candidates", guarded(.analyst, mergeCandidates))
        add(.post, "/api/v1/resolution/merges", guarded(.admin, merge))
        add(.post, "/api/v1/resolution/rejections", guarded(.admin, rejection))
    }

    @Sendable func mergeCandidates(_ request: Request, _ context: TramaContext) async throws -> Response {
        let (limit, offset) = try QueryParameters(request).page()
        let store = state.store
        let (candidates, total) = try await state.work.run { try EntityResolution(store: store).review(limit: limit, offset: offset) }
        let answer = MergeCandidates(candidates, page: linked(Page(total: total, limit: limit, offset: offset), request: request))
        try await audit(context, request, entities: answer.candidates.flatMap { [$0.first.key, $0.second.key] })
        return respond(answer, context, request: request)
    }

    @Sendable func merge(_ request: Request, _ context: TramaContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let asked = try decodeBody(MergeRequest.self, from: body.readableBytesView, example: #"{"kept": "firm:F1", "merged": "firm:F9"}"#)
        try Self.requireReference(asked.kept, "kept")
        try Self.requireReference(asked.merged, "merged")
        let store = state.store
        try await state.work.run { try EntityResolution(store: store).accept(kept: asked.kept, merged: asked.merged) }
        try await audit(context, request, entities: [asked.kept, asked.merged])
        return respond(asked, context, request: request)
    }

    @Sendable func rejection(_ request: Request, _ context: TramaContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let asked = try decodeBody(RejectionRequest.self, from: body.readableBytesView, example: #"{"first": "person:P1", "second": "person:P7"}"#)
        try Self.requireReference(asked.first, "first")
        try Self.requireReference(asked.second, "second")
        let store = state.store
        try await state.work.run { try EntityResolution(store: store).reject(asked.first, asked.second) }
        try await audit(context, request, entities: [asked.first, asked.second])
        return respond(asked, context, request: request)
    }

    /// Decisions name entities exactly: `kind:key`, never a name that might match another.
    static func requireReference(_ text: String, _ name: String) throws {
        guard let parts = KindKey(text), !parts.key.isEmpty else {
            throw ServiceError.badParameter(name: name, reason: "'\(text)' is not kind:key (e.g. firm:F0000123)")
        }
    }
}
