import Foundation
import Synchronization
import Testing
@testable import TramaServer
import TramaService

@Suite("Blocking work: costly searches keep to their lane")
struct BlockingWorkTests {
    /// A gate the lane's first search waits at, so that the test decides when it ends.
    final class Gate: Sendable {
        let opened = DispatchSemaphore(value: 0)
        let entered = Atomic<Bool>(false)
    }

    /// Path searches run below the threads answers wait on; the other work keeps its priority.
    @Test func pathThreadsRunAtTheirLowerPriorityAndTheOthersDoNot() async throws {
        let work = BlockingWork(threads: 1, pathThreads: 1, pathNice: 5)
        defer { Task { await work.shutdown() } }
        @Sendable func nice() -> Int32 { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }
        let base = try await work.run { nice() }
        #expect(try await work.paths { nice() } == min(19, base + 5))
        #expect(try await work.paths { nice() } == min(19, base + 5))
        #expect(try await work.run { nice() } == base)
        #expect(try await work.audit { nice() } == base)
    }

    @Test func searchesBeyondTheQueueAreRefusedWhileOtherWorkStillRuns() async throws {
        let work = BlockingWork(threads: 1, searchThreads: 1, searchQueueLimit: 1)
        let gate = Gate()
        let first = Task { try await work.search { gate.entered.store(true, ordering: .relaxed); gate.opened.wait(); return 1 } }
        while !gate.entered.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(5)) }
        let second = Task { try await work.search { 2 } }
        while work.searches.occupancy < 2 { try await Task.sleep(for: .milliseconds(5)) }

        // The lane is full (one running, one waiting): a third search is told to come back...
        await #expect {
            try await work.search { 3 }
        } throws: { error in
            guard case let ServiceError.busy(reason, retry) = error else { return false }
            return reason.contains("too many searches at once (1 under way, 1 waiting)") && retry > 0
        }
        // ...while the rest of the server's work does not wait for searches.
        #expect(try await work.run { 4 } == 4)

        gate.opened.signal()
        #expect(try await first.value == 1)
        #expect(try await second.value == 2)
        #expect(try await work.search { 5 } == 5)
        await work.shutdown()
    }

    /// Runs `other` while the one thread of `lane` is held, then lets it go.
    static func run(_ other: @Sendable () async throws -> Int, whileHolding lane: @escaping @Sendable (@escaping @Sendable () throws -> Int) async throws -> Int) async throws -> Int {
        let gate = Gate()
        let held = Task { try await lane { gate.entered.store(true, ordering: .relaxed); gate.opened.wait(); return 1 } }
        while !gate.entered.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(5)) }
        let result = try await other()
        gate.opened.signal()
        #expect(try await held.value == 1)
        return result
    }

    @Test func auditAppendsDoNotWaitBehindTheOtherBlockingWork() async throws {
        let work = BlockingWork(threads: 1)
        #expect(try await Self.run({ try await work.audit { 2 } }, whileHolding: { try await work.run($0) }) == 2)
        await work.shutdown()
    }

    @Test func pathSearchesAndTheOtherBlockingWorkDoNotWaitForEachOther() async throws {
        let work = BlockingWork(threads: 1, pathThreads: 1)
        #expect(try await Self.run({ try await work.paths { 2 } }, whileHolding: { try await work.run($0) }) == 2)
        #expect(try await Self.run({ try await work.run { 3 } }, whileHolding: { try await work.paths($0) }) == 3)
        await work.shutdown()
    }
}
