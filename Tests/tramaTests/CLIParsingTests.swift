import ArgumentParser
import Foundation
import Testing
import TramaExport
import TramaService
@testable import trama

@Suite("Command-line parsing")
struct CLIParsingTests {
    @Test func pathTakesEveryDocumentedOption() throws {
        let c = try PathCommand.parse([
            "firm:F1", "Ana Souza", "--max-hops", "4", "--kinds", "owns,employed_by", "--at", "2020-01-31", "--max-degree", "100",
            "--format", "svg", "-o", "out.svg", "--database", "postgresql://x@/db", "--weights", "owns=1", "--budget", "1000",
        ])
        #expect(c.weights == "owns=1" && c.budget == 1000)
        #expect(c.from == "firm:F1" && c.to == "Ana Souza" && c.maxHops == 4)
        #expect(c.kinds == "owns,employed_by" && c.at == "2020-01-31" && c.maxDegree == 100)
        #expect(c.format == .svg && c.output == "out.svg" && c.store.database == "postgresql://x@/db")
    }

    @Test func binaryFormatsNeedAnOutputFile() {
        #expect(throws: (any Error).self) { try PathCommand.parse(["a", "b", "--format", "png"]) }
        #expect(throws: (any Error).self) { try PathCommand.parse(["a", "b", "--format", "jpeg"]) }
    }

    @Test func ingestAndGenerateParse() throws {
        let i = try IngestCommand.GRAS.parse(["data/x", "--dataset", "x", "--skip-invalid", "--rejected", "r.csv"])
        #expect(i.directory == "data/x" && i.load.dataset == "x" && i.load.skipInvalid && i.load.rejected == "r.csv")
        let g = try GenerateCommand.parse(["--firms", "1000", "--seed", "9", "--out", "w"])
        #expect(g.firms == 1000 && g.seed == 9 && g.out == "w")
        #expect(throws: (any Error).self) { try GenerateCommand.parse(["--firms", "10", "--out", "w"]) }
    }

    @Test func subcommandsAreReachableFromTheRoot() throws {
        #expect(try Trama.parseAsRoot(["db", "url"]) is DBCommand.URLCommand)
        #expect(try Trama.parseAsRoot(["ingest", "gras", "d"]) is IngestCommand.GRAS)
        #expect(try Trama.parseAsRoot(["demo", "--out", "o"]) is DemoCommand)
        let status = try #require(try Trama.parseAsRoot(["db", "status", "--load-graph", "--from-rows"]) as? DBCommand.Status)
        #expect(status.loadGraph && status.fromRows)
    }
}

@Suite("Command-line parsing: neighbours")
struct NeighborsParsingTests {
    @Test func neighborsTakesHopsFiltersAndFormats() throws {
        let c = try NeighborsCommand.parse(["judge:P4", "--hops", "3", "--kinds", "owns", "--per-hop", "10", "--format", "svg", "-o", "m.svg"])
        #expect(c.center == "judge:P4" && c.hops == 3 && c.kinds == "owns" && c.perHop == 10 && c.format == .svg)
        #expect(throws: (any Error).self) { try NeighborsCommand.parse(["x", "--hops", "0"]) }
    }
}

@Suite("Command-line parsing: several paths, communities, ranking")
struct EngineCommandParsingTests {
    @Test func pathTakesKAllAndPairsButNotTogether() throws {
        let k = try PathCommand.parse(["a", "b", "--k", "5", "--weights", "owns=2"])
        #expect(k.k == 5 && k.weights == "owns=2")
        let all = try PathCommand.parse(["a", "b", "--all", "--limit", "50"])
        #expect(all.all && all.limit == 50)
        let batch = try PathCommand.parse(["--pairs", "pairs.txt", "--format", "json", "-o", "answers.jsonl"])
        #expect(batch.pairs == "pairs.txt" && batch.from == nil)
        #expect(throws: (any Error).self) { try PathCommand.parse(["a", "b", "--k", "2", "--all"]) }
        #expect(throws: (any Error).self) { try PathCommand.parse(["a", "b", "--k", "0"]) }
        #expect(throws: (any Error).self) { try PathCommand.parse(["a", "b", "--all", "--weights", "owns=2"]) }
        #expect(throws: (any Error).self) { try PathCommand.parse(["a", "--pairs", "p.txt"]) }
        #expect(throws: (any Error).self) { try PathCommand.parse(["--pairs", "p.txt", "--format", "svg", "-o", "x.svg"]) }
        #expect(throws: (any Error).self) { try PathCommand.parse(["a"]) }
        let screen = try PathCommand.parse(["--among", "bidders.txt", "--max-hops", "4", "--max-degree", "200"])
        #expect(screen.among == "bidders.txt" && screen.maxHops == 4)
        #expect(throws: (any Error).self) { try PathCommand.parse(["--among", "b.txt", "--pairs", "p.txt"]) }
        #expect(throws: (any Error).self) { try PathCommand.parse(["--among", "b.txt", "--k", "2"]) }
        #expect(throws: (any Error).self) { try PathCommand.parse(["--among", "b.txt", "--format", "svg", "-o", "x.svg"]) }
    }

    @Test func communitiesAndRankParse() throws {
        let c = try CommunitiesCommand.parse(["--on", "shared-owners", "--at", "2020-01-01", "--min-weight", "2", "--seed", "3", "--format", "json"])
        #expect(c.on == .sharedOwners && c.minWeight == 2 && c.seed == 3 && c.format == .json)
        #expect(throws: (any Error).self) { try CommunitiesCommand.parse(["--on", "friends"]) }
        #expect(throws: (any Error).self) { try CommunitiesCommand.parse(["--resolution", "0"]) }
        let r = try RankCommand.parse(["--by", "betweenness", "--around", "judge:P1", "--hops", "3", "--samples", "64"])
        #expect(r.by == .betweenness && r.around == "judge:P1" && r.hops == 3 && r.samples == 64)
        #expect(try Trama.parseAsRoot(["communities"]) is CommunitiesCommand)
    }
}

@Suite("Command-line parsing: tokens, audit log, migrations")
struct AccessParsingTests {
    @Test func tokenCommandsParse() throws {
        let c = try #require(try Trama.parseAsRoot(["token", "create", "--role", "analyst", "--name", "ci"]) as? TokenCommand.Create)
        #expect(c.role == .analyst && c.name == "ci")
        #expect(throws: (any Error).self) { try TokenCommand.Create.parse(["--role", "root"]) }
        #expect(throws: (any Error).self) { try TokenCommand.Create.parse([]) }
        let l = try #require(try Trama.parseAsRoot(["token", "list", "--format", "json"]) as? TokenCommand.List)
        #expect(l.format == .json)
        let r = try #require(try Trama.parseAsRoot(["token", "revoke", "7", "--database", "postgresql://x@/db"]) as? TokenCommand.Revoke)
        #expect(r.id == 7 && r.store.database == "postgresql://x@/db")
    }

    @Test func auditAndMigrateCommandsParse() throws {
        #expect(try Trama.parseAsRoot(["audit", "verify"]) is AuditCommand.Verify)
        let l = try #require(try Trama.parseAsRoot(["audit", "list", "--limit", "5", "--token", "3", "--entity", "firm:F1", "--format", "json"]) as? AuditCommand.List)
        #expect(l.limit == 5 && l.tokenID == 3 && l.entity == "firm:F1" && l.format == .json)
        #expect(throws: (any Error).self) { try AuditCommand.List.parse(["--limit", "0"]) }
        #expect(try Trama.parseAsRoot(["db", "migrate"]) is DBCommand.Migrate)
    }
}

@Suite("Command-line parsing: reports, exports and cardinal")
struct ReportParsingTests {
    @Test func evidenceDossierAndExportTakeTheirDocumentedOptions() throws {
        let e = try EvidenceCommand.parse(["firm:F1", "firm:F2", "--at", "2020-01-01", "--k", "5", "--directed", "--as-of", "3", "--reproducible", "-o", "out"])
        #expect(e.k == 5 && e.directed && e.asOf == "3" && e.reproducible && e.output == "out")
        #expect(throws: (any Error).self) { try EvidenceCommand.parse(["a", "b", "--k", "0", "-o", "x"]) }
        #expect(throws: (any Error).self) { try EvidenceCommand.parse(["a", "b"]) }
        let d = try DossierCommand.parse(["person:P1", "--as-of", "2026-01-31", "-o", "d"])
        #expect(d.entity == "person:P1" && d.asOf == "2026-01-31")
        let x = try ExportCommand.parse(["gexf", "--around", "firm:F1", "--hops", "3", "-o", "g.gexf"])
        #expect(x.format == .gexf && x.around == "firm:F1" && x.hops == 3)
        #expect(throws: (any Error).self) { try ExportCommand.parse(["gexf", "--around", "a", "--dataset", "d", "-o", "g"]) }
        #expect(throws: (any Error).self) { try ExportCommand.parse(["gexf", "--investigation", "3", "-o", "g"]) }
        #expect(throws: (any Error).self) { try ExportCommand.parse(["xls", "--dataset", "d", "-o", "g"]) }
    }

    /// cardinal's own options, short and long, so that its users' scripts run unchanged.
    @Test func cardinalTakesOcdscardinalsOptions() throws {
        let i = try CardinalCommand.Indicators.parse(["-s", "settings.ini", "--no-meta", "--map", "-c", "in.jsonl"])
        #expect(i.settings == "settings.ini" && i.noMeta && i.map && i.count && i.file == "in.jsonl")
        let p = try CardinalCommand.Prepare.parse(["--settings", "s.ini", "--output", "-", "-e", "issues.csv", "-"])
        #expect(p.output == "-" && p.errors == "issues.csv" && p.file == "-")
        #expect(throws: (any Error).self) { try CardinalCommand.Prepare.parse(["in.jsonl"]) }
        #expect(try Trama.parseAsRoot(["cardinal", "coverage", "x.jsonl"]) is CardinalCommand.Coverage)
        #expect(try Trama.parseAsRoot(["cardinal", "init", "-", "--force"]) is CardinalCommand.Init)
    }
}

@Suite("Command-line parsing: serving from a replica")
struct ServeParsingTests {
    @Test func aReplicaIsReadBesideAPrimaryNamedByURL() throws {
        let serve = try ServeCommand.parse(["--database", "postgresql://trama@primary/trama", "--replica", "postgresql://trama@replica/trama"])
        #expect(serve.replica == "postgresql://trama@replica/trama" && serve.store.database == "postgresql://trama@primary/trama")
        if ProcessInfo.processInfo.environment["TRAMA_DATABASE_URL"] == nil {
            #expect(throws: (any Error).self, "the private cluster has no replicas") { try ServeCommand.parse(["--replica", "postgresql://trama@replica/trama"]) }
        }
    }
}
