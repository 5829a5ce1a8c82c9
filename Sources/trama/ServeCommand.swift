import ArgumentParser
import Foundation
import TramaServer
import TramaRender
import TramaService

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the JSON API: the graph held in memory, answers for many users at once, tokens, roles and an audit log.",
        discussion: """
            Every endpoint but /health and /openapi.json needs an API token (`trama token create --role R`), \
            sent as Authorization: Bearer TOKEN. The graph is reloaded in the background when an import or \
            merge (from any process) changes the store. Stop with Ctrl-C.
            """)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port).") var port = 8080
    @Option(help: "Threads for database work and graph analyses (default: twice the cores, at least 4).") var threads: Int?
    @Option(help: "Threads for path searches (default: one more than the cores).") var pathThreads: Int?
    @Option(help: "The nice value path threads run at, 0–19 (default 5): below the threads answers wait on.") var pathNice: Int32?
    @Option(help: "Name searches run at once (default: half the cores, at least 2, at most 4); more wait their turn.") var searchThreads: Int?
    @Option(help: "Largest import body accepted by POST /api/v1/imports, in MiB.") var maxImportMib = 512
    @Option(help: "An origin (https://host[:port]) whose pages may call the API from a browser; repeat for more. Default: none (CORS closed).")
    var allowOrigin: [String] = []
    @Option(help: "Unknown API tokens a client may send in a minute before it is refused with 429.") var failedTokenLimit = 20
    @Option(help: "Hours a session (POST /api/v1/sessions) lasts at most.") var sessionHours = 8.0
    @Option(help: "Minutes unused after which a session ends.") var sessionIdleMinutes = 30.0
    @Option(help: "Maps the drawing process draws before it is replaced (Graphviz leaks memory on every map).") var mapsPerWorker = 500
    @Option(help: "Seconds a map may take to draw before it is stopped (422).") var mapSeconds = 30
    @Flag(help: "Let webhooks added over the API name this machine or a private network (off: a user cannot make the server send requests where only it can reach).")
    var webhooksToPrivateAddresses = false
    @Option(
        help: ArgumentHelp(
            "A streaming replica of the store (PostgreSQL URL) to load the graph and read its records from; tokens, sessions, the audit log, jobs and imports stay on --database, the primary. The server swaps to an import once the replica has replayed it.",
            valueName: "url"))
    var replica: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if replica != nil, store.database == nil, ProcessInfo.processInfo.environment["TRAMA_DATABASE_URL"] == nil {
            throw ValidationError("--replica needs --database (or TRAMA_DATABASE_URL): the private cluster has no replicas")
        }
        if port < 0 || port > 65535 { throw ValidationError("--port must be between 0 and 65535") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let searchThreads, searchThreads < 1 { throw ValidationError("--search-threads must be at least 1") }
        if let pathThreads, pathThreads < 1 { throw ValidationError("--path-threads must be at least 1") }
        if let pathNice, !(0...19).contains(pathNice) { throw ValidationError("--path-nice must be between 0 and 19") }
        if maxImportMib < 1 || maxImportMib > 1 << 20 { throw ValidationError("--max-import-mib must be between 1 and 1048576") }
        if failedTokenLimit < 1 { throw ValidationError("--failed-token-limit must be at least 1") }
        if mapsPerWorker < 1 { throw ValidationError("--maps-per-worker must be at least 1") }
        if mapSeconds < 1 || mapSeconds > 3600 { throw ValidationError("--map-seconds must be from 1 to 3600") }
        if !(sessionHours > 0 && sessionHours <= 24 * 30) { throw ValidationError("--session-hours must be above 0 and at most 720") }
        if !(sessionIdleMinutes >= 1 && sessionIdleMinutes <= sessionHours * 60) {
            throw ValidationError("--session-idle-minutes must be at least 1 and at most the session's hours")
        }
    }

    func run() async throws {
        let session = try store.open(replica: replica)
        defer { session.close() }
        var configuration = TramaServer.Configuration()
        configuration.host = host
        configuration.port = port
        if let threads { configuration.threads = threads }
        if let searchThreads { configuration.searchThreads = searchThreads }
        if let pathThreads { configuration.pathThreads = pathThreads }
        if let pathNice { configuration.pathNice = pathNice }
        configuration.maximumImportBytes = maxImportMib << 20
        configuration.allowedOrigins = allowOrigin
        configuration.failedTokenAttempts = failedTokenLimit
        configuration.webhooksToPrivateAddresses = webhooksToPrivateAddresses
        configuration.sessionLifetime = .seconds(Int((sessionHours * 3600).rounded()))
        configuration.sessionIdle = .seconds(Int((sessionIdleMinutes * 60).rounded()))
        // Maps are drawn by this same program, in a child process (`trama render-worker`).
        let me = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        configuration.renderer = IsolatedRenderer(executable: me, mapsPerWorker: mapsPerWorker, deadline: .seconds(mapSeconds))
        Console.note("loading the graph from \(session.location)")
        try await TramaServer(session: session, configuration: configuration).run { url in
            Console.note("serving \(url) (API under \(url)/api/v1, document at \(url)/openapi.json)")
        }
    }
}

/// `trama render-worker`: the child process `trama serve` draws its maps in (see
/// ``IsolatedRenderer``); not for people.
struct RenderWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render-worker", abstract: "Draw maps sent on standard input (the server's drawing process).", shouldDisplay: false)

    func run() throws {
        let status = RenderWorker.serve()
        if status != 0 { throw ExitCode(status) }
    }
}
