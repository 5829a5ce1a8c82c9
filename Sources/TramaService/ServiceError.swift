/// What the service layer refuses, in words that say what to do.
public enum ServiceError: Error, Sendable, CustomStringConvertible {
    case resourcesNotFound(tried: [String])
    case unknownEntity(reference: String, suggestions: [String])
    case ambiguousEntity(reference: String, candidates: [String])
    case unknownKind(String, known: [String])
    case unknownRelation(String, known: [String])
    case badDate(String)
    case truthMissing(path: String)
    case badWeight(String)
    case badPairLine(file: String, line: Int, text: String)
    case unreadable(file: String, reason: String)
    case noAnalysisRun(analysis: String)
    /// `run` names no stored run of that analysis.
    case noSuchRun(id: Int, analysis: String)
    case cannotMerge(kept: String, merged: String)
    case noJudgeProfile(reference: String, run: Int)
    /// A request parameter that cannot be used as given.
    case badParameter(name: String, reason: String)
    /// A request that asks for more than the service allows (hops, budget, page size, body).
    case limitExceeded(name: String, limit: Int)
    /// The service cannot answer now (a queue is full, the graph is still loading); try later.
    case busy(reason: String, retryAfterSeconds: Int)
    /// Too many unknown tokens from one client: refused for a while (429).
    case tooManyAttempts(retryAfterSeconds: Int)
    case unknownToken(id: Int)
    /// An audit log entity that is not a `kind:key` reference (a name, say), which must not be logged.
    case notAnEntityReference(String)
    /// A row that a query returned without a field it always has: the schema is not what this Trama expects.
    case malformedRow(query: String)
    case auditLogBroken(rowID: Int64, reason: String, rowsChecked: Int)
    /// No investigation with that id is visible to the user (it does not exist or is not shared with them).
    case noSuchInvestigation(id: Int)
    /// No dataset has that name (`trama db status` lists them).
    case unknownDataset(String)
    /// The latest collusion scan has no ring with that id.
    case unknownRing(String, rings: Int)
    /// The user may read the investigation but not do this to it.
    case investigationAccess(id: Int, needs: String)
    /// No user (API token) has that name or id, for sharing.
    case unknownUser(String)
    /// An entity a change names that the investigation does not hold.
    case notInInvestigation(entity: String, id: Int)
    /// A change that cannot apply to an investigation as it is: merged into itself, shared with its owner.
    case investigationConflict(id: Int, reason: String)
    case ambiguousUser(String, ids: [Int])
    /// No watchlist of that name is the user's or shared with them.
    case noSuchWatchlist(String)
    /// The user may read the watchlist but not change it.
    case watchlistAccess(String)
    /// No rule with that id is the user's (a watchlist's own rules go with the list).
    case noSuchRule(id: Int)
    /// No case with that id is the user's or assigned to them.
    case noSuchCase(id: Int)
    /// No alert with that id was raised by a rule the user may read.
    case noSuchAlert(id: Int)
    /// No webhook with that id is the user's.
    case noSuchWebhook(id: Int)

    /// The command that stores a run of each analysis.
    static let commands = ["collusion": "trama collusion scan", "judicial": "trama judges conflicts", "judicial_patterns": "trama judges lawyers", "suppliers": "trama suppliers scan"]

    public var description: String {
        switch self {
        case let .resourcesNotFound(tried):
            "cannot find Trama's schema/ and queries/ folders (looked in \(tried.joined(separator: ", "))); "
                + "run from the repository or set TRAMA_RESOURCES to it"
        case let .unknownEntity(ref, suggestions):
            "no entity matches '\(ref)'" + (suggestions.isEmpty ? "" : "; did you mean: \(suggestions.joined(separator: ", "))?")
        case let .ambiguousEntity(ref, candidates):
            "'\(ref)' matches several entities: \(candidates.joined(separator: ", ")); name one as kind:ID"
        case let .unknownKind(k, known): "unknown entity kind '\(k)'; known kinds: \(known.joined(separator: ", "))"
        case let .unknownRelation(k, known): "unknown relationship kind '\(k)'; known kinds: \(known.joined(separator: ", "))"
        case let .badDate(s): "'\(s)' is not a date (expected YYYY-MM-DD)"
        case let .truthMissing(path): "\(path) is missing: it is written by `trama generate`"
        case let .badWeight(s): "'\(s)' is not a weight: write kind=number with a positive number, e.g. owns=1,relative_of=0.5"
        case let .badPairLine(file, line, text):
            "\(file):\(line): expected two entities, FROM and TO (separated by a tab, or by spaces when neither has one), got '\(text)'"
        case let .unreadable(file, reason): "cannot read \(file): \(reason)"
        case let .cannotMerge(kept, merged): "cannot merge \(merged) into \(kept): they must be two different entities of the same kind"
        case let .noJudgeProfile(reference, run):
            "\(reference) presides over no case in judicial patterns run \(run) (run `trama judges lawyers` to refresh it)"
        case let .unknownToken(id): "no API token has id \(id) (`trama token list` lists them)"
        case .notAnEntityReference: "the audit log records entities as kind:key references only, never names"
        case let .malformedRow(query): "\(query) returned a row this Trama cannot read; is the schema migrated (`trama db migrate`)?"
        case let .auditLogBroken(id, reason, checked):
            "the audit log's hash chain is broken at row \(id): \(reason) (\(checked) rows before it verified)"
        case let .noAnalysisRun(analysis):
            "no \(analysis) run is stored yet: run `\(Self.commands[analysis] ?? "trama \(analysis) scan")` (or POST /api/v1/scans) first"
        case let .noSuchRun(id, analysis): "no \(analysis) run has id \(id) (`trama runs` or GET /api/v1/runs lists them)"
        case let .noSuchInvestigation(id): "no investigation \(id) is yours or shared with you"
        case let .unknownDataset(name): "no dataset is named '\(name.prefix(80))' (`trama db status` lists them)"
        case let .unknownRing(id, rings): "the latest collusion scan has no ring '\(id.prefix(80))' (it has ring-1 to ring-\(rings))"
        case let .investigationAccess(id, needs): "investigation \(id) is shared with you to read only: \(needs)"
        case let .notInInvestigation(entity, id): "\(entity) is not in investigation \(id)"
        case let .investigationConflict(id, reason): "investigation \(id): \(reason)"
        case let .unknownUser(name): "no API token is named '\(name)' (give its name or its number, as `trama token list` shows them)"
        case let .noSuchWatchlist(name): "no watchlist '\(name)' is yours or shared with you (`trama watch list`)"
        case let .watchlistAccess(name): "watchlist '\(name)' is shared with you to read only: ask its owner for edit access"
        case let .noSuchCase(id): "no case \(id) is yours or assigned to you (`trama cases list`)"
        case let .noSuchWebhook(id): "no webhook \(id) is yours (`trama webhooks list`)"
        case let .noSuchAlert(id): "no alert \(id) was raised by a rule of yours (`trama alerts`)"
        case let .noSuchRule(id): "no rule \(id) of yours (`trama rules list`; a watchlist's own rules go when the list is emptied)"
        case let .ambiguousUser(name, ids): "\(ids.count) API tokens are named '\(name)': give one's number (\(ids.map(String.init).joined(separator: ", ")))"
        case let .badParameter(name, reason): "\(name): \(reason)"
        case let .limitExceeded(name, limit): "\(name) is above the limit of \(limit)"
        case let .busy(reason, _): reason
        case let .tooManyAttempts(seconds): "too many unknown API tokens from this address; try again in \(seconds) s"
        }
    }
}
