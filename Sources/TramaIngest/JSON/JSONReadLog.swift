/// What a JSON importer met file by file — items read, items rejected with their reasons — kept
/// the same way for OCDS, BODS and FollowTheMoney, so that one import path reports them all.
public struct JSONReadLog: Sendable {
    public struct File: Sendable {
        public var name: String
        public var bytes: Int
        public var items = 0
        public var rejected = 0
    }

    public private(set) var files: [File] = []
    public private(set) var problems: [IngestProblem] = []
    public private(set) var rejected: [RejectedRecord] = []

    public init() {}

    /// Starts the next file.
    mutating func begin(_ name: String, bytes: Int) { files.append(File(name: name, bytes: bytes)) }

    /// Counts an item of the current file; returns how many it has had.
    mutating func item() -> Int {
        files[files.count - 1].items += 1
        return files[files.count - 1].items
    }

    /// An item not loaded: the problem (file, line, JSON path, value, reason, byte) and the item's text.
    mutating func reject(_ item: JSONItem, path: String, value: String = "", reason: String) {
        let file = files.last?.name ?? ""
        let p = IngestProblem(file: file, line: item.line, column: path, value: value, reason: reason + " (byte \(item.offset))")
        problems.append(p)
        rejected.append(RejectedRecord(file: file, line: item.line, problems: [p], fields: [("json", String(decoding: item.bytes.prefix(2000), as: UTF8.self))]))
        if !files.isEmpty { files[files.count - 1].rejected += 1 }
    }

    /// An item whose value a rule refused (``ValueRules``).
    mutating func reject(_ item: JSONItem, _ problem: ItemProblem) {
        reject(item, path: problem.path, value: problem.value, reason: problem.reason)
    }

    /// A process merged from several items (OCDS releases) refused: named by the line of its
    /// first release.
    mutating func reject(file: String, line: Int, _ problem: ItemProblem, text: String) {
        let p = IngestProblem(file: file, line: line, column: problem.path, value: problem.value, reason: problem.reason)
        problems.append(p)
        rejected.append(RejectedRecord(file: file, line: line, problems: [p], fields: [("json", String(text.prefix(2000)))]))
        if let i = files.lastIndex(where: { $0.name == file }) { files[i].rejected += 1 }
    }

    /// A file that could not be read to its end (not JSON, truncated, empty): the items read
    /// before the problem stay.
    mutating func unreadable(_ e: JSONStreamError) {
        if files.last?.name != e.file { begin(e.file, bytes: 0) }
        let p = IngestProblem(file: e.file, line: e.line, column: "", value: "", reason: e.reason + " (byte \(e.offset))")
        problems.append(p)
        rejected.append(RejectedRecord(file: e.file, line: e.line, problems: [p], fields: []))
        files[files.count - 1].rejected += 1
    }

    var fileReports: [FileReport] {
        files.map { FileReport(file: $0.name, bytes: $0.bytes, records: $0.items, accepted: $0.items - $0.rejected, rejected: $0.rejected) }
    }
}

/// A JSON reader's report: what it counted of its format, and its log.
public protocol JSONReadReport: Sendable {
    init()
    var log: JSONReadLog { get }
}

extension JSONReadReport {
    public var problems: [IngestProblem] { log.problems }
    public var rejected: [RejectedRecord] { log.rejected }
}

extension OCDSReader.Report: JSONReadReport {}
extension BODSReader.Report: JSONReadReport {}
extension FtMReader.Report: JSONReadReport {}
extension CourtsDBReader.Report: JSONReadReport {}
extension DocketReader.Report: JSONReadReport {}
