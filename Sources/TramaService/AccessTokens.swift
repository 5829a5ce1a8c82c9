import Foundation
public import TramaStore

/// What an API token may do, each role including the ones below it: a `viewer` searches and
/// sees maps, aggregates, rings and flags (a natural person's identifiers and contact details
/// masked); an `analyst` also sees entity details, relationships, paths and their evidence; an
/// `admin` also imports, runs scans, manages tokens and reads the audit log.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    case viewer, analyst, admin

    /// Position in `viewer < analyst < admin` (declaration order).
    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
}

/// An API token as stored: never its secret, which is shown once when the token is created.
/// Times are UTC ISO-8601 text to the microsecond (`2025-01-31T09:30:00.123456Z`).
public struct AccessToken: Codable, Sendable, Hashable {
    public var id: Int
    public var name: String
    public var role: Role
    public var createdAt: String
    public var revokedAt: String?
    public var lastUsedAt: String?
    /// For a session: the token it was opened with, and when it ends at the latest. Not part
    /// of the token listing (sessions are not listed there).
    public var sessionOf: Int? = nil
    public var expiresAt: String? = nil

    public var isRevoked: Bool { revokedAt != nil }
    public var isSession: Bool { sessionOf != nil }

    enum CodingKeys: String, CodingKey {
        case id, name, role
        case createdAt = "created_at"
        case revokedAt = "revoked_at"
        case lastUsedAt = "last_used_at"
    }

    public init(id: Int, name: String, role: Role, createdAt: String, revokedAt: String? = nil, lastUsedAt: String? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    /// A row of `token_insert`, `tokens_list`, `token_authenticate` or `session_insert`:
    /// id, name, role, created_at, revoked_at, last_used_at[, parent_id, expires_at].
    init(row: [String?]) throws {
        guard row.count >= 6, let id = row[0].flatMap({ Int($0) }), let role = row[2].flatMap(Role.init(rawValue:)) else {
            throw ServiceError.malformedRow(query: "api_tokens")
        }
        self.init(id: id, name: row[1] ?? "", role: role, createdAt: row[3] ?? "", revokedAt: row[4], lastUsedAt: row[5])
        if row.count >= 8 {
            sessionOf = row[6].flatMap { Int($0) }
            expiresAt = row[7]
        }
    }
}

/// The API's bearer tokens: created with a role, listed, revoked, and looked up by secret.
///
/// A secret is `trama_` followed by 32 bytes from the system's CSPRNG in URL-safe base64
/// without padding (43 characters). Only its SHA-256 is stored, so a leaked database or
/// backup holds no usable token; with 256 random bits a fast unsalted hash is safe (there is
/// no dictionary to try), and it lets a request find its token with one index lookup.
public struct AccessTokens: Sendable {
    public let store: Store

    /// What every secret starts with, so that a leaked one is recognisable (secret scanners).
    public static let secretPrefix = "trama_"

    public init(store: Store) { self.store = store }

    /// Creates a token and returns it with its secret, which is not stored and cannot be shown again.
    public func create(role: Role, name: String = "") throws -> (token: AccessToken, secret: String) {
        let secret = Self.newSecret()
        let row = try store.execute(.tokenInsert, [name, role.rawValue, Self.hash(secret)]).rows[0]
        return (try AccessToken(row: row), secret)
    }

    /// Every token, revoked ones included, oldest first.
    public func list() throws -> [AccessToken] {
        try store.execute(.tokensList).rows.map(AccessToken.init(row:))
    }

    /// Revokes token `id`: it no longer authenticates. Revoking a revoked token changes nothing.
    /// For each session among `ids`, the token it was opened with.
    public func parents(of ids: [Int]) throws -> [Int: Int] {
        guard !ids.isEmpty else { return [:] }
        let rows = try store.execute(.tokenParents, ["{" + ids.map(String.init).joined(separator: ",") + "}"]).rows
        return Dictionary(rows.compactMap { r in r[0].flatMap { Int($0) }.flatMap { id in r[1].flatMap { Int($0) }.map { (id, $0) } } }, uniquingKeysWith: { a, _ in a })
    }

    public func revoke(id: Int) throws {
        guard try store.execute(.tokenRevoke, [String(id)]).rows.count == 1 else { throw ServiceError.unknownToken(id: id) }
    }

    /// The live token or session whose secret this is, or nil (unknown, revoked, or a session
    /// that ended: past its end, idle for `sessionIdle`, or opened with a token since revoked),
    /// noting that it was used (at most once a minute, so that requests do not each write).
    ///
    /// No constant-time comparison is needed: the secret is never compared, its SHA-256 is looked
    /// up through a unique index, and timing that lookup tells an attacker nothing about a
    /// secret that hashes differently.
    public func authenticate(secret: String, sessionIdle: Duration = Self.defaultSessionIdle) throws -> AccessToken? {
        guard secret.hasPrefix(Self.secretPrefix) else { return nil }
        return try store.execute(.tokenAuthenticate, [Self.hash(secret), String(sessionIdle.components.seconds)]).rows.first.map(AccessToken.init(row:))
    }

    public static let defaultSessionLifetime: Duration = .seconds(8 * 3600)
    public static let defaultSessionIdle: Duration = .seconds(30 * 60)

    /// Opens a session with live token `tokenID` (not itself a session), with its role, ending
    /// after `lifetime` at the latest; returns it with its secret, which is not stored.
    public func openSession(for tokenID: Int, lifetime: Duration = Self.defaultSessionLifetime) throws -> (session: AccessToken, secret: String) {
        let secret = Self.newSecret()
        guard let row = try store.execute(.sessionInsert, [String(tokenID), Self.hash(secret), String(lifetime.components.seconds)]).rows.first else {
            throw ServiceError.unknownToken(id: tokenID)
        }
        return (try AccessToken(row: row), secret)
    }

    /// Ends session `id` (logout): it no longer authenticates. Ending an ended session changes
    /// nothing; an id that is not a session is not found.
    public func endSession(id: Int) throws {
        guard try store.execute(.sessionRevoke, [String(id)]).rows.count == 1 else { throw ServiceError.unknownToken(id: id) }
    }

    /// Hex SHA-256 of the secret's UTF-8 bytes: what `api_tokens.secret_hash` holds.
    public static func hash(_ secret: String) -> String { SHA256.hex(Array(secret.utf8)) }

    /// `trama_` + 32 bytes of `SystemRandomNumberGenerator` (getrandom(2) on Linux, arc4random
    /// on Darwin: the system CSPRNG) in URL-safe base64 without padding.
    static func newSecret() -> String {
        var rng = SystemRandomNumberGenerator()
        var bytes = [UInt8]()
        bytes.reserveCapacity(32)
        for _ in 0..<4 { withUnsafeBytes(of: rng.next() as UInt64) { bytes += $0 } }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return secretPrefix + base64
    }
}

extension AccessTokens {
    /// The API token a user names: its number (`12`, `#12`) or its name; a token numbered so
    /// wins over one merely named "12", and a name several tokens share is refused.
    public static func userID(_ who: String, store: Store) throws -> Int {
        let name = who.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw ServiceError.unknownUser("") }
        let number = Int(name.hasPrefix("#") ? String(name.dropFirst()) : name)
        let found = try store.execute(.tokensByName, [name, number.map(String.init)]).rows.compactMap { $0[0].flatMap { Int($0) } }
        guard let target = number.flatMap({ n in found.first { $0 == n } }) ?? (found.count == 1 ? found[0] : nil) else {
            if found.isEmpty { throw ServiceError.unknownUser(String(name.prefix(200))) }
            throw ServiceError.ambiguousUser(String(name.prefix(200)), ids: found)
        }
        return target
    }
}
