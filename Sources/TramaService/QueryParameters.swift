import Foundation
public import TramaGraph

/// The API's limits on what one request may ask: above them a request is refused (422) rather
/// than left to run for minutes.
public enum APILimits {
    public static let maxHops = 12
    public static let budget = 50_000_000
    public static let k = 100
    public static let allPaths = 10_000
    public static let neighborhoodHops = 4
    public static let perHop = 500
    public static let batchPairs = 1_000
    /// Entities one screen (`POST /paths/among`) may name, its hop limit, and the edge
    /// inspections each entity's search may make unless the request says fewer: one request
    /// is then at most 10,000 bounded searches.
    public static let screenEntities = 10_000
    public static let screenHops = 6
    public static let screenBudget = 1_000_000
    /// Pairs a screen lists at most (the rest are counted).
    public static let screenPairs = 100_000
    /// The longest ownership chain followed (a real media-ownership register has chains 16 deep).
    public static let ownershipDepth = 30
}

/// Query parameters, checked: a value that is not what the parameter takes is a 400 naming the
/// parameter; one above the service's limit a 422 naming the limit.
public struct QueryParameters: Sendable {
    public let values: [String: String]
    /// Parameters given more than once (`offset=1&offset=2`): which one was meant is a guess.
    public let repeated: Set<String>

    /// Decoded name–value pairs, in the order given.
    public init(pairs: some Sequence<(String, String)>) {
        var v: [String: String] = [:]
        var twice = Set<String>()
        for (k, value) in pairs {
            if v.updateValue(value, forKey: k) != nil { twice.insert(k) }
        }
        values = v
        repeated = twice
    }

    /// A URL's query as sent (`from=firm%3AF1&to=…`): split at `&` and the first `=`, each side
    /// percent-decoded (left as sent when it is not valid percent-encoding). Any bytes at all
    /// are a query this reads — URLComponents traps on some (found by fuzzing).
    public init(query: String) { self.init(pairs: Self.pairs(query)) }

    /// The name–value pairs of a query, or of a form body (`formEncoded`: `+` is a space).
    public static func pairs(_ text: String, formEncoded: Bool = false) -> [(String, String)] {
        func decoded(_ s: Substring) -> String {
            let text = formEncoded ? s.replacingOccurrences(of: "+", with: " ") : String(s)
            return text.removingPercentEncoding ?? text
        }
        return text.split(separator: "&", omittingEmptySubsequences: true).map { item in
            guard let eq = item.firstIndex(of: "=") else { return (decoded(item), "") }
            return (decoded(item[..<eq]), decoded(item[item.index(after: eq)...]))
        }
    }

    /// The parameter's value; nil when it is absent. A parameter given empty (`kind=`) is
    /// refused rather than read as absent: a client that meant something should hear so.
    public func string(_ name: String) throws -> String? {
        guard let v = values[name] else { return nil }
        guard !repeated.contains(name) else { throw ServiceError.badParameter(name: name, reason: "is given more than once") }
        guard !v.isEmpty else { throw ServiceError.badParameter(name: name, reason: "is empty: give a value or leave the parameter out") }
        guard !v.utf8.contains(0) else { throw ServiceError.badParameter(name: name, reason: "contains a NUL character, which no value can hold") }
        return v
    }

    public func require(_ name: String) throws -> String {
        guard let v = try string(name) else { throw ServiceError.badParameter(name: name, reason: "is required") }
        return v
    }

    public func int(_ name: String, default d: Int? = nil, minimum: Int = 0, maximum: Int? = nil) throws -> Int? {
        guard let text = try string(name) else { return d }
        guard let v = Int(text) else { throw ServiceError.badParameter(name: name, reason: "'\(text)' is not a whole number") }
        guard v >= minimum else { throw ServiceError.badParameter(name: name, reason: "must be at least \(minimum)") }
        if let maximum, v > maximum { throw ServiceError.limitExceeded(name: name, limit: maximum) }
        return v
    }

    public func bool(_ name: String) throws -> Bool? {
        guard let text = try string(name) else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw ServiceError.badParameter(name: name, reason: "'\(text)' is not true or false")
        }
    }

    /// A finite number.
    public func double(_ name: String) throws -> Double? {
        guard let text = try string(name) else { return nil }
        guard let v = Double(text), v.isFinite, text.allSatisfy({ "0123456789.-+eE".contains($0) }) else {
            throw ServiceError.badParameter(name: name, reason: "'\(text.prefix(80))' is not a number")
        }
        return v
    }

    /// `limit` and `offset` of a list endpoint, within the hard cap.
    public func page() throws -> (limit: Int, offset: Int) {
        (try int("limit", default: Page.defaultLimit, minimum: 1, maximum: Page.maximumLimit)!, try int("offset", default: 0, maximum: Page.maximumOffset)!)
    }

    /// Runs `parse` on a parameter, naming it in the problem if it throws.
    public func parsed<T>(_ name: String, _ parse: (String) throws -> T) throws -> T? {
        guard let text = try string(name) else { return nil }
        do { return try parse(text) } catch let e as ServiceError {
            if case .badParameter = e { throw e }
            throw ServiceError.badParameter(name: name, reason: e.description)
        }
    }
}

/// The questions the API's query parameters ask, read the same way by every server and by the
/// fuzz target that feeds them hostile queries (`Fuzz/`).
public enum APIQuestions {
    /// `GET /api/v1/search`.
    public static func search(_ p: QueryParameters) throws -> EntitySearch {
        var query = EntitySearch(text: try p.require("q"), kind: try p.string("kind"), dataset: try p.string("dataset"), flagged: try p.bool("flagged"))
        (query.limit, query.offset) = try p.page()
        return query
    }

    /// `GET /api/v1/flags`.
    public static func flags(_ p: QueryParameters) throws -> FlagFilter {
        var filter = FlagFilter(entity: try p.string("entity"), indicator: try p.string("indicator"), minValue: try p.double("min_value"), maxValue: try p.double("max_value"))
        if let s = try p.string("sort") {
            guard let sort = FlagFilter.Sort(rawValue: s) else {
                throw ServiceError.badParameter(name: "sort", reason: "'\(s.prefix(80))' is not one of \(FlagFilter.Sort.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.sort = sort
        }
        return filter
    }

    /// `GET /api/v1/flags/ranking`: `filter` (an expression over flags), the runs of the period
    /// `from`–`to`, `sort_by` an indicator instead of the composite score.
    public static func flagRanking(_ p: QueryParameters) throws -> (filter: FlagExpression?, period: Validity?, sortBy: String?) {
        let filter = try p.string("filter").map(FlagExpression.parse)
        let from = try p.parsed("from", PathQuery.day)
        let to = try p.parsed("to", PathQuery.day)
        let period = from == nil && to == nil ? nil : Validity(from: from ?? .distantPast, to: to ?? .distantFuture)
        let sortBy = try p.string("sort_by").map { s in
            try FlagList.indicatorSelector(s)
        }
        return (filter, period, sortBy)
    }

    /// `GET /api/v1/entities/{ref}/neighborhood` around `center`.
    public static func neighborhood(center: String, _ p: QueryParameters) throws -> NeighborsQuery {
        var query = NeighborsQuery(center: center)
        query.hops = try p.int("hops", default: 2, minimum: 1, maximum: APILimits.neighborhoodHops)!
        query.relations = try p.parsed("kinds", PathQuery.relations(list:))
        query.at = try p.parsed("at", PathQuery.day)
        query.maxDegree = try p.int("max_degree", minimum: 1, maximum: Int(Int32.max))
        query.perHopCap = try p.int("per_hop", default: 60, minimum: 1, maximum: APILimits.perHop)!
        return query
    }

    /// `GET /api/v1/entities/{ref}/owners` and `…/holdings`.
    public static func ownership(of entity: String, _ direction: ChainDirection, _ p: QueryParameters) throws -> OwnershipQuery {
        var query = OwnershipQuery(entity: entity, direction: direction)
        query.at = try p.parsed("at", PathQuery.day)
        query.depth = try p.int("depth", default: OwnershipQuery.defaultDepth, minimum: 1, maximum: APILimits.ownershipDepth)!
        if let share = try p.double("min_share") {
            guard (0...100).contains(share) else { throw ServiceError.badParameter(name: "min_share", reason: "is a percentage, from 0 to 100") }
            query.minimumShare = share
        }
        return query
    }

    /// `GET /api/v1/entities/{ref}/relationships`.
    public static func relationships(_ p: QueryParameters) throws -> RelationshipsQuery {
        var query = RelationshipsQuery(kind: try p.string("kind"), at: try p.parsed("at", PathQuery.day))
        if let d = try p.string("direction") {
            guard let direction = RelationshipsQuery.Direction(rawValue: d) else {
                throw ServiceError.badParameter(name: "direction", reason: "'\(d)' is not out, in or both")
            }
            query.direction = direction
        }
        (query.limit, query.offset) = try p.page()
        return query
    }

    /// `GET /api/v1/paths`.
    public static func paths(_ p: QueryParameters) throws -> PathQuery {
        var query = try pathQuery(
            from: try p.require("from"), to: try p.require("to"), kinds: try p.parsed("kinds", PathQuery.relations(list:)),
            at: try p.string("at"), maxHops: try p.int("max_hops", minimum: 1, maximum: APILimits.maxHops), maxDegree: try p.int("max_degree", minimum: 1, maximum: Int(Int32.max)),
            budget: try p.int("budget", minimum: 1, maximum: APILimits.budget), k: try p.int("k", minimum: 1, maximum: APILimits.k), all: try p.bool("all") ?? false,
            limit: try p.int("limit", minimum: 1, maximum: APILimits.allPaths))
        query.weights = try p.parsed("weights", PathQuery.weights(list:))
        query.directed = try p.bool("directed") ?? false
        return query
    }

    /// `GET /api/v1/evidence`.
    public static func evidence(_ p: QueryParameters) throws -> EvidenceQuery {
        var query = EvidenceQuery(from: try p.require("from"), to: try p.require("to"))
        query.k = try p.int("k", default: 3, minimum: 1, maximum: EvidenceQuery.kLimit)!
        query.maxHops = try p.int("max_hops", default: 6, minimum: 1, maximum: APILimits.maxHops)!
        query.at = try p.parsed("at", PathQuery.day)
        query.directed = try p.bool("directed") ?? false
        query.relations = try p.parsed("kinds", PathQuery.relations(list:))
        query.maxDegree = try p.int("max_degree", minimum: 1, maximum: Int(Int32.max))
        return query
    }

    /// `GET /api/v1/entities/{ref}/dossier`.
    public static func dossier(of entity: String, _ p: QueryParameters) throws -> DossierQuery {
        DossierQuery(entity: entity, at: try p.parsed("at", PathQuery.day))
    }

    /// A path question from its parts, as `GET /api/v1/paths` and each pair of `POST /api/v1/paths` ask it.
    public static func pathQuery(
        from: String, to: String, kinds: [String]?, at: String?, maxHops: Int?, maxDegree: Int?, budget: Int?, k: Int?, all: Bool, limit: Int?
    ) throws -> PathQuery {
        if k != nil, all { throw ServiceError.badParameter(name: "k", reason: "k and all are different questions: give one") }
        var query = PathQuery(from: from, to: to, maxHops: maxHops ?? 6, relations: kinds, maxDegree: maxDegree)
        if let at {
            do { query.at = try PathQuery.day(at) } catch { throw ServiceError.badParameter(name: "at", reason: "'\(at)' is not a date (YYYY-MM-DD)") }
        }
        if let budget { query.visitBudget = budget }
        if let k { query.paths = .shortest(k) }
        if all { query.paths = .allShortest(limit: limit ?? 1000) }
        return query
    }
}
