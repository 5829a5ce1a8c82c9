import ArgumentParser
import Foundation
import TramaWorld

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic world as GRAS tables, with planted patterns listed in truth.json.",
        discussion: "The same --firms and --seed always give byte-identical files.")

    @Option(help: "Number of firms; every other count follows from it.") var firms = 2_000
    @Option(help: "Seed of the world.") var seed: UInt64 = 1
    @Option(help: "Folder to write (created if missing).") var out: String

    func validate() throws {
        if firms < 50 { throw ValidationError("--firms must be at least 50 to leave room for the planted patterns") }
    }

    func run() throws {
        let started = ContinuousClock.now
        let summary = try WorldGenerator(config: WorldConfig(firms: firms, seed: seed)).write(to: URL(fileURLWithPath: out)) { Console.progress($0) }
        Console.endProgress()
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        print("wrote a world of \(firms) firms (seed \(seed)) to \(out) in \(String(format: "%.1f", seconds)) s")
        for (file, rows) in summary.rowsPerFile {
            print("  \(file.padding(toLength: 24, withPad: " ", startingAt: 0)) \(rows) rows")
        }
        print("  truth.json lists the planted patterns")
    }
}
