import Foundation

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Trama's private PostgreSQL cluster: the default when no database URL is given.
///
/// Layout under the home directory (`TRAMA_HOME`, default `~/.local/share/trama`):
/// `postgres/data` (the cluster), `postgres/run` (its Unix socket; no TCP port is opened) and
/// `postgres/server.log`. The cluster's superuser is `trama`, trusted on the socket only; the
/// socket directory is private to the cluster's owner.
///
/// PostgreSQL refuses to run as root. Run as root (containers, CI), the cluster is owned by an
/// unprivileged system user: `postgres` when Debian's package made it, otherwise `trama`
/// (created with `useradd --system`). That user must be able to reach the data directory, so
/// the directories above it get the traverse bit (`o+x`, not read) when they lack it; Trama
/// says so when it does this.
public struct EmbeddedCluster: Sendable {
    public let home: URL
    public let binDirectory: URL
    /// Database created inside the cluster for Trama's data.
    public let database: String
    /// Trades crash safety for speed (`fsync=off`); for throwaway test clusters only.
    public var durable = true

    public var dataDirectory: URL { home.appendingPathComponent("postgres/data") }
    public var socketDirectory: URL { home.appendingPathComponent("postgres/run") }
    public var logFile: URL { home.appendingPathComponent("postgres/server.log") }
    static let port = 5432
    static let superuser = "trama"

    public init(home: URL, database: String = "trama", binDirectory: URL? = nil) throws {
        self.home = home.standardizedFileURL
        self.database = database
        self.binDirectory = try binDirectory ?? Self.findBinaries()
    }

    /// `TRAMA_HOME`, else `~/.local/share/trama`.
    public static func defaultHome(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let h = environment["TRAMA_HOME"], !h.isEmpty { return URL(fileURLWithPath: h) }
        let user = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return user.appendingPathComponent(".local/share/trama")
    }

    /// Where `initdb` and `pg_ctl` are: `pg_config --bindir`, then Debian's
    /// `/usr/lib/postgresql/<version>/bin` (newest first), then `PATH`.
    public static func findBinaries() throws -> URL {
        var searched: [String] = []
        func usable(_ dir: String) -> Bool {
            searched.append(dir)
            return FileManager.default.isExecutableFile(atPath: dir + "/initdb") && FileManager.default.isExecutableFile(atPath: dir + "/pg_ctl")
        }
        if let out = try? run("pg_config", ["--bindir"]).output.trimmingNewlines(), !out.isEmpty, usable(out) {
            return URL(fileURLWithPath: out)
        }
        let debian = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: debian)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for v in versions where usable("\(debian)/\(v)/bin") { return URL(fileURLWithPath: "\(debian)/\(v)/bin") }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) where usable(dir) {
            return URL(fileURLWithPath: dir)
        }
        throw StoreError.noPostgresBinaries(searched: searched)
    }

    /// `postgresql://trama@/DB?host=SOCKETDIR`, which `psql` and libpq accept.
    public var url: String { "postgresql://\(Self.superuser)@/\(database)?host=\(socketDirectory.path)&port=\(Self.port)" }

    public var isInitialized: Bool { FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) }

    public var isRunning: Bool {
        guard isInitialized else { return false }
        return (try? runAsOwner(pgctl, ["status", "-D", dataDirectory.path]))?.status == 0
    }

    private var pgctl: String { binDirectory.appendingPathComponent("pg_ctl").path }

    /// Initialises the cluster if needed, starts it if stopped, creates the database if missing.
    /// Returns what it did, for the user.
    @discardableResult
    public func start() throws -> [String] {
        var said: [String] = []
        let fm = FileManager.default
        try fm.createDirectory(at: home.appendingPathComponent("postgres"), withIntermediateDirectories: true)
        let owner = try Self.clusterOwner()
        if let owner {
            for note in try owner.prepareAccess(to: home.appendingPathComponent("postgres")) { said.append(note) }
        }
        if !isInitialized {
            try fm.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
            try fm.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
            if let owner { try owner.chown([dataDirectory, socketDirectory]) }
            try check(
                runAsOwner(
                    binDirectory.appendingPathComponent("initdb").path,
                    ["-D", dataDirectory.path, "-U", Self.superuser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]
                ), "initdb")
            var conf = """

                # Trama's private cluster: Unix socket only, in its own directory.
                listen_addresses = ''
                unix_socket_directories = '\(socketDirectory.path)'
                unix_socket_permissions = 0700
                port = \(Self.port)
                shared_buffers = 256MB
                maintenance_work_mem = 512MB
                work_mem = 64MB
                max_wal_size = 4GB
                wal_level = minimal
                max_wal_senders = 0

                """
            if !durable { conf += "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n" }
            let confURL = dataDirectory.appendingPathComponent("postgresql.conf")
            let handle = try FileHandle(forWritingTo: confURL)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(conf.utf8))
            try handle.close()
            said.append("initialised a private PostgreSQL cluster in \(dataDirectory.path)")
        }
        if !isRunning {
            if !fm.fileExists(atPath: logFile.path) {
                _ = fm.createFile(atPath: logFile.path, contents: nil)
                if let owner { try owner.chown([logFile]) }
            }
            try check(runAsOwner(pgctl, ["start", "-w", "-t", "60", "-D", dataDirectory.path, "-l", logFile.path]), "pg_ctl start")
            said.append("started PostgreSQL on socket \(socketDirectory.path) (log: \(logFile.path))")
        }
        let admin = try PQConnection("postgresql://\(Self.superuser)@/postgres?host=\(socketDirectory.path)&port=\(Self.port)")
        defer { admin.close() }
        if try admin.execute("SELECT 1 FROM pg_database WHERE datname = $1", [database], name: "database_exists").rows.isEmpty {
            // CREATE DATABASE takes no parameters; the name is checked to be a plain identifier.
            guard database.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw StoreError.clusterCommandFailed(command: "CREATE DATABASE", status: 1, output: "invalid database name \(database)")
            }
            try admin.execute("CREATE DATABASE \(database)", name: "create_database")
            said.append("created database \(database)")
        }
        return said
    }

    /// Stops the cluster (fast shutdown: open sessions are ended).
    public func stop() throws {
        guard isRunning else { return }
        try check(runAsOwner(pgctl, ["stop", "-w", "-m", "fast", "-D", dataDirectory.path]), "pg_ctl stop")
    }

    private func check(_ result: (status: Int32, output: String), _ command: String) throws {
        guard result.status == 0 else {
            throw StoreError.clusterCommandFailed(command: command, status: result.status, output: result.output)
        }
    }

    private func runAsOwner(_ executable: String, _ args: [String]) throws -> (status: Int32, output: String) {
        if let owner = try Self.clusterOwner() {
            return try Self.run("runuser", ["-u", owner.name, "--", executable] + args)
        }
        return try Self.run(executable, args)
    }

    /// The unprivileged user that owns the cluster when Trama runs as root; nil otherwise.
    static func clusterOwner() throws -> SystemUser? {
        guard geteuid() == 0 else { return nil }
        if let user = SystemUser(named: "postgres") { return user }
        if let user = SystemUser(named: "trama") { return user }
        let r = try run("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "trama"])
        guard r.status == 0, let user = SystemUser(named: "trama") else {
            throw StoreError.clusterCommandFailed(command: "useradd trama", status: r.status, output: r.output)
        }
        return user
    }

    /// Runs a program found on `PATH` (or by absolute path), capturing stdout and stderr together.
    @discardableResult
    static func run(_ program: String, _ args: [String]) throws -> (status: Int32, output: String) {
        let outcome = try Subprocess.run(program, args)
        return (outcome.status, outcome.output)
    }
}

/// An account on this machine, looked up in the password database.
struct SystemUser: Sendable {
    var name: String
    var uid: uid_t
    var gid: gid_t

    init?(named name: String) {
        guard let pw = getpwnam(name) else { return nil }
        self.name = name
        uid = pw.pointee.pw_uid
        gid = pw.pointee.pw_gid
    }

    func chown(_ urls: [URL]) throws {
        for url in urls where Glibc.chown(url.path, uid, gid) != 0 {
            throw StoreError.clusterCommandFailed(command: "chown \(url.path)", status: errno, output: String(cString: strerror(errno)))
        }
    }

    /// Makes `dir` owned by this user and every directory above it traversable by others.
    func prepareAccess(to dir: URL) throws -> [String] {
        var notes: [String] = []
        try chown([dir])
        var cur = dir.deletingLastPathComponent()
        while cur.path != "/" {
            var st = stat()
            if stat(cur.path, &st) == 0, st.st_mode & S_IXOTH == 0 {
                guard chmod(cur.path, st.st_mode & 0o7777 | S_IXOTH) == 0 else {
                    throw StoreError.clusterCommandFailed(command: "chmod o+x \(cur.path)", status: errno, output: String(cString: strerror(errno)))
                }
                notes.append("made \(cur.path) traversable (o+x) so that user \(name) can reach the cluster")
            }
            cur = cur.deletingLastPathComponent()
        }
        return notes
    }
}
