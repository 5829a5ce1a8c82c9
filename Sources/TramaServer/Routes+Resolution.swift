import Foundation
import HTTPTypes
import Hummingbird
import TramaModel
import TramaService
import TramaStore

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
        let author = context.author()
        return try await decide(request, context, MergeRequest.self, example: #"{"kept": "firm:F1", "merged": "firm:F9"}"#, names: ["kept", "merged"]) {
            try $0.accept(kept: $1.kept, merged: $1.merged, by: author)
        }
    }

    @Sendable func rejection(_ request: Request, _ context: TramaContext) async throws -> Response {
        let author = context.author()
        return try await decide(request, context, RejectionRequest.self, example: #"{"first": "person:P1", "second": "person:P7"}"#, names: ["first", "second"]) {
            try $0.reject($1.first, $1.second, by: author)
        }
    }

    /// A decision about two entities: read from the body, each reference checked (`names` are
    /// the body's fields, in the order `references` gives them), made on a blocking thread,
    /// audited, and echoed as the answer.
    func decide<Decision: Answer & ResolutionDecision>(
        _ request: Request, _ context: TramaContext, _ type: Decision.Type, example: String, names: [String],
        _ act: @escaping @Sendable (EntityResolution, Decision) throws -> Void
    ) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let asked = try decodeBody(Decision.self, from: body.readableBytesView, example: example)
        for (name, reference) in zip(names, asked.references) { try Self.requireReference(reference, name) }
        let store = state.store
        try await state.work.run { try act(EntityResolution(store: store), asked) }
        try await audit(context, request, entities: asked.references)
        return respond(asked, context, request: request)
    }

    /// Decisions name entities exactly: `kind:key`, never a name that might match another.
    static func requireReference(_ text: String, _ name: String) throws {
        guard let parts = KindKey(text), !parts.key.isEmpty else {
            throw ServiceError.badParameter(name: name, reason: "'\(text)' is not kind:key (e.g. firm:F0000123)")
        }
    }
}

/// A decision about two entities, which it names as `kind:key`.
protocol ResolutionDecision {
    var references: [String] { get }
}

extension MergeRequest: ResolutionDecision {
    var references: [String] { [kept, merged] }
}

extension RejectionRequest: ResolutionDecision {
    var references: [String] { [first, second] }
}
