import Foundation
import Testing
import TramaIngest
import TramaStore
import TramaTestSupport
@testable import TramaService

/// The real dockets of `Tests/TramaIngestTests/Fixtures/dockets`, with the FJC directory's rows
/// of their courts, imported as `trama ingest courts`, `fjc` and `dockets` would.
func withImportedDockets<R>(_ body: (Store) throws -> R) throws -> R {
    let fixtures = TestDatabase.repositoryRoot.appendingPathComponent("Tests/TramaIngestTests/Fixtures")
    let dockets = fixtures.appendingPathComponent("dockets")
    return try TestDatabase.withStore { store in
        let importer = DatasetImporter(store: store)
        let courts = fixtures.appendingPathComponent("fjc/courts.json")
        _ = try importer.importCourtsDB(files: [courts], options: .init(dataset: "courts-db"))
        _ = try importer.importFJC(directory: dockets.appendingPathComponent("fjc"), courts: courts, options: .init(dataset: "fjc"))
        let files = try ["appellate", "bankruptcy", "district"].flatMap { dir in
            try FileManager.default.contentsOfDirectory(atPath: dockets.appendingPathComponent(dir).path).sorted().map {
                dockets.appendingPathComponent(dir).appendingPathComponent($0)
            }
        }
        _ = try importer.importDockets(files: files, options: .init(dataset: "dockets"))
        return try body(store)
    }
}

@Suite("Law firms before judges")
struct JudgeFirmsTests {
    @Test func theFirmsBeforeAJudgeAreCountedWithTheSideTheyActedFor() throws {
        try withImportedDockets { store in
            // almd, Efurd v. AAA Cooper Transporation, before William Keith Watkins: three firms
            // for the plaintiff, three for the defendant, one lawyer and one case each.
            let answer = try JudgeFirms.read(store: store, judge: "judge:fjc:1392341", limit: 20, offset: 0)
            #expect(answer.judge == "judge:fjc:1392341" && answer.page.total == 6)
            let sides = Dictionary(uniqueKeysWithValues: answer.firms.map { ($0.firmName ?? "", $0.roles.map(\.role)) })
            #expect(sides["Fonteneau & Arnold, LLC"] == ["Plaintiff"] && sides["Littler Mendelson PC"] == ["Defendant"])
            #expect(answer.firms.allSatisfy { $0.cases == 1 && $0.appearances == 1 && $0.lawyers == 1 && $0.courts == ["court:almd"] })
            #expect(answer.firms.allSatisfy { $0.firstFiled == "2008-11-10" })
        }
    }

    @Test func everyJudgeMostCasesFirstAndAFirmsLawyersCountOnce() throws {
        try withImportedDockets { store in
            let all = try JudgeFirms.read(store: store, judge: nil, limit: 500, offset: 0)
            #expect(all.judge == nil && all.page.total == all.firms.count && all.firms.count > 6)
            #expect(zip(all.firms, all.firms.dropFirst()).allSatisfy { $0.cases >= $1.cases })
            // caed_2: the Federal Defender's two lawyers appear for one defendant in one case.
            let defender = try #require(all.firms.first { $0.firmName == "Federal Defender (FRS)" })
            #expect(defender.lawyers >= 1 && defender.appearances >= defender.lawyers && defender.cases == 1)
            // A referred magistrate counts too: the firms before almd's Susan Russ Walker.
            #expect(all.firms.contains { $0.judge == "judge:docket:almd:SUSAN RUSS WALKER" })
            let page = try JudgeFirms.read(store: store, judge: nil, limit: 2, offset: 2)
            #expect(page.firms == Array(all.firms[2..<4]) && page.page.total == all.page.total)
        }
    }

    @Test func aJudgeReferenceThatIsNoJudgeIsRefused() throws {
        _ = try withImportedDockets { store in
            #expect(throws: ServiceError.self) { try JudgeFirms.read(store: store, judge: "court:almd", limit: 5, offset: 0) }
        }
    }
}

@Suite("Job progress")
struct JobProgressTests {
    @Test func anImportsProgressCarriesItsPaceAndTimeToGoAndAScansDoesNot() {
        var pace = ReadingPace()
        var first = JobProgress(message: "reading firms.csv", file: "firms.csv", records: 1000, bytesDone: 1_000_000, bytesTotal: 10_000_000)
        first.timed(1, pace: &pace)
        #expect(first.seconds == 1 && first.bytesPerSecond == nil && first.etaSeconds == nil, "the first report starts the reading")
        var reading = JobProgress(message: "reading firms.csv", file: "firms.csv", records: 3000, bytesDone: 4_000_000, bytesTotal: 10_000_000)
        reading.timed(2.5, pace: &pace)
        #expect(reading.seconds == 2.5 && reading.bytesPerSecond == 2_000_000 && reading.etaSeconds == 3)
        let json = reading.json.compact
        #expect(json.contains("\"bytes_per_second\":2000000") && json.contains("\"eta_seconds\":3"))
        var scan = JobProgress(message: "running the collusion scan")
        scan.timed(7, pace: &pace)
        #expect(scan.seconds == 7 && scan.bytesPerSecond == nil && scan.etaSeconds == nil)
    }
}
