public import Foundation
public import TramaIngest
public import TramaGraph
import TramaAnalysis
public import TramaStore

/// An import asked for over HTTP: a dataset's files already on this machine (an unpacked GRAS
/// folder, or one OCDS, BODS, FtM or docket file), loaded by the same ``DatasetImporter`` as
/// `trama ingest`.
public struct ImportJob: Sendable {
    public enum Format: String, Codable, Sendable, CaseIterable {
        case gras, ocds, bods, ftm
        /// Court dockets (juriscraper's PACER JSON): one docket, or many as JSON Lines.
        case dockets
    }

    public var dataset: String
    public var format: Format
    /// The GRAS folder, or the one file of a JSON format.
    public var location: URL
    public var skipInvalid: Bool
    /// BODS only: see ``DatasetImporter/Options/keepUnresolved``.
    public var keepUnresolved: Bool
    /// The token that asked, and why: kept with the version the import makes.
    public var author: VersionAuthor

    public init(dataset: String, format: Format, location: URL, skipInvalid: Bool, keepUnresolved: Bool = false, author: VersionAuthor) {
        self.dataset = dataset
        self.format = format
        self.location = location
        self.skipInvalid = skipInvalid
        self.keepUnresolved = keepUnresolved
        self.author = author
    }

    /// Runs the import (blocking); `progress` hears the reader's progress. The rejected records
    /// of `skipInvalid` are written beside `location` (and go when the upload does).
    public func run(store: Store, progress note: @escaping (JobProgress) -> Void) throws -> ImportReportAnswer {
        let progress: (IngestProgress) -> Void = { p in
            if let phase = p.phase { return note(JobProgress(message: phase)) }
            note(JobProgress(message: "reading \(p.file)", file: p.file, records: p.records, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal))
        }
        let rejected = location.deletingLastPathComponent().appendingPathComponent("rejected.csv")
        let options = DatasetImporter.Options(
            dataset: dataset, skipInvalid: skipInvalid, rejectedFile: rejected, keepUnresolved: keepUnresolved, author: author)
        let importer = DatasetImporter(store: store)
        switch format {
        case .gras: return ImportReportAnswer(try importer.importGRAS(directory: location, options: options, progress: progress), format: format.rawValue)
        case .ocds:
            let (report, read) = try importer.importOCDS(files: [location], options: options, progress: progress)
            var answer = ImportReportAnswer(report, format: format.rawValue)
            answer.inferred = ImportReportAnswer.Inferred(read.inferred)
            return answer
        case .bods: return ImportReportAnswer(try importer.importBODS(files: [location], options: options, progress: progress).report, format: format.rawValue)
        case .ftm: return ImportReportAnswer(try importer.importFtM(files: [location], options: options, progress: progress).report, format: format.rawValue)
        case .dockets: return ImportReportAnswer(try importer.importDockets(files: [location], options: options, progress: progress).report, format: format.rawValue)
        }
    }
}

/// What an import did, the same for every format: the figures `trama ingest` prints.
public struct ImportReportAnswer: Answer, Hashable {
    public struct File: Codable, Sendable, Hashable {
        public var file: String
        public var bytes: Int
        public var records: Int
        public var accepted: Int
        public var rejected: Int
    }

    public var dataset: String
    public var format: String
    /// Nothing was done: the same files were imported before.
    public var unchanged: Bool
    /// An earlier version of the dataset was replaced (and kept in the import history).
    public var replaced: Bool
    /// The version of the graph the import made (`--as-of` it); null when unchanged.
    public var version: Int?
    public var files: [File]
    /// Entities and relationships the dataset now has in the store.
    public var nodes: Int
    public var edges: Int
    /// Records left out (with `skip_invalid`).
    public var rejected: Int
    public var records: Int
    public var bytes: Int
    public var seconds: Double
    public var phases: NamedValues<Double>
    /// What the mapping inferred or left out rather than read as published (OCDS); null for
    /// formats read as published.
    public var inferred: Inferred?

    /// `{"counts": {"lots_split", "bids_from_awards", …}, "notes": ["file:line ocid: …"]}`: the
    /// counts that are not zero, and the first notes.
    public struct Inferred: Codable, Sendable, Hashable {
        public var counts: NamedValues<Int>
        public var notes: [String]

        public init(_ i: OCDSReader.Inferences) {
            counts = NamedValues(i.counts.map { ($0.name, $0.count) })
            notes = i.notes
        }
    }

    public init(_ r: DatasetImporter.Report, format: String) {
        dataset = r.dataset
        self.format = format
        unchanged = r.unchanged
        replaced = r.replaced
        version = r.version
        files = r.files.map { File(file: $0.file, bytes: $0.bytes, records: $0.records, accepted: $0.accepted, rejected: $0.rejected) }
        nodes = r.nodes
        edges = r.edges
        rejected = r.rejected
        records = r.records
        bytes = r.bytes
        seconds = r.seconds
        phases = NamedValues(r.phases.map { ($0.name, $0.seconds) })
    }
}

/// A zip of a GRAS folder, unpacked with Info-ZIP's `unzip` after checking that it is a zip,
/// that no entry would land outside the folder (absolute paths, `..`: "zip slip") and that it
/// does not unpack to more than a limit (a zip bomb); links are refused after unpacking, so no
/// table can be read from elsewhere on the server.
public enum ZipUpload {
    /// Unpacks `zip` into `directory` and returns the folder holding the tables: `directory`
    /// itself, or the one folder the zip holds (a zipped folder). Problems name `body`.
    public static func unpack(_ zip: URL, into directory: URL, maximumBytes: Int, unzip: String = "/usr/bin/unzip") throws -> URL {
        func refuse(_ reason: String) -> ServiceError { .badParameter(name: "body", reason: reason) }
        let listing = try Subprocess.run(unzip, ["-Z1", zip.path])
        guard listing.status == 0 else { throw refuse("is not a readable zip archive") }
        let names = listing.output.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        guard !names.isEmpty else { throw refuse("the zip archive is empty") }
        for name in names {
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            if name.hasPrefix("/") || name.contains("\\") || parts.contains("..") {
                throw refuse("the zip entry '\(name)' would be written outside the folder it is unpacked into")
            }
        }
        // "N files, X bytes uncompressed, Y bytes compressed:  Z%"
        let totals = try Subprocess.run(unzip, ["-Zt", zip.path])
        let words = totals.output.split(whereSeparator: \.isWhitespace)
        guard totals.status == 0, let i = words.firstIndex(of: "uncompressed,"), i >= 2, let size = Int(words[i - 2]) else {
            throw refuse("is not a readable zip archive")
        }
        guard size <= maximumBytes else { throw ServiceError.limitExceeded(name: "body", limit: maximumBytes) }
        let unpacked = try Subprocess.run(unzip, ["-qq", "-n", zip.path, "-d", directory.path])
        guard unpacked.status == 0 else { throw refuse("cannot be unpacked: \(unpacked.output.prefix(300))") }

        let fm = FileManager.default
        var folders: [URL] = []
        var tables = 0
        guard let walk = fm.enumerator(at: directory, includingPropertiesForKeys: [.isSymbolicLinkKey, .isDirectoryKey, .isRegularFileKey]) else {
            throw refuse("cannot be unpacked")
        }
        for case let url as URL in walk {
            let values = try url.resourceValues(forKeys: [.isSymbolicLinkKey, .isDirectoryKey, .isRegularFileKey])
            if values.isSymbolicLink == true { throw refuse("the zip entry '\(url.lastPathComponent)' is a link; only files and folders are accepted") }
            if url.deletingLastPathComponent().standardizedFileURL == directory.standardizedFileURL {
                if values.isDirectory == true, url.lastPathComponent != "__MACOSX" { folders.append(url) }
                if values.isRegularFile == true, url.pathExtension.lowercased() == "csv" { tables += 1 }
            }
        }
        if tables == 0, folders.count == 1 { return folders[0] }
        return directory
    }
}

/// The body of `POST /api/v1/scans`: which analysis, and the few options its command takes.
public struct ScanRequest: Answer {
    public enum Analysis: String, Codable, Sendable, CaseIterable {
        case collusion, judicial
        /// Lawyers before judges (`trama judges lawyers`) and the judges' profiles.
        case judicialPatterns = "judicial_patterns"
        /// Entities that may be the same (`trama resolve scan`): candidates to review.
        case resolution
        /// Supplier-level GRAS flags (`trama suppliers scan`): political finance, 4.1.
        case suppliers
    }

    public var analysis: String
    /// Collusion: only tenders dated on or after this day (YYYY-MM-DD); suppliers: only contracts.
    public var from: String?
    /// Collusion: only tenders dated on or before this day; suppliers: only contracts.
    public var to: String?
    /// Judicial: the longest chain, in relationships, that counts.
    public var hops: Int?
    /// Suppliers: the options of `trama suppliers scan` (each nil for its default).
    public var termYears: Int?
    public var minimumAdvertisementDays: Int?
    public var costOverrun: Double?
    public var deliveryDelay: Double?
    public var homeCountry: String?
    public var splittingThreshold: Double?
    public var splittingWindow: Int?
    /// Suppliers: the secrecy jurisdictions GRAS 3.9 flags, instead of the shipped FSI 2022 top ten.
    public var secrecyList: SecrecyJurisdictions?

    enum CodingKeys: String, CodingKey {
        case analysis, from, to, hops, termYears = "term_years", minimumAdvertisementDays = "minimum_advertisement_days", costOverrun = "cost_overrun"
        case deliveryDelay = "delivery_delay", homeCountry = "home_country", splittingThreshold = "splitting_threshold"
        case splittingWindow = "splitting_window", secrecyList = "secrecy_list"
    }

    /// Sets the secrecy list from the text of a list file (the explorer's scan form).
    public mutating func secrecyList(csv text: String, field: String) throws {
        secrecyList = try SecrecyJurisdictions.parse(text, file: field, source: "list given in the scan form")
    }

    /// The supplier scan's options as its parameters, each checked (the CLI's ranges).
    func supplierParameters() throws -> SupplierScan.Parameters {
        var p = SupplierScan.Parameters()
        func check(_ ok: Bool, _ name: String, _ reason: String) throws { if !ok { throw ServiceError.badParameter(name: name, reason: reason) } }
        if let v = termYears {
            try check((0...20).contains(v), "term_years", "must be from 0 to 20")
            p.political.termYears = v
        }
        if let v = minimumAdvertisementDays {
            try check((0...3650).contains(v), "minimum_advertisement_days", "must be from 0 to 3650")
            p.cycle.minimumAdvertisementDays = Int64(v)
        }
        if let v = costOverrun {
            try check(v >= 0 && v <= 100, "cost_overrun", "must be a share from 0 to 100")
            p.cycle.costOverrun = v
        }
        if let v = deliveryDelay {
            try check(v >= 0 && v <= 100, "delivery_delay", "must be a share from 0 to 100")
            p.cycle.deliveryDelay = v
        }
        if let v = homeCountry {
            try check(!v.isEmpty && v.count <= 64, "home_country", "must be a country's code or name")
            p.characteristics.homeCountry = v
        }
        if let v = splittingThreshold {
            try check(v > 0 && v.isFinite && v <= 1e15, "splitting_threshold", "must be a positive amount up to 1e15")
            p.splitting.threshold = v
        }
        if let v = splittingWindow {
            try check((1...3650).contains(v), "splitting_window", "must be from 1 to 3650 days")
            p.splitting.windowDays = v
        }
        if let v = secrecyList { p.characteristics.secrecyJurisdictions = try v.checked(parameter: "secrecy_list") }
        return p
    }

    /// The most `hops` a scan may ask for.
    public static let maximumHops = 6

    public init(analysis: String, from: String? = nil, to: String? = nil, hops: Int? = nil) {
        self.analysis = analysis
        self.from = from
        self.to = to
        self.hops = hops
    }

    /// The request checked: a known analysis, dates that are dates, options of that analysis only.
    public func checked() throws -> (analysis: Analysis, period: Validity?, hops: Int?) {
        guard let kind = Analysis(rawValue: analysis) else {
            throw ServiceError.badParameter(name: "analysis", reason: "'\(analysis)' is not one of \(Analysis.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        func day(_ name: String, _ text: String?) throws -> Day? {
            guard let text else { return nil }
            do { return try PathQuery.day(text) } catch { throw ServiceError.badParameter(name: name, reason: "'\(text)' is not a date (YYYY-MM-DD)") }
        }
        let start = try day("from", from), end = try day("to", to)
        switch kind {
        case .collusion, .suppliers:
            if hops != nil { throw ServiceError.badParameter(name: "hops", reason: "is an option of the judicial analysis") }
            if kind == .collusion {
                let supplierOptions: [(String, Bool)] = [
                    ("term_years", termYears != nil), ("minimum_advertisement_days", minimumAdvertisementDays != nil), ("cost_overrun", costOverrun != nil),
                    ("delivery_delay", deliveryDelay != nil), ("home_country", homeCountry != nil), ("splitting_threshold", splittingThreshold != nil),
                    ("splitting_window", splittingWindow != nil), ("secrecy_list", secrecyList != nil),
                ]
                if let given = supplierOptions.first(where: \.1) {
                    throw ServiceError.badParameter(name: given.0, reason: "is an option of the suppliers analysis")
                }
            } else {
                _ = try supplierParameters()
            }
            let period = start == nil && end == nil ? nil : Validity(from: start ?? .distantPast, to: end ?? .distantFuture)
            return (kind, period, nil)
        case .judicial, .judicialPatterns, .resolution:
            if from != nil { throw ServiceError.badParameter(name: "from", reason: "is an option of the collusion and suppliers analyses") }
            if to != nil { throw ServiceError.badParameter(name: "to", reason: "is an option of the collusion and suppliers analyses") }
            if kind != .judicial, hops != nil { throw ServiceError.badParameter(name: "hops", reason: "is an option of the judicial analysis") }
            if let hops, hops < 1 { throw ServiceError.badParameter(name: "hops", reason: "must be at least 1") }
            if let hops, hops > Self.maximumHops { throw ServiceError.limitExceeded(name: "hops", limit: Self.maximumHops) }
            return (kind, nil, hops)
        }
    }

    /// Runs the scan on `graph` (the server's current snapshot) and stores it as a run;
    /// returns what the scan's command prints with `--format json` (for judicial, its summary).
    /// A resolution scan is a version of the graph by `author`.
    public func run(session: Session, graph: CSRGraph, by author: VersionAuthor = .processUser()) throws -> JSONValue {
        let (kind, period, hops) = try checked()
        switch kind {
        case .collusion:
            return try CollusionScan(period: period).run(session: session, graph: graph).answer.json
        case .judicial:
            var scan = JudicialScan()
            if let hops { scan.parameters.hops = hops }
            let report = try scan.run(session: session, graph: graph)
            return JudicialScanAnswer(run: report.runID, seconds: report.seconds, cases: report.cases, conflicts: report.conflicts.count).json
        case .judicialPatterns:
            return try JudicialPatterns().run(session: session).answer.json
        case .resolution:
            return ResolutionScanAnswer(candidates: try EntityResolution(store: session.store).scan(by: author)).json
        case .suppliers:
            var scan = SupplierScan(period: period)
            scan.parameters = try supplierParameters()
            return try scan.run(session: session, graph: graph).json
        }
    }
}

/// A judicial scan's summary: its run, its time, the cases screened and the conflicts found.
public struct JudicialScanAnswer: Answer, Hashable {
    public var run: Int
    public var seconds: Double
    public var cases: Int
    public var conflicts: Int
}
