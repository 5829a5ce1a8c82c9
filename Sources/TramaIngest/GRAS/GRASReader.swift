public import Foundation
import TramaGraph

/// What was read from one file.
public struct FileReport: Sendable {
    /// The file's name (for GRAS, the table's file).
    public var file: String
    public var bytes: Int
    public var records: Int
    public var accepted: Int
    public var rejected: Int
}

/// How far a long read has got.
public struct IngestProgress: Sendable {
    public var file: String
    public var bytesDone: Int
    public var bytesTotal: Int
    public var records: Int
    /// A step of the import other than reading records: a first pass over the files, or after
    /// the reading, "storing entities"; nil while records are read.
    public var phase: String?

    public init(file: String, bytesDone: Int, bytesTotal: Int, records: Int) {
        self.file = file
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
        self.records = records
    }

    /// The import is at `phase`.
    public init(phase: String) {
        self.init(file: "", bytesDone: 0, bytesTotal: 0, records: 0)
        self.phase = phase
    }
}

/// A reading's pace, and the time it still needs at that pace, measured from the reading's
/// first report rather than from the start of the import. What comes before the first record
/// counted is no part of the reading's pace: the store's setup, the files opened, and
/// FollowTheMoney's first pass over every file to learn its ids. Counted in, it made the first
/// estimates absurd: a 138.9 MB FollowTheMoney file read "0.3 MB/s, about 534s to go" after a
/// second, for a read that took seven. The bytes of every file of the import count, so the
/// estimate does not restart with each file.
public struct ReadingPace: Sendable {
    public struct Figures: Sendable, Equatable {
        public var bytesPerSecond: Double
        public var recordsPerSecond: Double
        /// Nil when the total is not known, or was passed (a compressed file's bytes grow as it is read).
        public var remainingSeconds: Double?
    }

    private var start: (seconds: Double, bytes: Int, records: Int)?

    public init() {}

    /// The figures for report `progress` made `seconds` into the import (any clock, the same on
    /// every call). Nil for the report that starts the reading (it only marks the start), for a
    /// phase after the reading, and while no time has passed or no byte has been read since the
    /// start. A report behind the start begins a reading again.
    public mutating func figures(for progress: IngestProgress, at seconds: Double) -> Figures? {
        guard progress.phase == nil else { return nil }
        guard let start, progress.bytesDone >= start.bytes, seconds >= start.seconds else {
            start = (seconds, progress.bytesDone, progress.records)
            return nil
        }
        let elapsed = seconds - start.seconds
        let bytes = progress.bytesDone - start.bytes
        guard elapsed > 0, bytes > 0 else { return nil }
        let rate = Double(bytes) / elapsed
        let remaining = progress.bytesTotal >= progress.bytesDone ? Double(progress.bytesTotal - progress.bytesDone) / rate : nil
        return Figures(bytesPerSecond: rate, recordsPerSecond: Double(progress.records - start.records) / elapsed, remainingSeconds: remaining)
    }
}

/// Everything a read found: per-file counts, every problem, the rejected records.
public struct GRASReadReport: Sendable {
    public var files: [FileReport] = []
    public var problems: [IngestProblem] = []
    public var rejected: [RejectedRecord] = []
    public var nodes = 0
    public var edges = 0
}

/// Reads a folder of GRAS tables, checks every record, and turns the valid ones into nodes and
/// edges for a ``GraphSink``.
///
/// Checks: the file is CSV; required columns are present; required values are not empty;
/// dates, numbers, percentages, flags and years parse; identifiers are unique in their table;
/// every reference names an ID defined (by a valid record) in the table the contract says;
/// an end date is not before its start. A record with any problem produces nothing: the
/// caller decides whether that fails the import or is written to `rejected.csv`.
///
/// Tables are read in ``GRASTable`` order, so a reference is checked against IDs already read.
public struct GRASReader: Sendable {
    public let directory: URL
    /// The tables present in the folder, in load order.
    public let tables: [GRASTable]

    public init(directory: URL) throws(IngestError) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
            throw .notADirectory(directory.path)
        }
        self.directory = directory
        tables = GRASTable.allCases.filter { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0.fileName).path) }
        guard !tables.isEmpty else { throw .noTables(directory: directory.path) }
    }

    public func url(of table: GRASTable) -> URL { directory.appendingPathComponent(table.fileName) }

    /// Reads every table into `sink`: each record is checked against the IDs read before it
    /// (``ReadState``), then turned into nodes and edges (``Emitter``). The checking runs on a
    /// thread of its own, ahead of the emitting on this one (``Handoff``), unless `checkingAhead`
    /// is false; the sink, the problems and the rejects get the same records in the same order
    /// either way.
    public func read(
        into sink: inout some GraphSink, progress: ((IngestProgress) -> Void)? = nil, checkingAhead: Bool = true
    ) throws -> GRASReadReport {
        var emitter = Emitter(judgeIDs: try prescan(.judges, column: "JudgeID"), lawyerIDs: try prescan(.caseParties, column: "LawyerID"))
        var staged = (nodes: 0, edges: 0)
        func take(_ item: CheckedRecords) throws {
            switch item {
            case let .rows(rows): for row in rows { try emitter.emit(row, into: &sink, counts: &staged) }
            case let .progress(p): progress?(p)
            }
        }
        var report: GRASReadReport
        if checkingAhead {
            report = try Handoff.run(produce: { [self] send in
                var batch: [Row] = []
                batch.reserveCapacity(Self.batch)
                func flush() throws {
                    guard !batch.isEmpty else { return }
                    guard send(.rows(batch)) else { throw Handoff.Abandoned() }
                    batch = []
                    batch.reserveCapacity(Self.batch)
                }
                let report = try check(
                    row: { row in
                        batch.append(row)
                        if batch.count == Self.batch { try flush() }
                    },
                    progress: { p in
                        try flush()
                        guard send(.progress(p)) else { throw Handoff.Abandoned() }
                    })
                try flush()
                return report
            }, consume: take)
        } else {
            report = try check(row: { try emitter.emit($0, into: &sink, counts: &staged) }, progress: { progress?($0) })
        }
        (report.nodes, report.edges) = staged
        return report
    }

    /// Records handed from the checking to the emitting at a time.
    private static let batch = 1024

    /// What the checking hands on: valid records, or how far it has got.
    private enum CheckedRecords: Sendable {
        case rows([Row])
        case progress(IngestProgress)
    }

    /// Parses and checks every record of every table in order, handing each valid one to `row`
    /// and the progress to `progress`; the report it returns counts no nodes or edges (the
    /// emitting does).
    private func check(row accept: (consuming Row) throws -> Void, progress: (IngestProgress) throws -> Void) throws -> GRASReadReport {
        var state = ReadState(present: Set(tables))
        var report = GRASReadReport()
        let totalBytes = tables.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: url(of: $1).path)[.size] as? Int) ?? 0) }
        var bytesBefore = 0
        for table in tables {
            let reader: CSVReader
            do { reader = try CSVReader(url: url(of: table)) } catch { throw IngestError.malformedFile(error) }
            var file = FileReport(file: table.fileName, bytes: reader.byteCount, records: 0, accepted: 0, rejected: 0)
            var header: Header?
            do {
                try reader.forEachRecord { record, offset in
                    guard let h = header else {
                        header = Header(table: table, names: record.fields)
                        report.problems += header!.problems
                        return
                    }
                    file.records += 1
                    var row = Row(table: table, header: h, record: record)
                    state.check(&row)
                    if row.problems.isEmpty {
                        try accept(row)
                        file.accepted += 1
                    } else {
                        file.rejected += 1
                        if !h.problems.isEmpty {
                            // The file-level problem is listed once; each record carries it into rejected.csv.
                            row.problems = h.problems.map { IngestProblem(file: $0.file, line: record.line, column: $0.column, value: "", reason: $0.reason) }
                        } else {
                            report.problems += row.problems
                        }
                        report.rejected.append(RejectedRecord(file: table.fileName, line: record.line, problems: row.problems, fields: row.namedFields))
                    }
                    if file.records % 50_000 == 0 {
                        try progress(IngestProgress(file: table.fileName, bytesDone: bytesBefore + offset, bytesTotal: totalBytes, records: file.records))
                    }
                }
            } catch let e as CSVError {
                throw IngestError.malformedFile(e)
            }
            bytesBefore += reader.byteCount
            try progress(IngestProgress(file: table.fileName, bytesDone: bytesBefore, bytesTotal: totalBytes, records: file.records))
            report.files.append(file)
        }
        return report
    }

    /// The values of one column of a table, read ahead so that a person's node gets its most
    /// specific kind (judge, lawyer) when people.csv is read.
    private func prescan(_ table: GRASTable, column: String) throws -> Set<String> {
        guard tables.contains(table) else { return [] }
        var index: Int?
        var out = Set<String>()
        do {
            try CSVReader(url: url(of: table)).forEachRecord { record, _ in
                guard let i = index else {
                    index = record.fields.firstIndex(of: column) ?? -1
                    return
                }
                if i >= 0, i < record.fields.count {
                    let v = record.fields[i].trimmingWhitespace()
                    if !v.isEmpty { out.insert(v) }
                }
            }
        } catch let e as CSVError {
            throw IngestError.malformedFile(e)
        }
        return out
    }
}

/// A file's header: which column is where, and what is wrong with it.
///
/// Everything a record's reading looks up by column name is worked out here, once per file:
/// a table of a million rows would otherwise rebuild the contract and hash each name per value.
final class Header: Sendable {
    let names: [String]
    let problems: [IngestProblem]
    /// Columns the contract does not name, kept as properties.
    let extras: [(name: String, index: Int)]
    /// The contract's columns (``GRASTable/columns``) and date ranges.
    let columns: [GRASColumn]
    let dateRanges: [(start: String, end: String)]
    /// Where each of ``columns`` is in a record; nil when the file lacks it.
    let fields: [Int?]
    /// A contract column's position in ``columns``.
    let position: [String: Int]

    init(table: GRASTable, names raw: [String]) {
        let names = raw.map { $0.trimmingWhitespace() }
        columns = table.columns
        dateRanges = table.dateRanges
        let position = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($0.element.name, $0.offset) })
        var problems: [IngestProblem] = []
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() {
            if index[n] != nil {
                problems.append(IngestProblem(file: table.fileName, line: 1, column: n, value: "", reason: "column appears twice in the header"))
            }
            index[n] = index[n] ?? i
        }
        fields = columns.map { index[$0.name] }
        extras = names.enumerated().filter { position[$0.element] == nil && !$0.element.isEmpty }.map { ($0.element, $0.offset) }
        for c in columns where c.required && index[c.name] == nil {
            problems.append(IngestProblem(file: table.fileName, line: 1, column: c.name, value: "", reason: "required column is missing from the header"))
        }
        (self.names, self.position, self.problems) = (names, position, problems)
    }
}

/// One record being checked: its raw values, the references as resolved, its problems.
struct Row: Sendable {
    let table: GRASTable
    let header: Header
    let record: CSVRecord
    /// Each contract column's trimmed value ("" when absent), in ``Header/columns`` order:
    /// trimmed once, read by the checks and again by the nodes and edges.
    let values: [String]
    var problems: [IngestProblem] = []
    /// The ID table each reference column resolved in, in ``Header/columns`` order.
    var resolved: [IDSpace?]
    /// `file:line`, which every node and edge the record makes carries; made where they are
    /// (``Emitter``), not while checking, which is the busier thread of the two.
    var source: String { "\(table.fileName):\(record.line)" }

    init(table: GRASTable, header: Header, record: CSVRecord) {
        self.table = table
        self.header = header
        self.record = record
        values = header.fields.map { i in i.map { $0 < record.fields.count ? record.fields[$0].trimmingWhitespace() : "" } ?? "" }
        resolved = Array(repeating: nil, count: header.columns.count)
        problems = header.problems
        if problems.isEmpty, record.fields.count != header.names.count {
            problems.append(
                IngestProblem(
                    file: table.fileName, line: record.line, column: "", value: "",
                    reason: "record has \(record.fields.count) fields, the header has \(header.names.count)"))
        }
    }

    /// The trimmed value of the contract's `column`; empty when absent.
    func value(_ column: String) -> String {
        guard let p = header.position[column] else { return "" }
        return values[p]
    }

    func optional(_ column: String) -> String? {
        let v = value(column)
        return v.isEmpty ? nil : v
    }

    func day(_ column: String) -> Day? { optional(column).flatMap { Day(iso: $0) } }

    var namedFields: [(column: String, value: String)] {
        record.fields.enumerated().map { ($0.offset < header.names.count ? header.names[$0.offset] : "#\($0.offset + 1)", $0.element) }
    }

    mutating func problem(_ column: String, _ value: String, _ reason: String) {
        problems.append(IngestProblem(file: table.fileName, line: record.line, column: column, value: value, reason: reason))
    }
}

/// What the checking knows so far: the IDs each table defined, for checking references.
struct ReadState {
    let present: Set<GRASTable>
    var ids: [IDSpace: [String: Int]] = [:]
    var rejectedIDs: [IDSpace: [String: Int]] = [:]

    init(present: Set<GRASTable>) { self.present = present }

    mutating func check(_ row: inout Row) {
        guard row.problems.isEmpty else { return }
        for (p, column) in row.header.columns.enumerated() {
            let v = row.values[p]
            if let r = ValueRules.lengthProblem(v) {
                row.problem(column.name, String(v.prefix(80)) + "…", r)
                continue
            }
            if v.isEmpty {
                if column.required { row.problem(column.name, "", "required value is missing") }
                continue
            }
            switch column.type {
            case .text:
                break
            case .date:
                if Day(iso: v) == nil { row.problem(column.name, v, ValueRules.notADate) }
            case .number, .amount:
                if let n = canonicalNumber(v) {
                    if column.type == .amount, let d = Double(n), let r = ValueRules.amountProblem(d) { row.problem(column.name, v, r) }
                } else {
                    row.problem(column.name, v, "is not a number (digits with an optional '-' and '.', no thousands separators)")
                }
            case .percent:
                if let n = canonicalNumber(v).flatMap(Double.init), (0...100).contains(n) {
                } else {
                    row.problem(column.name, v, "is not a percentage from 0 to 100")
                }
            case .flag:
                if v != "0" && v != "1" { row.problem(column.name, v, "must be 1 or 0") }
            case .year:
                if !(v.count == 4 && v.allSatisfy(\.isASCII) && Int(v).map({ (1800...2200).contains($0) }) == true) {
                    row.problem(column.name, v, "is not a four-digit year")
                }
            case let .identifier(space):
                if let first = ids[space]?[v] ?? rejectedIDs[space]?[v] {
                    row.problem(column.name, v, "duplicate \(space.rawValue), first defined at line \(first)")
                }
            case let .reference(spaces):
                resolve(v, at: p, in: spaces, row: &row)
            }
        }
        for (start, end) in row.header.dateRanges {
            if let s = row.day(start), let e = row.day(end), e < s {
                row.problem(end, row.value(end), "is before \(start) \(row.value(start))")
            }
        }
        // Register (or remember the rejection of) the row's own identifier.
        for (p, column) in row.header.columns.enumerated() {
            guard case let .identifier(space) = column.type else { continue }
            let v = row.values[p]
            guard !v.isEmpty else { continue }
            if row.problems.isEmpty {
                ids[space, default: [:]][v] = row.record.line
            } else if ids[space]?[v] == nil {
                rejectedIDs[space, default: [:]][v] = row.record.line
            }
        }
        if row.table == .judges {
            let v = row.value("JudgeID")
            if row.problems.isEmpty {
                ids[.judge, default: [:]][v] = ids[.judge]?[v] ?? row.record.line
            } else if ids[.judge]?[v] == nil {
                rejectedIDs[.judge, default: [:]][v] = row.record.line
            }
        }
    }

    private func resolve(_ v: String, at p: Int, in spaces: [IDSpace], row: inout Row) {
        let column = row.header.columns[p].name
        var first: IDSpace?
        var ambiguous = false
        for space in spaces where ids[space]?[v] != nil {
            if first == nil { first = space } else { ambiguous = true }
        }
        if let first, !ambiguous {
            row.resolved[p] = first
            return
        }
        if ambiguous {
            let found = spaces.filter { ids[$0]?[v] != nil }
            row.problem(column, v, "is ambiguous: it is a " + found.map(\.rawValue).joined(separator: " and a ") + "; IDs must be unique across tables")
            return
        }
        if let space = spaces.first(where: { rejectedIDs[$0]?[v] != nil }), let line = rejectedIDs[space]?[v] {
            row.problem(column, v, "refers to the \(space.rawValue) defined at \(space.table.fileName):\(line), which was rejected")
            return
        }
        if spaces == [.judge], ids[.person]?[v] != nil {
            row.problem(column, v, "is a PersonID but not a judge in judges.csv")
            return
        }
        let described = spaces.map { "a \($0.rawValue) in \($0.table.fileName)" + (present.contains($0.table) ? "" : " (absent from this folder)") }
        row.problem(column, v, "unknown ID: not " + described.joined(separator: " or "))
    }
}

/// Turns checked records into nodes and edges, remembering what earlier records made.
struct Emitter {
    let judgeIDs: Set<String>
    let lawyerIDs: Set<String>
    var caseDates: [String: (filed: Day?, decided: Day?)] = [:]
    /// Derived nodes (addresses, courts, parties…) already emitted.
    var derived = Set<EntityRef>()

    init(judgeIDs: Set<String>, lawyerIDs: Set<String>) {
        self.judgeIDs = judgeIDs
        self.lawyerIDs = lawyerIDs
    }

    /// The kind of a person's node: a judge if judges.csv names them, else a lawyer if
    /// case_parties.csv does, else a person.
    func personKind(_ id: String) -> EntityKind {
        judgeIDs.contains(id) ? .judge : lawyerIDs.contains(id) ? .lawyer : .person
    }

    func kind(of space: IDSpace, id: String) -> EntityKind {
        switch space {
        case .agency: .agency
        case .firm: .firm
        case .person: personKind(id)
        case .tender: .tender
        case .contract: .contract
        case .candidate: .candidate
        case .case: .case
        case .judge: .judge
        }
    }

    /// Properties from the named columns (numbers as numbers) plus every column the contract
    /// does not name.
    private func properties(_ row: Row, _ columns: [String], extra: (inout JSONObject) -> Void = { _ in }) -> String {
        var o = JSONObject()
        for c in columns {
            guard let p = row.header.position[c], case let v = row.values[p], !v.isEmpty else { continue }
            switch row.header.columns[p].type {
            case .number, .amount, .percent: o.set(c, number: canonicalNumber(v)!)
            case .flag: o.set(c, v == "1")
            case .year: o.set(c, Int(v)!)
            default: o.set(c, v)
            }
        }
        extra(&o)
        for (name, i) in row.header.extras where i < row.record.fields.count {
            let v = row.record.fields[i].trimmingWhitespace()
            if !v.isEmpty { o.set(name, v) }
        }
        return o.json
    }

    private func ref(_ row: Row, _ column: String) -> EntityRef? {
        guard let p = row.header.position[column], let space = row.resolved[p] else { return nil }
        return EntityRef(kind(of: space, id: row.values[p]), row.values[p])
    }

    private mutating func derivedNode(_ entity: EntityRef, name: String, source: String, into sink: inout some GraphSink, counts: inout (nodes: Int, edges: Int)) throws {
        guard derived.insert(entity).inserted else { return }
        try sink.add(StagedNode(entity: entity, name: name, properties: "{}", source: source))
        counts.nodes += 1
    }

    mutating func emit(_ row: Row, into sink: inout some GraphSink, counts: inout (nodes: Int, edges: Int)) throws {
        var nodes: [StagedNode] = []
        var edges: [StagedEdge] = []
        var derivedNodes: [(EntityRef, String)] = []
        let source = row.source
        func node(_ e: EntityRef, _ name: String?, _ props: String) {
            nodes.append(StagedNode(entity: e, name: name, properties: props, source: source))
        }
        func edge(_ k: RelationKind, _ a: EntityRef?, _ b: EntityRef?, from: Day? = nil, to: Day? = nil, _ props: String = "{}") {
            guard let a, let b else { return }
            edges.append(StagedEdge(kind: k, from: a, to: b, validFrom: from, validTo: to, properties: props, source: source))
        }
        /// A node keyed by a normalised value, shared by every record that names the same one.
        func shared(_ kind: EntityKind, _ raw: String?, key normalise: (String) -> String) -> EntityRef? {
            guard let raw else { return nil }
            let key = normalise(raw)
            guard !key.isEmpty else { return nil }
            let e = EntityRef(kind, key)
            derivedNodes.append((e, raw))
            return e
        }
        func yearStart(_ y: String?) -> Day? { y.flatMap(Int.init).flatMap { Day(year: $0, month: 1, day: 1) } }
        func yearEnd(_ y: String?) -> Day? { y.flatMap(Int.init).flatMap { Day(year: $0, month: 12, day: 31) } }

        switch row.table {
        case .agencies:
            node(EntityRef(.agency, row.value("AgencyID")), row.optional("AgencyName"), properties(row, ["AgencyLocation", "AgencyGovLevel"]))
        case .people:
            let id = row.value("PersonID")
            node(EntityRef(personKind(id), id), row.optional("PersonName"), properties(row, ["DateOfBirth"]))
        case .firms:
            let firm = EntityRef(.firm, row.value("FirmID"))
            node(
                firm, row.optional("FirmName"),
                properties(row, [
                    "EntityType", "FirmCountry", "FirmAddress", "FirmPhonenumber", "FirmEmail", "FirmActivityCode", "FirmConstitutionDate",
                    "Turnover", "Profit",
                ]))
            edge(.registeredAt, firm, shared(.address, row.optional("FirmAddress"), key: Normalize.words))
            let country = row.optional("FirmCountry")
            edge(.hasPhone, firm, shared(.phone, row.optional("FirmPhonenumber"), key: { Normalize.phone($0, country: country) }))
            edge(.hasEmail, firm, shared(.email, row.optional("FirmEmail"), key: Normalize.email))
            edge(.memberOfGroup, firm, shared(.economicGroup, row.optional("EconomicGroup"), key: Normalize.words))
            edge(.legalRepresentativeOf, ref(row, "LegalRepresentativeID"), firm)
            edge(.accountantOf, ref(row, "AccountantID"), firm)
        case .candidates:
            let candidate = EntityRef(.candidate, row.value("CandidateID"))
            node(candidate, row.optional("CandidateName"), properties(row, ["PartyName", "OfficeDisputed", "Elected", "ElectionJurisdiction", "Year"]))
            edge(
                .memberOfParty, candidate, shared(.party, row.optional("PartyName"), key: Normalize.words), from: yearStart(row.optional("Year")),
                properties(row, ["Year"]))
            edge(.stoodAs, ref(row, "PersonID"), candidate, from: yearStart(row.optional("Year")), properties(row, ["Year"]))
        case .tenders:
            let tender = EntityRef(.tender, row.value("ProcessID"))
            node(
                tender, row.optional("ProductCode").map { "\(tender.key) (\($0))" } ?? tender.key,
                properties(row, [
                    "AgencyID", "ProcurementMethod", "PublicationDate", "BidDeadline", "EstimatedPrice", "ProductCode", "ImplementationLocation",
                ]))
            edge(.procures, ref(row, "AgencyID"), tender, from: row.day("PublicationDate"))
        case .contracts:
            let contract = EntityRef(.contract, row.value("ContractID"))
            let props = properties(row, ["ProcessID", "FirmID", "ContractValue", "ContractDate", "ContractAmendValue", "DeliveryDate", "ImplementationDate"])
            node(contract, contract.key, props)
            edge(.awardedUnder, contract, ref(row, "ProcessID"), from: row.day("ContractDate"))
            edge(.holdsContract, ref(row, "FirmID"), contract, from: row.day("ContractDate"), properties(row, ["ContractValue"]))
        case .judges:
            let judge = ref(row, "JudgeID")
            let date = row.day("AppointmentDate")
            let court = shared(.court, row.optional("CourtID"), key: { $0 })
            edge(.servesAt, judge, court, from: date, properties(row, ["JudgeName", "AppointmentDate"]))
            edge(.appointed, ref(row, "AppointedBy"), judge, from: date, properties(row, ["CourtID", "AppointmentDate"]))
        case .cases:
            let c = EntityRef(.case, row.value("CaseID"))
            let filed = row.day("FiledDate")
            let decided = row.day("DecidedDate")
            caseDates[c.key] = (filed, decided)
            node(c, c.key, properties(row, ["CourtID", "FiledDate", "DecidedDate", "Outcome"]))
            edge(.presides, ref(row, "JudgeID"), c, from: filed, to: decided)
            edge(.heardIn, c, shared(.court, row.optional("CourtID"), key: { $0 }), from: filed, to: decided)
        case .shareholders:
            edge(
                .owns, ref(row, "ShareholderID"), ref(row, "FirmID"), from: row.day("ShareholderEntryDate"), to: row.day("ShareholderExitDate"),
                properties(row, ["Share", "ShareholderName", "ShareholderCountry"]))
        case .employment:
            edge(
                .employedBy, ref(row, "WorkerID"), ref(row, "EmployerID"), from: row.day("AdmissionDate"), to: row.day("TerminationDate"),
                properties(row, ["Position", "Remuneration"]))
        case .bids:
            edge(.bid, ref(row, "FirmID"), ref(row, "ProcessID"), from: row.day("BidDate"), properties(row, ["BidNumber", "BidValue", "BidDate", "AwardBid"]))
        case .donations:
            edge(
                .donatedTo, ref(row, "CampaignDonorID"), ref(row, "CandidateID"), from: yearStart(row.optional("Year")),
                properties(row, ["CampaignDonationValue", "Year"]))
        case .sanctions:
            let body = shared(.sanctioningBody, row.optional("SanctioningOrgName") ?? "unspecified sanctioning body", key: Normalize.words)
            edge(
                .sanctionedBy, ref(row, "SanctionedID"), body, from: row.day("SanctionStart"), to: row.day("SanctionEnd"),
                properties(row, ["SanctionedName", "SanctionStart", "SanctionEnd"]))
        case .caseParties:
            let c = ref(row, "CaseID")
            let dates = caseDates[row.value("CaseID")]
            let party = ref(row, "PartyID")
            edge(.partyTo, party, c, from: dates?.filed, to: dates?.decided, properties(row, ["Role"]))
            edge(
                .counselIn, ref(row, "LawyerID"), c, from: dates?.filed, to: dates?.decided,
                properties(row, ["Role"]) { o in if let party { o.set("for", party.description) } })
        case .relatives:
            edge(.relativeOf, ref(row, "PersonID"), ref(row, "RelativeID"), properties(row, ["FamilyRelation"]))
        case .assetDeclarations:
            let person = ref(row, "PersonID")
            let from = yearStart(row.optional("Year"))
            let to = yearEnd(row.optional("Year"))
            edge(.declaredShareholding, person, ref(row, "ShareholderCompanyID"), from: from, to: to, properties(row, ["Year"]))
            edge(.declaredRelative, person, ref(row, "RelativeID"), from: from, to: to, properties(row, ["Year"]))
            edge(.declaredPost, person, ref(row, "AgencyID"), from: from, to: to, properties(row, ["Year", "Position"]))
        case .socialBenefits:
            let programme = shared(.benefitProgramme, row.optional("CashtransprogramType") ?? "social benefit", key: Normalize.words)
            edge(
                .receivedBenefit, ref(row, "BeneficiaryID"), programme, from: row.day("BenefitStart"), to: row.day("BenefitEnd"),
                properties(row, ["BenefitValueTotal", "CashtransprogramType"]))
        case .criminalRecords:
            let offence = shared(.offence, row.optional("Crime") ?? "unspecified offence", key: Normalize.words)
            edge(.convictedOf, ref(row, "PersonID"), offence, from: row.day("SentenceDate"), properties(row, ["Crime", "SentenceDate"]))
        }
        for n in nodes { try sink.add(n) }
        counts.nodes += nodes.count
        for (e, name) in derivedNodes { try derivedNode(e, name: name, source: source, into: &sink, counts: &counts) }
        for e in edges { try sink.add(e) }
        counts.edges += edges.count
    }
}

/// The JSON form of a decimal number, or nil if `s` is not one: optional sign, digits, optional
/// fraction (".5" and "5." are accepted; "1,000", "1e3" and "" are not). Leading zeros go.
func canonicalNumber(_ s: String) -> String? {
    if isCanonicalNumber(s) { return s }
    var u = Substring(s).utf8[...]
    var negative = false
    if let f = u.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
        negative = f == UInt8(ascii: "-")
        u = u.dropFirst()
    }
    var intPart: [UInt8] = []
    var fracPart: [UInt8] = []
    var seenDot = false
    for c in u {
        if c == UInt8(ascii: ".") {
            if seenDot { return nil }
            seenDot = true
        } else if c >= 48 && c <= 57 {
            if seenDot { fracPart.append(c) } else { intPart.append(c) }
        } else {
            return nil
        }
    }
    guard !intPart.isEmpty || !fracPart.isEmpty else { return nil }
    while intPart.count > 1, intPart.first == 48 { intPart.removeFirst() }
    if intPart.isEmpty { intPart = [48] }
    var out = String(decoding: intPart, as: UTF8.self)
    if !fracPart.isEmpty { out += "." + String(decoding: fracPart, as: UTF8.self) }
    return negative && out.contains(where: { $0 != "0" && $0 != "." }) ? "-" + out : out
}

/// Whether `s` is already what ``canonicalNumber(_:)`` would make of it (most values are):
/// digits without a leading zero, or "0", then optionally "." and digits; no sign.
private func isCanonicalNumber(_ s: String) -> Bool {
    var digits = 0
    var dot = -1
    var leadingZero = false
    for (i, c) in s.utf8.enumerated() {
        if c == UInt8(ascii: ".") {
            guard dot < 0, digits > 0 else { return false }
            dot = i
        } else if c >= 48 && c <= 57 {
            if i == 0 { leadingZero = c == 48 }
            digits += 1
        } else {
            return false
        }
    }
    guard digits > 0 else { return false }
    let integerDigits = dot < 0 ? digits : dot
    if leadingZero && integerDigits > 1 { return false }
    return dot < 0 || dot < digits
}
