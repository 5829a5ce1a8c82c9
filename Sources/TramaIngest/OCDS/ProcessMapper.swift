import Foundation
import TramaGraph

/// One OCDS contracting process (a compiled release) as Trama nodes and edges; see
/// ``OCDSReader`` for the mapping.
struct ProcessMapper {
    let release: RawJSON
    /// The item as published (a record or compiled release), kept whole on the tender node; nil
    /// when the item held several processes, or for releases merged per process.
    let raw: RawJSON?
    let source: String
    let ocid: String
    var counts = (tenders: 0, bids: 0, awards: 0, contracts: 0)
    /// What this process's mapping inferred or left out rather than read as published.
    var inferred = OCDSReader.Inferences()
    /// Party id → the entity it became, or nil for a placeholder (no name, no identifier).
    private var parties: [String: EntityRef?] = [:]
    /// The process's `parties` by id (the first of an id), for the references to them.
    private let published: [String: RawJSON]

    init(release: RawJSON, raw: RawJSON? = nil, source: String) {
        self.release = release
        self.raw = raw
        self.source = source
        ocid = release["ocid"]?.string ?? ""
        var published: [String: RawJSON] = [:]
        for party in JSONField.array(release["parties"]) {
            if let id = JSONField.text(party["id"]), published[id] == nil { published[id] = party }
        }
        self.published = published
    }

    /// A value's `amount`, a number or a number written as text.
    static func amount(_ value: RawJSON?) -> Double? {
        guard let amount = JSONField.object(value)?["amount"] else { return nil }
        return amount.number ?? amount.string.flatMap { Double($0) }
    }

    /// Properties: the GRAS-named figures the screens read, plus the OCDS object whole, as
    /// published.
    static func properties(_ named: [(String, Any?)], ocds: RawJSON?) -> String {
        var o = JSONObject()
        for (k, v) in named {
            guard let v else { continue }
            switch v {
            case let d as Double: d.isFinite ? o.set(k, number: "\(d)") : o.set(k, json: "null")
            case let b as Bool: o.set(k, b)
            case let day as Day: o.set(k, day.iso)
            default: o.set(k, "\(v)")
            }
        }
        if let ocds { o.set("ocds", raw: ocds) }
        return o.json
    }

    /// The entity a party (or a party reference `{id, name}` with no parties section) becomes.
    ///
    /// A party published with a blank name and no identifier is a placeholder — some portals
    /// list one empty `tenderer` in every process — and becomes no entity: made one, it would "bid" in
    /// every tender of the file and enter the collusion screens as everyone's competitor. It
    /// stays in the process's published object and is counted in the import's report.
    mutating func party(_ ref: RawJSON, roles extra: [String] = [], into sink: inout some GraphSink, emitted: inout Set<EntityRef>) throws -> EntityRef? {
        guard let id = JSONField.text(ref["id"]) ?? JSONField.text(ref["name"]) else { return nil }
        if let known = parties[id] { return known }
        let full = published[id] ?? ref
        let roles = Set((full["roles"]?.elements ?? []).compactMap(\.string) + extra)
        let kind: EntityKind = roles.contains("buyer") || roles.contains("procuringEntity") ? .agency : .firm
        let identifier = JSONField.object(full["identifier"])
        let published = OrganizationIdentifier(
            scheme: JSONField.text(identifier?["scheme"]), id: JSONField.text(identifier?["id"]),
            country: JSONField.text(JSONField.object(full["address"])?["countryName"]))
        let name = JSONField.text(full["name"]) ?? JSONField.text(ref["name"])
        // Published nameless (a blank `name`) with no identifier. A party with no `name` at all
        // is still keyed by its `id`: cardinal-rs and many portals put an organisation's
        // identifier there and nothing else.
        let blankName = [full["name"], ref["name"]].contains { $0?.string?.trimmingCharacters(in: .whitespaces).isEmpty == true }
        if blankName, name?.trimmingCharacters(in: .whitespaces).isEmpty ?? true, published == nil {
            parties[id] = .some(nil)
            inferred.placeholderParties += 1
            inferred.note("\(source) \(ocid): party '\(id)' has a blank name and no identifier; not made an entity")
            return nil
        }
        let key = published?.key ?? id
        let entity = EntityRef(kind, key)
        parties[id] = entity
        if emitted.insert(entity).inserted {
            try sink.add(StagedNode(
                entity: entity, name: name,
                properties: Self.properties([("roles", roles.sorted().joined(separator: ",")), ("identifierProblem", published?.problem)], ocds: full),
                source: source))
            // Registration data, shared nodes as the GRAS firms table makes them (GRAS 2.6).
            let address = JSONField.object(full["address"])
            let street = [address?["streetAddress"], address?["locality"], address?["postalCode"]].compactMap(JSONField.text).joined(separator: ", ")
            let contact = JSONField.object(full["contactPoint"])
            let country = JSONField.text(address?["countryName"])
            let entries: [(EntityKind, RelationKind, String, (String) -> String)] = [
                (EntityKind.address, RelationKind.registeredAt, street, Normalize.words),
                (.phone, .hasPhone, JSONField.text(contact?["telephone"]) ?? "", { Normalize.phone($0, country: country) }),
                (.email, .hasEmail, JSONField.text(contact?["email"]) ?? "", Normalize.email),
            ]
            for (kind, relation, value, normal) in entries {
                let key = normal(value)
                guard !key.isEmpty else { continue }
                let node = EntityRef(kind, key)
                if emitted.insert(node).inserted { try sink.add(StagedNode(entity: node, name: value, properties: "{}", source: source)) }
                try sink.add(StagedEdge(kind: relation, from: entity, to: node, validFrom: nil, validTo: nil, properties: "{}", source: source))
            }
        }
        return entity
    }

    /// Several organisations on one bid or award: a consortium node, its members tied to it.
    mutating func bidder(_ refs: [RawJSON], label: String, into sink: inout some GraphSink, emitted: inout Set<EntityRef>) throws -> EntityRef? {
        let members = try refs.compactMap { try party($0, roles: ["tenderer"], into: &sink, emitted: &emitted) }
        guard members.count > 1 else { return members.first }
        let consortium = EntityRef(.consortium, members.map(\.key).sorted().joined(separator: "+"))
        if emitted.insert(consortium).inserted {
            try sink.add(StagedNode(
                entity: consortium, name: "Consortium of " + refs.compactMap { JSONField.text($0["name"]) ?? JSONField.text($0["id"]) }.joined(separator: ", "),
                properties: "{}", source: source))
            for m in members {
                try sink.add(StagedEdge(kind: .memberOfConsortium, from: m, to: consortium, validFrom: nil, validTo: nil, properties: Self.properties([("in", label)], ocds: nil), source: source))
            }
        }
        return consortium
    }

    mutating func map(into sink: inout some GraphSink, emitted: inout Set<EntityRef>) throws {
        let tender = JSONField.object(release["tender"]) ?? JSONTape.emptyObject
        let lots = JSONField.array(tender["lots"])
        let bids = JSONField.array(JSONField.object(release["bids"])?["details"])
        let awards = JSONField.array(release["awards"])
        let contracts = JSONField.array(release["contracts"])
        // Each lot is a competition of its own when bids or awards name lots.
        let lotted = !lots.isEmpty && (bids.contains { Self.lotReferences($0) != nil } || awards.contains { Self.lotReferences($0) != nil })
        func tenderRef(lot: String?) -> EntityRef { EntityRef(.tender, lot.map { "\(ocid)/\($0)" } ?? ocid) }
        let published = JSONField.day(JSONField.object(tender["tenderPeriod"])?["startDate"]) ?? JSONField.day(tender["datePublished"]) ?? JSONField.day(release["date"])
        let classification = JSONField.text(JSONField.object(JSONField.array(tender["items"]).first?["classification"])?["id"]) ?? JSONField.text(tender["mainProcurementCategory"])
        var tenders: [(ref: EntityRef, lot: String?)] = []
        if lotted {
            for lot in lots {
                guard let id = JSONField.text(lot["id"]) else { continue }
                let ref = tenderRef(lot: id)
                tenders.append((ref, id))
                guard emitted.insert(ref).inserted else { continue }
                try sink.add(StagedNode(
                    entity: ref, name: JSONField.text(lot["title"]) ?? ref.key,
                    properties: Self.properties([
                        ("PublicationDate", published), ("EstimatedPrice", Self.amount(lot["value"])), ("ProductCode", classification),
                        ("ProcurementMethod", JSONField.text(tender["procurementMethod"])), ("ocid", ocid), ("lot", id),
                    ], ocds: lot), source: source))
            }
        } else {
            let ref = tenderRef(lot: nil)
            tenders.append((ref, nil))
            if emitted.insert(ref).inserted {
            try sink.add(StagedNode(
                entity: ref, name: JSONField.text(tender["title"]) ?? ocid,
                properties: Self.properties([
                    ("PublicationDate", published), ("EstimatedPrice", Self.amount(tender["value"])), ("ProductCode", classification),
                    ("ProcurementMethod", JSONField.text(tender["procurementMethod"])), ("ocid", ocid),
                ], ocds: raw ?? release), source: source))
            }
        }
        counts.tenders = tenders.count
        if lotted { inferred.lotsSplit += tenders.count }
        let lotIDs = Set(tenders.compactMap(\.lot))
        /// The tenders (lots) a bid or an award is for; nil, with a note, when that cannot be
        /// told — a guess would put a bid on a lot it was not placed on.
        func targets(_ o: RawJSON, _ what: String) -> [EntityRef]? {
            guard lotted else { return [tenders[0].ref] }
            guard let ids = Self.lotReferences(o) else {
                if tenders.count == 1 { return [tenders[0].ref] }
                inferred.undeterminedLots += 1
                inferred.note("\(source) \(ocid): \(what) names no lot of the \(tenders.count); not linked to any")
                return nil
            }
            let unknown = ids.filter { !lotIDs.contains($0) }
            guard !ids.isEmpty, unknown.isEmpty else {
                inferred.undeterminedLots += 1
                let named = ids.isEmpty ? "an unreadable lot reference" : "lot \(unknown.map { "'\($0)'" }.joined(separator: ", ")), not a lot of the process"
                inferred.note("\(source) \(ocid): \(what) names \(named); not linked to any")
                return nil
            }
            return ids.map { tenderRef(lot: $0) }
        }
        // The buyer procures every tender of the process.
        let buyerRef = JSONField.object(release["buyer"]) ?? JSONField.object(tender["procuringEntity"])
        if let b = buyerRef, let agency = try party(b, roles: ["buyer"], into: &sink, emitted: &emitted) {
            for t in tenders { try sink.add(StagedEdge(kind: .procures, from: agency, to: t.ref, validFrom: published, validTo: nil, properties: "{}", source: source)) }
        }
        // Who won what: active (or pending) awards' suppliers per tender.
        var winners: [EntityRef: Set<EntityRef>] = [:]
        var awardSupplier: [String: EntityRef] = [:]
        for (i, award) in awards.enumerated() where !["cancelled", "unsuccessful"].contains(JSONField.text(award["status"]) ?? "") {
            let suppliers = JSONField.array(award["suppliers"])
            guard let s = try bidder(suppliers, label: "award", into: &sink, emitted: &emitted) else { continue }
            counts.awards += 1
            awardSupplier[Self.awardID(award, i)] = s
            for t in targets(award, "award '\(Self.awardID(award, i))'") ?? [] { winners[t, default: []].insert(s) }
        }
        // Bids: the details when published, else the tenderers list.
        var bidders: [EntityRef: Set<EntityRef>] = [:]
        for (i, bid) in bids.enumerated() {
            guard let b = try bidder(JSONField.array(bid["tenderers"]), label: "bid", into: &sink, emitted: &emitted) else { continue }
            for t in targets(bid, "bid '\(JSONField.text(bid["id"]) ?? "#\(i)")'") ?? [] {
                bidders[t, default: []].insert(b)
                counts.bids += 1
                try sink.add(StagedEdge(
                    kind: .bid, from: b, to: t, validFrom: JSONField.day(bid["date"]) ?? published, validTo: nil,
                    properties: Self.properties([
                        ("BidValue", Self.amount(bid["value"])), ("BidDate", JSONField.day(bid["date"])), ("AwardBid", winners[t]?.contains(b) == true),
                        ("status", JSONField.text(bid["status"])),
                    ], ocds: bid), source: source))
            }
        }
        if bids.isEmpty {
            for tenderer in JSONField.array(tender["tenderers"]) {
                guard let b = try party(tenderer, roles: ["tenderer"], into: &sink, emitted: &emitted) else { continue }
                // `tender.tenderers` is the process's: which of several lots each bid on is not
                // published. The lots it won get a bid from the award below; the others none.
                if tenders.count > 1 {
                    inferred.undeterminedLots += 1
                    inferred.note("\(source) \(ocid): tenderer '\(b.key)' — which of the \(tenders.count) lots it bid on is not published; bids only where it won")
                    continue
                }
                for t in tenders where bidders[t.ref, default: []].insert(b).inserted {
                    counts.bids += 1
                    inferred.bidsFromTenderers += 1
                    try sink.add(StagedEdge(
                        kind: .bid, from: b, to: t.ref, validFrom: published, validTo: nil,
                        properties: Self.properties([("AwardBid", winners[t.ref]?.contains(b) == true)], ocds: tenderer), source: source))
                }
            }
        }
        // A winner with no bid recorded still competed: its award is its bid.
        for (t, ws) in winners {
            for w in ws where !(bidders[t]?.contains(w) ?? false) {
                counts.bids += 1
                inferred.bidsFromAwards += 1
                try sink.add(StagedEdge(
                    kind: .bid, from: w, to: t, validFrom: published, validTo: nil, properties: Self.properties([("AwardBid", true), ("fromAward", true)], ocds: nil),
                    source: source))
            }
        }
        // Contracts, else one per award.
        var contracted = Set<String>()
        for contract in contracts {
            guard let id = JSONField.text(contract["id"]) else { continue }
            let award = JSONField.text(contract["awardID"])
            if let award { contracted.insert(award) }
            let supplier = award.flatMap { awardSupplier[$0] } ?? (awardSupplier.count == 1 ? awardSupplier.values.first : nil)
            let awardObject = JSONField.array(release["awards"]).first { JSONField.text($0["id"]) == award }
            // A contract is under the lots of its award; with no award, under the process when
            // it is one competition.
            let under = awardObject.map { targets($0, "contract '\(id)' (its award)") ?? [] } ?? (lotted ? [] : tenders.map(\.ref))
            try addContract(
                key: "\(ocid)/\(id)", object: contract, supplier: supplier, tenders: under,
                value: Self.amount(contract["value"]) ?? awardObject.flatMap { Self.amount($0["value"]) },
                day: JSONField.day(contract["dateSigned"]) ?? JSONField.day(JSONField.object(contract["period"])?["startDate"]), into: &sink, emitted: &emitted)
        }
        for (i, award) in awards.enumerated() where !contracted.contains(Self.awardID(award, i)) {
            let id = Self.awardID(award, i)
            guard let supplier = awardSupplier[id] else { continue }
            try addContract(
                key: "\(ocid)/award/\(id)", object: award, supplier: supplier, tenders: targets(award, "award '\(id)'") ?? [], value: Self.amount(award["value"]),
                day: JSONField.day(award["date"]), into: &sink, emitted: &emitted)
        }
    }

    /// The lots a bid, award or contract names, as publishers write them: the standard
    /// `relatedLots` (an array of lot ids), or `relatedLot`; each as a string, an array of
    /// strings, an object or an array of objects with `id` or `lotId`. nil when it names none;
    /// empty when it names them in a shape that holds no id.
    static func lotReferences(_ o: RawJSON) -> [String]? {
        guard let value = o["relatedLots"] ?? o["relatedLot"] else { return nil }
        func id(_ v: RawJSON) -> String? {
            if v.isObject { return JSONField.text(v["id"]) ?? JSONField.text(v["lotId"]) ?? JSONField.text(v["lotID"]) }
            return JSONField.text(v)
        }
        let ids = (value.isArray ? value.elements : [value]).compactMap(id)
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }

    /// The first value Trama reads from `release` that ``ValueRules`` refuse: the dates a
    /// tender, bid, award or contract is dated by, and the amounts they state. The rest of the
    /// process is kept as published, unchecked.
    static func firstProblem(_ release: RawJSON) -> ItemProblem? {
        func date(_ v: RawJSON?, _ path: String) -> ItemProblem? {
            guard let t = v?.string, !t.isEmpty, let r = ValueRules.dateProblem(t) else { return nil }
            return ItemProblem(path: path, value: t, reason: r)
        }
        func amount(_ holder: RawJSON?, _ path: String) -> ItemProblem? {
            guard let n = JSONField.object(JSONField.object(holder)?["value"])?["amount"], !n.isNull else { return nil }
            let value: Double
            if let number = n.number {
                value = number
            } else if let text = n.string {
                switch ValueRules.number(text) {
                case let .success(d): value = d
                case let .failure(p): return ItemProblem(path: path + ".value.amount", value: text, reason: p.reason)
                }
            } else {
                return ItemProblem(path: path + ".value.amount", value: n.json, reason: ValueRules.notFinite)
            }
            return ValueRules.amountProblem(value).map { ItemProblem(path: path + ".value.amount", value: n.text ?? n.json, reason: $0) }
        }
        for (i, party) in JSONField.array(release["parties"]).enumerated() {
            if let name = party["name"]?.string, let r = ValueRules.lengthProblem(name) {
                return ItemProblem(path: "parties[\(i)].name", value: String(name.prefix(80)) + "…", reason: r)
            }
        }
        let tender = JSONField.object(release["tender"])
        if let title = tender?["title"]?.string, let r = ValueRules.lengthProblem(title) {
            return ItemProblem(path: "tender.title", value: String(title.prefix(80)) + "…", reason: r)
        }
        if let p = date(release["date"], "date") ?? date(tender?["datePublished"], "tender.datePublished")
            ?? date(JSONField.object(tender?["tenderPeriod"])?["startDate"], "tender.tenderPeriod.startDate") ?? amount(tender, "tender")
        {
            return p
        }
        for (i, lot) in JSONField.array(tender?["lots"]).enumerated() { if let p = amount(lot, "tender.lots[\(i)]") { return p } }
        for (i, bid) in JSONField.array(JSONField.object(release["bids"])?["details"]).enumerated() {
            if let p = date(bid["date"], "bids.details[\(i)].date") ?? amount(bid, "bids.details[\(i)]") { return p }
        }
        for (i, award) in JSONField.array(release["awards"]).enumerated() {
            if let p = date(award["date"], "awards[\(i)].date") ?? amount(award, "awards[\(i)]") { return p }
        }
        for (i, c) in JSONField.array(release["contracts"]).enumerated() {
            if let p = date(c["dateSigned"], "contracts[\(i)].dateSigned")
                ?? date(JSONField.object(c["period"])?["startDate"], "contracts[\(i)].period.startDate") ?? amount(c, "contracts[\(i)]")
            {
                return p
            }
        }
        return nil
    }

    /// An award's id, else its position (`#0`, `#1`…) in the process's awards.
    static func awardID(_ award: RawJSON, _ index: Int) -> String { JSONField.text(award["id"]) ?? "#\(index)" }

    mutating func addContract(
        key: String, object: RawJSON, supplier: EntityRef?, tenders: [EntityRef], value: Double?, day: Day?, into sink: inout some GraphSink,
        emitted: inout Set<EntityRef>
    ) throws {
        let c = EntityRef(.contract, key)
        // A contract listed twice in one process is one contract.
        guard emitted.insert(c).inserted else { return }
        counts.contracts += 1
        try sink.add(StagedNode(
            entity: c, name: JSONField.text(object["title"]) ?? key,
            properties: Self.properties([("ContractValue", value), ("ContractDate", day), ("ocid", ocid)], ocds: object), source: source))
        for t in tenders {
            try sink.add(StagedEdge(kind: .awardedUnder, from: c, to: t, validFrom: day, validTo: nil, properties: "{}", source: source))
        }
        if let supplier {
            try sink.add(StagedEdge(
                kind: .holdsContract, from: supplier, to: c, validFrom: day, validTo: nil, properties: Self.properties([("ContractValue", value)], ocds: nil),
                source: source))
        }
    }
}
