import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization
import TramaService
import TramaStore

/// Who is asking: the request context every route sees, with the token the bearer header named.
public struct TramaContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Nil on the open endpoints (health, the OpenAPI document).
    public var token: AccessToken?
    /// The peer's address (a proxy's, behind one), for limiting failed token attempts.
    public var client: String
    /// The bearer secret the token was found by, for a logout to end that session.
    var secret: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        client = source.channel.remoteAddress?.ipAddress ?? source.channel.remoteAddress?.pathname ?? "unknown"
    }

    /// The author of a version of the graph this request makes: its token's name.
    func author(reason: String? = nil) -> VersionAuthor { VersionAuthor(name: token?.name ?? "anonymous", reason: reason) }
}

/// Looks tokens up by their secret's hash and remembers the answer for a few seconds: at
/// thousands of requests a second a query per request would cost more than the answers, and a
/// revoked token stops working within `ttl` on every server behind the proxy.
///
/// A token in use is looked up again in the background once half its `ttl` has passed, while
/// the remembered answer is still given: when the answer simply expired, every request in
/// flight with that token missed at once and looked it up itself (64 look-ups queued behind
/// path searches every five seconds, each request waiting over 100 ms).
final class TokenCache: Sendable {
    private let tokens: AccessTokens
    private let entries = Mutex<[String: Entry]>([:])
    /// Hashes of secrets being looked up again in the background.
    private let refreshing = Mutex<Set<String>>([])

    private struct Entry {
        var token: AccessToken?
        var refreshAfter: ContinuousClock.Instant
        var expires: ContinuousClock.Instant
    }
    /// Hashes of secrets found valid in the last hour: such a token is not held back by its
    /// client's failed attempts (it is still looked up, and refused if revoked since).
    private let recentlyValid = Mutex<[String: ContinuousClock.Instant]>([:])
    let ttl: Duration
    let sessionIdle: Duration
    /// The time, from the clock unless a test sets it.
    private let clock: @Sendable () -> ContinuousClock.Instant

    init(
        tokens: AccessTokens, ttl: Duration = .seconds(5), sessionIdle: Duration = AccessTokens.defaultSessionIdle,
        clock: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.tokens = tokens
        self.ttl = ttl
        self.sessionIdle = sessionIdle
        self.clock = clock
    }

    /// Drops what is remembered of a secret (a session's is never in `entries`, but it is in
    /// `recentlyValid`): once logged out it no longer passes the failed-attempts check.
    func forget(secret: String) {
        let key = AccessTokens.hash(secret)
        entries.withLock { _ = $0.removeValue(forKey: key) }
        recentlyValid.withLock { _ = $0.removeValue(forKey: key) }
    }

    /// Whether the secret was a valid token within the last hour, without a look-up.
    func recentlyValid(secret: String) -> Bool {
        let now = clock()
        return recentlyValid.withLock { $0[AccessTokens.hash(secret)].map { $0 > now } ?? false }
    }

    /// The token a secret belongs to, nil for an unknown or revoked one: what is remembered
    /// within `ttl` is answered on the caller's task, so a remembered token costs no hop to the
    /// blocking threads, where it would wait behind path searches; the rest is looked up there.
    func token(secret: String, on work: BlockingWork) async throws -> AccessToken? {
        let key = AccessTokens.hash(secret)
        guard let hit = remembered(key) else { return try await work.run { try self.lookUp(secret: secret, key: key) } }
        if hit.stale, refreshing.withLock({ $0.insert(key).inserted }) {
            Task {
                defer { refreshing.withLock { _ = $0.remove(key) } }
                // A failed look-up leaves the answer to expire; the requests after it look up themselves.
                _ = try? await work.run { try self.lookUp(secret: secret, key: key) }
            }
        }
        return hit.token
    }

    /// Background look-ups not yet finished.
    var refreshesUnderWay: Int { refreshing.withLock { $0.count } }

    /// What is remembered of a secret within `ttl`, without a look-up (a token of nil: found
    /// unknown or revoked), and whether it is due to be looked up again.
    private func remembered(_ key: String) -> (token: AccessToken?, stale: Bool)? {
        let now = clock()
        guard let hit = entries.withLock({ $0[key] }), hit.expires > now else { return nil }
        return (hit.token, hit.refreshAfter <= now)
    }

    /// Looks the secret up and remembers the answer.
    private func lookUp(secret: String, key: String) throws -> AccessToken? {
        let now = clock()
        let token = try tokens.authenticate(secret: secret, sessionIdle: sessionIdle)
        // A session is looked up every time, so that a logout holds at once on every server
        // behind the proxy; sessions serve people at a browser, not thousands of requests a second.
        if token?.isSession != true {
            entries.withLock { table in
                if table.count > 10_000 { table = table.filter { $0.value.expires > now } }
                table[key] = Entry(token: token, refreshAfter: now + ttl / 2, expires: now + ttl)
            }
        }
        if token != nil {
            recentlyValid.withLock { table in
                if table.count > 10_000 { table = table.filter { $0.value > now } }
                table[key] = now + .seconds(3600)
            }
        }
        return token
    }
}

/// Refuses a request without a valid bearer token (401) or whose token's role is below the
/// route's (403), in problem details that say which role is needed.
struct Authorization {
    let cache: TokenCache
    let work: BlockingWork
    let failures: FailedAttempts

    func require(_ role: Role, _ request: Request, _ context: inout TramaContext) async throws {
        guard let header = request.headers[.authorization], let secret = Self.bearer(header) else {
            throw Problem(category: .unauthorized, detail: "this endpoint needs an API token: send Authorization: Bearer <token> (`trama token create`)")
        }
        let cache = self.cache
        // A client past its failed attempts is refused before any look-up, unless its token was
        // valid within the hour (users behind one proxy share an address).
        if let wait = failures.refusal(for: context.client), !cache.recentlyValid(secret: secret) {
            throw ServiceError.tooManyAttempts(retryAfterSeconds: wait)
        }
        guard let token = try await cache.token(secret: secret, on: work) else {
            failures.failed(context.client)
            throw Problem(category: .unauthorized, detail: "the API token is unknown or revoked")
        }
        guard token.role >= role else {
            throw Problem(category: .forbidden, detail: "this endpoint needs the \(role.rawValue) role; the token has \(token.role.rawValue)")
        }
        context.token = token
        context.secret = secret
    }

    /// The secret of an `Authorization: Bearer <secret>` header (the scheme in any case, spaces
    /// and tabs around the secret dropped); nil for any other scheme. Read byte by byte: this
    /// runs on every request.
    static func bearer(_ header: String) -> String? {
        let scheme = "bearer ".utf8
        var rest = Substring(header).utf8
        guard rest.count >= scheme.count, zip(rest, scheme).allSatisfy({ (0x41...0x5A ~= $0 ? $0 | 0x20 : $0) == $1 }) else { return nil }
        func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        rest = rest.dropFirst(scheme.count)
        while let b = rest.first, blank(b) { rest = rest.dropFirst() }
        while let b = rest.last, blank(b) { rest = rest.dropLast() }
        return String(Substring(rest))
    }
}

/// Appends audit rows in batches: requests that arrive while one batch is being written join the
/// next, so the hash-chained log (one lock per batch) keeps up with the request rate. A request
/// that reveals something waits until its row is stored; if the log cannot be written, the
/// answer is not given. The writer remembers the last row it wrote, so that its next batch
/// takes one round trip to the store rather than two while no other server has appended.
actor AuditWriter {
    private let log: AuditLog
    private let work: BlockingWork
    private var pending: [(draft: AuditDraft, done: CheckedContinuation<Void, any Error>)] = []
    private var flushing = false
    private var head: AuditHead?

    init(log: AuditLog, work: BlockingWork) {
        self.log = log
        self.work = work
    }

    func record(_ draft: AuditDraft) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            pending.append((draft, done))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            let log = self.log
            let drafts = batch.map(\.draft)
            let head = self.head
            do {
                let written = try await work.audit { try log.append(drafts, following: head) }
                self.head = written.last.map(AuditHead.init)
                for item in batch { item.done.resume() }
            } catch {
                self.head = nil
                for item in batch { item.done.resume(throwing: error) }
            }
        }
        flushing = false
    }
}
