import Dispatch
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
}
