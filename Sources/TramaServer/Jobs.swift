import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import TramaIngest
import TramaService
import TramaStore

/// The jobs this server accepted, waiting for their turn: imports one at a time (each is one
/// transaction that may rewrite a large part of the graph), scans one at a time beside them.
/// The work itself runs on the server's blocking threads; the queue lives as long as the
/// server (``JobService``), and the rows in `jobs` say how each job is doing to every server.
final class JobRunner: Sendable {
    typealias Work = @Sendable () async -> Void

    /// This process among the servers sharing the store: the jobs it runs carry it, and its
    /// heartbeat keeps them from being taken for orphans.
    let server = UUID().uuidString
    let store: JobStore
    private let imports = AsyncStream<Work>.makeStream()
    private let scans = AsyncStream<Work>.makeStream()

    init(store: Store) { self.store = JobStore(store: store) }

    func enqueue(_ kind: Job.Kind, _ work: @escaping Work) {
        (kind == .import ? imports : scans).continuation.yield(work)
    }

    /// Runs the queued work, each lane in order, until cancelled.
    func drain() async {
        await withTaskGroup(of: Void.self) { group in
            for lane in [imports.stream, scans.stream] {
                group.addTask {
                    for await work in lane {
                        await work()
                    }
                }
            }
        }
    }

    func finish() {
        imports.continuation.finish()
        scans.continuation.finish()
    }
}

/// Runs the server's jobs and keeps their rows honest: on start, and at every heartbeat, jobs
/// whose server has not been heard from for `staleJobAfter` are marked failed (that server
/// stopped, and they would otherwise stay `running` for ever); this server's own unfinished
/// jobs are touched so that no other server takes them for orphans.
struct JobService: Service {
    let state: ServerState

    func run() async throws {
        var logger = Logger(label: "trama.jobs")
        logger.logLevel = state.configuration.logLevel
        let log = logger
        let runner = state.jobs
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await runner.drain() }
                group.addTask { await heartbeat(log) }
                await group.next()
                group.cancelAll()
            }
        }
        runner.finish()
    }

    private func heartbeat(_ logger: Logger) async {
        let jobs = state.jobs.store, server = state.jobs.server
        let stale = state.configuration.staleJobAfter / .seconds(1)
        while !Task.isCancelled {
            do {
                let reaped = try await state.work.run {
                    try jobs.heartbeat(server: server)
                    return try jobs.reapStale(after: stale)
                }
                if !reaped.isEmpty { logger.warning("jobs \(reaped.map(String.init).joined(separator: ", ")) failed: their server stopped") }
            } catch {
                logger.warning("could not record the jobs' heartbeat: \(String(describing: error))")
            }
            try? await Task.sleep(for: state.configuration.jobHeartbeat)
        }
    }
}

extension Routes {
    typealias Add = (HTTPRequest.Method, String, @escaping Handler) -> Void

    /// `POST /api/v1/imports`, `POST /api/v1/scans`, `GET /api/v1/jobs` and `GET /api/v1/jobs/{id}`.
    func registerJobs(_ add: Add) {
        add(.post, "/api/v1/imports", guarded(.admin, createImport))
        // An analyst may run the analyses whose answers they read; imports change the data.
        add(.post, "/api/v1/scans", guarded(.analyst, createScan))
        add(.get, "/api/v1/jobs", guarded(.admin, listJobs))
        // Also the token that asked for the job, whatever its role (checked in the handler).
        add(.get, "/api/v1/jobs/{id}", guarded(.viewer, job))
    }

    /// The most characters a dataset name may have.
    static let datasetNameLimit = 200
    /// The most characters an import's reason may have.
    static let reasonLimit = 2000

    // MARK: Handlers

    /// A zip of a GRAS folder, or one OCDS, BODS or FtM file (JSON, JSON Lines, gzip), streamed
    /// to a private temporary folder, checked, and queued as an import: 202 with the job.
    @Sendable func createImport(_ request: Request, _ context: TramaContext) async throws -> Response {
        let p = QueryParameters(request)
        let asked = try ImportRequest(
            dataset: try p.require("dataset"), format: try p.string("format"), skipInvalid: try p.bool("skip_invalid") ?? false,
            keepUnresolved: try p.bool("keep_unresolved") ?? false, reason: try p.string("reason"), contentType: request.headers[.contentType])
        let limit = state.configuration.maximumImportBytes
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw Self.tooLarge(limit) }
        let job = try await queueImport(asked, context: context) { upload in try await receive(request.body, to: upload, limit: limit) }
        return Self.accepted(job)
    }

    /// What an import asks for, checked: from the API's query, or the explorer's upload form.
    struct ImportRequest {
        var dataset: String
        var format: ImportJob.Format?
        var skipInvalid: Bool
        var keepUnresolved: Bool
        /// Why: kept, with the token's name, in the import history.
        var reason: String?

        init(dataset: String, format: String?, skipInvalid: Bool, keepUnresolved: Bool, reason: String? = nil, contentType: String?) throws {
            if let reason {
                guard reason.count <= Routes.reasonLimit else { throw ServiceError.limitExceeded(name: "reason", limit: Routes.reasonLimit) }
                self.reason = reason.isEmpty ? nil : reason
            }
            guard dataset.count <= Routes.datasetNameLimit else { throw ServiceError.limitExceeded(name: "dataset", limit: Routes.datasetNameLimit) }
            guard dataset.contains(where: { !$0.isWhitespace }), !dataset.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw ServiceError.badParameter(name: "dataset", reason: "needs a visible name, without control characters")
            }
            self.dataset = dataset
            self.skipInvalid = skipInvalid
            self.keepUnresolved = keepUnresolved
            let type = contentType?.lowercased() ?? ""
            if let f = format {
                guard let known = ImportJob.Format(rawValue: f) else {
                    throw ServiceError.badParameter(name: "format", reason: "'\(f)' is not gras, ocds, bods, ftm or dockets")
                }
                self.format = known
            } else if type.hasPrefix("application/zip") || type.hasPrefix("application/x-zip") {
                self.format = .gras
            }
        }
    }

    /// Receives the upload into a private temporary folder (`receive` writes it to the URL it is
    /// given and returns its size and first four bytes), checks it, and queues the import.
    func queueImport(
        _ asked: ImportRequest, context: TramaContext, receive: (URL) async throws -> (bytes: Int, head: [UInt8])
    ) async throws -> Job {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trama-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        do {
            let upload = folder.appendingPathComponent("upload")
            let (bytes, head) = try await receive(upload)
            guard bytes > 0 else { throw ServiceError.badParameter(name: "body", reason: "is empty: send the dataset's files") }
            // Without `format`, a zip (by its signature, whatever the Content-Type) is a GRAS folder.
            guard let format = asked.format ?? (head == [0x50, 0x4b, 0x03, 0x04] ? .gras : nil) else {
                throw ServiceError.badParameter(name: "format", reason: "is needed unless the body is a zip of a GRAS folder: give ocds, bods, ftm or dockets")
            }
            var location = upload
            if format == .gras {
                let tables = folder.appendingPathComponent("tables")
                try FileManager.default.createDirectory(at: tables, withIntermediateDirectories: false)
                let limit = state.configuration.maximumImportBytes
                location = try await state.work.run { try ZipUpload.unpack(upload, into: tables, maximumBytes: 4 * limit) }
                try? FileManager.default.removeItem(at: upload)
            } else {
                // The JSON readers take a gzip file by its name.
                location = folder.appendingPathComponent(head.starts(with: [0x1f, 0x8b]) ? "upload.json.gz" : "upload.json")
                try FileManager.default.moveItem(at: upload, to: location)
            }
            let work = ImportJob(
                dataset: asked.dataset, format: format, location: location, skipInvalid: asked.skipInvalid, keepUnresolved: asked.keepUnresolved,
                author: context.author(reason: asked.reason))
            let parameters = JSONValue.object([
                ("dataset", .string(asked.dataset)), ("format", .string(format.rawValue)), ("skip_invalid", .bool(asked.skipInvalid)),
                ("keep_unresolved", .bool(asked.keepUnresolved)), ("bytes", .int(bytes)), ("reason", asked.reason.map { .string($0) } ?? .null),
            ])
            let store = state.store
            return try await accept(.import, parameters: parameters, context: context, cleanup: folder) { note in
                try work.run(store: store, progress: note).json
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    @Sendable func createScan(_ request: Request, _ context: TramaContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let scan = try decodeBody(ScanRequest.self, from: body.readableBytesView, example: #"{"analysis": "collusion", "from": "2019-01-01"}"#)
        return Self.accepted(try await queueScan(scan, context: context))
    }

    func queueScan(_ scan: ScanRequest, context: TramaContext) async throws -> Job {
        _ = try scan.checked()
        let state = self.state
        let author = context.author()
        return try await accept(.scan, parameters: scan.json, context: context, cleanup: nil) { note in
            note(JobProgress(message: "running the \(scan.analysis) scan"))
            let snapshot = state.snapshots.snapshot
            let answer = try scan.run(session: state.session, graph: snapshot.graph, by: author)
            // New flags: the flag-filter rules are due again.
            _ = try AlertEvaluation.run(store: state.store, graph: snapshot.graph, generation: snapshot.version)
            return answer
        }
    }

    /// 202 with the job and where to follow it.
    static func accepted(_ job: Job) -> Response {
        var response = HTTPAnswer.json(job.json, version: nil, status: .accepted)
        response.headers[.location] = "/api/v1/jobs/\(job.id)"
        return response
    }

    @Sendable func listJobs(_ request: Request, _ context: TramaContext) async throws -> Response {
        let (limit, offset) = try QueryParameters(request).page()
        let jobs = state.jobs.store
        let (list, total) = try await state.work.run { try jobs.list(limit: limit, offset: offset) }
        return respond(JobList(page: linked(Page(total: total, limit: limit, offset: offset), request: request), jobs: list), context, request: request)
    }

    @Sendable func job(_ request: Request, _ context: TramaContext) async throws -> Response {
        HTTPAnswer.json(try await followedJob(context).json, version: nil)
    }

    // MARK: Helpers

    /// The job the path names, if the caller may follow it.
    func followedJob(_ context: TramaContext) async throws -> Job {
        guard let id = context.parameters.get("id", as: Int.self), id >= 1 else {
            throw ServiceError.badParameter(name: "id", reason: "is not a job id (a whole number from 1)")
        }
        let jobs = state.jobs.store
        guard let job = try await state.work.run({ try jobs.job(id: id) }) else {
            throw Problem(category: .notFound, detail: "no job has id \(id)", parameter: "id")
        }
        try Self.mayFollow(job, context)
        return job
    }

    /// A job is shown to the admin role and to the user (token) that asked for it.
    static func mayFollow(_ job: Job, _ context: TramaContext) throws {
        guard let token = context.token, token.role == .admin || (token.sessionOf ?? token.id) == job.tokenID else {
            throw Problem(category: .forbidden, detail: "a job is shown to the admin role and to the token that asked for it")
        }
    }

    /// Stores a queued job and hands `body` to the runner; returns the job as queued. `body` runs on a blocking thread with a `note` for its progress (recorded
    /// at most once a second); what it returns is the job's result, what it throws its problems.
    func accept(
        _ kind: Job.Kind, parameters: JSONValue, context: TramaContext, cleanup: URL?,
        _ body: @escaping @Sendable (_ note: @escaping (JobProgress) -> Void) throws -> JSONValue
    ) async throws -> Job {
        let runner = state.jobs, jobs = state.jobs.store, work = state.work
        // A job asked for in a session belongs to the token it was opened with, so that the
        // user still sees it after signing in again.
        let tokenID = context.token.map { $0.sessionOf ?? $0.id }
        let job = try await work.run { try jobs.create(kind: kind, parameters: parameters, tokenID: tokenID, server: runner.server) }
        let logger = context.logger
        runner.enqueue(kind) {
            defer { if let cleanup { try? FileManager.default.removeItem(at: cleanup) } }
            let clock = ContinuousClock()
            let started = clock.now
            do {
                guard try await work.run({ try jobs.start(id: job.id, progress: JobProgress(message: "started")) }) else { return }
                let (result, last) = try await work.run { () throws -> (JSONValue, JobProgress?) in
                    var last: JobProgress?
                    var recorded = clock.now - .seconds(10)
                    var pace = ReadingPace()
                    let result = try body { p in
                        var p = p
                        p.timed((clock.now - started) / .seconds(1), pace: &pace)
                        // A new step ("storing entities") is recorded at once: the next may be minutes away.
                        let newStep = p.message != last?.message
                        last = p
                        guard newStep || clock.now - recorded >= .seconds(1) else { return }
                        recorded = clock.now
                        try? jobs.progress(id: job.id, p)
                    }
                    return (result, last)
                }
                var done = last ?? JobProgress(message: "done")
                done.message = "done"
                done.seconds = (clock.now - started) / .seconds(1)
                let finished = done
                try await work.run { try jobs.succeed(id: job.id, result: result, progress: finished) }
            } catch {
                if ErrorCategory.of(error) == .internal { logger.error("job \(job.id) failed: \(String(reflecting: error))") }
                let problems = JobProblem.from(error)
                let failed = JobProgress(message: "failed", seconds: (clock.now - started) / .seconds(1))
                do { try await work.run { try jobs.fail(id: job.id, problems: problems, progress: failed) } } catch {
                    logger.error("job \(job.id) failed and could not be marked so: \(String(describing: error))")
                }
            }
        }
        return job
    }

    /// Streams the body into `url` in chunks of about a megabyte, written on the blocking
    /// threads; refuses it (413) as soon as it passes `limit`. Returns its size and its first
    /// four bytes (a zip's or gzip's signature).
    func receive(_ body: RequestBody, to url: URL, limit: Int) async throws -> (bytes: Int, head: [UInt8]) {
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw ServiceError.unreadable(file: url.lastPathComponent, reason: "cannot create the upload file")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let work = state.work
        var pending: [UInt8] = []
        var total = 0
        var head: [UInt8] = []
        for try await buffer in body {
            total += buffer.readableBytes
            guard total <= limit else { throw Self.tooLarge(limit) }
            pending.append(contentsOf: buffer.readableBytesView)
            if head.count < 4 { head = Array(pending.prefix(4)) }
            if pending.count >= 1 << 20 {
                let chunk = pending
                pending.removeAll(keepingCapacity: true)
                try await work.run { try handle.write(contentsOf: chunk) }
            }
        }
        if !pending.isEmpty {
            let chunk = pending
            try await work.run { try handle.write(contentsOf: chunk) }
        }
        return (total, head)
    }

    static func tooLarge(_ limit: Int) -> Problem {
        let size = limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit) bytes"
        return Problem(category: .limitExceeded, detail: "the body is larger than the limit of \(size) (\(limit) bytes)", parameter: "body", status: 413)
    }
}
