import ArgumentParser
import Foundation
import TramaServer
import TramaService

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a small world, import it, ask about its planted patterns, and draw the answers.",
        discussion: """
            With --serve it then serves the demo world over HTTP (`trama serve`) and prints the URL \
            and an analyst token, until stopped with Ctrl-C.
            """)

    @Option(help: "Folder for the world and the maps.") var out = "trama-demo"
    @Option(help: "Firms in the generated world.") var firms = 2_000
    @Option(help: "Seed of the generated world.") var seed: UInt64 = 7
    @Flag(help: "Then serve the demo world over HTTP and print its URL and an analyst token.") var serve = false
    @Option(help: "Port for --serve.") var port = 8080
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let dir = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let session = try store.open()
        defer { session.close() }
        try Demo(out: dir, firms: firms, seed: seed).run(session: session) { print($0) }
        guard serve else { return }
        // Stored runs for the judge endpoints too, then a token to try the API with.
        _ = try JudicialScan().run(session: session)
        let (token, secret) = try AccessTokens(store: session.store).create(role: .analyst, name: "demo")
        var configuration = TramaServer.Configuration()
        configuration.port = port
        try await TramaServer(session: session, configuration: configuration).run { url in
            print("""
                9. Serving the demo world at \(url) (Ctrl-C stops it). Open \(url) in a browser and sign in
                   with the token below (the web explorer), or try the API:
                   curl -H "Authorization: Bearer $TOKEN" '\(url)/api/v1/collusion/rings?limit=2'
                   curl -H "Authorization: Bearer $TOKEN" '\(url)/api/v1/search?q=obras'
                   The API is described at \(url)/openapi.json. An analyst token (id \(token.id)), shown once:
                \(secret)
                """)
            // Standard output may be a pipe or a file: the token must be there now, not at exit.
            fflush(nil)
        }
    }
}
