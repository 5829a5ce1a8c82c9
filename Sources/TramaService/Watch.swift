import Foundation
public import TramaAnalysis
import TramaGraph
import TramaModel
public import TramaStore

/// A saved question Trama asks again of every new graph (`schema/0015_watch.sql`); what its
/// answer gains or loses between two graphs becomes an alert.
public struct WatchRule: Answer, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Entities whose red flags satisfy a filter expression (`trama flags --filter` syntax).
        case flagFilter = "flag_filter"
        /// Any connection within N hops between the entities of two watchlists, over
        /// relationships valid on the day of the evaluation (the import's).
        case connection
        /// A new owner, controller, director or representative of a watched entity, or a firm
        /// newly sharing an owner with it (valid on the day of the evaluation).
        case control
        /// A watched entity bids, wins, is sanctioned, donates or appears in a case.
        case activity
    }

    /// What the rule asks; only the fields of its kind are set.
    public struct Definition: Codable, Sendable, Hashable {
        /// flag_filter: the expression.
        public var filter: String?
        /// The watchlist watched (flag_filter: only its entities, every entity when nil;
        /// connection: one end).
        public var watchlist: Int?
        /// connection: the other end.
        public var toWatchlist: Int?
        /// connection: the longest path that counts, in relationships (1–6).
        public var hops: Int?
        /// connection: only these relationship kinds (all when nil).
        public var relations: [String]?
        /// activity: which events (all when nil).
        public var events: [WatchEvent]?

        public init(
            filter: String? = nil, watchlist: Int? = nil, toWatchlist: Int? = nil, hops: Int? = nil, relations: [String]? = nil, events: [WatchEvent]? = nil
        ) {
            self.filter = filter
            self.watchlist = watchlist
            self.toWatchlist = toWatchlist
            self.hops = hops
            self.relations = relations
            self.events = events
        }

        enum CodingKeys: String, CodingKey { case filter, watchlist, toWatchlist = "to_watchlist", hops, relations, events }
    }

    public var id: Int
    public var name: String
    public var owner: String
    public var kind: Kind
    public var definition: Definition
    /// The watchlist this is an implicit rule of (control and activity on its entities).
    public var implicitFor: Int?
    /// The graph (data generation) and import the rule was last evaluated on, and when.
    public var evaluatedGeneration: Int?
    public var evaluatedImport: Int?
    public var evaluatedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, name, owner, kind, definition, implicitFor = "implicit_for", evaluatedGeneration = "evaluated_generation"
        case evaluatedImport = "evaluated_import", evaluatedAt = "evaluated_at"
    }

    /// The longest connection a rule may ask for.
    public static let maximumHops = 6
    /// A connection rule reaches an entity with more relationships than this but does not go
    /// through it: a registered agent's address or a ministry joins everyone to everyone.
    public static let maximumDegree = 1000
}

public struct WatchRuleList: Answer, Hashable {
    public var rules: [WatchRule]

    public var text: String {
        guard !rules.isEmpty else { return "no rules (`trama rules add`, or `trama watch add ENTITY`, which watches it with a list's own rules)" }
        return rules.map { r in
            let d = r.definition
            var what: [String] = []
            if let f = d.filter { what.append("filter \(f)") }
            if let w = d.watchlist { what.append("watchlist \(w)") }
            if let t = d.toWatchlist { what.append("to watchlist \(t) within \(d.hops ?? 2) hops") }
            if let rel = d.relations { what.append("over \(rel.joined(separator: ","))") }
            if let e = d.events { what.append("events \(e.map(\.rawValue).joined(separator: ","))") }
            let evaluated = r.evaluatedGeneration.map { "evaluated on generation \($0)" } ?? "not evaluated yet"
            return "\(r.id)  \(r.name)  [\(r.kind.rawValue)] \(what.joined(separator: ", ")) · \(r.owner)\(r.implicitFor == nil ? "" : " · the list's own") · \(evaluated)"
        }.joined(separator: "\n")
    }
}

/// A named set of entities a user watches.
public struct Watchlist: Codable, Sendable, Hashable {
    public var id: Int
    public var name: String
    public var owner: String
    /// owner, edit or read.
    public var access: String
    public var entities: [String]
}

public struct WatchlistList: Answer, Hashable {
    public var watchlists: [Watchlist]

    public var text: String {
        guard !watchlists.isEmpty else { return "no watchlists (`trama watch add ENTITY [--list NAME]`)" }
        return watchlists.map { w in
            "\(w.name) (\(w.access == "owner" ? "yours" : "\(w.owner)'s, \(w.access)")): \(w.entities.isEmpty ? "empty" : w.entities.joined(separator: ", "))"
        }.joined(separator: "\n")
    }
}

/// What `trama watch add|remove` changed.
public struct WatchChange: Answer, Hashable {
    public var watchlist: String
    public var entity: String
    public var changed: Bool
    /// The list was created (with its own control and activity rules).
    public var created: Bool

    public var text: String {
        changed ? "\(entity) \(created ? "is watched in the new list" : "is watched in") '\(watchlist)'" : "\(entity): nothing to change in '\(watchlist)'"
    }
}

/// Watchlists and rules as one user (an API token) sees them: their own and those shared with
/// them. Every method checks access first.
public struct Watch: Sendable {
    public let store: Store
    public let user: Int

    /// The list `trama watch add` uses when none is named.
    public static let defaultList = "default"
    /// The most entities one watchlist holds.
    public static let maximumEntities = 10_000

    public init(store: Store, user: Int) {
        self.store = store
        self.user = user
    }

    /// Watches `entity` in `list` (created when it does not exist, with its own control and
    /// activity rules, so that watching needs no rule written).
    public func add(_ entity: String, list: String = Watch.defaultList) throws -> WatchChange {
        let reference = EntityInfo(try EntityResolver(store: store).resolve(entity)).reference
        let name = try SavedName.checked(list, parameter: "list")
        var created = false
        let id: Int
        if let found = try find(name) {
            guard found.editable else { throw ServiceError.watchlistAccess(name) }
            id = found.id
        } else {
            let row = try store.execute(.watchlistUpsert, [String(user), name]).rows.first
            guard let made = row?[0].flatMap({ Int($0) }) else { throw ServiceError.malformedRow(query: NamedQuery.watchlistUpsert.rawValue) }
            id = made
            created = row?[1] == "t"
            if created {
                for (kind, definition) in [(WatchRule.Kind.control, WatchRule.Definition(watchlist: id)), (.activity, WatchRule.Definition(watchlist: id))] {
                    try insertRule(name: "\(name): \(kind.rawValue)", kind: kind, definition: definition, implicitFor: id)
                }
            }
        }
        let added = try store.execute(.watchlistEntityAdd, [String(id), reference]).rows.count == 1
        return WatchChange(watchlist: name, entity: reference, changed: added, created: created)
    }

    /// Stops watching `entity` in `list`.
    public func remove(_ entity: String, list: String = Watch.defaultList) throws -> WatchChange {
        let name = try SavedName.checked(list, parameter: "list")
        guard let found = try find(name) else { throw ServiceError.noSuchWatchlist(name) }
        guard found.editable else { throw ServiceError.watchlistAccess(name) }
        // The entity may be gone from the data: take the reference as given when it is one.
        let reference = (try? EntityInfo(EntityResolver(store: store).resolve(entity)).reference) ?? entity
        let removed = try store.execute(.watchlistEntityRemove, [String(found.id), reference]).rows.count == 1
        return WatchChange(watchlist: name, entity: reference, changed: removed, created: false)
    }

    /// Shares the user's own watchlist `list` with the user `who` names (an API token's name or
    /// number), to read (see its entities, its rules' alerts) or edit (watch and unwatch too);
    /// nil takes the share away.
    public func share(_ list: String, with who: String, access: String?) throws {
        let name = try SavedName.checked(list, parameter: "list")
        guard access == nil || ["read", "edit"].contains(access!) else { throw ServiceError.badParameter(name: "access", reason: "is read, edit or none") }
        guard let id = try store.execute(.watchlistOwned, [String(user), name]).scalar.flatMap({ Int($0) }) else {
            throw ServiceError.noSuchWatchlist(name)
        }
        let target = try AccessTokens.userID(who, store: store)
        guard target != user else { throw ServiceError.badParameter(name: "with", reason: "is the list's owner") }
        try store.execute(.watchlistShare, [String(id), String(target), access])
    }

    public func lists() throws -> WatchlistList {
        WatchlistList(watchlists: try store.execute(.watchlistsList, [String(user)]).rows.map { r in
            Watchlist(
                id: Int(r[0]!)!, name: r[1]!, owner: r[2] ?? "", access: r[3] ?? "read",
                entities: (try? JSONDecoder().decode([String].self, from: Data((r[4] ?? "[]").utf8))) ?? [])
        })
    }

    /// A rule of the user's; watchlists are named as the user sees them.
    @discardableResult
    public func addRule(name: String, kind: WatchRule.Kind, filter: String? = nil, watchlist: String? = nil, toWatchlist: String? = nil,
        hops: Int? = nil, relations: [String]? = nil, events: [WatchEvent]? = nil) throws -> Int
    {
        let name = try SavedName.checked(name, parameter: "name")
        func listID(_ n: String?, _ parameter: String) throws -> Int? {
            guard let n else { return nil }
            guard let found = try find(try SavedName.checked(n, parameter: parameter)) else { throw ServiceError.noSuchWatchlist(n) }
            return found.id
        }
        var d = WatchRule.Definition(watchlist: try listID(watchlist, "watchlist"))
        switch kind {
        case .flagFilter:
            guard let filter else { throw ServiceError.badParameter(name: "filter", reason: "a flag_filter rule needs a filter expression") }
            d.filter = try FlagExpression.parse(filter).description
        case .connection:
            guard d.watchlist != nil, let to = try listID(toWatchlist, "to_watchlist") else {
                throw ServiceError.badParameter(name: "to_watchlist", reason: "a connection rule joins two watchlists: give --watchlist and --to")
            }
            d.toWatchlist = to
            let h = hops ?? 2
            guard (1...WatchRule.maximumHops).contains(h) else {
                throw ServiceError.badParameter(name: "hops", reason: "must be from 1 to \(WatchRule.maximumHops)")
            }
            d.hops = h
            if let relations {
                let known = RelationKind.allCases.map(\.rawValue)
                for r in relations where !known.contains(r) { throw ServiceError.unknownRelation(r, known: known) }
                d.relations = relations
            }
        case .control, .activity:
            guard d.watchlist != nil else { throw ServiceError.badParameter(name: "watchlist", reason: "a \(kind.rawValue) rule watches a watchlist") }
            if kind == .activity { d.events = events.map { Array(Set($0)).sorted { $0.rawValue < $1.rawValue } } }
        }
        return try insertRule(name: name, kind: kind, definition: d, implicitFor: nil)
    }

    public func rules() throws -> WatchRuleList {
        WatchRuleList(rules: try store.execute(.watchRulesList, [String(user)]).rows.map(WatchRule.init(row:)))
    }

    public func removeRule(_ id: Int) throws {
        guard try store.execute(.watchRuleDelete, [String(id), String(user)]).rows.count == 1 else { throw ServiceError.noSuchRule(id: id) }
    }

    @discardableResult
    private func insertRule(name: String, kind: WatchRule.Kind, definition: WatchRule.Definition, implicitFor: Int?) throws -> Int {
        let json = String(decoding: try JSONEncoder().encode(definition), as: UTF8.self)
        guard let id = try store.execute(.watchRuleInsert, [name, String(user), kind.rawValue, json, implicitFor.map(String.init)]).scalar.flatMap({ Int($0) })
        else { throw ServiceError.malformedRow(query: NamedQuery.watchRuleInsert.rawValue) }
        return id
    }

    private func find(_ name: String) throws -> (id: Int, editable: Bool)? {
        try store.execute(.watchlistFind, [String(user), name]).rows.first.map { (Int($0[0]!)!, $0[1] == "t") }
    }

}

extension WatchRule {
    init(row r: [String?]) throws {
        guard let kind = r[3].flatMap(Kind.init(rawValue:)),
            let definition = try? JSONDecoder().decode(Definition.self, from: Data((r[4] ?? "{}").utf8))
        else { throw ServiceError.malformedRow(query: NamedQuery.watchRulesList.rawValue) }
        self.init(
            id: Int(r[0]!)!, name: r[1] ?? "", owner: r[2] ?? "", kind: kind, definition: definition, implicitFor: r[5].flatMap { Int($0) },
            evaluatedGeneration: r[6].flatMap { Int($0) }, evaluatedImport: r[7].flatMap { Int($0) }, evaluatedAt: r[8])
    }
}

/// The body of `POST /api/v1/watchlists/{name}/shares`: whom, and `read`, `edit` or `none`.
public struct WatchlistShare: Answer, Hashable {
    public var with: String
    public var access: String
}

/// The body of `POST /api/v1/watchlists/{name}/entities`.
public struct WatchEntityRequest: Answer {
    public var entity: String
}

/// The body of `POST /api/v1/rules`: `trama rules add`'s options.
public struct NewWatchRule: Answer {
    public var name: String
    public var kind: WatchRule.Kind
    public var filter: String?
    public var watchlist: String?
    public var toWatchlist: String?
    public var hops: Int?
    public var relations: [String]?
    public var events: [WatchEvent]?

    enum CodingKeys: String, CodingKey { case name, kind, filter, watchlist, toWatchlist = "to_watchlist", hops, relations, events }

    /// Adds the rule for `watch`'s user; returns its id.
    public func add(to watch: Watch) throws -> Int {
        try watch.addRule(
            name: name, kind: kind, filter: filter, watchlist: watchlist, toWatchlist: toWatchlist, hops: hops, relations: relations, events: events)
    }
}

/// The answer to `POST /api/v1/rules`.
public struct WatchRuleCreated: Answer, Hashable {
    public var id: Int

    public init(id: Int) { self.id = id }
}
