import Foundation

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Trama's private PostgreSQL cluster: the default when no database URL is given.
///
/// Layout under the cluster directory (`postgres/` in the home directory, `TRAMA_HOME`, default
/// `~/.local/share/trama`): `data` (the cluster), `run` (its Unix socket; no TCP port is opened)
/// and `server.log`. The cluster's superuser is `trama`, trusted on the socket only; the socket
/// directory is private to the cluster's owner.
///
/// PostgreSQL refuses to run as root. Run as root (containers, CI), the cluster is owned by an
/// unprivileged system user: `postgres` when Debian's package made it, otherwise `trama`
/// (created with `useradd --system`). That user must reach the cluster without Trama widening
/// the permissions of any folder it did not create (a root home is `0700`, and making it
/// traversable would expose it to every account): when the home directory is out of that user's
/// reach, the cluster lives under `/var/lib/trama/clusters/` instead, in a folder named after the
/// home directory, private to that user.
public struct EmbeddedCluster: Sendable {
    public let home: URL
    /// Where the cluster's files are: `home/postgres`, or the system location described above.
    public let clusterDirectory: URL
    public let binDirectory: URL
    /// Database created inside the cluster for Trama's data.
    public let database: String
    /// Trades crash safety for speed (`fsync=off`); for throwaway test clusters only.
    public var durable = true

    public var dataDirectory: URL { clusterDirectory.appendingPathComponent("data") }
    public var socketDirectory: URL { clusterDirectory.appendingPathComponent("run") }
    public var logFile: URL { clusterDirectory.appendingPathComponent("server.log") }
    static let port = 5432
    static let superuser = "trama"
    static let systemClusters = URL(fileURLWithPath: "/var/lib/trama/clusters")

    public init(home: URL, database: String = "trama", binDirectory: URL? = nil) throws {
        self.home = home.standardizedFileURL
        self.database = database
        self.binDirectory = try binDirectory ?? Self.findBinaries()
        clusterDirectory = Self.placement(home: self.home, owner: geteuid() == 0 ? Self.existingClusterOwner() : nil, mode: Self.mode(of:))
    }

    /// `home/postgres` when `owner` (nil: the current user) can reach it, or when a cluster is
    /// already there; otherwise a folder of its own under `/var/lib/trama/clusters`.
    static func placement(home: URL, owner: SystemUser?, mode: (String) -> FileMode?) -> URL {
        let inHome = home.appendingPathComponent("postgres")
        guard let owner else { return inHome }
        if mode(inHome.appendingPathComponent("data/PG_VERSION").path) != nil { return inHome }
        if owner.canTraverse(upTo: inHome, mode: mode) { return inHome }
        return systemClusters.appendingPathComponent("\(home.lastPathComponent)-\(fnv1a(home.path))")
    }

    /// A stable name for a path (Swift's `Hasher` is seeded per process).
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    static func mode(of path: String) -> FileMode? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileMode(owner: st.st_uid, group: st.st_gid, permissions: st.st_mode & 0o7777)
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
        let owner = try Self.clusterOwner()
        if let owner, clusterDirectory.path.hasPrefix(Self.systemClusters.path + "/"), !fm.fileExists(atPath: clusterDirectory.path) {
            try fm.createDirectory(at: Self.systemClusters, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            try fm.createDirectory(at: clusterDirectory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            said.append("\(home.path) is out of reach of user \(owner.name), who runs PostgreSQL: the cluster lives in \(clusterDirectory.path)")
        }
        try fm.createDirectory(at: clusterDirectory, withIntermediateDirectories: true)
        if let owner {
            try owner.chown([clusterDirectory])
            guard owner.canTraverse(upTo: clusterDirectory, mode: Self.mode(of:)) else {
                throw StoreError.clusterCommandFailed(
                    command: "reach \(clusterDirectory.path)", status: EACCES,
                    output: "user \(owner.name), who runs PostgreSQL, cannot reach it; Trama does not widen permissions of folders it did not create: set TRAMA_HOME to a folder that user can traverse")
            }
        }
        if !isInitialized {
            try fm.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
            try fm.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
            if let owner { try owner.chown([dataDirectory, socketDirectory]) }
            // Text sorts by byte (`--lc-collate=C`), which for UTF-8 is the code-point order
            // C.UTF-8 sorts by too, so every ORDER BY answers the same; but PostgreSQL compares
            // C-collated text with memcmp and sorts it with abbreviated keys, which it switches
            // off for libc locales. Building the nodes' two key indexes over 6.2 million
            // entities took 16.3 s under C.UTF-8 and 11.0 s under C. Character classes
            // (lower(), the trigram index's words) still follow C.UTF-8.
            try check(
                runAsOwner(
                    binDirectory.appendingPathComponent("initdb").path,
                    ["-D", dataDirectory.path, "-U", Self.superuser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--lc-collate=C"]
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

    /// The account that owns the cluster when run as root, if it exists yet.
    static func existingClusterOwner() -> SystemUser {
        knownOwner() ?? SystemUser(name: "trama", uid: .max, gid: .max)
    }

    /// `postgres` when Debian's package made it, else `trama` if an earlier run created it.
    private static func knownOwner() -> SystemUser? { SystemUser(named: "postgres") ?? SystemUser(named: "trama") }

    /// The unprivileged user that owns the cluster when Trama runs as root; nil otherwise.
    static func clusterOwner() throws -> SystemUser? {
        guard geteuid() == 0 else { return nil }
        if let user = knownOwner() { return user }
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

    init(name: String, uid: uid_t, gid: gid_t) {
        self.name = name
        self.uid = uid
        self.gid = gid
    }

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

    /// Whether this user may pass through every directory above `dir` (and `dir` itself).
    func canTraverse(upTo dir: URL, mode: (String) -> FileMode?) -> Bool {
        var cur = dir.standardizedFileURL
        while true {
            if let m = mode(cur.path) {
                let bit: UInt32 = m.owner == uid ? 0o100 : m.group == gid ? 0o010 : 0o001
                if UInt32(m.permissions) & bit == 0 { return false }
            }
            if cur.path == "/" { return true }
            cur = cur.deletingLastPathComponent()
        }
    }
}

/// Owner, group and permission bits of a file.
struct FileMode: Sendable, Equatable {
    var owner: uid_t
    var group: gid_t
    var permissions: mode_t
}
