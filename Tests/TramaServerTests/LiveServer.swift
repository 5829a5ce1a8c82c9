import Foundation
import Logging
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization
import Testing
import TramaIngest
import TramaServer
import TramaService
import TramaStore
import TramaTestSupport
import TramaWorld

let smallFixture = TestDatabase.repositoryRoot.appendingPathComponent("Tests/TramaIngestTests/Fixtures/small")

/// A `trama serve` on a loopback port of its own, over a database with the small GRAS fixture,
/// and one token per role.
struct LiveServer: Sendable {
    let url: String
    let databaseURL: String
    let viewer: String
    let analyst: String
    let admin: String

    /// Starts a server (or `servers` of them, all on one database) and runs `body` against it;
    /// `empty` leaves the fixture out (the store holds no data), `configure` adjusts each server.
    static func with(
        servers count: Int = 1, refresh: Duration = .milliseconds(100), scanned: Bool = false, empty: Bool = false, world: Int? = nil,
        configure: @Sendable (inout TramaServer.Configuration) -> Void = { _ in }, _ body: @Sendable ([LiveServer]) async throws -> Void
    ) async throws {
        try await TestDatabase.withDatabase { databaseURL in
            let resources = Resources(root: TestDatabase.repositoryRoot)
            let setup = try Store(url: databaseURL, schemaDirectory: resources.schema, queriesDirectory: resources.queries)
            if let firms = world {
                // A generated world (seed 1) instead of the fixture: big enough to hold rings.
                let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trama-world-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: dir) }
                _ = try WorldGenerator(config: WorldConfig(firms: firms, seed: 1)).write(to: dir)
                _ = try DatasetImporter(store: setup).importGRAS(directory: dir, options: .init(dataset: "world"))
            } else if !empty {
                _ = try DatasetImporter(store: setup).importGRAS(directory: smallFixture, options: .init(dataset: "small"))
            }
            if scanned {
                // Stored runs for the analyses' endpoints.
                let session = Session(resources: resources, store: setup)
                _ = try CollusionScan().run(session: session)
                _ = try JudicialScan().run(session: session)
                _ = try JudicialPatterns().run(session: session)
                _ = try SupplierScan().run(session: session)
            }
            let tokens = AccessTokens(store: setup)
            let viewer = try tokens.create(role: .viewer, name: "test viewer").secret
            let analyst = try tokens.create(role: .analyst, name: "test analyst").secret
            let admin = try tokens.create(role: .admin, name: "test admin").secret
            setup.close()

            try await withThrowingTaskGroup(of: Void.self) { group in
                var servers: [LiveServer] = []
                for _ in 0..<count {
                    let store = try Store(url: databaseURL, schemaDirectory: resources.schema, queriesDirectory: resources.queries)
                    var configuration = TramaServer.Configuration()
                    configuration.port = 0
                    configuration.threads = 4
                    configuration.refreshInterval = refresh
                    configuration.logLevel = .critical
                    configure(&configuration)
                    let ready = AsyncStream<String>.makeStream()
                    let server = TramaServer(session: Session(resources: resources, store: store), configuration: configuration)
                    group.addTask {
                        defer { store.close() }
                        try await server.run { ready.continuation.yield($0) }
                    }
                    var iterator = ready.stream.makeAsyncIterator()
                    guard let url = await iterator.next() else { throw HTTPFailure(message: "the server did not start") }
                    servers.append(LiveServer(url: url, databaseURL: databaseURL, viewer: viewer, analyst: analyst, admin: admin))
                }
                do {
                    try await body(servers)
                } catch {
                    group.cancelAll()
                    throw error
                }
                group.cancelAll()
            }
        }
    }

    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data

        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else { throw HTTPFailure(message: "not a JSON object: \(text)") }
            return object
        }
        /// The body read back as the answer type the server encoded it from.
        func decoded<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(T.self, from: body) }
        /// The body as a JSON object, empty when it is not one (for expectations).
        var object: [String: Any] { (try? json()) ?? [:] }
        func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
    }

    func get(_ path: String, token: String? = nil, headers: [String: String] = [:]) async throws -> Reply {
        try await send("GET", path, token: token, headers: headers)
    }

    func send(_ method: String, _ path: String, token: String? = nil, body: Data? = nil, headers: [String: String] = [:]) async throws -> Reply {
        var request = URLRequest(url: URL(string: url + path)!)
        request.httpMethod = method
        request.httpBody = body
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        let (data, response) = try await Self.session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw HTTPFailure(message: "no HTTP response") }
        var fields: [String: String] = [:]
        for (k, v) in http.allHeaderFields { fields["\(k)"] = "\(v)" }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }

    /// Follows no redirects, so that a 308 can be seen.
    static let session: URLSession = {
        final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
            func urlSession(
                _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
                completionHandler: @escaping @Sendable (URLRequest?) -> Void
            ) { completionHandler(nil) }
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 64
        // Cookies are sent by hand, so that each test says which session it is.
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpCookieStorage = nil
        return URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    }()
}

struct HTTPFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
