import Foundation
public import TramaIngest
public import TramaStore

/// Long work asked for over HTTP — an import, a scan — as it is stored in `jobs`
/// (`schema/0008_jobs.sql`): what was asked, how far it got, and how it ended. Any server
/// behind the proxy reads it the same; the server that accepted the job runs it.
public struct Job: Answer, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        case `import`, scan
    }

    public enum State: String, Codable, Sendable, Hashable {
        case queued, running, succeeded, failed

        public var isFinished: Bool { self == .succeeded || self == .failed }
    }

    public var id: Int
    public var kind: Kind
    public var state: State
    /// What was asked (dataset, format, analysis…), as the API received it.
    public var parameters: JSONValue
    /// UTC ISO-8601 text to the microsecond.
    public var createdAt: String
    public var startedAt: String?
    public var finishedAt: String?
    public var progress: JobProgress?
    /// The import report or the scan summary (what the CLI prints with `--format json`), once
    /// the job succeeded.
    public var result: JSONValue?
    /// Why the job failed: the same precise messages the CLI gives (file, line, field).
    public var problems: [JobProblem]
    /// The token that asked for the job.
    public var tokenID: Int?

    enum CodingKeys: String, CodingKey {
        case id, kind, state, parameters, createdAt = "created_at", startedAt = "started_at", finishedAt = "finished_at", progress, result, problems
        case tokenID = "token_id"
    }

    /// A row of `job_get`, `job_list` or `job_insert`: id, kind, state, parameters, token_id,
    /// created_at, started_at, finished_at, progress, result, problems.
    init(row: [String?]) throws {
        guard row.count == 11, let id = row[0].flatMap({ Int($0) }), let kind = row[1].flatMap(Kind.init(rawValue:)),
            let state = row[2].flatMap(State.init(rawValue:)), let created = row[5]
        else { throw ServiceError.malformedRow(query: "jobs") }
        let decoder = JSONDecoder()
        self.id = id
        self.kind = kind
        self.state = state
        parameters = .raw(row[3] ?? "{}")
        tokenID = row[4].flatMap { Int($0) }
        createdAt = created
        startedAt = row[6]
        finishedAt = row[7]
        progress = try row[8].map { try decoder.decode(JobProgress.self, from: Data($0.utf8)) }
        result = row[9].map(JSONValue.raw)
        problems = try decoder.decode([JobProblem].self, from: Data((row[10] ?? "[]").utf8))
    }
}

/// How far a job got: a sentence, and for an import the file being read, its records and bytes.
public struct JobProgress: Answer, Hashable {
    public var message: String
    public var file: String?
    public var records: Int?
    public var bytesDone: Int?
    /// Bytes of the files being read, when known.
    public var bytesTotal: Int?
    /// Seconds since the job started.
    public var seconds: Double
    /// Bytes read per second since the reading began, and the seconds it still needs at that
    /// pace (``ReadingPace``); null before reading, for other jobs, or when unknown.
    public var bytesPerSecond: Double?
    public var etaSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case message, file, records, bytesDone = "bytes_done", bytesTotal = "bytes_total", seconds
        case bytesPerSecond = "bytes_per_second", etaSeconds = "eta_seconds"
    }

    /// The progress `seconds` into the job, with the reading's pace and remaining time as
    /// `pace` (kept by the job from one report to the next) measures them.
    public mutating func timed(_ seconds: Double, pace: inout ReadingPace) {
        self.seconds = seconds
        guard let done = bytesDone, let total = bytesTotal,
            let pace = pace.figures(for: IngestProgress(file: file ?? "", bytesDone: done, bytesTotal: total, records: records ?? 0), at: seconds)
        else { return }
        bytesPerSecond = (pace.bytesPerSecond * 10).rounded() / 10
        etaSeconds = pace.remainingSeconds.map { ($0 * 10).rounded() / 10 }
    }

    public init(message: String, file: String? = nil, records: Int? = nil, bytesDone: Int? = nil, bytesTotal: Int? = nil, seconds: Double = 0) {
        self.message = message
        self.file = file
        self.records = records
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
        self.seconds = seconds
    }
}

/// One reason a job failed: for a rejected record where it is (file, line, field and value),
/// otherwise the error's problem details.
public struct JobProblem: Answer, Hashable {
    /// The message the CLI prints (`firms.csv:3: FirmConstitutionDate '2019-13-45': not a date`).
    public var detail: String
    public var category: ErrorCategory
    public var file: String?
    /// The line the record starts on (1 is a CSV file's header).
    public var line: Int?
    public var field: String?
    public var value: String?

    public init(detail: String, category: ErrorCategory, file: String? = nil, line: Int? = nil, field: String? = nil, value: String? = nil) {
        self.detail = detail
        self.category = category
        self.file = file
        self.line = line
        self.field = field
        self.value = value
    }

    /// The problems an error is: every listed record problem of an import that found invalid
    /// records (after a line saying how many there were), else the error as problem details.
    public static func from(_ error: any Error) -> [JobProblem] {
        switch error {
        case let IngestError.invalidRecords(problems, total, records):
            var out = [
                JobProblem(
                    detail: "\(total) problem\(total == 1 ? "" : "s") in \(records) record\(records == 1 ? "" : "s"); nothing was loaded "
                        + "(fix the records, or import again with skip_invalid=true to load the valid ones)", category: .badRequest)
            ]
            out += problems.map {
                JobProblem(detail: $0.description, category: .badRequest, file: $0.file, line: $0.line, field: $0.column.isEmpty ? nil : $0.column, value: $0.value)
            }
            if total > problems.count { out.append(JobProblem(detail: "… and \(total - problems.count) more", category: .badRequest)) }
            return out
        case let IngestError.malformedFile(e):
            return [JobProblem(detail: e.description, category: .badRequest, file: e.file, line: e.line)]
        case let IngestError.malformedJSON(e):
            return [JobProblem(detail: e.description, category: .badRequest, file: e.file, line: e.line)]
        default:
            let p = Problem(error)
            return [JobProblem(detail: p.detail, category: p.category)]
        }
    }
}

/// A page of jobs, newest first.
public struct JobList: Answer {
    public var page: Page
    public var jobs: [Job]

    public init(page: Page, jobs: [Job]) {
        self.page = page
        self.jobs = jobs
    }
}

/// The `jobs` table: blocking calls, one leased connection each.
public struct JobStore: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// A new queued job, to be run by `server`.
    public func create(kind: Job.Kind, parameters: JSONValue, tokenID: Int?, server: String) throws -> Job {
        try Job(row: store.execute(.jobInsert, [kind.rawValue, parameters.compact, tokenID.map(String.init), server]).rows[0])
    }

    public func job(id: Int) throws -> Job? {
        try store.execute(.jobGet, [String(id)]).rows.first.map(Job.init(row:))
    }

    /// A page of jobs, newest first, optionally only those `tokenID` asked for; with how many there are.
    public func list(limit: Int, offset: Int, tokenID: Int? = nil) throws -> (jobs: [Job], total: Int) {
        let token = tokenID.map(String.init)
        let jobs = try store.execute(.jobList, [String(limit), String(offset), token]).rows.map(Job.init(row:))
        let total = try store.execute(.jobCount, [token]).scalar.flatMap { Int($0) } ?? 0
        return (jobs, total)
    }

    /// Marks a queued job running; false when it is no longer queued (a reaper failed it).
    public func start(id: Int, progress: JobProgress) throws -> Bool {
        try store.execute(.jobStart, [String(id), progress.json.compact]).rows.count == 1
    }

    /// Records progress, which also shows the job's server is alive.
    public func progress(id: Int, _ progress: JobProgress) throws {
        try store.execute(.jobProgress, [String(id), progress.json.compact])
    }

    public func succeed(id: Int, result: JSONValue, progress: JobProgress?) throws {
        try store.execute(.jobFinish, [String(id), Job.State.succeeded.rawValue, result.compact, "[]", progress?.json.compact])
    }

    public func fail(id: Int, problems: [JobProblem], progress: JobProgress?) throws {
        try store.execute(.jobFinish, [String(id), Job.State.failed.rawValue, nil, JSONValue.array(problems.map(\.json)).compact, progress?.json.compact])
    }

    /// `server` is alive: its queued and running jobs are not stale.
    public func heartbeat(server: String) throws {
        try store.execute(.jobHeartbeat, [server])
    }

    /// Fails every unfinished job whose server has not been heard from for `seconds`: that
    /// server stopped, and they would stay `running` for ever. Returns their ids.
    @discardableResult
    public func reapStale(after seconds: Double) throws -> [Int] {
        let problem = JobProblem(
            detail: "the server running this job stopped before it finished (no sign of it for \(Int(seconds)) s); ask again",
            category: .unavailable)
        return try store.execute(.jobReapStale, [String(seconds), JSONValue.array([problem.json]).compact]).rows.compactMap { $0[0].flatMap { Int($0) } }
    }
}
