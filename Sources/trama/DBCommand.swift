import ArgumentParser
import Foundation
import TramaGraph
import TramaService
import TramaStore

struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Manage the store: Trama's private PostgreSQL cluster or the database --database names.",
        subcommands: [Status.self, Imports.self, Migrate.self, Start.self, Stop.self, URLCommand.self])

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say which database Trama uses and what it holds.")
        @Flag(help: "Also load the graph into the engine and say how long that took.") var loadGraph = false
        @Flag(help: "With --load-graph: read the rows, not the topology stored for this version of the data (and store none).")
        var fromRows = false
        @OptionGroup var store: StoreOptions

        func run() throws {
            let location = try StoreLocation.resolve(option: store.database)
            if case let .embedded(cluster) = location {
                print("private cluster: \(cluster.dataDirectory.path)")
                print("socket:          \(cluster.socketDirectory.path)")
                print("log:             \(cluster.logFile.path)")
                guard cluster.isRunning else {
                    print("status:          \(cluster.isInitialized ? "stopped" : "not created yet") (`trama db start` starts it)")
                    return
                }
                print("status:          running")
            }
            let session = try store.open()
            defer { session.close() }
            print("database:        \(session.location)")
            let counts = try session.store.counts()
            print("holds:           \(counts.nodes) entities, \(counts.edges) relationships, \(counts.datasets) datasets")
            for row in try session.store.execute(.datasetsList).rows {
                print("  \(row[0]!) (\(row[1]!)): \(row[4]!) entities, \(row[5]!) relationships, \(row[6]!) rejected, imported \(row[3]!)")
            }
            let generation = try session.store.dataGeneration()
            if let stored = try session.store.storedTopology() {
                print(
                    String(
                        format: "stored graph:    version %d (%@), %.1f MB, stored %@", stored.generation,
                        stored.generation == generation ? "the current one: loads read it" : "not the current \(generation): the next load reads the rows",
                        Double(stored.bytes) / 1e6, stored.storedAt))
            } else {
                print("stored graph:    none yet (the next load reads the rows and stores one)")
            }
            if loadGraph {
                let (graph, timing) = try session.loadGraph(fromRows: fromRows)
                print(
                    String(
                        format: "engine:          %d entities, %d relationships loaded from the %@ in %.2f s (%.1f MB of arrays, %.1f bytes per relationship)",
                        graph.nodeCount, graph.edgeCount, timing.source.rawValue, timing.seconds, Double(graph.residentBytes) / 1e6,
                        Double(graph.residentBytes) / Double(max(1, graph.edgeCount))))
                if let stored = timing.storeSeconds {
                    print(String(format: "                 its topology stored for the next loads in %.2f s", stored))
                }
                for note in timing.notes { print("                 \(note)") }
            }
        }
    }

    struct Imports: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the versions of the graph: every import (who, when, which files, why) and accepted merge, newest first.",
            discussion: "Any command taking --as-of rebuilds the graph as one of these left it, by its number or a time.")
        @Option(help: "text or json.") var format: ListFormat = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let history = try ImportHistory(store: session.store)
            print(format == .json ? history.json.pretty : history.text)
        }
    }

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the schema migrations not applied yet (every other command also does this when it opens the store).")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open(migrate: false)
            defer { session.close() }
            let applied = try session.store.migrate()
            if applied.isEmpty { return print("schema up to date") }
            for name in applied { print("applied \(name)") }
        }
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start the private cluster (creating it on first use).")
        func run() throws {
            let cluster = try EmbeddedCluster(home: EmbeddedCluster.defaultHome())
            let notes = try cluster.start()
            for n in notes { print(n) }
            if notes.isEmpty { print("already running on socket \(cluster.socketDirectory.path)") }
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the private cluster.")
        func run() throws {
            let cluster = try EmbeddedCluster(home: EmbeddedCluster.defaultHome())
            guard cluster.isRunning else {
                print("not running")
                return
            }
            try cluster.stop()
            print("stopped the cluster in \(cluster.dataDirectory.path)")
        }
    }

    struct URLCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "url", abstract: "Print the connection URL (starting the private cluster if needed), e.g. psql \"$(trama db url)\".")
        @OptionGroup var store: StoreOptions

        func run() throws {
            switch try StoreLocation.resolve(option: store.database) {
            case let .url(u):
                print(u)
            case let .embedded(cluster):
                for n in try cluster.start() { Console.note(n) }
                print(cluster.url)
            }
        }
    }
}
