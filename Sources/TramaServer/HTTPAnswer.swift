import Foundation
import Synchronization
import HTTPTypes
import Hummingbird
import Logging
import TramaService
import TramaStore

/// How answers leave the server: the same `Answer` types the CLI prints, encoded by the same
/// encoder, with the graph version they were computed on, ETags where a client may cache, and
/// RFC 9457 problem details for every error.
enum HTTPAnswer {
    static let graphVersionHeader = HTTPField.Name("Trama-Graph-Version")!

    static func json(_ value: JSONValue, version: Int?, status: HTTPResponse.Status = .ok, etag: Bool = false, request: Request? = nil) -> Response {
        json(bytes: value.utf8(), version: version, status: status, etag: etag, request: request)
    }

    static func json(bytes body: [UInt8], version: Int?, status: HTTPResponse.Status = .ok, etag: Bool = false, request: Request? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let version { headers[graphVersionHeader] = String(version) }
        if etag, let version {
            let tag = "\"g\(version)-\(SHA256.hex(body).prefix(16))\""
            headers[.eTag] = tag
            if let request, request.headers[.ifNoneMatch].map({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains(tag) }) == true {
                return Response(status: .notModified, headers: headers)
            }
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func bytes(_ bytes: [UInt8], contentType: String, version: Int?, request: Request) -> Response {
        var headers: HTTPFields = [.contentType: contentType]
        if let version {
            headers[graphVersionHeader] = String(version)
            let tag = "\"g\(version)-\(SHA256.hex(bytes).prefix(16))\""
            headers[.eTag] = tag
            if request.headers[.ifNoneMatch] == tag { return Response(status: .notModified, headers: headers) }
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func problem(_ p: Problem, retryAfter: Int? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if p.status == 401 { headers[.wwwAuthenticate] = "Bearer realm=\"trama\"" }
        return Response(
            status: HTTPResponse.Status(code: p.status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: p.json.compact)))
    }
}

/// Turns any error a route throws into problem details, and lets no internal detail out.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = TramaContext
    let knownPaths: KnownPaths

    func handle(_ request: Request, context: TramaContext, next: (Request, TramaContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let redirect as Redirect {
            return Response(status: .permanentRedirect, headers: [.location: redirect.location])
        } catch let error as HTTPError where error.status == .notFound {
            // No route: a path the API has, asked with a method it does not take, is a 405.
            guard let allowed = knownPaths.allowed(for: request.uri.path) else {
                return HTTPAnswer.problem(Problem(category: .notFound, detail: "no such endpoint: \(request.uri.path) (the API is described at /openapi.json)"))
            }
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            var response = HTTPAnswer.problem(Problem(category: .badRequest, detail: "\(request.method.rawValue) is not allowed here; use \(allow)", status: 405))
            response.headers[.allow] = allow
            return response
        } catch let error as HTTPError {
            let category: ErrorCategory =
                switch error.status.code {
                case 404: .notFound
                case 405, 400: .badRequest
                case 413: .limitExceeded
                default: error.status.code >= 500 ? .internal : .badRequest
                }
            return HTTPAnswer.problem(Problem(category: category, detail: error.body ?? error.status.reasonPhrase, status: Int(error.status.code)))
        } catch {
            let problem = Problem(error)
            // The route's template, not the path: a path names the entity asked about.
            if problem.category == .internal {
                context.logger.error("internal error on \(request.method) \(context.endpointPath ?? "an unknown route"): \(String(describing: error))")
            }
            var retry: Int?
            if case let ServiceError.busy(_, seconds) = error { retry = seconds }
            if case let ServiceError.tooManyAttempts(seconds) = error { retry = seconds }
            // The database away (stopped, restarting): ask again shortly; the pool reconnects.
            if retry == nil, problem.category == .unavailable { retry = 5 }
            return HTTPAnswer.problem(problem, retryAfter: retry)
        }
    }
}

extension QueryParameters {
    init(_ request: Request) {
        self.init(pairs: request.uri.queryParameters.map { (String($0.key), String($0.value)) })
    }
}

/// `next` and `previous` links of a page, built from the request's own path and query.
func linked(_ page: Page, request: Request) -> Page {
    var page = page
    var query = QueryParameters(request).values
    func link(_ offset: Int) -> String {
        query["offset"] = String(offset)
        query["limit"] = String(page.limit)
        var c = URLComponents()
        c.percentEncodedPath = request.uri.path
        c.queryItems = query.keys.sorted().map { URLQueryItem(name: $0, value: query[$0]) }
        return c.string ?? request.uri.path
    }
    if page.offset + page.limit < page.total { page.next = link(page.offset + page.limit) }
    if page.offset > 0 { page.previous = link(max(0, page.offset - page.limit)) }
    return page
}

/// A registered path, `{name}` segments matching any one segment.
struct KnownPath: Sendable {
    var template: String
    var allowed: [HTTPRequest.Method]

    func matches(_ path: String) -> Bool {
        let a = template.split(separator: "/", omittingEmptySubsequences: false)
        let b = path.split(separator: "/", omittingEmptySubsequences: false)
        return a.count == b.count && zip(a, b).allSatisfy { t, p in (t.hasPrefix("{") && t.hasSuffix("}") && !p.isEmpty) || t == p }
    }
}

/// The routes' paths, filled in once the router is built.
final class KnownPaths: Sendable {
    private let paths = Mutex<[KnownPath]>([])

    func set(_ list: [KnownPath]) { paths.withLock { $0 = list } }

    func allowed(for path: String) -> [HTTPRequest.Method]? { paths.withLock { $0.first { $0.matches(path) }?.allowed } }
}

/// Decodes a JSON request body, refusing fields the type does not have: a misspelt option
/// (`max_hop`) silently ignored would give an answer to a question nobody asked.
func decodeBody<T: Answer>(_ type: T.Type, from bytes: some Sequence<UInt8>, example: String) throws -> T {
    let data = Data(bytes)
    let value: T
    let received: JSONValue
    do {
        value = try JSONDecoder().decode(T.self, from: data)
        received = try JSONDecoder().decode(JSONValue.self, from: data)
    } catch {
        throw ServiceError.badParameter(name: "body", reason: "expected JSON like \(example)")
    }
    // Re-encoding writes every field the type has (absent ones as null): any other key is unknown.
    if let unknown = unknownField(received, known: value.json, path: "") {
        throw ServiceError.badParameter(name: unknown, reason: "is not a field of this request (see /openapi.json)")
    }
    return value
}

private func unknownField(_ received: JSONValue, known: JSONValue, path: String) -> String? {
    switch (received, known) {
    case let (.object(r), .object(k)):
        let names = Dictionary(k.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        for (key, value) in r {
            let here = path.isEmpty ? key : "\(path).\(key)"
            guard let counterpart = names[key] else { return here }
            if let deeper = unknownField(value, known: counterpart, path: here) { return deeper }
        }
        return nil
    case let (.array(r), .array(k)):
        for (i, (a, b)) in zip(r, k).enumerated() {
            if let deeper = unknownField(a, known: b, path: "\(path)[\(i)]") { return deeper }
        }
        return nil
    default: return nil
    }
}
