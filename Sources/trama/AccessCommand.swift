import ArgumentParser
import Foundation
import TramaService

extension Role: ExpressibleByArgument {}

/// `text` for people, `json` for scripts.
enum ListFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// Pretty JSON of a Codable value, keys sorted so that output diffs cleanly.
func prettyJSON(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage the HTTP API's bearer tokens (roles: viewer < analyst < admin).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token; its secret is printed once, alone on the last line, and never stored.")
        @Option(help: "viewer, analyst or admin.") var role: Role
        @Option(help: "What the token is for, e.g. who holds it.") var name = ""
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let (token, secret) = try AccessTokens(store: session.store).create(role: role, name: name)
            print("id:   \(token.id)")
            print("role: \(token.role.rawValue)")
            print("name: \(token.name)")
            Console.note("the secret below is shown only now; keep it: Trama stores only its SHA-256")
            print(secret)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tokens, revoked ones included (never their secrets).")
        @Option(help: "text or json.") var format: ListFormat = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let tokens = try AccessTokens(store: session.store).list()
            if format == .json { return print(try prettyJSON(tokens)) }
            if tokens.isEmpty { return print("no tokens (create one with `trama token create --role viewer`)") }
            let rows = [["ID", "ROLE", "NAME", "CREATED", "LAST USED", "REVOKED"]]
                + tokens.map { t in
                    [String(t.id), t.role.rawValue, t.name, Self.minute(t.createdAt), t.lastUsedAt.map(Self.minute) ?? "-", t.revokedAt.map(Self.minute) ?? "-"]
                }
            let widths = (0..<6).map { c in rows.map { $0[c].count }.max()! }
            for r in rows {
                print(zip(r, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ").trimmingTrailingSpaces())
            }
        }

        /// `2025-01-31T09:30:00.123456Z` → `2025-01-31 09:30Z`: enough for a table.
        static func minute(_ iso: String) -> String {
            guard iso.count >= 16 else { return iso }
            return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5) + "Z"
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: it no longer authenticates (its audit rows stay).")
        @Argument(help: "The token's id (`trama token list`).") var id: Int
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            try AccessTokens(store: session.store).revoke(id: id)
            print("revoked token \(id)")
        }
    }
}

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read and verify the HTTP API's hash-chained audit log.",
        subcommands: [Verify.self, List.self, Export.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every row's hash and link; exit 1 naming the first broken row when the chain is broken.",
            discussion: "With --file, checks an export (`trama audit export`, GET /api/v1/audit/export) without the database.")
        @Option(help: "text or json.") var format: ListFormat = .text
        @Option(help: "An exported log (JSON Lines) to check instead of the database's.") var file: String?
        @OptionGroup var store: StoreOptions

        func run() throws {
            let v: AuditVerification
            if let file {
                let url = URL(fileURLWithPath: file)
                let data: Data
                do { data = try Data(contentsOf: url) } catch { throw ServiceError.unreadable(file: file, reason: error.localizedDescription) }
                v = try AuditChainCheck.verify(exported: data, file: url.lastPathComponent)
            } else {
                let session = try store.open()
                defer { session.close() }
                v = try AuditLog(store: session.store).verify()
            }
            if format == .json { print(try prettyJSON(v)) }
            guard let broken = v.firstBrokenID else {
                if format == .text { print("audit log intact: \(v.rowsChecked) rows verified") }
                return
            }
            throw ServiceError.auditLogBroken(rowID: broken, reason: v.reason ?? "", rowsChecked: v.rowsChecked)
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the log as JSON Lines, oldest first, each row with the hash it links to.",
            discussion: """
                Keep the export (or its last hash) somewhere else: a chain cannot show that its last \
                rows were deleted, but a kept copy can. `trama audit verify --file` checks an export \
                without the database; --after N continues an earlier export.
                """)
        @Option(help: "Only rows after this id.") var after: Int64 = 0
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard after >= 0 else { throw ValidationError("--after cannot be negative") }
        }

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            var out = Data()
            var rows = 0
            let handle: FileHandle
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw ServiceError.unreadable(file: output, reason: "cannot be created")
                }
                handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            } else {
                handle = FileHandle.standardOutput
            }
            defer { if output != nil { try? handle.close() } }
            try AuditLog(store: session.store).export(after: after) { record in
                out.append(contentsOf: Array((record.json.compact + "\n").utf8))
                rows += 1
                if out.count > 1 << 20 {
                    try handle.write(contentsOf: out)
                    out.removeAll(keepingCapacity: true)
                }
                return true
            }
            try handle.write(contentsOf: out)
            if let output { Console.note("\(rows) rows written to \(output)") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the log, newest first.")
        @Option(help: "At most this many.") var limit = 100
        @Option(help: "Skip this many (newest first).") var offset = 0
        @Option(name: .customLong("token"), help: "Only this token's requests (its id).") var tokenID: Int?
        @Option(help: "Only requests about this entity (kind:ID).") var entity: String?
        @Option(help: "text or json.") var format: ListFormat = .text
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
            guard offset >= 0 else { throw ValidationError("--offset cannot be negative") }
        }

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let (entries, total) = try AuditLog(store: session.store).list(limit: limit, offset: offset, tokenID: tokenID, entity: entity)
            if format == .json {
                struct Page: Encodable {
                    var total: Int
                    var entries: [AuditEntry]
                }
                return print(try prettyJSON(Page(total: total, entries: entries)))
            }
            for e in entries {
                let who = e.tokenID.map { "token \($0)" } ?? "no token"
                print("\(e.id)  \(e.at)  \(who)  \(e.status)  \(e.endpoint)" + (e.entities.isEmpty ? "" : "  " + e.entities.joined(separator: ",")))
            }
            print("\(entries.count) of \(total) rows" + (offset > 0 ? " (from \(offset + 1))" : ""))
        }
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
