import ArgumentParser

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
        subcommands: [DemoCommand.self, ServeCommand.self, IngestCommand.self, PathCommand.self, NeighborsCommand.self, CommunitiesCommand.self, RankCommand.self, CollusionCommand.self, JudgesCommand.self, FlagsCommand.self, ResolveCommand.self, GenerateCommand.self, DBCommand.self, TokenCommand.self, AuditCommand.self]
    )
}
