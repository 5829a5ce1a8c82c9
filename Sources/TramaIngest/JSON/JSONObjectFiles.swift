import Foundation
import TramaGraph

/// The JSON files of one import, each opened once (mapped, or decompressed), read item by item
/// as objects — the loop the OCDS, BODS and FollowTheMoney readers share: items counted with
/// progress, an item that is not a JSON object rejected with its path, line and byte, a file
/// that cannot be read to its end logged as unreadable with the items before the problem kept.
struct JSONObjectFiles {
    /// One item that parsed as a JSON object.
    struct Object {
        var file: String
        var item: JSONItem
        var value: RawJSON
    }

    let files: [(url: URL, stream: Result<JSONItemStream, JSONStreamError>)]

    init(_ urls: [URL], arrays: Set<String>, itemKeys: Set<String> = []) {
        files = urls.map { url in
            (url, Result { () throws(JSONStreamError) -> JSONItemStream in
                do { return try JSONItemStream(url: url, arrays: arrays, itemKeys: itemKeys) } catch let e as JSONStreamError { throw e } catch {
                    throw JSONStreamError(file: url.lastPathComponent, offset: 0, line: 0, reason: "cannot be read: \(error)")
                }
            })
        }
    }

    /// Every item that is a JSON object, one at a time on this thread, with no log: for a first
    /// pass that only learns keys.
    func scan(_ body: (Object) -> Void) {
        scan(learn: { $0 }, keep: body)
    }

    /// A first pass split as `read(log:progress:workers:map:apply:endOfFile:)` splits its work:
    /// `learn` on up to `workers` threads over windows of items, `keep` on this thread in file order.
    func scan<Learned>(workers: Int = 1, learn: @escaping @Sendable (Object) -> Learned?, keep: (Learned) -> Void) {
        for (url, opened) in files {
            guard case .success(let stream) = opened else { continue }
            let name = url.lastPathComponent
            try? Self.windows(of: stream, workers: workers) { item -> Learned? in
                guard let value = try? JSONTape(item.bytes).root, value.isObject else { return nil }
                return learn(Object(file: name, item: item, value: value))
            } apply: { _, learned in
                if let learned { keep(learned) }
            }
        }
    }

    /// Splits `stream` into windows of `window` items and runs `map` over each, then `apply`
    /// over its results on this thread, in file order. With more than one worker a window is
    /// mapped on up to `workers` threads while this one splits the next and applies the one
    /// before (`Parallelism.overlapping`). A file that cannot be read to its end throws after the
    /// items before the problem have been applied.
    private static func windows<Mapped>(
        of stream: JSONItemStream, workers: Int, window: Int = 2048, map: @escaping @Sendable (JSONItem) -> Mapped,
        apply: (JSONItem, Mapped) throws -> Void
    ) throws {
        guard workers > 1 else { return try stream.forEach { try apply($0, map($0)) } }
        var unreadable: JSONStreamError?
        try Parallelism.overlapping(workers: workers, map: map) { submit in
            var pending: [JSONItem] = []
            pending.reserveCapacity(window)
            do {
                try stream.forEach { item in
                    pending.append(item)
                    if pending.count == window {
                        try submit(pending)
                        pending.removeAll(keepingCapacity: true)
                    }
                }
            } catch let error as JSONStreamError {
                unreadable = error
            }
            if !pending.isEmpty { try submit(pending) }
        } take: { items, results in
            for (item, mapped) in zip(items, results) { try apply(item, mapped) }
        }
        if let unreadable { throw unreadable }
    }

    /// Every item, logged, one at a time on this thread; `endOfFile` runs after each file that opened.
    func read(
        log: inout JSONReadLog, progress: ((IngestProgress) -> Void)?, _ body: (inout JSONReadLog, Object) throws -> Void,
        endOfFile: (inout JSONReadLog, String) throws -> Void = { _, _ in }
    ) throws {
        try read(log: &log, progress: progress, workers: 1, map: { _ in () }, apply: { log, object, _ in try body(&log, object) }, endOfFile: endOfFile)
    }

    /// What `map` made of one item: its parsed object and the reader's result, or why it is not
    /// an object.
    private enum Outcome<Mapped> {
        case object(Object, Mapped)
        case notAnObject(JSONItem, reason: String)
    }

    /// `read` with each item's work split in two: `map` — the parsing and the reader's mapping,
    /// which share nothing — runs on up to `workers` threads over windows of items, and `apply`
    /// — the log, the sink, whatever is counted or kept once — on this thread, item by item in
    /// file order, so the problems, the rejects and the staged rows are what one thread writes.
    ///
    /// Why: FollowTheMoney entities are small (290 bytes on average) and the per-entity mapping,
    /// not the parsing, was most of the reading, on one core.
    func read<Mapped>(
        log: inout JSONReadLog, progress: ((IngestProgress) -> Void)?, workers: Int, map: @escaping @Sendable (Object) -> Mapped,
        apply: (inout JSONReadLog, Object, Mapped) throws -> Void, endOfFile: (inout JSONReadLog, String) throws -> Void = { _, _ in }
    ) throws {
        let total = files.reduce(0) { $0 + ((try? $1.stream.get().byteCount) ?? 0) }
        var before = 0
        for (url, opened) in files {
            let stream: JSONItemStream
            switch opened {
            case .failure(let e):
                log.unreadable(e)
                continue
            case .success(let s): stream = s
            }
            let name = url.lastPathComponent
            log.begin(name, bytes: stream.byteCount)
            do {
                try Self.windows(of: stream, workers: workers) { item -> Outcome<Mapped> in
                    let value: RawJSON
                    do throws(JSONTape.Failure) {
                        value = try JSONTape(item.bytes).root
                    } catch {
                        return .notAnObject(Self.at(error, in: item), reason: "not valid JSON: \(error.reason)")
                    }
                    guard value.isObject else { return .notAnObject(item, reason: "expected a JSON object") }
                    let object = Object(file: name, item: item, value: value)
                    return .object(object, map(object))
                } apply: { item, outcome in
                    let count = log.item()
                    if count % 1000 == 0 {
                        progress?(IngestProgress(file: name, bytesDone: before + item.offset, bytesTotal: total, records: count))
                    }
                    switch outcome {
                    case .object(let object, let mapped): try apply(&log, object, mapped)
                    case .notAnObject(let at, let reason): log.reject(at, path: item.container.map { "\($0)[]" } ?? "$", reason: reason)
                    }
                }
            } catch let e as JSONStreamError {
                log.unreadable(e)
            }
            try endOfFile(&log, name)
            before += stream.byteCount
        }
    }

    /// An item named by the line and byte of its parse error, not of its start.
    static func at(_ failure: JSONTape.Failure, in item: JSONItem) -> JSONItem {
        var at = item
        at.line += item.bytes.prefix(failure.offset).count { $0 == 0x0A }
        at.offset += failure.offset
        return at
    }
}
