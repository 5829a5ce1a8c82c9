public import Foundation
import TramaGraph

/// Reads FollowTheMoney entities as Aleph and OpenSanctions export them (JSON Lines of
/// `{"id", "schema", "properties": {name: [values]}}`), keeping FtM's schema and property names:
/// things become nodes, interstitial entities become edges from their `edge.source` property
/// to their `edge.target` property (as FtM's schema declares them), with their dates.
///
/// | FtM schema | Trama |
/// |---|---|
/// | Company, Organization, LegalEntity | `firm` |
/// | PublicBody | `agency` |
/// | Person | `person` |
/// | Address | `address` (`addressEntity` → `registered_at`) |
/// | Contract / CourtCase | `contract` / `case` |
/// | Vessel, RealEstate, BankAccount, Security, … (assets) | `asset` |
/// | documents, notes, events, … | `record` (kept, with their properties) |
/// | Ownership, Control, Directorship, Employment, Membership, Family, Associate, Representation, Payment, Debt, Succession, UnknownLink, Occupancy, … | `owns`, `controls`, `director_of`, `employed_by`, `member_of`, `relative_of`, `associate_of`, `represents`, `paid`, `owes`, `succeeded_by`, `linked_to` |
/// | ContractAward, CourtCaseParty | `holds_contract`, `party_to` |
/// | Sanction | `sanctioned_by` a `sanctioning_body` named by `authority` |
///
/// Any other property whose value is the id of an entity in the files becomes a `linked_to`
/// edge named by the property, so no reference is lost; such an edge, and an `addressEntity`'s
/// `registered_at`, cite the entity they come from (its id and source URL) rather than carry
/// it. A schema name FollowTheMoney does not define is rejected with its line. Keys are `ftm:`
/// and the entity id, or the LEI (`XI-LEI-…`, org-id.guide's scheme) when the entity has one,
/// or its registry number in its jurisdiction's scheme (``registries``: `gb` +
/// `registrationNumber` → `GB-COH-…`).
///
/// Entities Trama exported (TramaExport's FollowTheMoney format) come back as the graph they
/// were: each carries, in its `summary`, a Trama record, `{"trama":{"kind":…,"key":…,"properties":{…}}}`
/// (an edge's without a key; a Sanction's with `"to"`, the id of the sanctioning body's entity).
/// For a thing the record's kind and key replace the schema's kind and the derived key, and its
/// properties replace `{"schema","ftm"}`; for an interstitial or a Sanction the record's relation
/// kind replaces the schema's, and its properties replace `{"schema",…,"ftm"}` (no `Share` or
/// `value` added: the export's own `Share` and `value` are among them), and a Sanction links to
/// the record's body rather than making one from `authority`. Endpoints, dates and names are read
/// as from any FollowTheMoney file; a thing's references to other entities are not read as
/// edges, since the export writes every edge as an entity of its own. A record that is not well
/// formed, or names a kind Trama does not have, rejects its entity with the line. Properties are
/// re-encoded with sorted keys, the same JSON to PostgreSQL's `jsonb`.
public struct FtMReader: Sendable {
    public let files: [URL]

    public init(files: [URL]) { self.files = files }

    public struct Report: Sendable {
        /// Files, items and rejects.
        public var log = JSONReadLog()
        public init() {}
        public var nodes = 0
        public var edges = 0
        public var bySchema: [String: Int] = [:]
    }

    /// Interstitial schemas: source property, target property, relation.
    static let interstitials: [String: (source: String, target: String, relation: RelationKind)] = [
        "Ownership": ("owner", "asset", .owns), "Control": ("controller", "controlled", .controls),
        "Directorship": ("director", "organization", .directorOf), "Employment": ("employee", "employer", .employedBy),
        "Membership": ("member", "organization", .memberOf), "Family": ("person", "relative", .relativeOf),
        "Associate": ("person", "associate", .associateOf), "Representation": ("agent", "client", .represents),
        "Payment": ("payer", "beneficiary", .paid), "Debt": ("debtor", "creditor", .owes), "Succession": ("predecessor", "successor", .succeededBy),
        "UnknownLink": ("subject", "object", .linkedTo), "Occupancy": ("holder", "post", .linkedTo), "Documentation": ("document", "entity", .linkedTo),
        "ProjectParticipant": ("participant", "project", .linkedTo), "ContractAward": ("supplier", "contract", .holdsContract),
        "CourtCaseParty": ("party", "case", .partyTo), "Similar": ("candidate", "match", .linkedTo),
    ]

    static let things: [String: EntityKind] = [
        "Company": .firm, "Organization": .firm, "LegalEntity": .firm, "PublicBody": .agency, "Person": .person, "Address": .address,
        "Contract": .contract, "CourtCase": .case, "Vessel": .asset, "Airplane": .asset, "Vehicle": .asset, "RealEstate": .asset,
        "BankAccount": .asset, "Security": .asset, "CryptoWallet": .asset, "Asset": .asset, "UserAccount": .asset, "Project": .record,
        "Position": .record, "Identification": .record, "Passport": .record, "License": .record, "TaxRoll": .record, "Event": .record,
        "Trip": .record, "Call": .record, "Note": .record, "Mention": .record, "Article": .record, "Document": .record, "PlainText": .record,
        "HyperText": .record, "Image": .record, "Video": .record, "Audio": .record, "Table": .record, "Workbook": .record, "Folder": .record,
        "Package": .record, "Pages": .record, "Page": .record, "Email": .record, "Message": .record, "EconomicActivity": .record,
        "Risk": .record, "CallForTenders": .record, "Territory": .record, "Thing": .record, "Value": .record, "Interval": .record,
        "Interest": .record, "Analyzable": .record,
    ]

    /// Registry numbers FtM keeps in generic properties, read as the scheme of the entity's
    /// jurisdiction, so a Company from Aleph meets the same firm from a national register.
    static let registries: [(jurisdiction: String, property: String, scheme: String)] = [
        ("gb", "registrationNumber", "GB-COH"), ("dk", "registrationNumber", "DK-CVR"), ("mx", "taxNumber", "MX-RFC"),
        ("py", "taxNumber", "PY-RUC"), ("co", "taxNumber", "CO-NIT"),
    ]

    /// The entity's LEI, else its registry number in its jurisdiction's scheme, as one key.
    static func registryKey(_ e: Properties) -> String? {
        if let lei = e.values("leiCode").first, let i = OrganizationIdentifier(scheme: "XI-LEI", id: lei) { return i.key }
        let jurisdictions = e.values("jurisdiction")
        guard !jurisdictions.isEmpty else { return nil }
        let lowered = Set(jurisdictions.map { $0.lowercased() })
        for r in registries where lowered.contains(r.jurisdiction) {
            if let number = e.values(r.property).first, let i = OrganizationIdentifier(scheme: r.scheme, id: number) { return i.key }
        }
        return nil
    }

    /// What a Trama export keeps in an entity's `summary` (see the type's documentation).
    struct TramaRecord {
        var kind: String
        var key: String?
        /// A Sanction's body: the id of its entity in the files.
        var to: String?
        /// The properties, as JSON with sorted keys.
        var properties: String

        /// The node a thing's record names, if its kind is one Trama has and it has a key.
        var entity: EntityRef? {
            guard let k = EntityKind(rawValue: kind), let key, !key.isEmpty else { return nil }
            return EntityRef(k, key)
        }
    }

    static let tramaRecordPrefix = "{\"trama\":"

    enum TramaRecordRead {
        case record(TramaRecord)
        case malformed(ItemProblem)
    }

    /// The Trama record of an entity Trama exported; nil when it carries none.
    static func tramaRecord(_ e: Properties) -> TramaRecordRead? {
        for (i, text) in e.values("summary").enumerated() where text.hasPrefix(tramaRecordPrefix) {
            guard let t = JSONField.object((try? JSONTape(Array(text.utf8)))?.root["trama"]), let kind = t["kind"]?.string,
                let properties = JSONField.object(t["properties"])
            else {
                return .malformed(ItemProblem(path: "properties.summary[\(i)]", value: String(text.prefix(80)), reason: "is not a well-formed Trama record"))
            }
            return .record(TramaRecord(kind: kind, key: t["key"]?.string, to: t["to"]?.string, properties: sortedJSON(properties)))
        }
        return nil
    }

    /// JSON text of a value with every object's keys sorted, so the same record reads as the
    /// same text in every process whatever order it was written in.
    static func sortedJSON(_ value: RawJSON) -> String {
        if value.isObject {
            var last: [String: RawJSON] = [:]
            for (k, v) in value.members { last[k] = v }
            return "{" + last.keys.sorted().map { JSONObject.quoted($0) + ":" + sortedJSON(last[$0]!) }.joined(separator: ",") + "}"
        }
        if value.isArray { return "[" + value.elements.map(sortedJSON).joined(separator: ",") + "]" }
        // A string with its escapes written one way; a number, true, false or null as written.
        return value.string.map(JSONObject.quoted) ?? value.json
    }

    /// An entity's `properties` object, found once: every property read by name after that is
    /// looked up in it, not in the whole entity again (a mapping reads a dozen).
    struct Properties {
        let object: RawJSON?

        init(_ entity: RawJSON) { object = entity["properties"] }

        /// The list written last under `name`, as `jsonb` keeps it.
        subscript(name: String) -> RawJSON? { object?[name] }

        /// A property's values as text: strings, numbers, and the ids of nested entities.
        func values(_ name: String) -> [String] { texts(self[name]) }

        /// Each property once (the list written last), sorted by name.
        var byName: [(name: String, list: RawJSON)] {
            var seen = Set<String>()
            return (object?.members ?? []).reversed().filter { seen.insert($0.key).inserted }.map { (name: $0.key, list: $0.value) }
                .sorted { $0.name < $1.name }
        }
    }

    /// A property's list of values as text.
    static func texts(_ list: RawJSON?) -> [String] {
        (list?.elements ?? []).compactMap { v in
            if let s = v.string { return s }
            if v.isNumber { return v.text }
            return v["id"]?.string
        }
    }


    /// What one entity becomes, worked out apart from every other (on any thread) and applied
    /// to the sink and the log in file order.
    enum Effect {
        /// A thing's node; staged the first time its entity is met.
        case thing(StagedNode)
        /// A sanctioning body named by a Sanction's `authority`; staged the first time its name is met.
        case authority(StagedNode)
        case edge(StagedEdge)
        case reject(ItemProblem)
        /// One more entity of this schema read.
        case schema(String)
    }

    /// Reads the files in two passes — every thing's id first, then each entity mapped — each
    /// on up to `workers` threads (default: one per core), in windows of entities whose results
    /// are applied in file order: the rows, problems and rejects are those of one thread.
    public func read(into sink: inout some GraphSink, progress: ((IngestProgress) -> Void)? = nil, workers: Int? = nil) throws -> Report {
        let workers = workers ?? Parallelism.processorCount
        var report = Report()
        var log = JSONReadLog()
        let files = JSONObjectFiles(self.files, arrays: ["entities"])
        // Pass 1: every thing's id → the entity it becomes.
        progress?(IngestProgress(phase: "learning every entity's id (a first pass over the files)"))
        var refs: [String: EntityRef] = [:]
        files.scan(workers: workers) { o -> (id: String, ref: EntityRef)? in
            guard let id = o.value["id"]?.string, let schema = o.value["schema"]?.string, let kind = Self.things[schema] else { return nil }
            let properties = Properties(o.value)
            if let record = Self.tramaRecord(properties) {
                guard case .record(let r) = record, let ref = r.entity else { return nil }
                return (id, ref)
            }
            return (id, EntityRef(kind, Self.registryKey(properties) ?? "ftm:" + id))
        } keep: { refs[$0.id] = $0.ref }
        var emitted = Set<EntityRef>(minimumCapacity: refs.count)
        var authorities = Set<String>()
        try files.read(log: &log, progress: progress, workers: workers) { [refs] o in
            Self.effects(of: o, refs: refs)
        } apply: { log, o, effects in
            for effect in effects {
                switch effect {
                case .thing(let node):
                    guard emitted.insert(node.entity).inserted else { continue }
                    try sink.add(node)
                    report.nodes += 1
                case .authority(let node):
                    guard authorities.insert(node.entity.key).inserted else { continue }
                    try sink.add(node)
                    report.nodes += 1
                case .edge(let edge):
                    try sink.add(edge)
                    report.edges += 1
                case .reject(let problem): log.reject(o.item, problem)
                case .schema(let schema): report.bySchema[schema, default: 0] += 1
                }
            }
        }
        report.log = log
        return report
    }

    /// The nodes, edges and rejections one entity makes, given every thing's entity by id.
    static func effects(of o: JSONObjectFiles.Object, refs: [String: EntityRef]) -> [Effect] {
        var effects: [Effect] = []
        let e = o.value
        func reject(_ path: String, _ reason: String) { effects.append(.reject(ItemProblem(path: path, value: "", reason: reason))) }
        guard let id = e["id"]?.string, !id.isEmpty else {
            reject("id", "an entity without an id")
            return effects
        }
        guard let schema = e["schema"]?.string else {
            reject("schema", "an entity without a schema")
            return effects
        }
        guard e["properties"]?.isObject ?? true else {
            reject("properties", "expected an object of lists")
            return effects
        }
        let properties = Properties(e)
        if let problem = Self.firstProblem(properties) { return [.reject(problem)] }
        let record: TramaRecord?
        switch Self.tramaRecord(properties) {
        case .malformed(let problem)?: return [.reject(problem)]
        case .record(let r)?: record = r
        case nil: record = nil
        }
        // The relation a Trama record names, or a rejection; `fallback` without a record.
        func relation(_ fallback: RelationKind) -> RelationKind? {
            guard let record else { return fallback }
            guard let kind = RelationKind(rawValue: record.kind) else {
                reject("properties.summary", "the Trama record names '\(record.kind)', which is not a Trama relationship kind")
                return nil
            }
            return kind
        }
        let source = "\(o.file):\(o.item.line)"
        let raw = e.json
        // The dates every edge of the entity is valid between (an end before the start is
        // dropped), read once for all of them.
        let start = JSONField.day(properties.values("startDate").first ?? properties.values("date").first)
        let end = JSONField.day(properties.values("endDate").first).flatMap { t in start.map { t < $0 } == true ? nil : t }
        func edge(_ kind: RelationKind, _ from: EntityRef, _ to: EntityRef, extra: String = "", ftm: String? = nil) {
            effects.append(.edge(StagedEdge(
                kind: kind, from: from, to: to, validFrom: start, validTo: end,
                properties: record?.properties ?? "{\"schema\":\(JSONObject.quoted(schema))\(extra),\"ftm\":\(ftm ?? raw)}", source: source)))
        }
        if let link = Self.interstitials[schema] {
            guard let kind = relation(link.relation) else { return effects }
            effects.append(.schema(schema))
            let froms = properties.values(link.source)
            let tos = properties.values(link.target)
            guard !froms.isEmpty, !tos.isEmpty else {
                reject("properties.\(froms.isEmpty ? link.source : link.target)", "\(schema) without its \(froms.isEmpty ? link.source : link.target)")
                return effects
            }
            var extra = ""
            // Checked by firstProblem: finite, a share from 0 to 100, an amount not negative.
            if let pct = properties.values("percentage").first.flatMap({ try? ValueRules.number(Self.percentText($0)).get() }) { extra += ",\"Share\":\(pct)" }
            if let amount = (properties.values("amountEur").first ?? properties.values("amount").first).flatMap({ try? ValueRules.number($0).get() }) {
                extra += ",\"value\":\(amount)"
            }
            for f in froms {
                for t in tos {
                    guard let a = refs[f], let b = refs[t] else {
                        reject("properties.\(refs[f] == nil ? link.source : link.target)", "refers to entity \(refs[f] == nil ? f : t), which is not in the files")
                        continue
                    }
                    edge(kind, a, b, extra: extra)
                }
            }
            return effects
        }
        if schema == "Sanction", let record {
            guard let kind = relation(.sanctionedBy) else { return effects }
            guard let to = record.to, let body = refs[to] else {
                reject("properties.summary", "the Trama record's sanctioning body \(record.to ?? "(none)") is not in the files")
                return effects
            }
            effects.append(.schema(schema))
            for target in properties.values("entity") {
                guard let a = refs[target] else {
                    reject("properties.entity", "refers to entity \(target), which is not in the files")
                    continue
                }
                edge(kind, a, body)
            }
            return effects
        }
        if schema == "Sanction" {
            effects.append(.schema(schema))
            let authority = properties.values("authority").first
            let body = EntityRef(.sanctioningBody, Normalize.words(authority ?? "unknown authority"))
            effects.append(.authority(StagedNode(entity: body, name: authority, properties: "{}", source: source)))
            for target in properties.values("entity") {
                guard let a = refs[target] else {
                    reject("properties.entity", "refers to entity \(target), which is not in the files")
                    continue
                }
                edge(.sanctionedBy, a, body)
            }
            return effects
        }
        if Self.things[schema] != nil, let record, record.entity == nil {
            reject("properties.summary", "the Trama record names '\(record.kind)' without a key, or a kind Trama does not have")
            return effects
        }
        guard Self.things[schema] != nil, let ref = refs[id] else {
            reject("schema", "'\(schema)' is not a FollowTheMoney schema")
            return effects
        }
        effects.append(.schema(schema))
        let name = properties.values("name").first ?? properties.values("full").first ?? properties.values("title").first
        effects.append(.thing(StagedNode(entity: ref, name: name, properties: record?.properties ?? "{\"schema\":\(JSONObject.quoted(schema)),\"ftm\":\(raw)}", source: source)))
        // A thing Trama wrote has its every edge written as an entity of its own.
        guard record == nil else { return effects }
        // References to other entities: addresses as registration, the rest as named links.
        // In property order, each property once (the last of a name written twice, as jsonb keeps).
        // Such an edge cites the entity it was read from (its id, and its source URL for the
        // evidence) rather than carrying all of it again: the entity is on its node, once.
        let cited = Self.citation(id: id, sourceURL: properties["sourceUrl"])
        for (property, list) in properties.byName {
            for v in Self.texts(list) {
                guard v != id, let other = refs[v] else { continue }
                if property == "addressEntity" {
                    edge(.registeredAt, ref, other, ftm: cited)
                } else {
                    edge(.linkedTo, ref, other, extra: ",\"property\":\(JSONObject.quoted(property))", ftm: cited)
                }
            }
        }
        return effects
    }

    /// What a thing's reference edge keeps of the thing: `{"id":…}`, with
    /// `"properties":{"sourceUrl":[…]}` when it has one, as published.
    static func citation(id: String, sourceURL: RawJSON?) -> String {
        "{\"id\":\(JSONObject.quoted(id))" + (sourceURL.map { ",\"properties\":{\"sourceUrl\":\($0.json)}" } ?? "") + "}"
    }

    /// "25%" → "25".
    static func percentText(_ v: String) -> String { v.replacingOccurrences(of: "%", with: "") }

    /// The first property value Trama reads that ``ValueRules`` refuse: the dates an edge is
    /// valid between and a person's birth date (partial dates, `2021` or `2021-02`, are
    /// FollowTheMoney's own and accepted), amounts (finite, not negative) and percentages.
    static func firstProblem(_ e: Properties) -> ItemProblem? {
        // One pass over the properties the rules read, in the order the rules are listed.
        let rules = Self.propertyRules
        var found: [(rule: Int, problem: ItemProblem)] = []
        for (rule, list) in e.object?.members(among: Self.ruledProperties) ?? [] {
            let property = rules[rule].property
            for (i, v) in Self.texts(list).enumerated() {
                guard let reason = rules[rule].check(v) else { continue }
                let shown = rule < 3 ? String(v.prefix(80)) + "…" : v
                found.append((rule, ItemProblem(path: "properties.\(property)[\(i)]", value: shown, reason: reason)))
                break
            }
        }
        return found.min { $0.rule < $1.rule }?.problem
    }

    /// The properties whose values ``firstProblem(_:)`` checks, with the rule for each, in the
    /// order problems are reported.
    static let propertyRules: [(property: String, check: @Sendable (String) -> String?)] = [
        ("name", { ValueRules.lengthProblem($0) }), ("full", { ValueRules.lengthProblem($0) }), ("title", { ValueRules.lengthProblem($0) }),
        ("startDate", { ValueRules.dateProblem($0, partial: true) }), ("endDate", { ValueRules.dateProblem($0, partial: true) }),
        ("date", { ValueRules.dateProblem($0, partial: true) }), ("birthDate", { ValueRules.dateProblem($0, partial: true) }),
        ("amount", { amountProblem($0) }), ("amountEur", { amountProblem($0) }), ("amountUsd", { amountProblem($0) }),
        ("percentage", { percentageProblem($0) }),
    ]

    /// The names of ``propertyRules``, in their order.
    static let ruledProperties = propertyRules.map(\.property)

    static func amountProblem(_ v: String) -> String? {
        switch ValueRules.number(v) {
        case let .success(d): ValueRules.amountProblem(d)
        case let .failure(p): p.reason
        }
    }

    static func percentageProblem(_ v: String) -> String? {
        switch ValueRules.number(percentText(v)) {
        case let .success(d): ValueRules.shareProblem(d)
        case let .failure(p): p.reason
        }
    }
}
