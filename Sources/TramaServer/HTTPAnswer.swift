import Foundation
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
        let body = value.compact
        var headers: HTTPFields = [.contentType: "application/json"]
        if let version { headers[graphVersionHeader] = String(version) }
        if etag, let version {
            let tag = "\"g\(version)-\(SHA256.hex(Array(body.utf8)).prefix(16))\""
            headers[.eTag] = tag
            if let request, request.headers[.ifNoneMatch].map({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains(tag) }) == true {
                return Response(status: .notModified, headers: headers)
            }
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
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

    func handle(_ request: Request, context: TramaContext, next: (Request, TramaContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let redirect as Redirect {
            return Response(status: .permanentRedirect, headers: [.location: redirect.location])
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
            if problem.category == .internal { context.logger.error("internal error on \(request.method) \(request.uri.path): \(String(describing: error))") }
            var retry: Int?
            if case let ServiceError.busy(_, seconds) = error { retry = seconds }
            return HTTPAnswer.problem(problem, retryAfter: retry)
        }
    }
}

/// Query parameters, checked: a value that is not what the parameter takes is a 400 naming the
/// parameter; one above the service's limit a 422 naming the limit.
struct QueryParameters {
    let values: [String: String]

    init(_ request: Request) {
        var v: [String: String] = [:]
        for (k, value) in request.uri.queryParameters { v[String(k)] = String(value) }
        values = v
    }

    func string(_ name: String) -> String? { values[name].flatMap { $0.isEmpty ? nil : $0 } }

    func require(_ name: String) throws -> String {
        guard let v = string(name) else { throw ServiceError.badParameter(name: name, reason: "is required") }
        return v
    }

    func int(_ name: String, default d: Int? = nil, minimum: Int = 0, maximum: Int? = nil) throws -> Int? {
        guard let text = string(name) else { return d }
        guard let v = Int(text) else { throw ServiceError.badParameter(name: name, reason: "'\(text)' is not a whole number") }
        guard v >= minimum else { throw ServiceError.badParameter(name: name, reason: "must be at least \(minimum)") }
        if let maximum, v > maximum { throw ServiceError.limitExceeded(name: name, limit: maximum) }
        return v
    }

    func bool(_ name: String) throws -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw ServiceError.badParameter(name: name, reason: "'\(text)' is not true or false")
        }
    }

    /// `limit` and `offset` of a list endpoint, within the hard cap.
    func page() throws -> (limit: Int, offset: Int) {
        (try int("limit", default: Page.defaultLimit, minimum: 1, maximum: Page.maximumLimit)!, try int("offset", default: 0)!)
    }

    /// Runs `parse` on a parameter, naming it in the problem if it throws.
    func parsed<T>(_ name: String, _ parse: (String) throws -> T) throws -> T? {
        guard let text = string(name) else { return nil }
        do { return try parse(text) } catch let e as ServiceError {
            if case .badParameter = e { throw e }
            throw ServiceError.badParameter(name: name, reason: e.description)
        }
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
