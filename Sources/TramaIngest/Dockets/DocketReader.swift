public import Foundation
import TramaGraph

/// Reads federal court dockets — juriscraper's parsed PACER dockets, the shape of
/// CourtListener's RECAP archive; one docket per file, or many as JSON Lines — into the
/// judicial model:
///
/// | Docket | Trama |
/// |---|---|
/// | the docket | `case` `COURT:NUMBER` (docket number, court, filing and termination dates, nature of suit, cause, jury demand…, and its entries: count, first and last date, the entries as JSON), `heard_in` its `court` (Courts-DB's node when loaded) |
/// | `assigned_to_str`, `referred_to_str`, `panel`, `originating_court_information.assigned_to` | `presides`, `referred`, `panel_member`, `decided_below`: the judge → case, resolved against the FJC directory (``JudgeDirectory``); a name it does not resolve is a judge `docket:COURT:NAME` of its own, with `possibly_same_as` candidates when the directory has some |
/// | a party | person, `firm` or `agency` `docket:COURT:NAME` (by its name, ``PartyName``) `party_to` the case, its type (Plaintiff, Debtor, U.S. Trustee…) as `Role` |
/// | an attorney | `lawyer` `counsel_in` the case, `for` the party, roles as `Role`; the contact block (``ContactBlock``) a `law_firm` the lawyer `works_at`, an `address` the firm (or the lawyer) is `registered_at`, the lawyer's `phone` and `email` |
///
/// Parties of one court with the same normalised name are one entity; names that agree only
/// without their legal form are `possibly_same_as` candidates. A lawyer is one entity per
/// name and e-mail (else name and firm, else name and court). A docket captured twice (the
/// same court and number in two files) is one case: its entries are merged and its parties
/// and lawyers counted once.
public struct DocketReader: Sendable {
    public let files: [URL]
    public let directory: JudgeDirectory?
    /// Courts already in the store (Courts-DB's): the dockets' courts meet them rather than
    /// making nodes of their own.
    public let knownCourts: Set<String>

    public init(files: [URL], directory: JudgeDirectory? = nil, knownCourts: Set<String> = []) {
        self.files = files
        self.directory = directory
        self.knownCourts = knownCourts
    }

    public struct Report: Sendable {
        /// Files, items and rejects.
        public var log = JSONReadLog()
        public init() {}
        public var dockets = 0
        public var byShape: [String: Int] = [:]
        /// Files holding `{}`: juriscraper's answer for a page that had no docket.
        public var emptyFiles: [String] = []
        /// Files that repeated a docket read before (merged into it).
        public var repeatedDockets = 0
        /// Nodes made, by kind (judges of the FJC directory are the directory's, not counted).
        public var entities: [String: Int] = [:]
        public var relationships: [String: Int] = [:]
        /// Parties on the dockets, lawyers' appearances, and parties with no lawyer but themselves.
        public var partyAppearances = 0
        public var counselAppearances = 0
        public var proSe = 0
        /// Attorney rows with nothing in them (no name, contact or role), left out.
        public var blankAttorneys = 0
        /// Distinct judges: of the FJC directory; left as named, with candidates; left as named.
        public var judgesResolved = 0
        public var judgesWithCandidates = 0
        public var judgesUnresolved = 0
        /// Judges named on dockets (assigned, referred, panel, below), resolved or not.
        public var judgeAppearancesResolved = 0
        public var judgeAppearancesUnresolved = 0
        public var courtsInStore = 0
        public var courtsAdded = 0
        public var candidates = 0
    }

    public func read(into sink: inout some GraphSink, progress: ((IngestProgress) -> Void)? = nil) throws -> Report {
        let files = JSONObjectFiles(self.files, arrays: [])
        // RECAP keeps several captures of one case: count them first, to merge them.
        var captures: [String: Int] = [:]
        files.scan { o in if let k = Docket.key(of: o.value) { captures[k, default: 0] += 1 } }
        var graph = DocketGraph(directory: directory, knownCourts: knownCourts, captures: captures)
        var log = JSONReadLog()
        try files.read(log: &log, progress: progress) { log, o in
            if o.value.members.isEmpty {
                graph.report.emptyFiles.append(o.file)
                return
            }
            let docket: Docket
            do { docket = try Docket(o.value) } catch let problem as ItemProblem { return log.reject(o.item, problem) }
            try graph.add(docket, source: "\(o.file):\(o.item.line)", into: &sink)
        }
        try graph.finish(into: &sink)
        graph.report.log = log
        return graph.report
    }
}

/// The graph the dockets make, built docket by docket: what was emitted, so each node and
/// each relationship is staged once.
private struct DocketGraph {
    let directory: JudgeDirectory?
    let knownCourts: Set<String>
    let captures: [String: Int]
    var report = DocketReader.Report()
    var emitted = Set<EntityRef>()
    var edges = Set<String>()
    /// A docket captured more than once: its case node waits for the last capture.
    var pending: [String: PendingCase] = [:]
    var judgeStatus: [EntityRef: JudgeStatus] = [:]
    var resolutions: [String: JudgeDirectory.Resolution] = [:]
    var resolvedJudges = Set<String>()
    /// Parties by court and name without legal form, for candidates.
    var partiesByCore: [String: [(ref: EntityRef, name: String)]] = [:]
    var courtsSeen = Set<String>()

    enum JudgeStatus { case unresolved, candidates }

    struct PendingCase {
        var seen = 0
        var fields: [String: String] = [:]
        var order: [String] = []
        var entries: [String: RawJSON] = [:]
        var entryOrder: [String] = []
        var name: String?
        var source = ""
    }

    init(directory: JudgeDirectory?, knownCourts: Set<String>, captures: [String: Int]) {
        self.directory = directory
        self.knownCourts = knownCourts
        self.captures = captures
    }

    mutating func node(_ ref: EntityRef, _ name: String?, _ properties: String, _ source: String, into sink: inout some GraphSink) throws {
        guard emitted.insert(ref).inserted else { return }
        try sink.add(StagedNode(entity: ref, name: name, properties: properties, source: source))
        report.entities[ref.kind.rawValue, default: 0] += 1
    }

    /// Stages the relationship unless one of its kind, ends and `distinct` was staged before.
    /// An end before the start (a clerk's typo) is read as the start. Whether it was staged.
    @discardableResult
    mutating func edge(
        _ kind: RelationKind, _ from: EntityRef, _ target: EntityRef, validFrom: Day? = nil, validTo: Day? = nil, _ properties: JSONObject = JSONObject(),
        distinct: String = "", source: String, into sink: inout some GraphSink
    ) throws -> Bool {
        guard edges.insert("\(kind.rawValue)|\(from)|\(target)|\(distinct)").inserted else { return false }
        let end = validTo.map { end in validFrom.map { max($0, end) } ?? end }
        try sink.add(StagedEdge(kind: kind, from: from, to: target, validFrom: validFrom, validTo: end, properties: properties.json, source: source))
        report.relationships[kind.rawValue, default: 0] += 1
        return true
    }

    mutating func add(_ d: Docket, source: String, into sink: inout some GraphSink) throws {
        let caseRef = EntityRef(.case, d.key)
        let repeated = emittedCases.contains(d.key) || (pending[d.key]?.seen ?? 0) > 0
        if repeated { report.repeatedDockets += 1 } else { report.dockets += 1; report.byShape[d.shape.rawValue, default: 0] += 1 }
        try caseNode(d, caseRef, source: source, into: &sink)

        let court = try court(d.court, source: source, into: &sink)
        try edge(.heardIn, caseRef, court, source: source, into: &sink)

        if let name = d.assigned { try judge(name, .presides, of: d, court: d.court, on: d.filed, until: d.terminated, source: source, into: &sink) }
        if let name = d.referred { try judge(name, .referred, of: d, court: d.court, on: d.filed, until: d.terminated, source: source, into: &sink) }
        for name in d.panel { try judge(name, .panelMember, of: d, court: d.court, on: d.filed, until: d.terminated, source: source, into: &sink) }
        if let below = d.below, let name = below.judge, let belowCourt = below.court {
            try judge(name, .decidedBelow, of: d, court: belowCourt, on: below.filed, until: below.decided, source: source, into: &sink)
        }

        for party in d.parties {
            let name = PartyName(party.name)
            let kind: EntityKind = switch name.kind {
            case .person: .person
            case .organisation: .firm
            case .government: .agency
            }
            let ref = EntityRef(kind, "docket:\(d.court):\(name.key)")
            if !emitted.contains(ref) { partiesByCore["\(d.court)|\(name.core)", default: []].append((ref, party.name)) }
            var p = JSONObject()
            p.set("court", d.court)
            try node(ref, party.name, p.json, source, into: &sink)
            let proSe = party.attorneys.contains { $0.contact.proSe }
            var role = JSONObject()
            if let type = party.type { role.set("Role", type) }
            if let extra = party.extraInfo { role.set("extra_info", extra) }
            if let criminal = party.criminalData { role.set("criminal_data", json: criminal) }
            if proSe { role.set("pro_se", true) }
            if try edge(.partyTo, ref, caseRef, validFrom: d.filed, validTo: party.terminated ?? d.terminated, role, distinct: party.type ?? "", source: source, into: &sink) {
                report.partyAppearances += 1
                if proSe { report.proSe += 1 }
            }
            report.blankAttorneys += party.blankAttorneys
            for a in party.attorneys where !a.contact.proSe {
                try counsel(a, for: ref, in: d, caseRef, source: source, into: &sink)
            }
        }
    }

    var emittedCases = Set<String>()

    /// The case node, once: at once for a docket captured once, after its last capture for
    /// one captured several times (fields of later captures win, entries are merged).
    mutating func caseNode(_ d: Docket, _ ref: EntityRef, source: String, into sink: inout some GraphSink) throws {
        var c = pending[d.key] ?? PendingCase()
        c.seen += 1
        if c.source.isEmpty { c.source = source }
        c.name = d.caseName ?? c.name
        func set(_ k: String, _ v: String?) {
            guard let v else { return }
            if c.fields[k] == nil { c.order.append(k) }
            c.fields[k] = v
        }
        set("docket_number", JSONObject.quoted(d.number))
        set("court_id", JSONObject.quoted(d.court))
        set("shape", JSONObject.quoted(d.shape.rawValue))
        set("case_name", d.caseName.map(JSONObject.quoted))
        set("date_filed", d.filed.map { JSONObject.quoted($0.iso) })
        set("date_terminated", d.terminated.map { JSONObject.quoted($0.iso) })
        for (k, v) in d.fields { set(k, JSONObject.quoted(v)) }
        if !d.panel.isEmpty { set("panel", "[" + d.panel.map(JSONObject.quoted).joined(separator: ",") + "]") }
        set("originating_court_information", d.below?.json)
        for e in d.entries {
            let k = ["document_number", "pacer_seq_no", "date_filed", "description"].map { JSONField.text(e[$0]) ?? "" }.joined(separator: "|")
            if c.entries[k] == nil { c.entryOrder.append(k) }
            c.entries[k] = e
        }
        guard c.seen >= captures[d.key] ?? 1 else {
            pending[d.key] = c
            return
        }
        pending[d.key] = nil
        emittedCases.insert(d.key)
        var p = JSONObject()
        for k in c.order { p.set(k, json: c.fields[k]!) }
        let entries = c.entryOrder.map { c.entries[$0]! }
        let days = entries.compactMap { JSONField.day($0["date_filed"]) }
        p.set("entries_count", entries.count)
        if let first = days.min() { p.set("entries_first", first.iso) }
        if let last = days.max() { p.set("entries_last", last.iso) }
        var list: [UInt8] = [UInt8(ascii: "[")]
        for (i, e) in entries.enumerated() {
            if i > 0 { list.append(UInt8(ascii: ",")) }
            e.write(to: &list)
        }
        list.append(UInt8(ascii: "]"))
        p.set("entries", json: String(decoding: list, as: UTF8.self))
        try node(ref, c.name ?? d.key, p.json, c.source, into: &sink)
    }

    /// The court: Courts-DB's node when the store has it, else one of the dockets' own.
    mutating func court(_ id: String, source: String, into sink: inout some GraphSink) throws -> EntityRef {
        let ref = EntityRef(.court, id)
        if courtsSeen.insert(id).inserted {
            if knownCourts.contains(id) { report.courtsInStore += 1 } else { report.courtsAdded += 1 }
        }
        if !knownCourts.contains(id) {
            var p = JSONObject()
            p.set("court_id", id)
            try node(ref, id, p.json, source, into: &sink)
        }
        return ref
    }

    /// A judge named on the docket, tied to the case by `relation`.
    mutating func judge(
        _ name: String, _ relation: RelationKind, of d: Docket, court: String, on day: Day?, until end: Day?, source: String, into sink: inout some GraphSink
    ) throws {
        let cacheKey = "\(court)|\(name)|\(day?.iso ?? "")|\(end?.iso ?? "")"
        let resolution = resolutions[cacheKey] ?? directory?.resolve(name, court: court, from: day, to: end) ?? .unknown
        resolutions[cacheKey] = resolution
        var p = JSONObject()
        p.set("as_written", name)
        if relation == .decidedBelow { p.set("court", court) }
        let ref: EntityRef
        if case .resolved(let j) = resolution {
            ref = EntityRef(.judge, j.key)
            resolvedJudges.insert(j.key)
            report.judgeAppearancesResolved += 1
        } else {
            ref = EntityRef(.judge, "docket:\(court):\(JudgeDirectory.written(name).joined(separator: " "))")
            var n = JSONObject()
            n.set("court", court)
            n.set("as_written", name)
            var status = JudgeStatus.unresolved
            if case .candidates(let found) = resolution {
                status = .candidates
                n.set("directory_candidates", strings: found.map { "judge:" + $0.judge.key })
            }
            try node(ref, name, n.json, source, into: &sink)
            if judgeStatus[ref] == nil { judgeStatus[ref] = status }
            report.judgeAppearancesUnresolved += 1
            if case .candidates(let found) = resolution {
                for c in found {
                    var e = JSONObject()
                    // Serving at the court then makes a stronger candidate than the name alone.
                    e.set("score", number: c.reason.contains("did not serve") ? "0.6" : "0.8")
                    e.set("reason", c.reason)
                    if try edge(.possiblySameAs, ref, EntityRef(.judge, c.judge.key), e, source: source, into: &sink) { report.candidates += 1 }
                }
            }
        }
        try edge(relation, ref, EntityRef(.case, d.key), validFrom: day, validTo: end, p, source: source, into: &sink)
    }

    /// An attorney's appearance: the lawyer, their firm and contact data, `counsel_in` the case.
    mutating func counsel(_ a: Docket.Attorney, for party: EntityRef, in d: Docket, _ caseRef: EntityRef, source: String, into sink: inout some GraphSink) throws {
        let contact = a.contact
        let name = JudgeDirectory.tokens(a.name).joined(separator: " ")
        let firm = contact.firm.map { firm in (ref: EntityRef(.lawFirm, PartyName(firm).core), name: firm) }.flatMap { $0.ref.key.isEmpty ? nil : $0 }
        let email = contact.email.map(Normalize.email)
        let lawyer = EntityRef(.lawyer, [name, email ?? firm.map { "firm:" + $0.ref.key } ?? "court:" + d.court].joined(separator: "|"))
        try node(lawyer, a.name, "{}", source, into: &sink)
        if let firm {
            try node(firm.ref, firm.name, "{}", source, into: &sink)
            var w = JSONObject()
            if let office = contact.office { w.set("office", office) }
            try edge(.worksAt, lawyer, firm.ref, w, source: source, into: &sink)
        }
        // Registration data as the other importers share it (GRAS 2.6): an office's address is
        // the firm's, the phone and e-mail the lawyer's.
        let shared: [(EntityKind, RelationKind, String?, (String) -> String, EntityRef)] = [
            (.address, .registeredAt, contact.address, Normalize.words, firm?.ref ?? lawyer),
            (.phone, .hasPhone, contact.phone, { Normalize.phone($0, country: "US") }, lawyer),
            (.email, .hasEmail, contact.email, Normalize.email, lawyer),
        ]
        for (kind, relation, value, normal, holder) in shared {
            guard let value else { continue }
            let key = normal(value)
            guard !key.isEmpty else { continue }
            let ref = EntityRef(kind, key)
            try node(ref, value, "{}", source, into: &sink)
            try edge(relation, holder, ref, source: source, into: &sink)
        }
        var p = JSONObject()
        p.set("for", party.description)
        if !a.roles.isEmpty { p.set("Role", a.roles.joined(separator: ", ")) }
        if let firm { p.set("firm", firm.name) }
        if !a.contactText.isEmpty { p.set("contact", a.contactText) }
        if try edge(.counselIn, lawyer, caseRef, validFrom: d.filed, validTo: a.terminated ?? d.terminated, p, distinct: party.description, source: source, into: &sink) {
            report.counselAppearances += 1
        }
    }

    /// After the last docket: parties of one court whose names agree but for their legal form
    /// become candidates, and the judges are counted.
    mutating func finish(into sink: inout some GraphSink) throws {
        for (group, parties) in partiesByCore.sorted(by: { $0.key < $1.key }) where parties.count > 1 {
            let court = group.prefix { $0 != "|" }
            for other in parties.dropFirst() where other.ref.kind == parties[0].ref.kind {
                var e = JSONObject()
                e.set("score", number: "0.9")
                e.set("reason", "'\(parties[0].name)' and '\(other.name)' in \(court)'s dockets agree but for a legal form or an office in parentheses")
                if try edge(.possiblySameAs, parties[0].ref, other.ref, e, source: "dockets", into: &sink) { report.candidates += 1 }
            }
        }
        report.judgesResolved = resolvedJudges.count
        report.judgesWithCandidates = judgeStatus.values.count { $0 == .candidates }
        report.judgesUnresolved = judgeStatus.values.count { $0 == .unresolved }
    }
}

extension DocketReader {
    /// The shapes a report counts, in the order to print them.
    public static let shapes = Docket.Shape.allCases.map(\.rawValue)
}
