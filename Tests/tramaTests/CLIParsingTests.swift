import ArgumentParser
import Testing
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
        #expect(i.directory == "data/x" && i.dataset == "x" && i.skipInvalid && i.rejected == "r.csv")
        let g = try GenerateCommand.parse(["--firms", "1000", "--seed", "9", "--out", "w"])
        #expect(g.firms == 1000 && g.seed == 9 && g.out == "w")
        #expect(throws: (any Error).self) { try GenerateCommand.parse(["--firms", "10", "--out", "w"]) }
    }

    @Test func subcommandsAreReachableFromTheRoot() throws {
        #expect(try Trama.parseAsRoot(["db", "url"]) is DBCommand.URLCommand)
        #expect(try Trama.parseAsRoot(["ingest", "gras", "d"]) is IngestCommand.GRAS)
        #expect(try Trama.parseAsRoot(["demo", "--out", "o"]) is DemoCommand)
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
