import ArgumentParser
import Foundation
import TramaService

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a small world, import it, ask about its planted patterns, and draw the answers.")

    @Option(help: "Folder for the world and the maps.") var out = "trama-demo"
    @Option(help: "Firms in the generated world.") var firms = 2_000
    @Option(help: "Seed of the generated world.") var seed: UInt64 = 7
    @OptionGroup var store: StoreOptions

    func run() throws {
        let dir = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let session = try store.open()
        defer { session.close() }
        try Demo(out: dir, firms: firms, seed: seed).run(session: session) { print($0) }
    }
}
