import Foundation
public import TramaGraph
import TramaModel
public import TramaStore

/// One entity, everything the data says about it, in a document that can be filed: identity
/// and identifiers from every source (merged records included), owners and holdings with
/// effective shares, red flags with their evidence, tenders bid, won and lost, political and
/// judicial ties, the rest of its relationships, its neighbourhood, and the sources — the
/// per-entity report Aleph users ask for (Aleph #2633).
public struct DossierQuery: Sendable {
    public var entity: String
    /// Ties valid on this date only (ownership and relationships); all by default.
    public var at: Day?
    /// The most relationships listed; a hub's are cut (and the dossier says so).
    public var relationshipLimit = 2000

    public init(entity: String, at: Day? = nil) {
        self.entity = entity
        self.at = at
    }

    public func run(on graph: CSRGraph, store: Store, version: GraphVersion?, generated: String) throws -> Dossier {
        let (ref, _) = try EntityResolver(store: store).node(entity, in: graph)
        let profile = try EntityAnswer.load(ref, graph: graph, store: store)
        var ties = RelationshipsQuery(at: at)
        ties.limit = relationshipLimit
        let all = try ties.run(ref, graph: graph, store: store)
        let owners = try OwnershipQuery(entity: ref.reference, direction: .owners, at: at).run(on: graph, store: store)
        let holdings = try OwnershipQuery(entity: ref.reference, direction: .holdings, at: at).run(on: graph, store: store)
        let merged = try store.execute(.mergedRecords, [ref.kind, ref.key]).rows.map {
            Dossier.MergedRecord(
                entity: EntityInfo(kind: $0[0]!, key: $0[1]!, name: $0[2]), properties: .raw($0[3] ?? "{}"), dataset: $0[4], source: $0[5], mergedAt: $0[6]!)
        }
        var sections: [Dossier.Section: [RelationshipsAnswer.Tie]] = [:]
        for t in all.relationships { sections[Dossier.Section(kind: t.relationship.kind), default: []].append(t) }
        let versions = try store.versions()
        let used = Set(all.relationships.map(\.relationship.dataset) + [profile.dataset] + merged.compactMap(\.dataset))
        let sources = EvidenceReport.DatasetSource.used(used, in: versions, upTo: version?.id)
        var command = ["trama", "dossier", EvidenceQuery.shellQuoted(ref.reference)]
        if let at { command += ["--at", at.iso] }
        if let version { command += ["--as-of", String(version.id)] }
        return Dossier(
            generated: generated, command: (command + ["--reproducible", "-o", "FOLDER"]).joined(separator: " "), at: at?.iso,
            graph: .init(version: version, nodes: graph.nodeCount, edges: graph.edgeCount), profile: profile, mergedRecords: merged,
            owners: owners, holdings: holdings, tenders: Dossier.TenderRecord.summary(sections[.procurement] ?? []),
            sections: Dossier.Section.allCases.compactMap { s in sections[s].map { Dossier.Ties(section: s, ties: $0) } },
            relationshipsTotal: all.page.total, sources: sources)
    }
}

/// What `trama dossier` writes as `dossier.json` and `GET /api/v1/entities/{ref}/dossier` answers.
public struct Dossier: Answer {
    /// The groups a dossier lists an entity's relationships in.
    public enum Section: String, Codable, Sendable, CaseIterable, Comparable {
        case ownership, procurement, political, judicial, people, contact, other

        init(kind: String) {
            switch RelationKind(rawValue: kind) {
            case .owns, .controls, .directorOf, .declaredShareholding, .memberOfGroup, .memberOfConsortium: self = .ownership
            case .bid, .holdsContract, .awardedUnder, .procures, .sanctionedBy: self = .procurement
            case .memberOfParty, .donatedTo, .declaredPost, .paid: self = .political
            case .servesAt, .presides, .referred, .panelMember, .decidedBelow, .heardIn, .partyTo, .counselIn, .worksAt, .clerkedFor, .appointed: self = .judicial
            case .relativeOf, .declaredRelative, .associateOf, .employedBy, .legalRepresentativeOf, .accountantOf, .represents, .memberOf: self = .people
            case .registeredAt, .hasPhone, .hasEmail, .hasWebsite: self = .contact
            default: self = .other
            }
        }

        public var title: String {
            switch self {
            case .ownership: "Ownership, control and groups"
            case .procurement: "Procurement and sanctions"
            case .political: "Political ties: parties, donations, posts, payments"
            case .judicial: "Judicial ties: courts, cases, judges, lawyers"
            case .people: "People: family, employment, associates, representation"
            case .contact: "Addresses and contact details"
            case .other: "Other relationships"
            }
        }

        public static func < (a: Section, b: Section) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
    }

    public struct Ties: Codable, Sendable, Hashable {
        public var section: Section
        public var ties: [RelationshipsAnswer.Tie]
    }

    /// A record entity resolution folded into this entity, as it was.
    public struct MergedRecord: Codable, Sendable, Hashable {
        public var entity: EntityInfo
        public var properties: JSONValue
        public var dataset: String?
        public var source: String?
        public var mergedAt: String

        enum CodingKeys: String, CodingKey { case entity, properties, dataset, source, mergedAt = "merged_at" }
    }

    /// One tender the entity bid in or a contract it holds, with the value and outcome stated.
    public struct TenderRecord: Codable, Sendable, Hashable {
        public var tender: EntityInfo
        public var relationship: String
        public var value: Double?
        /// `won`, `lost`, or null when the record does not say.
        public var outcome: String?
        public var date: String?
        public var dataset: String
        public var source: String

        static func summary(_ ties: [RelationshipsAnswer.Tie]) -> [TenderRecord] {
            ties.compactMap { t in
                let r = t.relationship
                guard r.kind == RelationKind.bid.rawValue || r.kind == RelationKind.holdsContract.rawValue else { return nil }
                let object = (try? JSONDecoder().decode([String: JSONValue].self, from: Data(r.properties.compact.utf8))) ?? [:]
                func number(_ k: String) -> Double? {
                    switch object[k] {
                    case let .number(n): Double(n)
                    case let .string(s): Double(s)
                    default: nil
                    }
                }
                let outcome: String? =
                    switch object["AwardBid"] {
                    case let .bool(won): won ? "won" : "lost"
                    case .number("1"): "won"
                    case .number("0"): "lost"
                    default: r.kind == RelationKind.holdsContract.rawValue ? "won" : nil
                    }
                return TenderRecord(
                    tender: t.other, relationship: r.kind, value: number("BidValue") ?? number("ContractValue"), outcome: outcome, date: r.validFrom,
                    dataset: r.dataset, source: r.source)
            }
        }
    }

    /// When the dossier was made (fixed by `--reproducible`).
    public var generated: String
    public var command: String
    public var at: String?
    public var graph: EvidenceReport.GraphState
    /// Identity, properties, its own record's source, every dataset tying to it, ties by kind, flags.
    public var profile: EntityAnswer
    public var mergedRecords: [MergedRecord]
    public var owners: OwnershipAnswer
    public var holdings: OwnershipAnswer
    public var tenders: [TenderRecord]
    public var sections: [Ties]
    /// All its relationships (the sections list at most ``DossierQuery/relationshipLimit``).
    public var relationshipsTotal: Int
    public var sources: [EvidenceReport.DatasetSource]
    public var notice = Dossier.notice

    enum CodingKeys: String, CodingKey {
        case generated, command, at, graph, profile, mergedRecords = "merged_records", owners, holdings, tenders, sections
        case relationshipsTotal = "relationships_total", sources, notice
    }

    public static let notice =
        "This dossier lists what the sources named below recorded about this entity. A relationship, a shared owner or a red flag is a "
        + "lead for review, not proof of wrongdoing. Information about natural persons is personal data: handle it accordingly."
}
