import Dispatch
import Foundation
import Testing
@testable import TramaGraph

@Suite("Work split across cores")
struct ParallelismTests {
    @Test func bothReturnsEachSidesResultWithOneWorkerOrTwo() {
        for workers in [1, 2] {
            let (a, b) = Parallelism.both(workers: workers) { (1...1000).reduce(0, +) } _: { String(repeating: "x", count: 3) }
            #expect(a == 500_500 && b == "xxx")
        }
    }

    /// Each side waits for the other to start: only sides that run at once both get through.
    @Test(.enabled(if: Parallelism.processorCount > 1))
    func withTwoWorkersBothSidesRunAtOnce() {
        let started = (first: DispatchSemaphore(value: 0), second: DispatchSemaphore(value: 0))
        let (a, b) = Parallelism.both(workers: 2) { () -> Bool in
            started.first.signal()
            return started.second.wait(timeout: .now() + 10) == .success
        } _: { () -> Bool in
            started.second.signal()
            return started.first.wait(timeout: .now() + 10) == .success
        }
        #expect(a && b)
    }

    @Test func chunksCoverEveryItemOnceInOrder() {
        let ranges = Parallelism.chunks(10, workers: 3, minimumChunk: 1)
        #expect(ranges.flatMap { Array($0) } == Array(0..<10))
        #expect(Parallelism.chunks(10, workers: 3, minimumChunk: 8) == [0..<10], "too few items to split")
    }

    @Test func overlappingTakesEveryBatchInOrderWithItsResults() throws {
        var taken: [[Int]] = []
        try Parallelism.overlapping(workers: 3, map: { $0 * $0 }) { submit in
            for start in stride(from: 0, to: 1_000, by: 150) { try submit(Array(start..<min(1_000, start + 150))) }
        } take: { items, squares in
            #expect(squares == items.map { $0 * $0 })
            taken.append(items)
        }
        #expect(taken.flatMap { $0 } == Array(0..<1_000) && taken.count == 7)
    }

    /// A batch under way when `take` fails is still waited for: nothing maps after the call.
    @Test func overlappingStopsAtAnErrorWithNothingLeftRunning() {
        struct Stop: Error {}
        final class Count: @unchecked Sendable {
            let lock = NSLock()
            var value = 0
            func add() { lock.withLock { value += 1 } }
        }
        let mapped = Count()
        var submitted = 0
        #expect(throws: Stop.self) {
            try Parallelism.overlapping(workers: 2, map: { (i: Int) -> Int in
                usleep(200)
                mapped.add()
                return i
            }) { submit in
                for b in 0..<10 {
                    submitted += 100
                    try submit(Array(b * 100..<(b + 1) * 100))
                }
            } take: { items, _ in
                if items.first == 200 { throw Stop() }
            }
        }
        #expect(submitted == 400, "the third take fails when the fourth batch is submitted")
        #expect(mapped.lock.withLock { mapped.value } == 400)
    }
}
