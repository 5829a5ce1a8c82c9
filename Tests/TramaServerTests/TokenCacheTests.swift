import Foundation
import Synchronization
import Testing
@testable import TramaServer
import TramaService
import TramaStore
import TramaTestSupport

@Suite("Remembered tokens: looked up again before they expire")
struct TokenCacheTests {
    @Test func aTokenInUseIsLookedUpAgainInTheBackgroundSoARevocationHoldsBeforeItsTTL() async throws {
        try await TestDatabase.withDatabase { url in
            let store = try Store(url: url, schemaDirectory: TestDatabase.schemaDirectory, queriesDirectory: TestDatabase.queriesDirectory)
            defer { store.close() }
            let tokens = AccessTokens(store: store)
            let (token, secret) = try tokens.create(role: .analyst, name: "reader")
            let work = BlockingWork(threads: 1)
            let start = ContinuousClock.now
            let now = Mutex(start)
            let cache = TokenCache(tokens: tokens, ttl: .seconds(10)) { now.withLock { $0 } }
            #expect(try await cache.token(secret: secret, on: work)?.id == token.id)

            // Revoked, but remembered: within the first half of the TTL nothing is looked up.
            try tokens.revoke(id: token.id)
            now.withLock { $0 = start + .seconds(4) }
            #expect(try await cache.token(secret: secret, on: work)?.id == token.id)
            #expect(cache.refreshesUnderWay == 0)

            // Past half the TTL the remembered answer is still given, and looked up again behind it...
            now.withLock { $0 = start + .seconds(6) }
            #expect(try await cache.token(secret: secret, on: work)?.id == token.id)
            while cache.refreshesUnderWay > 0 { try await Task.sleep(for: .milliseconds(10)) }
            // ...so the revocation holds before the first answer would have expired.
            #expect(try await cache.token(secret: secret, on: work) == nil)
            await work.shutdown()
        }
    }

    @Test func theBearerSchemeIsReadInAnyCaseWithTheSecretTrimmed() {
        #expect(Authorization.bearer("Bearer trama_abc") == "trama_abc")
        #expect(Authorization.bearer("bEaReR \t trama_abc  ") == "trama_abc")
        #expect(Authorization.bearer("Bearer ") == "")
        #expect(Authorization.bearer("Basic dXNlcjpwYXNz") == nil)
        #expect(Authorization.bearer("Bearer") == nil)
        #expect(Authorization.bearer("Bearer\u{0}trama_abc") == nil)
        #expect(Authorization.bearer("Bearertrama_abc") == nil)
    }

    @Test func anUnknownSecretIsRememberedAsUnknown() async throws {
        try await TestDatabase.withDatabase { url in
            let store = try Store(url: url, schemaDirectory: TestDatabase.schemaDirectory, queriesDirectory: TestDatabase.queriesDirectory)
            defer { store.close() }
            let work = BlockingWork(threads: 1)
            let cache = TokenCache(tokens: AccessTokens(store: store), ttl: .seconds(60))
            #expect(try await cache.token(secret: "trama_" + String(repeating: "0", count: 64), on: work) == nil)
            #expect(try await cache.token(secret: "trama_" + String(repeating: "0", count: 64), on: work) == nil)
            await work.shutdown()
        }
    }
}
