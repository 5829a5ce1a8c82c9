import Foundation
import Synchronization

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Draws maps in a child process (`trama render-worker`, running ``RenderWorker``), replaced
/// after `mapsPerWorker` maps, when it dies, or when a map overruns the deadline.
///
/// Why not in the server's own process: Debian's Graphviz 2.42 leaks 6–10 KB per map (its
/// HTML-like label parser and its pango markup path; measured with valgrind and a C loop), so
/// a server drawing a map a second grows by tens of megabytes an hour, and a map that makes
/// Graphviz spin or crash would take the server with it. A worker's memory is returned to the
/// system when it is replaced; a crash costs one map (`renderFailed`), a runaway layout is
/// killed at the deadline (`timedOut`). One worker, one map at a time: Graphviz is serialised
/// anyway (``GraphvizContext``).
///
/// Frames on the pipes are a 4-byte big-endian length and a JSON document: a ``RenderJob``
/// in, a ``RenderReply`` out.
public final class IsolatedRenderer: MapDrawing {
    public let executable: URL
    public let arguments: [String]
    public let mapsPerWorker: Int
    public let deadline: Duration
    private let state = Mutex<Worker?>(nil)
    private let started = Atomic<Int>(0)

    /// - Parameters:
    ///   - executable: a program that runs ``RenderWorker/serve(input:output:)`` when given
    ///     `arguments` (`trama render-worker`).
    public init(executable: URL, arguments: [String] = ["render-worker"], mapsPerWorker: Int = 500, deadline: Duration = .seconds(30)) {
        self.executable = executable
        self.arguments = arguments
        self.mapsPerWorker = max(1, mapsPerWorker)
        self.deadline = deadline
        // A worker that dies while we write to it must be an error here, not SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    deinit { state.withLock { $0?.stop() } }

    /// Workers started so far (the first map starts one).
    public var workersStarted: Int { started.load(ordering: .relaxed) }

    /// The running worker's process id, if one runs.
    public var workerProcess: pid_t? { state.withLock { $0?.pid } }

    public func draw(dot: String, layout engine: String, format: RenderFormat) throws(RenderError) -> RenderedMap {
        if format == .dot { return RenderedMap(bytes: Array(dot.utf8)) }
        let job = RenderJob(dot: dot, engine: engine, format: format)
        let result: Result<RenderedMap, RenderError> = state.withLock { worker in
            do {
                if worker == nil {
                    worker = try Worker(executable: executable, arguments: arguments)
                    started.add(1, ordering: .relaxed)
                }
                let reply = try worker!.ask(job, deadline: deadline)
                if worker!.maps >= mapsPerWorker {
                    worker!.stop()
                    worker = nil
                }
                if let error = reply.error { return .failure(error) }
                return .success(
                    RenderedMap(bytes: [UInt8](reply.bytes ?? Data()), overlappingLabels: reply.overlappingLabels, movedLabels: reply.movedLabels, spread: reply.spread))
            } catch let failure as WorkerFailure {
                worker?.stop()
                worker = nil
                switch failure {
                case .timedOut: return .failure(.timedOut(engine: engine, format: format.rawValue, seconds: Double(deadline.components.seconds)))
                case let .broken(why): return .failure(.renderFailed(engine: engine, format: format.rawValue, message: "the drawing process \(why)"))
                }
            } catch {
                worker?.stop()
                worker = nil
                return .failure(.renderFailed(engine: engine, format: format.rawValue, message: "the drawing process failed: \(error)"))
            }
        }
        return try result.get()
    }

    enum WorkerFailure: Error {
        case timedOut
        case broken(String)
    }

    /// One child process and its pipes; used only under ``state``'s lock.
    struct Worker {
        let pid: pid_t
        let input: Int32
        let output: Int32
        var maps = 0

        init(executable: URL, arguments: [String]) throws {
            var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
            guard pipe(&toChild) == 0 else { throw WorkerFailure.broken("could not be started: pipe: \(String(cString: strerror(errno)))") }
            guard pipe(&fromChild) == 0 else {
                close(toChild[0]); close(toChild[1])
                throw WorkerFailure.broken("could not be started: pipe: \(String(cString: strerror(errno)))")
            }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
            posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
            for fd in [toChild[0], toChild[1], fromChild[0], fromChild[1]] { posix_spawn_file_actions_addclose(&actions, fd) }
            let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
            defer { for a in argv { free(a) } }
            var child: pid_t = 0
            let rc = posix_spawn(&child, executable.path, &actions, nil, argv, environ)
            close(toChild[0])
            close(fromChild[1])
            guard rc == 0 else {
                close(toChild[1]); close(fromChild[0])
                throw WorkerFailure.broken("could not be started (\(executable.path)): \(String(cString: strerror(rc)))")
            }
            // Our ends must not leak into other children the server starts.
            _ = fcntl(toChild[1], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fromChild[0], F_SETFD, FD_CLOEXEC)
            pid = child
            input = toChild[1]
            output = fromChild[0]
        }

        mutating func ask(_ job: RenderJob, deadline: Duration) throws -> RenderReply {
            try RenderFrames.write(JSONEncoder().encode(job), to: input)
            let end = ContinuousClock.now + deadline
            guard let data = try RenderFrames.read(from: output, until: end) else { throw WorkerFailure.broken("ended before answering") }
            maps += 1
            do { return try JSONDecoder().decode(RenderReply.self, from: data) } catch { throw WorkerFailure.broken("answered what is not a reply") }
        }

        /// Closes the pipes (a healthy worker exits on end of input), then makes sure it is gone.
        func stop() {
            close(input)
            close(output)
            var status: Int32 = 0
            for _ in 0..<50 {
                if waitpid(pid, &status, WNOHANG) == pid { return }
                usleep(2_000)
            }
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
        }
    }
}

/// A map to draw, as sent to a worker.
struct RenderJob: Codable {
    var dot: String
    var engine: String
    var format: RenderFormat
}

/// A worker's answer: the map (its bytes in base64 on the wire), or Graphviz's error.
struct RenderReply: Codable {
    var bytes: Data?
    var overlappingLabels = 0
    var movedLabels = 0
    var spread = 0.0
    var error: RenderError?

    init(_ map: RenderedMap) {
        bytes = Data(map.bytes)
        overlappingLabels = map.overlappingLabels
        movedLabels = map.movedLabels
        spread = map.spread
    }

    init(_ error: RenderError) { self.error = error }
}

/// The worker's side: draws the maps it is sent, one at a time, with one in-process renderer,
/// until its input ends.
public enum RenderWorker {
    public static func serve(input: Int32 = 0, output: Int32 = 1) -> Int32 {
        let renderer = GraphvizRenderer()
        while true {
            let data: Data
            do {
                guard let frame = try RenderFrames.read(from: input, until: nil) else { return 0 }
                data = frame
            } catch {
                return 1
            }
            let reply: RenderReply
            if let job = try? JSONDecoder().decode(RenderJob.self, from: data) {
                do {
                    reply = RenderReply(try renderer.draw(dot: job.dot, layout: job.engine, format: job.format))
                } catch {
                    reply = RenderReply(error)
                }
            } else {
                reply = RenderReply(.invalidDOT(engine: "", format: "", message: "the request to the drawing process was not understood"))
            }
            guard let encoded = try? JSONEncoder().encode(reply), (try? RenderFrames.write(encoded, to: output)) != nil else { return 1 }
        }
    }
}

/// Length-prefixed frames over a pipe.
enum RenderFrames {
    static let maximum = 512 << 20

    static func write(_ data: Data, to fd: Int32) throws {
        var length = UInt32(data.count).bigEndian
        var frame = Data(bytes: &length, count: 4)
        frame.append(data)
        try frame.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { throw IsolatedRenderer.WorkerFailure.broken("stopped reading (\(String(cString: strerror(errno))))") }
                offset += n
            }
        }
    }

    /// The next frame; nil at end of input before a frame starts. With `until`, waits no longer.
    static func read(from fd: Int32, until end: ContinuousClock.Instant?) throws -> Data? {
        guard let head = try bytes(4, from: fd, until: end, endOK: true) else { return nil }
        let length = Int(head.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self).bigEndian })
        guard length <= maximum else { throw IsolatedRenderer.WorkerFailure.broken("sent a frame of \(length) bytes") }
        guard let body = try bytes(length, from: fd, until: end, endOK: false) else { throw IsolatedRenderer.WorkerFailure.broken("ended mid-answer") }
        return body
    }

    private static func bytes(_ count: Int, from fd: Int32, until end: ContinuousClock.Instant?, endOK: Bool) throws -> Data? {
        var data = Data(count: count)
        var offset = 0
        while offset < count {
            if let end {
                let left = end - ContinuousClock.now
                guard left > .zero else { throw IsolatedRenderer.WorkerFailure.timedOut }
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ms = Int32(min(Double(Int32.max), max(1, (left / .milliseconds(1)).rounded(.up))))
                let ready = poll(&poller, 1, ms)
                if ready < 0, errno == EINTR { continue }
                guard ready > 0 else { throw IsolatedRenderer.WorkerFailure.timedOut }
            }
            let n = data.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + offset, count - offset) }
            if n < 0, errno == EINTR { continue }
            if n == 0 {
                if offset == 0, endOK { return nil }
                throw IsolatedRenderer.WorkerFailure.broken("ended mid-answer")
            }
            guard n > 0 else { throw IsolatedRenderer.WorkerFailure.broken("could not be read (\(String(cString: strerror(errno))))") }
            offset += n
        }
        return data
    }
}
