import Foundation
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization
public import TramaStore

/// A user's webhook: where their alerts are POSTed, and how its deliveries stand.
public struct Webhook: Codable, Sendable, Hashable {
    public var id: Int
    public var url: String
    public var createdAt: String
    public var delivered: Int
    /// Queued or to be retried.
    public var pending: Int
    /// Given up after the last attempt.
    public var failed: Int

    enum CodingKeys: String, CodingKey { case id, url, createdAt = "created_at", delivered, pending, failed }
}

public struct WebhookList: Answer, Hashable {
    public var webhooks: [Webhook]

    public var text: String {
        guard !webhooks.isEmpty else { return "no webhooks (`trama webhooks add URL --secret S`)" }
        return webhooks.map { "\($0.id)  \($0.url)  delivered \($0.delivered), pending \($0.pending), failed \($0.failed) · since \($0.createdAt)" }
            .joined(separator: "\n")
    }
}

/// The body of `POST /api/v1/webhooks`.
public struct NewWebhook: Answer, Hashable {
    public var url: String
    public var secret: String
}

/// A user's webhooks (`schema/0017_webhooks.sql`): each new alert of their rules is POSTed to
/// each, signed.
public struct Webhooks: Sendable {
    public let store: Store
    public let user: Int

    public init(store: Store, user: Int) {
        self.store = store
        self.user = user
    }

    /// Adds a webhook; alerts raised from now on are delivered to it. Returns its id.
    ///
    /// `privateAddresses`: whether the URL may name this machine or a private network (a
    /// webhook makes the server send requests: over the API it may not reach what only the
    /// server can, unless the server is configured so; the command line holds the database).
    public func add(url: String, secret: String, privateAddresses: Bool = true) throws -> Int {
        guard url.utf8.count <= 2000, let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
            let host = parsed.host, !host.isEmpty
        else { throw ServiceError.badParameter(name: "url", reason: "must be an http or https URL with a host, at most 2,000 characters") }
        if !privateAddresses, Self.isPrivate(host: host) {
            throw ServiceError.badParameter(name: "url", reason: "names this machine or a private network, which this server does not send webhooks to")
        }
        guard (16...200).contains(secret.unicodeScalars.count), !secret.contains("\u{0}") else {
            throw ServiceError.badParameter(name: "secret", reason: "must be 16 to 200 characters (the receiver checks the signature with it)")
        }
        guard let id = try store.execute(.webhookInsert, [String(user), url, secret]).scalar.flatMap({ Int($0) }) else {
            throw ServiceError.malformedRow(query: NamedQuery.webhookInsert.rawValue)
        }
        return id
    }

    /// Loopback, private (RFC 1918, RFC 4193), link-local and unspecified addresses, and
    /// `localhost`, by the URL's host as written (a name that resolves to one is not caught).
    static func isPrivate(host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h.hasPrefix("::ffff:") { return isPrivate(host: String(h.dropFirst(7))) }
        if h == "localhost" || h.hasSuffix(".localhost") { return true }
        if h.contains(":") { return h == "::" || h == "::1" || h.hasPrefix("fc") || h.hasPrefix("fd") || h.hasPrefix("fe80:") }
        let parts = h.split(separator: ".").compactMap { UInt8($0) }
        guard parts.count == 4, h.split(separator: ".").count == 4 else { return false }
        switch (parts[0], parts[1]) {
        case (0, _), (10, _), (127, _), (169, 254), (192, 168): return true
        case (172, let b): return (16...31).contains(b)
        default: return false
        }
    }

    public func list() throws -> WebhookList {
        WebhookList(webhooks: try store.execute(.webhooksList, [String(user), String(WebhookDelivery.maximumAttempts)]).rows.map { r in
            Webhook(
                id: Int(r[0]!)!, url: r[1] ?? "", createdAt: r[2] ?? "", delivered: r[3].flatMap { Int($0) } ?? 0, pending: r[4].flatMap { Int($0) } ?? 0,
                failed: r[5].flatMap { Int($0) } ?? 0)
        })
    }

    public func remove(_ id: Int) throws {
        guard try store.execute(.webhookDelete, [String(id), String(user)]).rows.count == 1 else { throw ServiceError.noSuchWebhook(id: id) }
    }
}

/// Sends the deliveries that are due: one POST per alert and webhook, the body signed with
/// HMAC-SHA-256 under the webhook's secret (`Trama-Signature: sha256=<hex>` over the exact
/// bytes), retried after `backoff`, 2×, 4×… seconds while the receiver does not answer 2xx, at
/// most ``maximumAttempts`` times. Rows are locked while they are sent, so several servers
/// never send one twice at once.
public struct WebhookDelivery: Sendable {
    /// What is POSTed.
    public struct Payload: Answer, Hashable {
        public var delivery: Int
        public var alert: Alert
    }

    public static let maximumAttempts = 6
    /// Whether deliveries may go to this machine or a private network: false on a server not
    /// configured so, where the receiver's name is resolved before each POST and refused when
    /// it points there (a public name can be made to).
    public var privateAddresses = true
    public var backoff: Double = 30
    public var timeout: Double = 10
    public var batch = 100

    public init() {}

    /// Sends what is due; returns how many were delivered and how many failed this time.
    public func deliverDue(store: Store, send: (URLRequest) throws -> Int = WebhookDelivery.post) throws -> (delivered: Int, failed: Int) {
        try store.transaction { conn in
            let due = try conn.execute(.webhookDue, [String(Self.maximumAttempts), String(batch)]).rows
            guard !due.isEmpty else { return (0, 0) }
            let alerts = Dictionary(
                try AlertList.byID(due.compactMap { $0[4].flatMap { Int($0) } }, store: store).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var delivered = 0, failed = 0
            for row in due {
                guard let id = row[0].flatMap({ Int($0) }), let attempts = row[1].flatMap({ Int($0) }), let url = row[2].flatMap(URL.init(string:)),
                    let secret = row[3], let alert = row[4].flatMap({ Int($0) }).flatMap({ alerts[$0] })
                else { continue }
                let body = Data(Payload(delivery: id, alert: alert).json.compact.utf8)
                var request = URLRequest(url: url, timeoutInterval: timeout)
                request.httpMethod = "POST"
                request.httpBody = body
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                request.setValue("sha256=" + HMACSHA256.hex(key: Array(secret.utf8), message: Array(body)), forHTTPHeaderField: "Trama-Signature")
                request.setValue(String(id), forHTTPHeaderField: "Trama-Delivery")
                var status: Int?
                var error: String?
                if !privateAddresses, let host = url.host, Self.resolves(host).contains(where: Webhooks.isPrivate(host:)) {
                    error = "\(host) resolves to this machine or a private network: not sent"
                } else {
                    do { status = try send(request) } catch let e { error = String(describing: e).prefix(500).description }
                }
                let ok = status.map { (200..<300).contains($0) } ?? false
                if ok { delivered += 1 } else { failed += 1 }
                _ = try conn.execute(.webhookAttempted, [
                    String(id), ok ? "true" : "false", String(backoff * pow(2, Double(attempts))), status.map(String.init), error ?? status.map { "HTTP \($0)" },
                ])
            }
            return (delivered, failed)
        }
    }

    /// The addresses `host` resolves to, as text (none when it does not resolve).
    static func resolves(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var out: [String] = []
        var p = list
        while let info = p?.pointee {
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            if info.ai_family == AF_INET, let a = info.ai_addr {
                var v4 = a.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                if inet_ntop(AF_INET, &v4, &text, socklen_t(text.count)) != nil { out.append(Self.text(text)) }
            } else if info.ai_family == AF_INET6, let a = info.ai_addr {
                var v6 = a.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                if inet_ntop(AF_INET6, &v6, &text, socklen_t(text.count)) != nil { out.append(Self.text(text)) }
            }
            p = info.ai_next
        }
        return out
    }

    /// The text `inet_ntop` wrote into `buffer`, up to its terminating NUL.
    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// POSTs with Foundation's URLSession, waiting for the answer (deliveries run on blocking
    /// threads, never on an event loop); returns the status.
    public static func post(_ request: URLRequest) throws -> Int {
        let result = Mutex<Result<Int, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { _, response, error in
            result.withLock {
                $0 = error.map { .failure($0) } ?? .success((response as? HTTPURLResponse)?.statusCode ?? 0)
            }
            done.signal()
        }.resume()
        done.wait()
        return try result.withLock { $0! }.get()
    }
}
