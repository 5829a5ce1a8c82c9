import Foundation
import TramaModel
public import TramaGraph
public import TramaRender
public import TramaStore

/// A saved investigation (`schema/0011_investigations.sql`): a named set of entities its owner
/// built one neighbour at a time, with a pin and a note per entity, and the relationships among
/// them as the graph has them on the date asked for.
public struct Investigation: Answer, Hashable {
    /// What a user may do with an investigation: its owner everything (share, rename, delete);
    /// those it is shared with to edit change its entities; to read, look and merge it into
    /// their own.
    public enum Access: String, Codable, Sendable, Hashable, Comparable {
        case read, edit, owner

        private var rank: Int { [Access.read, .edit, .owner].firstIndex(of: self)! }
        public static func < (a: Access, b: Access) -> Bool { a.rank < b.rank }
    }

    public struct Member: Codable, Sendable, Hashable {
        public var kind: String
        public var key: String
        /// Nil when the entity has no name, or the data no longer holds it.
        public var name: String?
        public var pinned: Bool
        public var note: String
        /// False when a re-import or a merge removed the entity: it stays listed, with its note.
        public var inData: Bool

        enum CodingKeys: String, CodingKey { case kind, key, name, pinned, note, inData = "in_data" }

        public var reference: String { "\(kind):\(key)" }
        public var entity: EntityInfo { EntityInfo(kind: kind, key: key, name: name) }
    }

    public struct Share: Codable, Sendable, Hashable {
        public var tokenID: Int
        public var name: String
        public var access: Access

        enum CodingKeys: String, CodingKey { case tokenID = "token_id", name, access }
    }

    public var id: Int
    public var name: String
    public var ownerID: Int
    public var ownerName: String
    /// UTC, to the second.
    public var createdAt: String
    public var updatedAt: String
    /// What the user who asked may do.
    public var access: Access
    /// The date the relationships are valid at (YYYY-MM-DD); nil for any date.
    public var at: String?
    public var entities: [Member]
    /// Every relationship among the entities (valid at `at`).
    public var relationships: [EdgeInfo]
    /// Whom the owner shared it with (shown to the owner only).
    public var shares: [Share]

    enum CodingKeys: String, CodingKey {
        case id, name, ownerID = "owner_id", ownerName = "owner_name", createdAt = "created_at", updatedAt = "updated_at", access, at,
            entities, relationships, shares
    }

    /// The investigation as a map: pinned entities emphasised, every relationship among them.
    public func map() -> NetworkMap {
        let nodes = entities.filter(\.inData).map { $0.entity.mapNode($0.pinned ? .endpoint : .normal) }
        let pinned = entities.filter(\.pinned).count
        var sub = ["\(nodes.count) entities, \(relationships.count) relationships"]
        if pinned > 0 { sub.append("\(pinned) pinned") }
        if let at { sub.append("as of \(at)") }
        return NetworkMap(title: name, subtitle: sub.joined(separator: " · "), nodes: nodes, edges: relationships.map { $0.mapEdge() })
    }
}

/// One line of a user's list of investigations.
public struct InvestigationSummary: Codable, Sendable, Hashable {
    public var id: Int
    public var name: String
    public var ownerName: String
    public var access: Investigation.Access
    public var entities: Int
    public var updatedAt: String

    enum CodingKeys: String, CodingKey { case id, name, ownerName = "owner_name", access, entities, updatedAt = "updated_at" }
}

public struct InvestigationList: Answer, Hashable {
    public var investigations: [InvestigationSummary]
}

/// A user's investigations in the store: what they own and what others shared with them.
/// Every method checks the user's access first, so a handler cannot forget to.
public struct Investigations: Sendable {
    public let store: Store
    /// The API token acting (for a session, the token it was opened with).
    public let user: Int

    /// The most entities one investigation holds: a map of more is no longer read.
    public static let maximumEntities = 500
    /// The most neighbours one expansion adds.
    public static let expansionLimit = 25

    public init(store: Store, user: Int) {
        self.store = store
        self.user = user
    }

    /// A new investigation holding `entities` (`kind:key`); when one of them cannot be added,
    /// none is, and no investigation is left behind.
    public func create(name: String, entities: [String] = []) throws -> Int {
        let name = try Self.checkedName(name)
        guard let id = try store.execute(.investigationInsert, [name, String(user)]).rows.first?[0].flatMap({ Int($0) }) else {
            throw ServiceError.malformedRow(query: NamedQuery.investigationInsert.rawValue)
        }
        do {
            if !entities.isEmpty { try add(id, entities: entities) }
        } catch {
            try? delete(id)
            throw error
        }
        return id
    }

    public func list() throws -> InvestigationList {
        let rows = try store.execute(.investigationsList, [String(user)]).rows
        return InvestigationList(
            investigations: try rows.map { row in
                let head = try Head(row)
                return InvestigationSummary(
                    id: head.id, name: head.name, ownerName: head.ownerName, access: head.access, entities: row[7].flatMap { Int($0) } ?? 0,
                    updatedAt: head.updatedAt)
            })
    }

    /// What the user may do with investigation `id`; not found when they may do nothing.
    public func access(_ id: Int) throws -> Investigation.Access { try head(id).access }

    /// The investigation with its entities named from the data and the relationships among
    /// them valid at `at` (any date when nil), read from `graph`.
    public func load(_ id: Int, graph: CSRGraph, at: Day? = nil) throws -> Investigation {
        let head = try head(id)
        let rows = try store.execute(.investigationEntities, [String(id)]).rows
        let handles = rows.compactMap { $0[3].flatMap { Int64($0) } }
        let refs = handles.isEmpty ? [:] : try store.nodeRefs(ids: handles)
        var members: [Investigation.Member] = []
        var nodes: [UInt32] = []
        for row in rows {
            guard let reference = row[0] else { continue }
            let handle = row[3].flatMap { Int64($0) }
            let node = handle.flatMap { graph.node(withHandle: $0) }
            if let node { nodes.append(node) }
            let entity = EntityInfo(reference: reference, name: handle.flatMap { refs[$0]?.name })
            members.append(
                Investigation.Member(kind: entity.kind, key: entity.key, name: entity.name, pinned: row[1] == "t", note: row[2] ?? "", inData: node != nil))
        }
        let edges = graph.edges(among: nodes, filter: PathFilter(validAt: at))
        let records = try SnapshotRecords(nodes: [], edges: edges, of: graph, store: store)
        let shares = head.access == .owner ? try store.execute(.investigationShares, [String(id)]).rows.map { row in
            Investigation.Share(tokenID: row[0].flatMap { Int($0) } ?? 0, name: row[1] ?? "", access: row[2].flatMap(Investigation.Access.init) ?? .read)
        } : []
        return Investigation(
            id: head.id, name: head.name, ownerID: head.ownerID, ownerName: head.ownerName, createdAt: head.createdAt, updatedAt: head.updatedAt,
            access: head.access, at: at?.description, entities: members, relationships: try edges.map(records.edge), shares: shares)
    }

    /// Adds entities (`kind:key` references the data holds); returns how many were new.
    @discardableResult
    public func add(_ id: Int, entities: [String]) throws -> Int {
        try require(.edit, id, to: "add entities")
        let resolver = EntityResolver(store: store)
        let canonical = try entities.map { try resolver.resolve($0) }.map { EntityInfo($0).reference }
        return try insert(id, canonical)
    }

    /// Adds up to ``expansionLimit`` of `entity`'s neighbours on `graph` (relationships of
    /// `kinds`, valid at `at`) that are not in the investigation yet; returns how many were
    /// added and how many more there were.
    public func expand(_ id: Int, entity: String, graph: CSRGraph, kinds: [String]? = nil, at: Day? = nil) throws -> (added: Int, more: Int) {
        try require(.edit, id, to: "expand it")
        let (ref, centre) = try EntityResolver(store: store).node(entity, in: graph)
        let present = try members(id)
        let filter = PathFilter(edgeKinds: kinds.map { KindSet(names: $0, in: graph.edgeKinds) } ?? .all, validAt: at, maxHops: 1)
        let hood = try graph.neighborhood(of: centre, hops: 1, filter: filter)
        let records = try SnapshotRecords(nodes: hood.nodes, of: graph, store: store)
        let new = try hood.nodes.dropFirst().map { try records.entity($0).reference }.filter { !present.contains($0) }
        let taken = Array(new.prefix(Self.expansionLimit))
        let added = try insert(id, (present.contains(ref.reference) ? [] : [EntityInfo(ref).reference]) + taken)
        return (added, new.count - taken.count)
    }

    /// Removes one entity, or every entity not pinned (`entity` nil); returns how many went.
    @discardableResult
    public func remove(_ id: Int, entity: String?) throws -> Int {
        try require(.edit, id, to: "remove entities")
        return Int(try store.execute(.investigationRemove, [String(id), entity]).scalar ?? "0") ?? 0
    }

    /// Pins or unpins an entity, and sets its note; nil leaves either as it is.
    public func annotate(_ id: Int, entity: String, pinned: Bool? = nil, note: String? = nil) throws {
        try require(.edit, id, to: "change notes and pins")
        // Counted as the database counts (code points), not as Swift's characters.
        if let note, note.unicodeScalars.count > 4000 { throw ServiceError.limitExceeded(name: "note", limit: 4000) }
        let changed = try store.execute(.investigationAnnotate, [String(id), entity, pinned.map { $0 ? "true" : "false" }, note]).scalar
        guard changed == "1" else { throw ServiceError.notInInvestigation(entity: String(entity.prefix(200)), id: id) }
    }

    /// Adds `other`'s entities (which the user may read) to `id` (which they may edit), their pins
    /// and notes with them; returns how many were new.
    @discardableResult
    public func merge(_ other: Int, into id: Int) throws -> Int {
        guard other != id else { throw ServiceError.investigationConflict(id: id, reason: "cannot be merged into itself") }
        try require(.edit, id, to: "merge into it")
        _ = try head(other)
        let present = try members(id)
        guard present.count + (try members(other)).subtracting(present).count <= Self.maximumEntities else {
            throw ServiceError.limitExceeded(name: "entities", limit: Self.maximumEntities)
        }
        return Int(try store.execute(.investigationMerge, [String(id), String(other)]).scalar ?? "0") ?? 0
    }

    public func rename(_ id: Int, to name: String) throws {
        try require(.owner, id, to: "rename it")
        try store.execute(.investigationRename, [String(id), try Self.checkedName(name)])
    }

    public func delete(_ id: Int) throws {
        try require(.owner, id, to: "delete it")
        try store.execute(.investigationDelete, [String(id)])
    }

    /// Shares the investigation with the API token named `with` (or numbered so), to read or
    /// edit; nil access takes the share away.
    public func share(_ id: Int, with who: String, access: Investigation.Access?) throws {
        try require(.owner, id, to: "share it")
        guard access != .owner else { throw ServiceError.badParameter(name: "access", reason: "is read or edit") }
        let target = try AccessTokens.userID(who, store: store)
        guard target != user else { throw ServiceError.investigationConflict(id: id, reason: "is already its owner's") }
        try store.execute(.investigationShare, [String(id), String(target), access?.rawValue])
    }

    // MARK: Helpers

    private struct Head {
        var id: Int, name: String, ownerID: Int, ownerName: String, createdAt: String, updatedAt: String, access: Investigation.Access

        init(_ row: [String?]) throws {
            guard row.count >= 7, let id = row[0].flatMap({ Int($0) }), let owner = row[2].flatMap({ Int($0) }),
                let access = row[6].flatMap(Investigation.Access.init)
            else { throw ServiceError.malformedRow(query: NamedQuery.investigationGet.rawValue) }
            self.id = id
            name = row[1] ?? ""
            ownerID = owner
            ownerName = row[3] ?? ""
            createdAt = row[4] ?? ""
            updatedAt = row[5] ?? ""
            self.access = access
        }
    }

    private func head(_ id: Int) throws -> Head {
        guard let row = try store.execute(.investigationGet, [String(id), String(user)]).rows.first else {
            throw ServiceError.noSuchInvestigation(id: id)
        }
        return try Head(row)
    }

    private func require(_ needed: Investigation.Access, _ id: Int, to action: String) throws {
        let has = try head(id).access
        guard has >= needed else {
            throw ServiceError.investigationAccess(id: id, needs: needed == .owner ? "only its owner may \(action)" : "ask its owner for edit access to \(action)")
        }
    }

    private func members(_ id: Int) throws -> Set<String> {
        Set(try store.execute(.investigationEntities, [String(id)]).rows.compactMap { $0[0] })
    }

    private func insert(_ id: Int, _ references: [String]) throws -> Int {
        guard !references.isEmpty else { return 0 }
        let present = try members(id)
        guard present.count + Set(references).subtracting(present).count <= Self.maximumEntities else {
            throw ServiceError.limitExceeded(name: "entities", limit: Self.maximumEntities)
        }
        return Int(try store.execute(.investigationAdd, [String(id), Store.textArray(references)]).scalar ?? "0") ?? 0
    }

    static func checkedName(_ name: String) throws -> String { try SavedName.checked(name, parameter: "name") }
}

/// One change to an investigation, as the explorer's forms and the API's JSON both ask for it:
/// one definition, so that whatever a page can do to an investigation a script can too.
public struct InvestigationChange: Answer, Hashable {
    public enum Action: String, Codable, Sendable, CaseIterable {
        /// Add `entities`.
        case add
        /// Add up to ``Investigations/expansionLimit`` neighbours of `entity` (by `kinds`, at `at`).
        case expand
        /// Remove `entity`.
        case remove
        /// Remove every entity not pinned.
        case clear
        /// Set `entity`'s `pinned` and/or `note`.
        case annotate
        /// Add the entities of investigation `other`.
        case merge
        /// Give the user `with` `access` (read, edit, or none to take it away).
        case share
        /// Rename to `name`.
        case rename
    }

    public var action: Action
    public var entities: [String]?
    public var entity: String?
    public var kinds: [String]?
    public var at: String?
    public var pinned: Bool?
    public var note: String?
    public var other: Int?
    public var with: String?
    public var access: String?
    public var name: String?

    public init(action: Action) { self.action = action }

    /// What the change did, in numbers (no text from the request, so a page may repeat it).
    public struct Outcome: Codable, Sendable, Hashable {
        /// Entities added or removed.
        public var changed: Int
        /// Neighbours an expansion left out (the limit per expansion).
        public var more: Int

        public init(changed: Int, more: Int) {
            self.changed = changed
            self.more = more
        }
    }

    /// Every field given checked as the API document states it, whatever the action (a field
    /// the action does not use is still refused when it is not what its name says).
    func checked() throws {
        func text(_ name: String, _ value: String?, limit: Int) throws {
            guard let value else { return }
            // PostgreSQL text cannot hold NUL: refused here, naming the field, not by the database.
            if value.utf8.contains(0) { throw ServiceError.badParameter(name: name, reason: "contains a NUL character, which no value can hold") }
            if value.unicodeScalars.count > limit { throw ServiceError.limitExceeded(name: name, limit: limit) }
        }
        func reference(_ name: String, _ value: String) throws {
            try text(name, value, limit: 1000)
            guard let parts = KindKey(value), EntityKind(rawValue: parts.kind) != nil else {
                throw ServiceError.badParameter(name: name, reason: "'\(value.prefix(200))' is not a kind:key reference")
            }
        }
        if let list = entities {
            if list.count > Investigations.maximumEntities { throw ServiceError.limitExceeded(name: "entities", limit: Investigations.maximumEntities) }
            for e in list { try reference("entities", e) }
        }
        if let entity { try reference("entity", entity) }
        for k in kinds ?? [] where RelationKind(rawValue: k) == nil {
            throw ServiceError.unknownRelation(k, known: RelationKind.allCases.map(\.rawValue))
        }
        if let at, Day(iso: at) == nil { throw ServiceError.badDate(at) }
        try text("note", note, limit: 4000)
        try text("with", with, limit: 200)
        try text("name", name, limit: 200)
        // JSON's safe integers: the largest id the API document allows (2^53 − 1).
        if let other, !(1...9_007_199_254_740_991).contains(other) {
            throw ServiceError.badParameter(name: "other", reason: "is an investigation's id, from 1 to 9007199254740991")
        }
        if let access, !["read", "edit", "none"].contains(access) { throw ServiceError.badParameter(name: "access", reason: "is read, edit or none") }
    }

    public func apply(to id: Int, in investigations: Investigations, graph: CSRGraph) throws -> Outcome {
        try checked()
        func need<T>(_ value: T?, _ name: String) throws -> T {
            guard let value else { throw ServiceError.badParameter(name: name, reason: "is needed to \(action.rawValue)") }
            return value
        }
        switch action {
        case .add:
            let list = try need(entities, "entities")
            guard !list.isEmpty else {
                _ = try investigations.access(id)  // nothing to add, but an unknown investigation is still unknown
                return Outcome(changed: 0, more: 0)
            }
            return Outcome(changed: try investigations.add(id, entities: list), more: 0)
        case .expand:
            let (added, more) = try investigations.expand(
                id, entity: try need(entity, "entity"), graph: graph, kinds: kinds.flatMap { $0.isEmpty ? nil : $0 }, at: at.flatMap { Day(iso: $0) })
            return Outcome(changed: added, more: more)
        case .remove:
            return Outcome(changed: try investigations.remove(id, entity: try need(entity, "entity")), more: 0)
        case .clear:
            return Outcome(changed: try investigations.remove(id, entity: nil), more: 0)
        case .annotate:
            try investigations.annotate(id, entity: try need(entity, "entity"), pinned: pinned, note: note)
            return Outcome(changed: 1, more: 0)
        case .merge:
            return Outcome(changed: try investigations.merge(try need(other, "other"), into: id), more: 0)
        case .share:
            let level = try need(access, "access")
            try investigations.share(id, with: try need(with, "with"), access: Investigation.Access(rawValue: level))
            return Outcome(changed: 1, more: 0)
        case .rename:
            try investigations.rename(id, to: try need(name, "name"))
            return Outcome(changed: 1, more: 0)
        }
    }
}
