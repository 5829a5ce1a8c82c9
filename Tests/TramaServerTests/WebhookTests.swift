import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import Testing
import TramaIngest
import TramaStore
import TramaTestSupport
@testable import TramaService

/// Alert webhooks against a receiver on loopback that refuses the first delivery.
@Suite("Alert webhooks")
struct WebhookTests {
    @Test func alertsArePostedSignedAndRetriedUntilTheReceiverTakesThem() async throws {
        let received = Mutex<[(signature: String?, body: String)]>([])
        let router = Router()
        router.post("hook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            let n = received.withLock {
                $0.append((request.headers[HTTPField.Name("Trama-Signature")!], String(buffer: body)))
                return $0.count
            }
            return n == 1 ? .internalServerError : .ok
        }
        let port = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in port.continuation.yield(channel.localAddress?.port ?? 0) })
        let withBid = FileManager.default.temporaryDirectory.appendingPathComponent("hook-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: withBid) }
        try FileManager.default.copyItem(at: smallFixture, to: withBid)
        let bids = withBid.appendingPathComponent("bids.csv")
        try (try String(contentsOf: bids, encoding: .utf8) + "T2,F1,3,520000,2019-06-01,0\n").write(to: bids, atomically: true, encoding: .utf8)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            var ports = port.stream.makeAsyncIterator()
            let listening = try #require(await ports.next())
            let secret = "a shared secret of some length"
            try TestDatabase.withStore { store in
                let importer = DatasetImporter(store: store)
                _ = try importer.importGRAS(directory: smallFixture, options: .init(dataset: "small"))
                let session = Session(resources: Resources(root: TestDatabase.repositoryRoot), store: store)
                let (token, _) = try AccessTokens(store: store).create(role: .analyst, name: "desk")
                _ = try Watch(store: store, user: token.id).add("firm:F1")
                _ = try AlertEvaluation.run(session: session)
                let hooks = Webhooks(store: store, user: token.id)
                #expect(throws: ServiceError.self) { try hooks.add(url: "ftp://example.org/", secret: secret) }
                _ = try hooks.add(url: "http://127.0.0.1:\(listening)/hook", secret: secret)
                _ = try importer.importGRAS(directory: withBid, options: .init(dataset: "small"))
                #expect(try AlertEvaluation.run(session: session).alerts == 1)

                var delivery = WebhookDelivery()
                delivery.backoff = 0
                // A server that sends nowhere private resolves the name first and does not send.
                var guarded = delivery
                guarded.privateAddresses = false
                #expect(try guarded.deliverDue(store: store) == (0, 1) && received.withLock { $0.isEmpty })
                #expect(WebhookDelivery.resolves("localhost").contains(where: Webhooks.isPrivate(host:)))
                #expect(try delivery.deliverDue(store: store) == (0, 1), "the receiver refuses the first attempt")
                #expect(try delivery.deliverDue(store: store) == (1, 0), "and takes the retry")
                #expect(try delivery.deliverDue(store: store) == (0, 0), "nothing is sent twice")
                let listed = try #require(try hooks.list().webhooks.first)
                #expect(listed.delivered == 1 && listed.pending == 0 && listed.failed == 0)
            }
            let posts = received.withLock { $0 }
            #expect(posts.count == 2)
            for post in posts {
                #expect(post.signature == "sha256=" + HMACSHA256.hex(key: Array(secret.utf8), message: Array(post.body.utf8)))
                let payload = try JSONDecoder().decode(WebhookDelivery.Payload.self, from: Data(post.body.utf8))
                #expect(payload.alert.key == "activity|bids|firm:F1|tender:T2")
            }
            group.cancelAll()
        }
    }
}
