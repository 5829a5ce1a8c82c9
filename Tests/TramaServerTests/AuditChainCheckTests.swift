import Foundation
import Logging
import Synchronization
import Testing
@testable import TramaServer
import TramaService
import TramaStore
import TramaTestSupport

/// What a logger was told, kept for a test to read.
final class LogLines: Sendable {
    private let lines = Mutex<[(level: Logger.Level, message: String)]>([])
    var all: [(level: Logger.Level, message: String)] { lines.withLock { $0 } }
    func append(_ level: Logger.Level, _ message: String) { lines.withLock { $0.append((level, message)) } }
}

struct CollectingLogHandler: LogHandler {
    let sink: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    init(into sink: LogLines) { self.sink = sink }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        sink.append(level, message.description)
    }
}

@Suite("The audit chain, checked beside serving as a server starts")
struct AuditChainCheckTests {
    @Test func anIntactChainIsLoggedWithItsRowsAndABrokenOneWithTheRowItBreaksAt() async throws {
        try await TestDatabase.withDatabase { url in
            let store = try Store(url: url, schemaDirectory: TestDatabase.schemaDirectory, queriesDirectory: TestDatabase.queriesDirectory)
            defer { store.close() }
            let rows = try AuditLog(store: store).append((0..<4).map { AuditDraft(tokenID: nil, endpoint: "/api/v1/paths", entities: ["firm:F\($0)"], status: 200) })
            let work = BlockingWork(threads: 1)
            let intact = LogLines(), broken = LogLines()

            await AuditChainCheck(store: store, work: work, logger: Logger(label: "test") { _ in CollectingLogHandler(into: intact) }).check()
            #expect(intact.all.map(\.level) == [.info] && intact.all[0].message == "audit log intact: 4 rows verified")

            _ = try store.sql("UPDATE audit_log SET entities = '{firm:elsewhere}' WHERE id = $1", [String(rows[2].id)])
            await AuditChainCheck(store: store, work: work, logger: Logger(label: "test") { _ in CollectingLogHandler(into: broken) }).check()
            #expect(broken.all.map(\.level) == [.error])
            #expect(broken.all[0].message.hasPrefix("the audit log's hash chain is broken at row \(rows[2].id):"))
            await work.shutdown()
        }
    }
}
