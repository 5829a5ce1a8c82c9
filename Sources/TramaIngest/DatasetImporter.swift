public import Foundation
import TramaGraph
public import TramaStore

/// Loads a dataset into the store: all or nothing, once.
///
/// One transaction per dataset: the previous version's rows are retired (kept in the history,
/// `schema/0012_import_history.sql`, so the graph as it stood can be rebuilt), the new rows
/// staged with one COPY stream and moved into `nodes` and `edges`; any failure rolls all of it back.
/// The dataset's digest (SHA-256 over its files' names and bytes) makes a repeated import of
/// the same files a no-op.
public struct DatasetImporter: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    public struct Options: Sendable {
        /// Defaults to the folder's name.
        public var dataset: String?
        /// Load the valid records and write the others to ``rejectedFile`` instead of failing.
        public var skipInvalid = false
        public var rejectedFile = URL(fileURLWithPath: "rejected.csv")
        /// BODS: a reference to a statement absent from the files becomes an `unresolved` node
        /// instead of a rejected statement (``BODSReader/keepUnresolved``).
        public var keepUnresolved = false
        /// Who imports and why, kept with the version the import makes (`trama db imports`).
        public var author: VersionAuthor

        public init(
            dataset: String? = nil, skipInvalid: Bool = false, rejectedFile: URL = URL(fileURLWithPath: "rejected.csv"), keepUnresolved: Bool = false,
            author: VersionAuthor = .processUser()
        ) {
            self.dataset = dataset
            self.skipInvalid = skipInvalid
            self.rejectedFile = rejectedFile
            self.keepUnresolved = keepUnresolved
            self.author = author
        }
    }

    public struct Report: Sendable {
        public var dataset: String
        /// Nothing was done: the same files were imported before.
        public var unchanged: Bool
        /// An earlier version of the dataset was replaced (and kept, retired, in the history).
        public var replaced: Bool
        /// The version of the graph this import made (nil when unchanged).
        public var version: Int? = nil
        public var files: [FileReport]
        /// Rows the dataset now has in the store.
        public var nodes: Int
        public var edges: Int
        public var rejected: Int
        public var rejectedFile: URL?
        public var seconds: Double
        /// Seconds per phase: reading and staging, moving nodes, moving edges.
        public var phases: [(name: String, seconds: Double)] = []
        public var bytes: Int
        /// Tables whose secondary indexes were built after the insert rather than maintained
        /// row by row (an import that at least doubled them).
        public var deferredIndexes: [String] = []

        public var records: Int { files.reduce(0) { $0 + $1.records } }
    }

    /// Imports the GRAS tables in `directory`.
    public func importGRAS(
        directory: URL, options: Options = Options(), progress: ((IngestProgress) -> Void)? = nil
    ) throws -> Report {
        let reader = try GRASReader(directory: directory)
        return try importDataset(
            name: options.dataset ?? directory.standardizedFileURL.lastPathComponent, format: "gras", files: reader.tables.map { reader.url(of: $0) },
            options: options, progress: progress
        ) { sink in
            let read = try reader.read(into: &sink, progress: progress)
            return (read.files, read.problems, read.rejected)
        }
    }

    /// OCDS files (``OCDSReader``) as one dataset, named after the first file unless given.
    public func importOCDS(files: [URL], options: Options = Options(), progress: ((IngestProgress) -> Void)? = nil) throws -> (report: Report, read: OCDSReader.Report) {
        try importJSON(format: "ocds", files: files, options: options, progress: progress) { try OCDSReader(files: files).read(into: &$0, progress: progress) }
    }

    /// BODS statements (``BODSReader``) as one dataset.
    public func importBODS(files: [URL], options: Options = Options(), progress: ((IngestProgress) -> Void)? = nil) throws -> (report: Report, read: BODSReader.Report) {
        try importJSON(format: "bods", files: files, options: options, progress: progress) {
            try BODSReader(files: files, keepUnresolved: options.keepUnresolved).read(into: &$0, progress: progress)
        }
    }

    /// FollowTheMoney entities (``FtMReader``) as one dataset.
    public func importFtM(files: [URL], options: Options = Options(), progress: ((IngestProgress) -> Void)? = nil) throws -> (report: Report, read: FtMReader.Report) {
        try importJSON(format: "ftm", files: files, options: options, progress: progress) { try FtMReader(files: files).read(into: &$0, progress: progress) }
    }

    /// The Federal Judicial Center's directory (``FJCReader``), its courts matched to
    /// Courts-DB's `courts.json` when given (which then counts in the dataset's digest).
    public func importFJC(directory: URL, courts: URL? = nil, options: Options = Options()) throws -> (report: Report, read: FJCReader.Report) {
        let catalog = try courts.map { try CourtCatalog(contentsOf: $0, systems: ["federal"]) }
        let reader = try FJCReader(directory: directory, courts: catalog)
        var read = FJCReader.Report()
        let report = try importDataset(
            name: options.dataset ?? directory.standardizedFileURL.lastPathComponent, format: "fjc", files: reader.files + (courts.map { [$0] } ?? []),
            options: options
        ) { sink in
            read = try reader.read(into: &sink)
            return (read.files, read.problems, read.rejected)
        }
        return (report, read)
    }

    /// Free Law Project's Courts-DB (``CourtsDBReader``) as one dataset.
    public func importCourtsDB(files: [URL], options: Options = Options(), progress: ((IngestProgress) -> Void)? = nil) throws -> (report: Report, read: CourtsDBReader.Report) {
        try importJSON(format: "courts-db", files: files, options: options, progress: progress) { try CourtsDBReader(files: files).read(into: &$0, progress: progress) }
    }

    /// Federal court dockets (``DocketReader``) as one dataset, their judges resolved against
    /// the FJC directory and their courts met with Courts-DB's as the store holds them now.
    /// Those datasets' digests count in this one's, so that dockets imported before the
    /// directory are read again, and resolved, when imported again after it.
    public func importDockets(files: [URL], options: Options = Options(), progress: ((IngestProgress) -> Void)? = nil) throws -> (report: Report, read: DocketReader.Report) {
        let name = options.dataset ?? files.first?.deletingPathExtension().lastPathComponent ?? "dockets"
        let context = try store.execute(.docketContext, [name]).rows
        let courts = Set(context.filter { $0[0] == "court" }.compactMap { $0[1] })
        let datasets = context.filter { $0[0] == "dataset" }.compactMap { $0[1] }
        var services: [String: [JudgeDirectory.Service]] = [:]
        var judges: [(key: String, name: String, first: String, middle: String, last: String)] = []
        for r in try store.execute(.docketJudgeDirectory).rows {
            if judges.last?.key != r[0]! { judges.append((r[0]!, r[1] ?? r[0]!, r[2] ?? "", r[3] ?? "", r[4] ?? "")) }
            services[r[0]!, default: []].append(JudgeDirectory.Service(court: r[5]!, from: r[6].flatMap { Day(iso: $0) }, to: r[7].flatMap { Day(iso: $0) }))
        }
        let directory = JudgeDirectory(judges: judges.map {
            JudgeDirectory.Judge(key: $0.key, name: $0.name, first: $0.first, middle: $0.middle, last: $0.last, services: services[$0.key] ?? [])
        })
        var named = options
        named.dataset = name
        return try importJSON(format: "dockets", files: files, options: named, context: datasets.joined(separator: "\n"), progress: progress) {
            try DocketReader(files: files, directory: directory, knownCourts: courts).read(into: &$0, progress: progress)
        }
    }

    /// A JSON format's import: named after the first file unless given; the reader's own report
    /// comes back beside the import's (empty when the files were unchanged).
    func importJSON<R: JSONReadReport>(
        format: String, files: [URL], options: Options, context: String = "", progress: ((IngestProgress) -> Void)? = nil,
        read: (inout StageSink) throws -> R
    ) throws -> (report: Report, read: R) {
        var result: R?
        let report = try importDataset(
            name: options.dataset ?? files.first?.deletingPathExtension().lastPathComponent ?? format, format: format, files: files, options: options,
            context: context, progress: progress
        ) { sink in
            let r = try read(&sink)
            result = r
            return (r.log.fileReports, r.log.problems, r.log.rejected)
        }
        return (report, result ?? R())
    }

    /// The transactional, idempotent import every format shares: the same files again do
    /// nothing; changed files replace the dataset; `read` stages nodes and edges into the COPY,
    /// and any problem fails the import unless `skipInvalid`, which writes the rejects.
    /// `context` is what else the reading depends on (other datasets' digests): it counts in
    /// the digest.
    func importDataset(
        name: String, format: String, files: [URL], options: Options, context: String = "", progress: ((IngestProgress) -> Void)? = nil,
        read: (inout StageSink) throws -> (files: [FileReport], problems: [IngestProblem], rejected: [RejectedRecord])
    ) throws -> Report {
        let clock = ContinuousClock()
        let started = clock.now
        var (digest, filesJSON, bytes) = try Self.digest(files)
        if !context.isEmpty {
            var salted = SHA256()
            salted.update(Array((digest + "\n" + context).utf8))
            digest = salted.hexDigest()
        }

        let existing = try store.execute(.datasetByName, [name])
        if let row = existing.rows.first, row[1] == format, row[2] == digest {
            return Report(
                dataset: name, unchanged: true, replaced: false, files: [], nodes: Int(row[4]!)!, edges: Int(row[5]!)!,
                rejected: Int(row[6]!)!, rejectedFile: nil, seconds: (clock.now - started) / .seconds(1), bytes: bytes)
        }
        let replaced = !existing.rows.isEmpty
        var phases: [(String, Double)] = []
        var mark = clock.now
        /// Ends phase `name`; `next` is announced to `progress` (storing is long, and reads nothing).
        func phase(_ name: String, next: String? = nil) {
            phases.append((name, (clock.now - mark) / .seconds(1)))
            mark = clock.now
            if let next { progress?(IngestProgress(phase: next)) }
        }
        var deferred = (nodes: false, edges: false)
        let (result, counts, version) = try Self.reportingExhaustion(of: name) { try store.transaction { conn throws -> ((files: [FileReport], problems: [IngestProblem], rejected: [RejectedRecord]), (nodes: Int, edges: Int), Int) in
            try conn.execute(.importSettings)
            let id = try conn.execute(.datasetUpsert, [name, format, digest, filesJSON]).scalar!
            let version = try conn.beginVersion(
                replaced ? .replace : .import, by: options.author, dataset: (id, name, format, digest, filesJSON))
            var retired = (nodes: 0, edges: 0)
            try conn.execute(.stageGraphCreate)
            var result: (files: [FileReport], problems: [IngestProblem], rejected: [RejectedRecord]) = ([], [], [])
            var staged = (nodes: 0, edges: 0)
            var kinds = (nodes: Set<EntityKind>(), edges: Set<RelationKind>())
            try conn.copyIn(.stageGraphCopy) { writer in
                var sink = StageSink(writer: writer)
                result = try read(&sink)
                staged = (sink.nodes, sink.edges)
                kinds = (sink.nodeKinds, sink.edgeKinds)
                writer = sink.writer
            }
            if !result.problems.isEmpty, !options.skipInvalid {
                throw IngestError.invalidRecords(
                    problems: Array(result.problems.prefix(IngestError.listedProblems)), total: result.problems.count, rejectedRecords: result.rejected.count)
            }
            try conn.execute(.stageGraphAnalyze)
            // Names new to the store get their kind codes before rows that carry them.
            try conn.execute(.internKinds, [Store.textArray(kinds.nodes.map(\.rawValue).sorted()), Store.textArray(kinds.edges.map(\.rawValue).sorted())])
            phase("read, check and stage", next: "storing entities")
            // A replacement compares what an earlier version of the dataset stored with what is
            // staged. When most of its entities changed, it rewrites the dataset: every row
            // retired, the entities no other dataset uses deleted. Otherwise the entities the
            // files describe otherwise are kept as they were, then refreshed in place while their
            // indexes stand, and those described as before are left alone. Then the new ones (a
            // dataset new to the store owns none).
            var newNodes = staged.nodes
            var rewrite = false
            if replaced {
                let r = try conn.execute(.datasetRetireNodes, [id, String(version)]).rows[0]
                rewrite = r[0] != "t"
                if rewrite {
                    retired.edges = try conn.execute(.datasetRetireEveryEdge, [id, String(version)]).affected
                    retired.nodes = try conn.execute(.datasetRetireEveryNode, [id, String(version)]).affected
                    try conn.execute(.datasetDeleteUnusedNodes, [id])
                } else {
                    retired.nodes = Int(r[1]!)!
                    newNodes = max(0, staged.nodes - Int(r[2]!)!)
                }
                try conn.execute(.updateNodesFromStage, [id, String(version)])
            }
            // An import that at least doubles a table builds its secondary indexes and unique
            // constraints afterwards instead of maintaining them row by row
            // (schema/0019_deferred_indexes.sql, schema/0023_deferred_unique_constraints.sql).
            // A new dataset's entities may be stored already: counted when that decides it.
            if !replaced { newNodes = try conn.execute(.stageNodesNew, [String(newNodes)]).scalar.flatMap { Int($0) } ?? newNodes }
            let deferredNodes = try conn.execute(.importDeferIndexes, ["nodes", String(newNodes)]).scalar ?? "{}"
            try conn.execute(.insertNodesFromStage, [id, String(version)])
            if rewrite { try conn.execute(.datasetNodesStamp, [id, String(version)]) }
            try conn.execute(.importRestoreIndexes, [deferredNodes])
            // A table this import at least doubled has statistics for what it was, or none.
            let nodesDeferred = deferredNodes != "{}"
            if nodesDeferred { try conn.execute(.importAnalyzeNodes) }
            phase("store entities", next: "storing relationships")
            try conn.execute(.importNestedLoops, ["off"])
            try conn.execute(.stageEdgesResolve)
            try conn.execute(.importNestedLoops, ["on"])
            // A replacement keeps the relationships staged again as they were, retires the
            // others, and stores only the new.
            var kept = 0
            let compared = replaced && !rewrite
            if compared {
                let r = try conn.execute(.datasetRetireEdges, [id, String(version)]).rows[0]
                (retired.edges, kept) = (Int(r[0]!)!, Int(r[1]!)!)
            }
            let deferredEdges = try conn.execute(.importDeferIndexes, ["edges", String(staged.edges - kept)]).scalar ?? "{}"
            let insert: NamedQuery = compared ? .insertNewEdgesFromStage : .insertEdgesFromStage
            let edges = try conn.execute(insert, [id, String(version)]).affected + kept
            try conn.execute(.importRestoreIndexes, [deferredEdges])
            deferred = (nodesDeferred, deferredEdges != "{}")
            phase("store relationships", next: "tidying indexes and statistics")
            guard edges == staged.edges else {
                throw PQError(
                    code: .unexpectedResult, message: "staged \(staged.edges) edges but stored \(edges): an endpoint is missing",
                    context: insert.rawValue)
            }
            // Entities the files no longer name: gone if nothing uses them, else kept and stamped.
            if compared { try conn.execute(.datasetDeleteNodes, [id, String(version)]) }
            try conn.execute(.stageGraphDrop)
            // Merges accepted earlier hold for what this import brought back.
            try conn.applyMerges(version: version)
            let c = try conn.execute(.datasetRecordCounts, [id, String(result.rejected.count)])
            let counts = (nodes: Int(c.rows[0][0]!)!, edges: Int(c.rows[0][1]!)!)
            // Statistics for what the import brought, committed with it (graph_analyze.sql).
            let analyze: NamedQuery = nodesDeferred ? .graphAnalyzeEdges : .graphAnalyze
            try conn.pq.executeScript(store.queries[analyze], name: analyze.rawValue)
            try conn.finishVersion(version, nodes: counts.nodes, edges: counts.edges, retiredNodes: retired.nodes, retiredEdges: retired.edges)
            return (result, counts, version)
        } }
        // Outside the transaction (it has committed): tidying is no part of the import, and an
        // import that could not tidy has still loaded everything.
        _ = try? store.execute(.namesIndexFlush)
        phase("tidy indexes and statistics")
        var rejectedFile: URL?
        if !result.rejected.isEmpty {
            try Self.writeRejected(result.rejected, to: options.rejectedFile)
            rejectedFile = options.rejectedFile
        }
        return Report(
            dataset: name, unchanged: false, replaced: replaced, version: version, files: result.files, nodes: counts.nodes, edges: counts.edges,
            rejected: result.rejected.count, rejectedFile: rejectedFile, seconds: (clock.now - started) / .seconds(1), phases: phases, bytes: bytes,
            deferredIndexes: (deferred.nodes ? ["nodes"] : []) + (deferred.edges ? ["edges"] : []))
    }

    /// Runs an import's transaction, turning the server's running out of disk space, memory or
    /// a configured limit into an error that says so and that nothing was loaded (the
    /// transaction rolled back), rather than "PostgreSQL query failed in stage_graph_copy".
    static func reportingExhaustion<R>(of dataset: String, _ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let e as PQError where e.isOutOfResources {
            throw IngestError.storeOutOfResources(dataset: dataset, resource: e.resourceExhausted ?? "resources", cause: "SQLSTATE \(e.sqlState ?? "53000"): \(e.message)")
        }
    }

    /// SHA-256 over each file's name and bytes, in the order given; with a JSON list of the files.
    static func digest(_ urls: [URL]) throws -> (digest: String, filesJSON: String, bytes: Int) {
        var all = SHA256()
        var files: [String] = []
        var bytes = 0
        for url in urls {
            let data = try Data(contentsOf: url, options: .alwaysMapped)
            var one = SHA256()
            data.withUnsafeBytes { one.update($0) }
            let hex = one.hexDigest()
            all.update(Array((url.lastPathComponent + "\u{0}" + hex + "\n").utf8))
            bytes += data.count
            var o = JSONObject()
            o.set("name", url.lastPathComponent)
            o.set("sha256", hex)
            o.set("bytes", data.count)
            files.append(o.json)
        }
        return (all.hexDigest(), "[" + files.joined(separator: ",") + "]", bytes)
    }

    /// One row per rejected record: where it was, every problem, and the record itself — a CSV
    /// row as a CSV line, a JSON item as its JSON text (not quoted once more as a line of one field).
    static func writeRejected(_ rejected: [RejectedRecord], to url: URL) throws {
        let w = try CSVWriter(url: url, header: ["file", "line", "column", "value", "reason", "record"])
        for r in rejected {
            let json = r.fields.count == 1 && r.fields[0].column == "json"
            let record = json ? r.fields[0].value : CSVWriter.line(r.fields.map(\.value)).trimmingWhitespace()
            try w.write([
                r.file, String(r.line), r.problems.map(\.column).joined(separator: " | "), r.problems.map(\.value).joined(separator: " | "),
                r.problems.map(\.reason).joined(separator: " | "), record,
            ])
        }
        try w.close()
    }
}

/// Streams staged nodes and edges into the `stage_graph` COPY.
struct StageSink: GraphSink {
    var writer: CopyInWriter
    var nodes = 0
    var edges = 0
    /// The kinds staged, to be given codes before the rows are stored (queries/kinds_intern.sql).
    private(set) var nodeKinds = Set<EntityKind>()
    private(set) var edgeKinds = Set<RelationKind>()
    /// The last kinds met: sources come in long runs of one kind, so most rows hash nothing.
    private var lastKinds: (node: EntityKind?, edge: RelationKind?)

    init(writer: CopyInWriter) { self.writer = writer }

    mutating func add(_ node: StagedNode) throws {
        if node.entity.kind != lastKinds.node {
            nodeKinds.insert(node.entity.kind)
            lastKinds.node = node.entity.kind
        }
        try stage(
            isEdge: false, kind: node.entity.kind.rawValue, from: node.entity, to: nil, name: node.name, validFrom: nil, validTo: nil,
            properties: node.properties, source: node.source)
        nodes += 1
    }

    mutating func add(_ edge: StagedEdge) throws {
        if edge.kind != lastKinds.edge {
            edgeKinds.insert(edge.kind)
            lastKinds.edge = edge.kind
        }
        try stage(
            isEdge: true, kind: edge.kind.rawValue, from: edge.from, to: edge.to, name: nil, validFrom: edge.validFrom, validTo: edge.validTo,
            properties: edge.properties, source: edge.source)
        edges += 1
    }

    /// One `stage_graph` row, field by field in its column order (queries/stage_graph_create.sql):
    /// no array per row. A node's own kind and key stand in its source columns.
    private mutating func stage(
        isEdge: Bool, kind: String, from: EntityRef, to: EntityRef?, name: String?, validFrom: Day?, validTo: Day?, properties: String, source: String
    ) throws {
        writer.field(isEdge ? "t" : "f")
        writer.field(kind)
        writer.field(from.kind.rawValue)
        writer.field(from.key)
        writer.field(to?.kind.rawValue)
        writer.field(to?.key)
        writer.field(name)
        writer.field(validFrom?.iso)
        writer.field(validTo?.iso)
        writer.field(properties)
        writer.field(source)
        try writer.endRow()
    }
}
