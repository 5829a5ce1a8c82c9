import Foundation
import HTTPTypes
import Hummingbird
import Synchronization
import TramaService

/// Headers every response carries, and cross-origin requests closed unless an origin is
/// allowed: the API answers about real people, so no browser page elsewhere may read it with
/// a user's token, frame it or sniff its types, and no shared cache may keep an answer.
struct SecurityMiddleware: RouterMiddleware {
    typealias Context = TramaContext
    /// Origins (`https://explorer.example.org`) whose pages may call the API; empty: none.
    let allowedOrigins: Set<String>

    static let headers: [(HTTPField.Name, String)] = [
        (.xContentTypeOptions, "nosniff"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
        (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
        // Answers are data, never pages: nothing in them may run or load (an SVG map included).
        (.contentSecurityPolicy, "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"),
    ]

    func handle(_ request: Request, context: TramaContext, next: (Request, TramaContext) async throws -> Response) async throws -> Response {
        let origin = request.headers[.origin].flatMap { allowedOrigins.contains($0) ? $0 : nil }
        var response: Response
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil, origin != nil {
            // A preflight from an allowed origin.
            response = Response(status: .noContent)
            response.headers[.accessControlAllowMethods] = "GET, POST, DELETE"
            response.headers[.accessControlAllowHeaders] = "Authorization, Content-Type, If-None-Match"
            response.headers[.accessControlMaxAge] = "600"
        } else {
            response = try await next(request, context)
        }
        for (name, value) in Self.headers where response.headers[name] == nil { response.headers[name] = value }
        if request.headers[.authorization] != nil {
            // The client may keep an answer and revalidate it by its ETag; no proxy may keep it.
            response.headers[.cacheControl] = "private, no-cache"
        }
        if let origin {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlExposeHeaders] = "ETag, Location, Retry-After, Trama-Graph-Version"
            response.headers[.vary] = "Origin"
        }
        return response
    }
}

/// Failed token attempts per client: past `limit` in `window`, the client is refused (429) until
/// the window ends — guessing a 256-bit secret is hopeless, but a flood of guesses still costs
/// a database look-up each.
final class FailedAttempts: Sendable {
    let limit: Int
    let window: Duration
    private let attempts = Mutex<[String: (count: Int, since: ContinuousClock.Instant)]>([:])

    init(limit: Int = 20, window: Duration = .seconds(60)) {
        self.limit = limit
        self.window = window
    }

    /// Seconds until `client` may try again, or nil when it may now.
    func refusal(for client: String) -> Int? {
        let now = ContinuousClock.now
        return attempts.withLock { table in
            guard let entry = table[client] else { return nil }
            let end = entry.since + window
            if now >= end {
                table[client] = nil
                return nil
            }
            guard entry.count >= limit else { return nil }
            return max(1, Int(((end - now) / .seconds(1)).rounded(.up)))
        }
    }

    func failed(_ client: String) {
        let now = ContinuousClock.now
        attempts.withLock { table in
            if table.count > 100_000 { table = table.filter { now < $0.value.since + window } }
            if let entry = table[client], now < entry.since + window {
                table[client] = (entry.count + 1, entry.since)
            } else {
                table[client] = (1, now)
            }
        }
    }
}
