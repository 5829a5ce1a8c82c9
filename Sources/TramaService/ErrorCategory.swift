import Foundation
import TramaGraph
import TramaIngest
import TramaRender
import TramaStore

/// What kind of failure an error is, whichever layer raised it, so that the CLI (its exit status)
/// and the API (its HTTP status and problem type) say the same thing about it.
public enum ErrorCategory: String, Codable, Sendable, CaseIterable {
    /// The input cannot be used as given: fix it and ask again.
    case badRequest = "bad_request"
    /// No credentials, or ones the service does not know (API only).
    case unauthorized
    /// Credentials whose role does not allow this (API only).
    case forbidden
    /// Nothing matches the reference.
    case notFound = "not_found"
    /// More than one thing matches: name one.
    case ambiguous
    /// The request contradicts the state of the store (a changed migration, a merge of an entity
    /// into itself).
    case conflict
    /// The request asks for more than the service allows.
    case limitExceeded = "limit_exceeded"
    /// The service or the database cannot answer now: try again later.
    case unavailable
    /// A fault in Trama.
    case `internal`

    /// The HTTP status an API answer carries for this category.
    public var httpStatus: Int {
        switch self {
        case .badRequest: 400
        case .unauthorized: 401
        case .forbidden: 403
        case .notFound: 404
        case .ambiguous: 409
        case .conflict: 409
        case .limitExceeded: 422
        case .unavailable: 503
        case .internal: 500
        }
    }

    /// The CLI's exit status, from sysexits(3) where one fits.
    public var exitCode: Int32 {
        switch self {
        case .badRequest, .ambiguous, .limitExceeded: 65  // EX_DATAERR
        case .notFound: 66  // EX_NOINPUT
        case .unauthorized, .forbidden: 77  // EX_NOPERM
        case .conflict: 73  // EX_CANTCREAT
        case .unavailable: 69  // EX_UNAVAILABLE
        case .internal: 70  // EX_SOFTWARE
        }
    }

    /// The category of any error Trama raises; errors from elsewhere count as internal.
    public static func of(_ error: any Error) -> ErrorCategory {
        switch error {
        case let e as ServiceError:
            switch e {
            case .unknownEntity, .noAnalysisRun, .noSuchRun, .noJudgeProfile, .truthMissing, .unknownToken, .noSuchInvestigation, .unknownUser, .notInInvestigation, .unknownDataset, .unknownRing, .noSuchWatchlist, .noSuchRule, .noSuchCase, .noSuchAlert, .noSuchWebhook: .notFound
            case .ambiguousEntity, .ambiguousUser: .ambiguous
            case .investigationAccess, .watchlistAccess: .forbidden
            case .unknownKind, .unknownRelation, .badDate, .badWeight, .badPairLine, .unreadable, .badParameter, .notAnEntityReference: .badRequest
            case .cannotMerge, .investigationConflict: .conflict
            case .limitExceeded, .tooManyAttempts: .limitExceeded
            case .busy: .unavailable
            case .auditLogBroken: .conflict
            case .resourcesNotFound, .malformedRow: .internal
            }
        case let e as StoreError:
            switch e {
            case .unknownEntity, .unknownVersion, .noVersionBefore: .notFound
            case .ambiguousEntity: .ambiguous
            case .migrationChanged, .unknownAppliedMigration: .conflict
            case .noPostgresBinaries, .clusterCommandFailed, .clusterNotRunning, .poolExhausted, .poolClosed: .unavailable
            default: .internal
            }
        case let e as PQError:
            e.code == .invalidParameter ? .badRequest : e.code == .connectionFailed || e.isOutOfResources ? .unavailable : .internal
        case IngestError.storeOutOfResources: .unavailable
        case is IngestError, is GraphError: .badRequest
        case let e as RenderError:
            switch e {
            case .invalidDOT, .themeUnreadable: .badRequest
            case .timedOut: .limitExceeded
            default: .internal
            }
        default: .internal
        }
    }
}

/// An error as RFC 9457 problem details (`application/problem+json`): the API's body for every
/// 4xx and 5xx, and the CLI's `--format json` error.
public struct Problem: Answer, Error {
    /// A URI naming the problem type: `https://trama.invalid/problems/<category>`.
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    /// The request parameter at fault, when one is.
    public var parameter: String?
    public var category: ErrorCategory

    public init(category: ErrorCategory, detail: String, parameter: String? = nil, status: Int? = nil) {
        self.category = category
        self.type = "https://trama.invalid/problems/\(category.rawValue.replacingOccurrences(of: "_", with: "-"))"
        self.title = Self.titles[category] ?? category.rawValue
        self.status = status ?? category.httpStatus
        self.detail = detail
        self.parameter = parameter
    }

    /// The problem an error is; `parameter` names the request parameter it concerns, when the
    /// caller knows it better than the error does.
    public init(_ error: any Error, parameter: String? = nil) {
        if let p = error as? Problem {
            self = p
            return
        }
        let category = ErrorCategory.of(error)
        var named = parameter
        if case let ServiceError.badParameter(name, _) = error { named = name }
        if case let ServiceError.limitExceeded(name, _) = error { named = name }
        // Internal faults are described without their text: it may hold SQL or data.
        let detail = category == .internal ? "internal error; the server log has the details" : String(describing: error)
        var status: Int?
        if case ServiceError.tooManyAttempts = error { status = 429 }
        self.init(category: category, detail: detail, parameter: named, status: status)
    }

    static let titles: [ErrorCategory: String] = [
        .badRequest: "Bad request", .unauthorized: "Unauthorized", .forbidden: "Forbidden", .notFound: "Not found", .ambiguous: "Ambiguous reference", .conflict: "Conflict",
        .limitExceeded: "Limit exceeded", .unavailable: "Service unavailable", .internal: "Internal error",
    ]
}
