import ArgumentParser
import Testing
import TramaGraph
@testable import trama

@Suite("Command-line parsing: collusion and flags")
struct CollusionParsingTests {
    @Test func scanTakesAPeriodAndAParametersFile() throws {
        let s = try CollusionCommand.Scan.parse(["--from", "2018-01-01", "--to", "2020-12-31", "--params", "p.json", "--format", "json"])
        #expect(s.from == "2018-01-01" && s.to == "2020-12-31" && s.params == "p.json" && s.format == .json)
        #expect(throws: (any Error).self) { try CollusionCommand.Scan.parse(["--format", "svg"]) }
    }

    @Test func readersTakeTheirDocumentedFormats() throws {
        #expect(try CollusionCommand.TopLosers.parse(["--format", "csv", "--all"]).format == .csv)
        #expect(try CollusionCommand.Tenders.parse(["--format", "csv"]).format == .csv)
        let r = try CollusionCommand.Rings.parse(["--format", "png", "-o", "rings.png", "--top", "3"])
        #expect(r.format == .png && r.output == "rings.png" && r.top == 3)
        #expect(throws: (any Error).self) { try CollusionCommand.Rings.parse(["--format", "pdf"]) }
        #expect(throws: (any Error).self) { try CollusionCommand.Pairs.parse(["--format", "csv"]) }
        #expect(try CollusionCommand.Score.parse(["--truth", "w/truth.json"]).truth == "w/truth.json")
        let f = try FlagsCommand.List.parse(["firm:F1", "--indicator", "2.7", "--limit", "5"])
        #expect(f.entity == "firm:F1" && f.indicator == "2.7" && f.limit == 5)
        let ranked = try FlagsCommand.List.parse(["--filter", "2.7.1 >= 1 and not 3.6.1", "--period", "2020-01-01:", "--format", "table"])
        #expect(ranked.filter == "2.7.1 >= 1 and not 3.6.1" && ranked.format == "table")
        let open = try FlagsCommand.List.period("2020-01-01:")
        #expect(open.from.iso == "2020-01-01" && open.to == .distantFuture)
        #expect(throws: (any Error).self) { try FlagsCommand.List.period("2020") }
        // `trama flags firm:F1` still lists, through the default subcommand.
        let routed = try FlagsCommand.parseAsRoot(["firm:F1", "--limit", "3"])
        #expect((routed as? FlagsCommand.List)?.limit == 3)
        #expect(try FlagsCommand.parseAsRoot(["coverage", "--format", "json"]) is FlagsCommand.Coverage)
    }
}
