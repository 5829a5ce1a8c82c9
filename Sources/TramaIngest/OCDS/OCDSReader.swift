public import Foundation
import TramaGraph

/// Reads Open Contracting Data Standard files — release packages, record packages (compiled
/// releases), single releases or records, and JSON Lines of any of them, gzip or not — and
/// maps each contracting process onto the GRAS kinds, so every detector runs on OCDS unchanged:
///
/// | OCDS | Trama |
/// |---|---|
/// | `parties` with role buyer / procuringEntity | `agency` node |
/// | other parties (tenderer, supplier, …) | `firm` node (the party object kept as properties) |
/// | `ocid` (or `ocid/lotID` per lot) | `tender` node: PublicationDate, EstimatedPrice, ProductCode, ProcurementMethod |
/// | `buyer` | `procures` agency → tender |
/// | `bids.details[]` | `bid` tenderer → tender: BidValue, BidDate, AwardBid, status |
/// | `tender.tenderers[]` (when no bids.details) | `bid` without a price |
/// | several tenderers on one bid, several suppliers on one award | a `consortium` node; `member_of_consortium` member → consortium; the consortium bids and holds |
/// | `contracts[]` (else each award) | `contract` node: ContractValue, ContractDate; `awarded_under`, `holds_contract` |
///
/// A party's key is its identifier, normalised per scheme (``OrganizationIdentifier``; its
/// `address.countryName` reads ambiguous scheme names such as `NIT`; a malformed id is kept
/// with `identifierProblem` on the node),
/// else its `id` as published (cardinal-rs and most portals use an organisation identifier
/// there). Every OCDS object is kept whole in its node's or edge's properties under `ocds`.
///
/// Records and compiled releases stream in constant memory. Releases (not compiled) of one
/// process are merged per `ocid` at the end of their file, as OCDS's merge routine does for
/// the sections Trama reads: the later release's value wins, arrays of objects merge by `id`.
/// Until then each waits as a slice of the mapped file (its offset, line and bytes), and is
/// parsed again when its process is merged: memory grows by a few dozen bytes per release, and
/// holds one process's parsed releases at a time.
public struct OCDSReader: Sendable {
    public let files: [URL]

    public init(files: [URL]) { self.files = files }

    /// What reading the files found.
    public struct Report: Sendable {
        /// Files, items and rejects.
        public var log = JSONReadLog()
        public init() {}
        public var processes = 0
        public var tenders = 0
        public var bids = 0
        public var awards = 0
        public var contracts = 0
        public var parties = 0
        /// Processes met again after their first reading, and skipped.
        public var duplicates = 0
        /// What was inferred or left out rather than read as published.
        public var inferred = Inferences()
    }

    /// What the mapping inferred from, or left out of, what the files say — for the analyst to
    /// weigh the evidence: a bid synthesised from an award is not a bid anyone published.
    public struct Inferences: Sendable, Hashable {
        /// Tenders made of lots: processes whose bids or awards name lots become one tender per lot.
        public var lotsSplit = 0
        /// Winners with no bid published, given one from their award.
        public var bidsFromAwards = 0
        /// Bids (from `tender.tenderers`, no `bids.details`) that carry no price.
        public var bidsFromTenderers = 0
        /// Parties published with a blank name and no identifier, not made entities.
        public var placeholderParties = 0
        /// Bids and awards of a process of several lots whose lot could not be told: not linked.
        public var undeterminedLots = 0
        /// The first of these, each with its file, line and process, for the import report.
        public var notes: [String] = []
        public static let notesKept = 20

        public init() {}

        mutating func note(_ text: String) { if notes.count < Self.notesKept { notes.append(text) } }

        mutating func add(_ other: Inferences) {
            lotsSplit += other.lotsSplit
            bidsFromAwards += other.bidsFromAwards
            bidsFromTenderers += other.bidsFromTenderers
            placeholderParties += other.placeholderParties
            undeterminedLots += other.undeterminedLots
            for n in other.notes { note(n) }
        }

        /// The counts by name, the ones that are not zero.
        public var counts: [(name: String, count: Int)] {
            [("lots_split", lotsSplit), ("bids_from_awards", bidsFromAwards), ("bids_from_tenderers", bidsFromTenderers),
             ("placeholder_parties", placeholderParties), ("undetermined_lots", undeterminedLots)].filter { $0.1 > 0 }
        }
    }

    public func read(into sink: inout some GraphSink, progress: ((IngestProgress) -> Void)? = nil) throws -> Report {
        var report = Report()
        var log = JSONReadLog()
        var emitted = Set<EntityRef>()
        // A process met again (a record and its releases, two files) is read once: the first wins.
        var processes = Set<String>()
        // Releases of a package, merged per process at the end of their file.
        var pending: [String: [(release: Held, line: Int)]] = [:]
        var order: [String] = []
        func hold(_ release: Held, ocid: String, line: Int) {
            if pending[ocid] == nil { order.append(ocid) }
            pending[ocid, default: []].append((release, line))
        }
        func emit(_ release: RawJSON, file: String, line: Int, raw: RawJSON? = nil, item: JSONItem?, log: inout JSONReadLog) throws {
            if let problem = ProcessMapper.firstProblem(release) {
                if let item { return log.reject(item, problem) }
                return log.reject(file: file, line: line, problem, text: release.json)
            }
            guard processes.insert(release["ocid"]?.string ?? "").inserted else {
                report.duplicates += 1
                return
            }
            var mapper = ProcessMapper(release: release, raw: raw, source: "\(file):\(line)")
            try mapper.map(into: &sink, emitted: &emitted)
            report.processes += 1
            report.tenders += mapper.counts.tenders
            report.bids += mapper.counts.bids
            report.awards += mapper.counts.awards
            report.contracts += mapper.counts.contracts
            report.inferred.add(mapper.inferred)
        }
        let files = JSONObjectFiles(self.files, arrays: ["releases", "records"], itemKeys: ["ocid", "compiledRelease"])
        try files.read(log: &log, progress: progress) { log, o in
            let (item, object) = (o.item, o.value)
            // A record (compiled release, else its releases merged), or a release.
            var releases: [RawJSON] = []
            if let packaged = object["records"], packaged.isArray {
                for r in packaged.objects { if let p = Self.process(ofRecord: r) { releases.append(p) } }
            } else if object["ocid"] == nil, object["compiledRelease"] == nil, let packaged = object["releases"], packaged.isArray {
                for r in packaged.objects { if let ocid = r["ocid"]?.string { hold(.parsed(r), ocid: ocid, line: item.line) } }
                return
            } else if item.container == "records" || object["compiledRelease"] != nil || object["releases"] != nil {
                guard let p = Self.process(ofRecord: object) else {
                    return log.reject(item, path: "compiledRelease", reason: "a record with no compiledRelease whose releases are only links (url, date): nothing to read")
                }
                releases = [p]
            } else {
                guard let ocid = object["ocid"]?.string, !ocid.isEmpty else { return log.reject(item, path: "ocid", reason: "a release without an ocid") }
                // A compiled release (JSON Lines of processes) is complete; a release in a
                // package is merged with the others of its process.
                if item.container == "releases" { return hold(.item(item), ocid: ocid, line: item.line) }
                releases = [object]
            }
            for r in releases {
                guard r["ocid"]?.isString == true else {
                    log.reject(item, path: "ocid", reason: "a process without an ocid")
                    continue
                }
                try emit(r, file: o.file, line: item.line, raw: releases.count == 1 ? object : nil, item: item, log: &log)
            }
        } endOfFile: { log, file in
            for ocid in order {
                let releases = pending.removeValue(forKey: ocid)!
                try emit(Self.merge(try releases.map { try $0.release.value() }), file: file, line: releases[0].line, item: nil, log: &log)
            }
            pending = [:]
            order = []
        }
        report.log = log
        report.parties = emitted.count { $0.kind == .firm || $0.kind == .agency }
        return report
    }

    /// A release waiting for the rest of its process: a streamed one as its bytes (a slice of
    /// the mapped file), one nested in a JSON Lines package as already parsed.
    enum Held {
        case item(JSONItem)
        case parsed(RawJSON)

        func value() throws -> RawJSON {
            switch self {
            case .parsed(let r): return r
            // It parsed as an object once, from the same mapped bytes.
            case .item(let item): return try JSONTape(item.bytes).root
            }
        }
    }

    /// A record's process: its compiled release, else its releases merged.
    static func process(ofRecord record: RawJSON) -> RawJSON? {
        if let c = record["compiledRelease"], c.isObject { return c }
        // Linked releases ({"url", "date"}) carry nothing to merge.
        let full = JSONField.array(record["releases"]).filter { $0["ocid"] != nil }
        guard !full.isEmpty else { return nil }
        return merge(full)
    }

    /// OCDS's merge for the sections Trama reads: releases in date order; a later value
    /// replaces an earlier one; arrays of objects with `id` merge by `id`. The merged process is
    /// written out and read again, so it is read and stored like any published one. A process
    /// published as one release is that release, as published.
    static func merge(_ releases: [RawJSON]) -> RawJSON {
        if releases.count == 1 { return releases[0] }
        let sorted = releases.enumerated().sorted { a, b in
            let (da, db) = (a.element["date"]?.string ?? "", b.element["date"]?.string ?? "")
            return (da, a.offset) < (db, b.offset)
        }.map(\.element)
        var merged = Merged.object([])
        for r in sorted { merged.merge(r) }
        var text: [UInt8] = []
        merged.write(to: &text)
        // Every piece was checked when its release was read, and the joins are well-formed.
        return try! JSONTape(text).root
    }

    /// A value being merged: one as published, or an object or identified array whose members
    /// later releases update.
    enum Merged {
        case value(RawJSON)
        case object([(key: String, value: Merged)])
        case identified([(id: String, value: Merged)])

        /// `id` of an object, as text whatever its JSON type; nil when it has none.
        static func id(_ v: RawJSON) -> String? {
            guard let id = v["id"] else { return nil }
            return id.string ?? id.json
        }

        static func isIdentified(_ array: RawJSON) -> Bool { array.elements.allSatisfy { $0.isObject && $0["id"] != nil } }

        mutating func merge(_ b: RawJSON) {
            if case .value(let a) = self {
                if a.isObject, b.isObject {
                    self = .object(a.members.map { ($0.key, .value($0.value)) })
                } else if a.isArray, b.isArray, Self.isIdentified(a), Self.isIdentified(b) {
                    self = .identified(a.elements.map { (Self.id($0)!, .value($0)) })
                } else {
                    self = .value(b)
                    return
                }
            }
            switch self {
            case .object(var members) where b.isObject:
                for (k, v) in b.members {
                    if let i = members.lastIndex(where: { $0.key == k }) {
                        members[i].value.merge(v)
                    } else {
                        members.append((k, .value(v)))
                    }
                }
                self = .object(members)
            case .identified(var items) where b.isArray && Self.isIdentified(b):
                for item in b.elements {
                    let id = Self.id(item)!
                    if let i = items.firstIndex(where: { $0.id == id }) {
                        items[i].value.merge(item)
                    } else {
                        items.append((id, .value(item)))
                    }
                }
                self = .identified(items)
            default:
                self = .value(b)
            }
        }

        func write(to out: inout [UInt8]) {
            switch self {
            case .value(let v): v.write(to: &out)
            case .object(let members):
                out.append(UInt8(ascii: "{"))
                for (i, m) in members.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    JSONObject.appendQuoted(m.key, to: &out)
                    out.append(UInt8(ascii: ":"))
                    m.value.write(to: &out)
                }
                out.append(UInt8(ascii: "}"))
            case .identified(let items):
                out.append(UInt8(ascii: "["))
                for (i, item) in items.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    item.value.write(to: &out)
                }
                out.append(UInt8(ascii: "]"))
            }
        }
    }
}
