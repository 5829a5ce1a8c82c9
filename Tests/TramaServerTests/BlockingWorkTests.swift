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

    @Test func auditAppendsDoNotWaitBehindTheOtherBlockingWork() async throws {
        let work = BlockingWork(threads: 1)
        let gate = Gate()
        let held = Task { try await work.run { gate.entered.store(true, ordering: .relaxed); gate.opened.wait(); return 1 } }
        while !gate.entered.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(5)) }
        // The only general thread is held; the audit log's thread is not.
        #expect(try await work.audit { 2 } == 2)
        gate.opened.signal()
        #expect(try await held.value == 1)
        await work.shutdown()
    }

    @Test func pathSearchesAndTheOtherBlockingWorkDoNotWaitForEachOther() async throws {
        let work = BlockingWork(threads: 1, pathThreads: 1)
        let gate = Gate()
        let held = Task { try await work.run { gate.entered.store(true, ordering: .relaxed); gate.opened.wait(); return 1 } }
        while !gate.entered.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(5)) }
        // The only general thread is held; the path thread is not.
        #expect(try await work.paths { 2 } == 2)
        gate.opened.signal()
        #expect(try await held.value == 1)

        let pathGate = Gate()
        let search = Task { try await work.paths { pathGate.entered.store(true, ordering: .relaxed); pathGate.opened.wait(); return 3 } }
        while !pathGate.entered.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(5)) }
        #expect(try await work.run { 4 } == 4)
        pathGate.opened.signal()
        #expect(try await search.value == 3)
        await work.shutdown()
    }
}
