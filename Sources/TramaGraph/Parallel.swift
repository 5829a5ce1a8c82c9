import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the engine splits work across cores. Work is cut into one contiguous chunk per worker,
/// so each worker writes its own slice of an output or its own partial result and nothing is
/// shared while the chunks run; results are combined afterwards in chunk order, which keeps
/// every parallel algorithm deterministic.
public enum Parallelism {
    /// The processors online, the default number of workers.
    public static var processorCount: Int {
        #if canImport(Glibc) || canImport(Darwin)
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        1
        #endif
    }

    /// Splits `0..<count` into at most `workers` contiguous ranges of at least `minimumChunk`
    /// items each.
    static func chunks(_ count: Int, workers: Int, minimumChunk: Int) -> [Range<Int>] {
        let w = max(1, min(workers, count / max(1, minimumChunk)))
        return (0..<w).map { i in (count * i / w)..<(count * (i + 1) / w) }
    }

    /// Runs `body` once per chunk, in parallel when there is more than one, and returns the
    /// chunk results in chunk order.
    public static func map<T>(_ count: Int, workers: Int, minimumChunk: Int = 4096, _ body: (Range<Int>) -> T) -> [T] {
        let ranges = chunks(count, workers: workers, minimumChunk: minimumChunk)
        if ranges.count == 1 { return [body(ranges[0])] }
        let results = UnsafeMutablePointer<T>.allocate(capacity: ranges.count)
        defer {
            results.deinitialize(count: ranges.count)
            results.deallocate()
        }
        withoutActuallyEscaping(body) { body in
            // Each iteration writes only its own slot, and `concurrentPerform` returns after all
            // of them: the one place the engine steps outside the compiler's race checking.
            let shared = Unchecked((results, body))
            DispatchQueue.concurrentPerform(iterations: ranges.count) { i in
                let (results, body) = shared.value
                (results + i).initialize(to: body(ranges[i]))
            }
        }
        return Array(UnsafeBufferPointer(start: results, count: ranges.count))
    }

    /// Runs `first` and `second` at once when `workers` allows more than one, and returns both
    /// results: two independent computations (a scan's screens) on two cores.
    public static func both<A, B>(workers: Int = processorCount, _ first: () -> A, _ second: () -> B) -> (A, B) {
        guard workers > 1 else { return (first(), second()) }
        let a = UnsafeMutablePointer<A>.allocate(capacity: 1)
        let b = UnsafeMutablePointer<B>.allocate(capacity: 1)
        defer {
            a.deallocate()
            b.deallocate()
        }
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                // Each side initialises only its own slot, and `concurrentPerform` returns after both.
                let shared = Unchecked((a, b, first, second))
                DispatchQueue.concurrentPerform(iterations: 2) { i in
                    let (a, b, first, second) = shared.value
                    if i == 0 { a.initialize(to: first()) } else { b.initialize(to: second()) }
                }
            }
        }
        return (a.move(), b.move())
    }

    /// Fills `output[i]` for every `i`, computing disjoint chunks in parallel.
    static func fill<T>(_ output: inout [T], workers: Int, minimumChunk: Int = 4096, _ value: (Int) -> T) {
        let count = output.count
        output.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress
            _ = map(count, workers: workers, minimumChunk: minimumChunk) { range in
                for i in range { base![i] = value(i) }
            }
        }
    }
}

/// A value handed to parallel chunks that each touch a disjoint part of it.
private struct Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
