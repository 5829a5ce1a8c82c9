public import Foundation
import TramaGraph

/// Reads Beneficial Ownership Data Standard statements — 0.2/0.3 (`statementID`,
/// `statementType`) and 0.4 (`recordId`, `recordType`, `recordDetails`) — as a JSON array or
/// JSON Lines, gzip or not:
///
/// | BODS | Trama |
/// |---|---|
/// | entity statement | `firm` node (`agency` for a state body) |
/// | person statement | `person` node |
/// | ownership-or-control, interest `shareholding` | `owns` interested party → subject, `Share` (exact, else the range's middle) |
/// | interest `appointment-of-board`, `board-member`, `board-chair`, `senior-managing-official` | `director_of` |
/// | any other interest (voting rights, control, …) | `controls`, with the interest type |
/// | interest `startDate`/`endDate` | the edge's validity |
///
/// An entity's or person's key is its first identifier with a scheme, normalised
/// (``OrganizationIdentifier``, the jurisdiction reading ambiguous scheme names), so the same company from BODS and OCDS meets in
/// one node; without one, `bods:` and its statement id (0.2) or record id (0.4). A statement
/// named in a later statement's `replacesStatements` (0.2/0.3), or an earlier statement of the
/// same record (0.4), is superseded and not loaded; a record whose latest status is `closed`
/// ends its relationships on that date. A statement referring to a statement absent from the
/// files is rejected (the shared rule of every importer), naming the reference; with
/// ``keepUnresolved`` the reference becomes a node keyed by it, marked `unresolved`, never a
/// guess — registers publish extracts whose relationships point outside them.
///
/// Two passes over each file's mapped bytes: the first learns every statement's key and what
/// is superseded, the second emits; memory holds those maps, not the statements.
public struct BODSReader: Sendable {
    public let files: [URL]
    public var keepUnresolved: Bool

    public init(files: [URL], keepUnresolved: Bool = false) {
        self.files = files
        self.keepUnresolved = keepUnresolved
    }

    public struct Report: Sendable {
        /// Files, items and rejects.
        public var log = JSONReadLog()
        public init() {}
        public var entities = 0
        public var persons = 0
        public var relationships = 0
        public var interests = 0
        public var superseded = 0
        public var unresolved = 0
        /// Statements met again after their first reading, and skipped.
        public var duplicates = 0
    }

    enum Kind: String { case entity, person, relationship }

    /// What the first pass learns of one statement.
    struct Known {
        var ref: EntityRef
        var date: String
        var order: Int
    }


    /// The statement's kind, id (statement id for 0.2, record id for 0.4), date and details.
    static func parse(_ s: RawJSON) -> (kind: Kind, id: String, statement: String, date: String, details: RawJSON, v04: Bool)? {
        if let type = JSONField.text(s["recordType"]), let record = JSONField.text(s["recordId"]) {
            let kind: Kind? = type == "entity" ? .entity : type == "person" ? .person : type == "relationship" ? .relationship : nil
            guard let kind else { return nil }
            return (kind, record, JSONField.text(s["statementId"]) ?? record, JSONField.text(s["statementDate"]) ?? "", JSONField.object(s["recordDetails"]) ?? JSONTape.emptyObject, true)
        }
        guard let type = JSONField.text(s["statementType"]), let id = JSONField.text(s["statementID"]) ?? JSONField.text(s["statementId"]) else { return nil }
        let kind: Kind? =
            type.hasPrefix("entity") ? .entity : type.hasPrefix("person") ? .person : type.hasPrefix("ownership") ? .relationship : nil
        guard let kind else { return nil }
        return (kind, id, id, JSONField.text(s["statementDate"]) ?? "", s, false)
    }

    static func key(_ details: RawJSON, fallback: String) -> String {
        let jurisdiction = JSONField.object(details["incorporatedInJurisdiction"] ?? details["jurisdiction"])
        let country = JSONField.text(jurisdiction?["code"]) ?? JSONField.text(jurisdiction?["name"])
        for i in JSONField.array(details["identifiers"]) {
            if JSONField.text(i["scheme"]) != nil, let k = OrganizationIdentifier(scheme: JSONField.text(i["scheme"]), id: JSONField.text(i["id"]), country: country)?.key { return k }
        }
        return "bods:" + fallback
    }

    static func name(_ details: RawJSON) -> String? {
        if let n = JSONField.text(details["name"]) { return n }
        let names = JSONField.array(details["names"])
        if let n = names.first.flatMap({ JSONField.text($0["fullName"]) ?? [JSONField.text($0["givenName"]), JSONField.text($0["familyName"])].compactMap { $0 }.joined(separator: " ") }),
            !n.isEmpty
        {
            return n
        }
        return nil
    }

    public func read(into sink: inout some GraphSink, progress: ((IngestProgress) -> Void)? = nil) throws -> Report {
        var report = Report()
        var log = JSONReadLog()
        var known: [String: Known] = [:]
        var replaced = Set<String>()
        /// 0.4: the latest statement of each record.
        var latest: [String: (statement: String, date: String, order: Int, closed: Bool)] = [:]
        var order = 0
        let files = JSONObjectFiles(self.files, arrays: ["statements"])
        // Pass 1: keys, supersessions.
        files.scan { o in
            let s = o.value
            guard let p = Self.parse(s) else { return }
            order += 1
            for r in (s["replacesStatements"]?.elements ?? []).compactMap(\.text) { replaced.insert(r) }
            if p.v04 {
                let closed = JSONField.text(s["recordStatus"]) == "closed"
                if let l = latest[p.id], (l.date, l.order) > (p.date, order) { return }
                latest[p.id] = (p.statement, p.date, order, closed)
            }
            guard p.kind != .relationship else { return }
            let entityType = JSONField.text(JSONField.object(p.details["entityType"])?["type"]) ?? JSONField.text(p.details["entityType"]) ?? ""
            let kind: EntityKind = p.kind == .person ? .person : entityType == "stateBody" ? .agency : .firm
            let ref = EntityRef(kind, Self.key(p.details, fallback: p.id))
            if let k = known[p.id], (k.date, k.order) > (p.date, order) { return }
            known[p.id] = Known(ref: ref, date: p.date, order: order)
        }
        // Pass 2: nodes and edges of the statements still in force.
        var emitted = Set<EntityRef>()
        // A statement met again (the same file twice, plain and gzip) is loaded once.
        var statements = Set<String>()
        try files.read(log: &log, progress: progress) { log, o in
            let (item, s) = (o.item, o.value)
            guard let p = Self.parse(s) else {
                return log.reject(item, path: "statementType", reason: "not an entity, person or ownership-or-control statement (nor a BODS 0.4 record)")
            }
            if let problem = Self.firstProblem(s, details: p.details, v04: p.v04) { return log.reject(item, problem) }
            let source = "\(o.file):\(item.line)"
            guard statements.insert(p.statement).inserted else {
                report.duplicates += 1
                return
            }
            if replaced.contains(p.statement) || (p.v04 && latest[p.id]?.statement != p.statement) {
                report.superseded += 1
                return
            }
            let raw = s.json
            switch p.kind {
            case .entity, .person:
                guard let k = known[p.id], emitted.insert(k.ref).inserted else { return }
                if p.kind == .person { report.persons += 1 } else { report.entities += 1 }
                try sink.add(StagedNode(entity: k.ref, name: Self.name(p.details), properties: "{\"bods\":\(raw)}", source: source))
            case .relationship:
                /// A party's statement id, and where it is named.
                func reference(_ field: String) -> (id: String, path: String)? {
                    let v = p.details[field]
                    if p.v04 { return JSONField.text(v).map { ($0, field) } }
                    let o = JSONField.object(v)
                    if let id = JSONField.text(o?["describedByEntityStatement"]) { return (id, field + ".describedByEntityStatement") }
                    return JSONField.text(o?["describedByPersonStatement"]).map { ($0, field + ".describedByPersonStatement") }
                }
                if !keepUnresolved {
                    for field in ["subject", "interestedParty"] {
                        if let r = reference(field), known[r.id] == nil {
                            return log.reject(item, path: r.path, value: r.id, reason: "refers to a statement absent from the files (--keep-unresolved keeps it as an unresolved node)")
                        }
                    }
                }
                func party(_ v: RawJSON?) throws -> EntityRef? {
                    let o = JSONField.object(v)
                    let id = p.v04 ? JSONField.text(v) : JSONField.text(o?["describedByEntityStatement"]) ?? JSONField.text(o?["describedByPersonStatement"])
                    guard let id else { return nil }
                    if let k = known[id] { return k.ref }
                    let isPerson = !p.v04 && o?["describedByPersonStatement"] != nil
                    let ref = EntityRef(isPerson ? .person : .firm, "bods:" + id)
                    if emitted.insert(ref).inserted {
                        report.unresolved += 1
                        try sink.add(StagedNode(entity: ref, name: nil, properties: "{\"unresolved\":true}", source: source))
                    }
                    return ref
                }
                guard let subject = try party(p.details["subject"]) else { return log.reject(item, path: "subject", reason: "no subject to own or control") }
                // A statement of the wrong type: only an entity is owned or controlled, and a
                // party named as an entity (or a person) must be one.
                if subject.kind == .person {
                    return log.reject(item, path: "subject", value: JSONField.text(JSONField.object(p.details["subject"])?["describedByEntityStatement"]) ?? JSONField.text(p.details["subject"]) ?? "",
                                      reason: "refers to a person statement: only an entity can be owned or controlled")
                }
                if !p.v04, let o = JSONField.object(p.details["interestedParty"]) {
                    let asEntity = JSONField.text(o["describedByEntityStatement"]), asPerson = JSONField.text(o["describedByPersonStatement"])
                    if let id = asEntity, known[id]?.ref.kind == .person {
                        return log.reject(item, path: "interestedParty.describedByEntityStatement", value: id, reason: "refers to a person statement")
                    }
                    if let id = asPerson, let k = known[id], k.ref.kind != .person {
                        return log.reject(item, path: "interestedParty.describedByPersonStatement", value: id, reason: "refers to an entity statement")
                    }
                }
                report.relationships += 1
                guard let holder = try party(p.details["interestedParty"]) else {
                    // An unknown or anonymous owner: nothing to link, and nothing invented.
                    return
                }
                let closedOn = p.v04 && latest[p.id]?.closed == true ? Day(iso: p.date.prefix(10)) : nil
                for interest in JSONField.array(p.details["interests"]) {
                    let type = JSONField.text(interest["type"]) ?? "unknown-interest"
                    let kind: RelationKind =
                        type == "shareholding" ? .owns
                        : ["appointment-of-board", "board-member", "board-chair", "senior-managing-official"].contains(type) ? .directorOf : .controls
                    let share = JSONField.object(interest["share"])
                    let exact = share?["exact"]?.number
                    let range = [share?["minimum"]?.number, share?["maximum"]?.number].compactMap { $0 }
                    let percent = exact ?? (range.count == 2 ? (range[0] + range[1]) / 2 : range.first)
                    var props = "{\"interest\":\(JSONObject.quoted(type))"
                    if let percent { props += ",\"Share\":\(percent)" }
                    props += ",\"bods\":\(raw)}"
                    let from = JSONField.day(interest["startDate"])
                    let to = JSONField.day(interest["endDate"]) ?? closedOn
                    if let from, let to, to < from {
                        log.reject(item, path: "interests[].endDate", reason: "the interest ends (\(to.iso)) before it starts (\(from.iso))")
                        continue
                    }
                    report.interests += 1
                    try sink.add(StagedEdge(kind: kind, from: holder, to: subject, validFrom: from, validTo: to, properties: props, source: source))
                }
            }
        }
        report.log = log
        return report
    }

    /// The first value Trama reads from a statement that ``ValueRules`` refuse: its date, its
    /// interests' dates, and their shares (0 to 100).
    static func firstProblem(_ s: RawJSON, details: RawJSON, v04: Bool) -> ItemProblem? {
        if let t = s["statementDate"]?.string, !t.isEmpty, let r = ValueRules.dateProblem(t) {
            return ItemProblem(path: "statementDate", value: t, reason: r)
        }
        if let n = name(details), let r = ValueRules.lengthProblem(n) { return ItemProblem(path: "name", value: String(n.prefix(80)) + "…", reason: r) }
        let prefix = v04 ? "recordDetails.interests" : "interests"
        for (i, interest) in JSONField.array(details["interests"]).enumerated() {
            for key in ["startDate", "endDate"] {
                if let t = interest[key]?.string, !t.isEmpty, let r = ValueRules.dateProblem(t) {
                    return ItemProblem(path: "\(prefix)[\(i)].\(key)", value: t, reason: r)
                }
            }
            for key in ["exact", "minimum", "maximum"] {
                guard let v = JSONField.object(interest["share"])?[key] else { continue }
                guard let n = v.number else {
                    return ItemProblem(path: "\(prefix)[\(i)].share.\(key)", value: v.text ?? v.json, reason: ValueRules.notFinite)
                }
                if let r = ValueRules.shareProblem(n) { return ItemProblem(path: "\(prefix)[\(i)].share.\(key)", value: v.text ?? v.json, reason: r) }
            }
        }
        return nil
    }
}
