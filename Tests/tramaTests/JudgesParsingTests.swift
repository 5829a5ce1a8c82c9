import ArgumentParser
import Testing
@testable import trama

@Suite("Command-line parsing: judge–lawyer patterns and judge profiles")
struct JudgesParsingTests {
    @Test func lawyersTakesParametersAFormatAndAnOutputFile() throws {
        let l = try JudgesCommand.Lawyers.parse(["--params", "p.json", "--format", "csv", "-o", "patterns.csv", "--database", "postgresql://x@/db"])
        #expect(l.params == "p.json" && l.format == .csv && l.output == "patterns.csv" && l.store.database == "postgresql://x@/db")
        #expect(try JudgesCommand.Lawyers.parse([]).format == .text)
        #expect(throws: (any Error).self) { try JudgesCommand.Lawyers.parse(["--format", "svg"]) }
    }

    @Test func profileTakesAJudgeAndTextOrJSON() throws {
        let p = try JudgesCommand.Profile.parse(["judge:P0001428", "--format", "json"])
        #expect(p.judge == "judge:P0001428" && p.format == .json)
        #expect(try JudgesCommand.Profile.parse(["Rosa Delgado"]).format == .text)
        #expect(throws: (any Error).self) { try JudgesCommand.Profile.parse([]) }
        #expect(throws: (any Error).self) { try JudgesCommand.Profile.parse(["judge:P1", "--format", "svg"]) }
    }

    @Test func bothAreReachableFromTheRoot() throws {
        #expect(try Trama.parseAsRoot(["judges", "lawyers"]) is JudgesCommand.Lawyers)
        #expect(try Trama.parseAsRoot(["judges", "profile", "judge:P1"]) is JudgesCommand.Profile)
    }
}
