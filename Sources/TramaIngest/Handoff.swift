import Foundation

/// Two stages of a reading on two threads: `produce` runs on a thread of its own and hands its
/// items, in order, through a bounded queue to `consume` on the calling thread.
///
/// Why: an import's reading was one thread at 100% while the database's backend used a third
/// of the other core (perf, `bench/ingest-gras`). Checking records (parsing, the value rules,
/// the IDs read so far) and turning them into staged rows (properties, the COPY text) are about
/// the same size and share no state, so each gets a core, and the items still arrive in file
/// order: the problems, the rejects and the stage are what a single thread would write.
///
/// `consume` runs on the caller's thread, so it may use what the caller holds (a connection's
/// COPY); `produce` may not, hence `@Sendable`. When `consume` throws, the producer's next
/// `send` returns false and the producer stops; either way `run` returns only after the
/// producing thread has finished, so nothing it reads outlives the call.
///
/// Consumed items go back to the producer, which drops them: memory is freed by the thread
/// that allocated it. Freed by the consumer, the strings of every record crossed malloc's
/// arenas and the two threads spent more time waiting on its locks than they saved.
enum Handoff {
    /// Returns what `produce` returned, after `consume` has taken every item it sent.
    /// `capacity` items at most wait in the queue; a full queue blocks `send`.
    static func run<Item: Sendable, Outcome: Sendable>(
        capacity: Int = 16,
        produce: @escaping @Sendable (_ send: (Item) -> Bool) throws -> Outcome,
        consume: (Item) throws -> Void
    ) throws -> Outcome {
        let queue = Queue<Item, Outcome>(capacity: capacity)
        let producer = Thread {
            let outcome = Result { try produce(queue.send) }
            queue.finish(outcome)
        }
        producer.name = "trama-reading"
        producer.start()
        do {
            var spent: [Item] = []
            while let items = queue.take(returning: spent) {
                for item in items { try consume(item) }
                spent = items
            }
        } catch {
            queue.abandon()
            _ = queue.outcome()
            throw error
        }
        return try queue.outcome().get()
    }

    /// The producer stopped because the consumer had: not an error anyone sees.
    struct Abandoned: Error {}

    private final class Queue<Item: Sendable, Outcome: Sendable>: @unchecked Sendable {
        // Every field below is read and written only with `condition` locked.
        private let condition = NSCondition()
        private let capacity: Int
        private var items: [Item] = []
        /// Items the consumer is done with, for the producer to drop.
        private var spent: [[Item]] = []
        private var finished: Result<Outcome, any Error>?
        private var abandoned = false

        init(capacity: Int) { self.capacity = max(1, capacity) }

        /// False once the consumer has given up.
        func send(_ item: Item) -> Bool {
            var dropped: [[Item]] = []
            condition.lock()
            defer {
                condition.unlock()
                dropped.removeAll()
            }
            swap(&dropped, &spent)
            while items.count >= capacity && !abandoned { condition.wait() }
            guard !abandoned else { return false }
            items.append(item)
            condition.broadcast()
            return true
        }

        /// Everything waiting, in order; nil once the producer has finished and all is taken.
        /// `done` are the items the last call returned.
        func take(returning done: consuming [Item]) -> [Item]? {
            condition.lock()
            defer { condition.unlock() }
            if !done.isEmpty { spent.append(done) }
            while items.isEmpty && finished == nil { condition.wait() }
            guard !items.isEmpty else { return nil }
            let taken = items
            items.removeAll(keepingCapacity: true)
            condition.broadcast()
            return taken
        }

        func finish(_ outcome: Result<Outcome, any Error>) {
            condition.lock()
            finished = outcome
            condition.broadcast()
            condition.unlock()
        }

        func abandon() {
            condition.lock()
            abandoned = true
            items.removeAll()
            condition.broadcast()
            condition.unlock()
        }

        /// Waits for the producer to finish.
        func outcome() -> Result<Outcome, any Error> {
            condition.lock()
            defer { condition.unlock() }
            while finished == nil { condition.wait() }
            return finished!
        }
    }
}
