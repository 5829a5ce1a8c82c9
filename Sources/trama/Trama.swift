import ArgumentParser
import Foundation
import TramaCardinal
import TramaGraph
import TramaIngest
import TramaRender
import TramaService
import TramaStore

@main
struct Trama: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trama",
        abstract: "Network analysis of public data for anti-corruption work.",
        discussion: """
            Trama turns procurement, ownership, political and judicial records into one graph in \
            PostgreSQL and answers how entities are connected. With no --database and no \
            TRAMA_DATABASE_URL it runs its own private PostgreSQL under TRAMA_HOME \
            (default ~/.local/share/trama).
            """,
        subcommands: [DemoCommand.self, ServeCommand.self, IngestCommand.self, SearchCommand.self, EntityCommand.self, RelationshipsCommand.self, PathCommand.self, EvidenceCommand.self, DossierCommand.self, ScreenCommand.self, ProfileCommand.self, ExportCommand.self, CardinalCommand.self, SuppliersCommand.self, OwnersCommand.self, HoldingsCommand.self, SharedOwnersCommand.self, NeighborsCommand.self, CommunitiesCommand.self, RankCommand.self, CollusionCommand.self, JudgesCommand.self, FlagsCommand.self, RunsCommand.self, ResolveCommand.self, GenerateCommand.self, DBCommand.self, TokenCommand.self, AuditCommand.self, InvestigationsCommand.self, WatchCommand.self, RulesCommand.self, AlertsCommand.self, CasesCommand.self, WebhooksCommand.self, RenderWorkerCommand.self]
    )

    /// Runs the command; Trama's own errors are reported as the API reports them — the same
    /// words — and end with the exit status of their category (sysexits), so scripts can tell
    /// bad input from a database that is down.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            // cardinal's errors are all about the input: a settings file or a data file.
            let category = error is CardinalError ? ErrorCategory.badRequest : ErrorCategory.of(error)
            guard Self.isTramaError(error) else { exit(withError: error) }
            FileHandle.standardError.write(Data("trama: error: \(error)\n".utf8))
            Foundation.exit(category.exitCode)
        }
    }

    /// Errors from Trama's own layers; the argument parser's (usage, --help) it reports itself.
    static func isTramaError(_ error: any Error) -> Bool {
        error is ServiceError || error is StoreError || error is PQError || error is IngestError || error is GraphError
            || error is RenderError || error is Problem || error is CardinalError
    }
}
