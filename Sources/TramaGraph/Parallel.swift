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
    public static func chunks(_ count: Int, workers: Int, minimumChunk: Int) -> [Range<Int>] {
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

extension Parallelism {
    /// Maps batches of items on up to `workers` threads while the calling thread goes on making
    /// the next batch and taking the results of the one before, in order: `produce` hands each
    /// batch to `submit`, and `take` hears every batch with its results, in submission order, on
    /// the calling thread, before `overlapping` returns.
    ///
    /// Why: a reader that splits a file into items and applies their results in file order
    /// (the log, the sink) does both on one thread; with the mapping in between done side by side
    /// but waited for, that thread was the bound and the other core idle while it split and
    /// applied (perf, FollowTheMoney). Here one batch maps while the next is split.
    ///
    /// A batch is cut into at most `workers` parts of at least `minimumChunk` items.
    ///
    /// On error (from `produce`, `submit` or `take`) nothing is left running: the batches under
    /// way are waited for before the error is rethrown.
    public static func overlapping<Item, Mapped>(
        workers: Int, minimumChunk: Int = 64, map: @escaping @Sendable (Item) -> Mapped,
        produce: (_ submit: ([Item]) throws -> Void) throws -> Void, take: ([Item], [Mapped]) throws -> Void
    ) throws {
        var previous: MappedBatch<Item, Mapped>?
        do {
            // `take` runs only inside `submit` and after `produce` returns, never after this call.
            try withoutActuallyEscaping(take) { take in
                try produce { items in
                    let next = MappedBatch(items, workers: workers, minimumChunk: minimumChunk, map: map)
                    defer { previous = next }
                    if let previous { try take(previous.items, previous.results()) }
                }
                if let last = previous {
                    previous = nil
                    try take(last.items, last.results())
                }
            }
        } catch {
            previous?.waitForMapping()
            throw error
        }
    }
}

/// One batch of `Parallelism.overlapping`, mapped in contiguous parts on the global queue.
private final class MappedBatch<Item, Mapped>: @unchecked Sendable {
    // `results` is written only by the tasks of `group`, each its own part, and read only
    // after `group` has been waited for.
    let items: [Item]
    private let mapped: UnsafeMutablePointer<Mapped>
    private let group = DispatchGroup()
    private var taken = false

    init(_ items: [Item], workers: Int, minimumChunk: Int, map: @escaping @Sendable (Item) -> Mapped) {
        self.items = items
        mapped = .allocate(capacity: items.count)
        for range in Parallelism.chunks(items.count, workers: workers, minimumChunk: minimumChunk) {
            DispatchQueue.global().async(group: group) { [self] in
                for i in range { (self.mapped + i).initialize(to: map(self.items[i])) }
            }
        }
    }

    func waitForMapping() { group.wait() }

    /// The results in item order, once the mapping is done; once only.
    func results() -> [Mapped] {
        group.wait()
        precondition(!taken)
        taken = true
        return Array(unsafeUninitializedCapacity: items.count) { buffer, count in
            if let base = buffer.baseAddress { base.moveInitialize(from: mapped, count: items.count) }
            count = items.count
        }
    }

    deinit {
        if !taken { mapped.deinitialize(count: items.count) }
        mapped.deallocate()
    }
}

/// A value handed to parallel chunks that each touch a disjoint part of it.
private struct Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
