import Foundation

/// One version of the graph: an import, an accepted merge, or a change to the merge candidates
/// (`schema/0012_import_history.sql`, `schema/0026_resolution_versions.sql`).
/// A report re-run `--as-of` a version reads the graph as that version left it.
public struct GraphVersion: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable {
        /// A dataset loaded for the first time.
        case `import`
        /// A dataset's files changed: its previous rows were retired, not lost.
        case replace
        /// An entity folded into another by entity resolution.
        case merge
        /// A dataset loaded before the history was kept: its rows are in every version.
        case recorded
        /// Entity resolution's candidates proposed again (a scan), or one rejected.
        case resolve
    }

    public struct File: Sendable, Hashable, Codable {
        public var name: String
        public var sha256: String
        public var bytes: Int?
    }

    public var id: Int
    public var action: Action
    public var dataset: String?
    public var format: String?
    /// SHA-256 over the files' names and digests: the dataset's identity.
    public var digest: String?
    public var files: [File]
    /// The API token that asked for it, or the OS user of the CLI that ran it.
    public var importedBy: String
    public var reason: String?
    public var startedAt: String
    public var finishedAt: String
    public var nodes: Int?
    public var edges: Int?
    public var retiredNodes: Int
    public var retiredEdges: Int

    enum CodingKeys: String, CodingKey {
        case id, action, dataset, format, digest, files, reason, nodes, edges
        case importedBy = "imported_by", startedAt = "started_at", finishedAt = "finished_at"
        case retiredNodes = "retired_nodes", retiredEdges = "retired_edges"
    }
}

/// Who made a version and why, as the import or merge is asked for.
public struct VersionAuthor: Sendable, Hashable {
    public var name: String
    public var reason: String?

    public init(name: String, reason: String? = nil) {
        self.name = name
        self.reason = reason
    }

    /// This author, with `reason` when they gave none.
    public func because(_ reason: String) -> VersionAuthor { VersionAuthor(name: name, reason: self.reason ?? reason) }

    /// The operating-system user running this process: the author of a CLI's import.
    public static func processUser(reason: String? = nil) -> VersionAuthor {
        let user = ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? ProcessInfo.processInfo.userName
        return VersionAuthor(name: user.isEmpty ? "uid \(getuid())" : user, reason: reason)
    }
}

extension StoreConnection {
    /// Opens a version inside the caller's transaction; it is finished by ``finishVersion(_:nodes:edges:)``
    /// before the commit, and vanishes with a rollback.
    public func beginVersion(
        _ action: GraphVersion.Action, by author: VersionAuthor,
        dataset: (id: String, name: String, format: String, digest: String, filesJSON: String)? = nil
    ) throws -> Int {
        let r = try execute(
            .importBegin,
            [action.rawValue, dataset?.id, dataset?.name, dataset?.format, dataset?.digest, dataset?.filesJSON, author.name, author.reason])
        guard let id = r.scalar.flatMap({ Int($0) }) else {
            throw PQError(code: .unexpectedResult, message: "no version id", context: NamedQuery.importBegin.rawValue)
        }
        return id
    }

    /// Re-applies every accepted merge to what the store holds, as part of `version`: what an
    /// import brought back is merged again, and a new merge takes effect.
    public func applyMerges(version: Int) throws {
        for q: NamedQuery in [.mergesApplySources, .mergesApplyTargets, .mergesApplyDelete, .mergesApplyNodes] {
            try execute(q, [String(version)])
        }
    }

    /// Stamps the version finished, with the rows it left and retired.
    public func finishVersion(_ version: Int, nodes: Int? = nil, edges: Int? = nil, retiredNodes: Int = 0, retiredEdges: Int = 0) throws {
        try execute(.importFinish, [String(version), nodes.map(String.init), edges.map(String.init), String(retiredNodes), String(retiredEdges)])
    }
}

extension Store {
    /// Every finished version, newest first.
    public func versions() throws -> [GraphVersion] {
        let decoder = JSONDecoder()
        return try read(.importsList).rows.map { r in
            GraphVersion(
                id: Int(r[0]!)!, action: GraphVersion.Action(rawValue: r[1]!) ?? .recorded, dataset: r[2], format: r[3], digest: r[4],
                files: (try? decoder.decode([GraphVersion.File].self, from: Data((r[5] ?? "[]").utf8))) ?? [], importedBy: r[6]!, reason: r[7],
                startedAt: r[8]!, finishedAt: r[9]!, nodes: r[10].flatMap { Int($0) }, edges: r[11].flatMap { Int($0) },
                retiredNodes: Int(r[12]!) ?? 0, retiredEdges: Int(r[13]!) ?? 0)
        }
    }

    /// The version a user names: its number, or a time (ISO 8601 date or timestamp), meaning the
    /// last version finished by then.
    public func version(named text: String) throws -> GraphVersion {
        let all = try versions()
        if let n = Int(text) {
            guard let v = all.first(where: { $0.id == n }) else { throw StoreError.unknownVersion(text, latest: all.first?.id) }
            return v
        }
        guard Self.looksLikeTime(text) else { throw StoreError.unknownVersion(text, latest: all.first?.id) }
        let id: Int?
        do {
            id = try read(.importAt, [text]).scalar.flatMap { Int($0) }
        } catch let e as PQError where e.sqlState?.hasPrefix("22") == true {
            throw StoreError.unknownVersion(text, latest: all.first?.id)
        }
        guard let id, let v = all.first(where: { $0.id == id }) else { throw StoreError.noVersionBefore(text) }
        return v
    }

    private static func looksLikeTime(_ text: String) -> Bool {
        text.count >= 10 && text.prefix(4).allSatisfy(\.isNumber) && text.dropFirst(4).first == "-"
    }
}
