import TramaModel

/// FollowTheMoney entities as JSON Lines (`{"id","schema","properties":{name:[values]}}`), with
/// FtM's own schema and property names, so Aleph and OpenSanctions' tools take the file as it is,
/// and TramaIngest's `FtMReader` reads it back into the same graph.
///
/// | Trama node kind | FtM schema |
/// |---|---|
/// | `firm` | Company |
/// | `agency`, `court` | PublicBody |
/// | `person`, `judge`, `lawyer`, `candidate` | Person |
/// | `party`, `sanctioning_body`, `economic_group`, `consortium`, `school` | Organization |
/// | `case` / `contract` / `tender` / `address` / `asset` | CourtCase / Contract / CallForTenders / Address / Asset |
/// | `record`, `phone`, `email`, `website`, any other kind | Note |
///
/// A node's name is `name` (and `title` for Contract and CallForTenders, `full` for Address,
/// the properties FtM captions those by). A legal entity keyed by an identifier FtM has a
/// property for carries it there, as FtM tools match on them: `XI-LEI-…` as `leiCode`;
/// `GB-COH-…`, `DK-CVR-…` as `registrationNumber` and `MX-RFC-…`, `PY-RUC-…`, `CO-NIT-…` as
/// `taxNumber`, each with its `jurisdiction` (the reader's own rule read backwards, so even
/// without the Trama record below such a key comes back).
///
/// | Trama edge kind | FtM schema (source → target property) |
/// |---|---|
/// | `owns`, `declared_shareholding` | Ownership (owner → asset), `percentage` ← `Share` |
/// | `controls` | Control (controller → controlled) |
/// | `director_of` | Directorship (director → organization) |
/// | `employed_by`, `declared_post`, `serves_at` | Employment (employee → employer) |
/// | `member_of`, `member_of_party`, `member_of_group`, `member_of_consortium` | Membership (member → organization) |
/// | `relative_of`, `declared_relative` | Family (person → relative), `relationship` ← `relation` |
/// | `associate_of` | Associate (person → associate) |
/// | `represents`, `legal_representative_of` | Representation (agent → client) |
/// | `paid`, `donated_to` | Payment (payer → beneficiary), `amount` ← `value` |
/// | `owes` | Debt (debtor → creditor), `amount` ← `value` |
/// | `succeeded_by` | Succession (predecessor → successor) |
/// | `holds_contract` | ContractAward (supplier → contract), `amount` ← `value` |
/// | `party_to` | CourtCaseParty (party → case), `role` ← `role` |
/// | `sanctioned_by` | Sanction (`entity`; `authority` is the body's name) |
/// | any other (`bid`, `procures`, `registered_at`, `linked_to`, …), or one whose endpoints' schemas are outside the FtM ranges of its schema | UnknownLink (subject → object), `role` = the kind |
///
/// Dates go to `startDate` and `endDate`; the dataset to `publisher` (FtM's "publishing source")
/// and the day it was imported to `retrievedAt`.
///
/// What FtM has no place for rides in `summary` as JSON:
/// `{"trama":{"kind":…,"key":…,"source":…,"properties":{…}}}` for a node,
/// `{"trama":{"kind":…,"id":…,"source":…,"properties":{…}}}` for an edge (a Sanction's also with
/// `"to"`, the FtM id of the sanctioning body, which FtM's Sanction names only by text).
/// `summary` because both things (Thing) and relationships (Interval) have it, so one place
/// serves both; it is `text` (65,000 characters), not matchable, so it never sways entity
/// matching; and it is seldom filled by sources (OpenSanctions prefers `notes`), so it leaves
/// `notes` and `description` to the people editing the entities. The reader restores kind, key
/// and properties from it exactly (FtM alone could not: Trama has kinds FtM lacks, and keys FtM
/// would derive differently). A kind outside Trama's vocabulary (`EntityKind`, `RelationKind`)
/// is written all the same, as a Note or an UnknownLink, but does not read back.
///
/// Ids must match FtM's pattern (`[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?`, at most 200 characters):
/// - a node keyed `ftm:ID` (read from FtM) keeps `ID`, so the export meets the upstream Aleph or
///   OpenSanctions entity, and the reader's own rule (`ftm:` + id) gives back its key;
/// - any other node's id is its reference with every byte outside `[0-9A-Za-z-]` written `.HH`
///   (`firm:MX-RFC-ABC` → `firm.3AMX-RFC-ABC`), cut and suffixed with a hash past 200 characters;
/// - an edge's is `trama-edge-` and its store id.
/// An id already taken gets `-2`, `-3`, … in reference order.
enum FtMFormat {
    struct Link {
        var schema: String
        var source: String
        var target: String
        var sourceRange: String
        var targetRange: String
    }

    static let schemas: [String: String] = [
        EntityKind.firm.rawValue: "Company", EntityKind.agency.rawValue: "PublicBody", EntityKind.court.rawValue: "PublicBody",
        EntityKind.person.rawValue: "Person", EntityKind.judge.rawValue: "Person", EntityKind.lawyer.rawValue: "Person",
        EntityKind.candidate.rawValue: "Person", EntityKind.party.rawValue: "Organization", EntityKind.sanctioningBody.rawValue: "Organization",
        EntityKind.economicGroup.rawValue: "Organization", EntityKind.consortium.rawValue: "Organization", EntityKind.school.rawValue: "Organization",
        EntityKind.case.rawValue: "CourtCase", EntityKind.contract.rawValue: "Contract", EntityKind.tender.rawValue: "CallForTenders",
        EntityKind.address.rawValue: "Address", EntityKind.asset.rawValue: "Asset",
    ]

    /// The FtM schemata each schema written here is (itself and its ancestors that are ranges).
    static let isA: [String: Set<String>] = [
        "Company": ["Company", "Organization", "LegalEntity", "Asset", "Thing"], "PublicBody": ["PublicBody", "Organization", "LegalEntity", "Thing"],
        "Organization": ["Organization", "LegalEntity", "Thing"], "Person": ["Person", "LegalEntity", "Thing"], "CourtCase": ["CourtCase", "Thing"],
        "Contract": ["Contract", "Asset", "Thing"], "CallForTenders": ["CallForTenders", "Thing"], "Address": ["Address", "Thing"],
        "Asset": ["Asset", "Thing"], "Note": ["Note", "Thing"],
    ]

    static let links: [String: Link] = {
        let ownership = Link(schema: "Ownership", source: "owner", target: "asset", sourceRange: "LegalEntity", targetRange: "Asset")
        let employment = Link(schema: "Employment", source: "employee", target: "employer", sourceRange: "Person", targetRange: "Organization")
        let membership = Link(schema: "Membership", source: "member", target: "organization", sourceRange: "LegalEntity", targetRange: "Organization")
        let family = Link(schema: "Family", source: "person", target: "relative", sourceRange: "Person", targetRange: "Person")
        let representation = Link(schema: "Representation", source: "agent", target: "client", sourceRange: "LegalEntity", targetRange: "LegalEntity")
        let payment = Link(schema: "Payment", source: "payer", target: "beneficiary", sourceRange: "LegalEntity", targetRange: "LegalEntity")
        let table: [(RelationKind, Link)] = [
            (.owns, ownership), (.declaredShareholding, ownership),
            (.controls, Link(schema: "Control", source: "controller", target: "controlled", sourceRange: "LegalEntity", targetRange: "LegalEntity")),
            (.directorOf, Link(schema: "Directorship", source: "director", target: "organization", sourceRange: "LegalEntity", targetRange: "Organization")),
            (.employedBy, employment), (.declaredPost, employment), (.servesAt, employment),
            (.memberOf, membership), (.memberOfParty, membership), (.memberOfGroup, membership), (.memberOfConsortium, membership),
            (.relativeOf, family), (.declaredRelative, family),
            (.associateOf, Link(schema: "Associate", source: "person", target: "associate", sourceRange: "Person", targetRange: "Person")),
            (.represents, representation), (.legalRepresentativeOf, representation),
            (.paid, payment), (.donatedTo, payment),
            (.owes, Link(schema: "Debt", source: "debtor", target: "creditor", sourceRange: "LegalEntity", targetRange: "LegalEntity")),
            (.succeededBy, Link(schema: "Succession", source: "predecessor", target: "successor", sourceRange: "LegalEntity", targetRange: "LegalEntity")),
            (.holdsContract, Link(schema: "ContractAward", source: "supplier", target: "contract", sourceRange: "LegalEntity", targetRange: "Contract")),
            (.partyTo, Link(schema: "CourtCaseParty", source: "party", target: "case", sourceRange: "Thing", targetRange: "CourtCase")),
        ]
        return Dictionary(uniqueKeysWithValues: table.map { ($0.0.rawValue, $0.1) })
    }()

    static let unknownLink = Link(schema: "UnknownLink", source: "subject", target: "object", sourceRange: "Thing", targetRange: "Thing")

    static func schema(ofKind kind: String) -> String { schemas[kind] ?? "Note" }

    static func write(_ g: PreparedGraph) -> String {
        let ids = allocateIDs(g)
        let imported = Dictionary(g.datasets.map { ($0.name, String($0.importedAt.prefix(10))) }, uniquingKeysWith: { a, _ in a })
        func provenance(_ dataset: String, into p: inout [String: [String]]) {
            if !dataset.isEmpty { p["publisher"] = [dataset] }
            if let day = imported[dataset], isDay(day) { p["retrievedAt"] = [day] }
        }
        var out = ""
        for n in g.nodes {
            let schema = schema(ofKind: n.kind)
            var p: [String: [String]] = [:]
            if let name = n.name, !name.isEmpty {
                p["name"] = [name]
                if schema == "Contract" || schema == "CallForTenders" { p["title"] = [name] }
                if schema == "Address" { p["full"] = [name] }
            }
            if isA[schema]?.contains("LegalEntity") == true { identifiers(n.key, into: &p) }
            provenance(n.dataset, into: &p)
            p["summary"] = [record([
                .init(key: "kind", value: .string(n.kind)), .init(key: "key", value: .string(n.key)), .init(key: "source", value: .string(n.source)),
                .init(key: "properties", value: .object(n.properties)),
            ])]
            out += line(id: ids.nodes[n.reference]!, schema: schema, p)
        }
        for e in g.edges {
            let fromSchema = schema(ofKind: g.nodes[g.nodeIndex[e.from]!].kind)
            let toSchema = schema(ofKind: g.nodes[g.nodeIndex[e.to]!].kind)
            var p: [String: [String]] = [:]
            if let d = e.validFrom, !d.isEmpty { p["startDate"] = [d] }
            if let d = e.validTo, !d.isEmpty { p["endDate"] = [d] }
            provenance(e.dataset, into: &p)
            var trama: [JSONValue.Member] = [
                .init(key: "kind", value: .string(e.kind)), .init(key: "id", value: .number(String(e.id))), .init(key: "source", value: .string(e.source)),
            ]
            let schema: String
            if e.kind == RelationKind.sanctionedBy.rawValue {
                schema = "Sanction"
                p["entity"] = [ids.nodes[e.from]!]
                let body = g.nodes[g.nodeIndex[e.to]!]
                p["authority"] = [body.name ?? body.key]
                trama.append(.init(key: "to", value: .string(ids.nodes[e.to]!)))
            } else {
                var link = links[e.kind] ?? unknownLink
                if !(isA[fromSchema]?.contains(link.sourceRange) ?? false) || !(isA[toSchema]?.contains(link.targetRange) ?? false) { link = unknownLink }
                schema = link.schema
                p[link.source] = [ids.nodes[e.from]!]
                p[link.target] = [ids.nodes[e.to]!]
                native(e, schema: schema, into: &p)
            }
            trama.append(.init(key: "properties", value: .object(e.properties)))
            p["summary"] = [record(trama)]
            out += line(id: ids.edges[e.id]!, schema: schema, p)
        }
        return out
    }

    /// FtM's own properties for what Trama's edge properties say, where FtM has one, so FtM
    /// tools show a share or an amount; checked as the reader checks them (a share from 0 to
    /// 100, an amount finite and not negative) so the file always reads back.
    static func native(_ e: PreparedGraph.Edge, schema: String, into p: inout [String: [String]]) {
        func value(_ names: [String]) -> AttributeValue? {
            for m in e.properties where names.contains(m.key) {
                switch m.value {
                case .number(let n): return .number(n)
                case .string(let s) where !s.isEmpty: return .string(s)
                default: continue
                }
            }
            return nil
        }
        func number(_ names: [String], _ ok: (Double) -> Bool) -> String? {
            guard let v = value(names), let d = Double(v.text.replacing("%", with: "")), d.isFinite, ok(d) else { return nil }
            return v.text
        }
        switch schema {
        case "Ownership": if let s = number(["Share", "share"], { (0...100).contains($0) }) { p["percentage"] = [s] }
        case "Payment", "Debt", "ContractAward": if let a = number(["value"], { $0 >= 0 }) { p["amount"] = [a] }
        case "Family": if case .string(let r)? = value(["relation"]) { p["relationship"] = [r] }
        case "CourtCaseParty": if case .string(let r)? = value(["role"]) { p["role"] = [r] }
        case "UnknownLink": if e.kind != RelationKind.linkedTo.rawValue { p["role"] = [e.kind] }
        default: break
        }
    }

    /// Key prefix, FtM property, jurisdiction.
    static let identifierSchemes: [(prefix: String, property: String, jurisdiction: String?)] = [
        ("XI-LEI-", "leiCode", nil), ("GB-COH-", "registrationNumber", "gb"), ("DK-CVR-", "registrationNumber", "dk"),
        ("MX-RFC-", "taxNumber", "mx"), ("PY-RUC-", "taxNumber", "py"), ("CO-NIT-", "taxNumber", "co"),
    ]

    static func identifiers(_ key: String, into p: inout [String: [String]]) {
        guard let s = identifierSchemes.first(where: { key.hasPrefix($0.prefix) && key.count > $0.prefix.count }) else { return }
        p[s.property] = [String(key.dropFirst(s.prefix.count))]
        if let j = s.jurisdiction { p["jurisdiction"] = [j] }
    }

    static func record(_ members: [JSONValue.Member]) -> String { JSONValue.object([.init(key: "trama", value: .object(members))]).compact }

    static func line(id: String, schema: String, _ properties: [String: [String]]) -> String {
        var out = "{\"id\":\(JSONValue.quoted(id)),\"schema\":\(JSONValue.quoted(schema)),\"properties\":{"
        for (i, k) in properties.keys.sorted(by: byBytes).enumerated() {
            if i > 0 { out += "," }
            out += JSONValue.quoted(k) + ":" + JSONValue.array(properties[k]!.map { .string($0) }).compact
        }
        return out + "}}\n"
    }

    // MARK: - Ids

    static func allocateIDs(_ g: PreparedGraph) -> (nodes: [String: String], edges: [Int64: String]) {
        var taken = Set<String>()
        func claim(_ preferred: String) -> String {
            var id = preferred
            var n = 2
            while !taken.insert(id).inserted {
                id = preferred + "-\(n)"
                n += 1
            }
            return id
        }
        var nodes: [String: String] = [:]
        for n in g.nodes {
            if n.key.hasPrefix("ftm:"), case let raw = String(n.key.dropFirst(4)), isValidID(raw), !taken.contains(raw) {
                nodes[n.reference] = claim(raw)
            } else {
                nodes[n.reference] = claim(encodedID(n.reference))
            }
        }
        var edges: [Int64: String] = [:]
        for e in g.edges { edges[e.id] = claim("trama-edge-\(e.id)") }
        return (nodes, edges)
    }

    static func isValidID(_ s: String) -> Bool {
        let b = Array(s.utf8)
        func alnum(_ c: UInt8) -> Bool { (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) }
        guard let first = b.first, let last = b.last, b.count <= 200, alnum(first), alnum(last) else { return false }
        return b.allSatisfy { alnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// The reference with bytes outside `[0-9A-Za-z-]` as `.HH`; made to start and end with a
    /// letter or digit and to fit 200 characters (a long one cut, with a hash of the whole).
    static func encodedID(_ reference: String) -> String {
        var out = ""
        for c in reference.utf8 {
            if (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || c == UInt8(ascii: "-") {
                out.unicodeScalars.append(Unicode.Scalar(c))
            } else {
                let hex = String(c, radix: 16, uppercase: true)
                out += "." + (hex.count == 1 ? "0" : "") + hex
            }
        }
        if out.hasSuffix("-") { out = String(out.dropLast()) + ".2D" }
        if !isValidID(out) || out.utf8.count > 200 {
            if let f = out.utf8.first, !((0x30...0x39).contains(f) || (0x41...0x5A).contains(f) || (0x61...0x7A).contains(f)) { out = "t" + out }
            if out.utf8.count > 200 {
                var cut = String(out.prefix(180))
                // Not in the middle of a `.HH`.
                if let dot = cut.lastIndex(of: "."), cut.distance(from: dot, to: cut.endIndex) <= 2 { cut = String(cut[..<dot]) }
                while let l = cut.last, !(l.isASCII && (l.isLetter || l.isNumber)) { cut.removeLast() }
                out = cut + "-" + fnv1a(reference)
            }
        }
        return out
    }

    /// 64-bit FNV-1a as 16 hex digits: a stable tail that keeps cut ids apart.
    static func fnv1a(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
