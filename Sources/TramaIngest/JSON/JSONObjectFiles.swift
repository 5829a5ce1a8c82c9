import Foundation

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

    /// Every item that is a JSON object, with no log: for a first pass that only learns keys.
    func scan(_ body: (Object) throws -> Void) rethrows {
        for (url, opened) in files {
            guard case .success(let stream) = opened else { continue }
            let name = url.lastPathComponent
            try? stream.forEach { item in
                if let value = try? JSONTape(item.bytes).root, value.isObject {
                    try body(Object(file: name, item: item, value: value))
                }
            }
        }
    }

    /// Every item, logged; `endOfFile` runs after each file that opened.
    func read(
        log: inout JSONReadLog, progress: ((IngestProgress) -> Void)?, _ body: (inout JSONReadLog, Object) throws -> Void,
        endOfFile: (inout JSONReadLog, String) throws -> Void = { _, _ in }
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
                try stream.forEach { item in
                    let count = log.item()
                    if count % 1000 == 0 {
                        progress?(IngestProgress(file: name, bytesDone: before + item.offset, bytesTotal: total, records: count))
                    }
                    let path = item.container.map { "\($0)[]" } ?? "$"
                    let value: RawJSON
                    do {
                        value = try JSONTape(item.bytes).root
                    } catch let failure as JSONTape.Failure {
                        // Named by the line and byte of the error itself, not of the item's start.
                        var at = item
                        at.line += item.bytes.prefix(failure.offset).count { $0 == 0x0A }
                        at.offset += failure.offset
                        return log.reject(at, path: path, reason: "not valid JSON: \(failure.reason)")
                    }
                    guard value.isObject else { return log.reject(item, path: path, reason: "expected a JSON object") }
                    try body(&log, Object(file: name, item: item, value: value))
                }
            } catch let e as JSONStreamError {
                log.unreadable(e)
            }
            try endOfFile(&log, name)
            before += stream.byteCount
        }
    }
}
