import Foundation
import Testing
import TramaGraph
import TramaIngest
import TramaStore
import TramaTestSupport
@testable import TramaService

@Suite("Flag filters, the composite ranking and the GRAS coverage view")
struct FlagFilterTests {
    @Test func expressionsCombineComparisonsWithAndOrNotAndParentheses() throws {
        let e = try FlagExpression.parse("2.7.1 >= 1 and 4.1.2 > 11000 and 1.2.1 >= 0.5")
        #expect(e.required == ["2.7.1", "4.1.2", "1.2.1"])
        #expect(e.matches(["2.7.1": 2, "4.1.2": 20_000, "1.2.1": 0.5]))
        #expect(!e.matches(["2.7.1": 2, "4.1.2": 11_000, "1.2.1": 0.5]))
        #expect(!e.matches(["2.7.1": 2, "1.2.1": 0.9]))
        let n = try FlagExpression.parse("ring or (3.6.1 and not 3.6.4)")
        #expect(n.required.isEmpty && n.indicators == ["ring", "3.6.1", "3.6.4"])
        #expect(n.matches(["ring": nil]))
        #expect(n.matches(["3.6.1": 1]) && !n.matches(["3.6.1": 1, "3.6.4": 2]))
        #expect(try FlagExpression.parse("1.2.1.value=1").matches(["1.2.1.value": 1]))
        #expect(try FlagExpression.parse("NOT 2.1 != 0.5").matches(["2.1": 0.5]))
    }

    @Test func aMalformedFilterNamesTheParameterAndTheCharacter() {
        for (text, at) in [("2.7.1 >=", "character 9"), ("2.7.1 >= 1 and", "character 15"), ("(2.7.1", "character 7"), ("2.7.1 >= x", "character 10"),
            ("2.7.1 1", "character 7"), ("drop table;", "character 6")]
        {
            do {
                _ = try FlagExpression.parse(text)
                Issue.record("'\(text)' parsed")
            } catch let ServiceError.badParameter(name, reason) {
                #expect(name == "filter")
                #expect(reason.contains(at), "\(text): \(reason)")
            } catch { Issue.record("\(error)") }
        }
    }

    /// The small fixture after both scans: Beta Engenharia (F2) is the political winner with a
    /// contract from its donee's city; only it satisfies 4.1.3 with a won bid.
    @Test func entitiesMatchingAFilterAreRankedByTheirCompositeScore() throws {
        try TestDatabase.withStore { store in
            _ = try DatasetImporter(store: store).importGRAS(directory: smallFixture, options: .init(dataset: "small"))
            let session = Session(resources: Resources(root: TestDatabase.repositoryRoot), store: store)
            _ = try SupplierScan().run(session: session)
            let ranked = try FlagRanking.read(store: store, filter: try FlagExpression.parse("4.1.3 >= 1 and 1.2.2 > 0"), limit: 10)
            #expect(ranked.entities.map(\.subject) == ["firm:F2"])
            let beta = try #require(ranked.entities.first)
            // Patterns 1.2, 4.1: the best standing in each, summed.
            #expect(beta.patterns == 2 && beta.score > 1 && beta.score <= 2)
            #expect(beta.flags.contains { $0.indicator == "4.1.3" && $0.standing == 1 })
            let all = try FlagRanking.read(store: store, filter: nil, limit: 10)
            #expect(all.page.total >= 4)
            #expect(zip(all.entities, all.entities.dropFirst()).allSatisfy { $0.score >= $1.score })
            let byDays = try FlagRanking.read(store: store, filter: nil, sortBy: "3.6.6", limit: 1)
            #expect(byDays.entities.first?.subject == "firm:F3")
            // A period no run was made for holds no flags.
            let none = try FlagRanking.read(
                store: store, filter: nil, period: .init(from: try PathQuery.day("2001-01-01"), to: try PathQuery.day("2001-12-31")), limit: 10)
            #expect(none.entities.isEmpty)
        }
    }

    /// Beta Engenharia (F2), the political winner, as the one known case: matched on activity
    /// with the nearest firm, it is flagged 4.1 where its match is not.
    @Test func flagsAreValidatedAgainstKnownCasesAndAMatchedCleanSet() throws {
        let labels = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID().uuidString).csv")
        try "subject,label\nfirm:F2,1\nfirm:NOPE,1\n".write(to: labels, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: labels) }
        try TestDatabase.withStore { store in
            _ = try DatasetImporter(store: store).importGRAS(directory: smallFixture, options: .init(dataset: "small"))
            let session = Session(resources: Resources(root: TestDatabase.repositoryRoot), store: store)
            _ = try SupplierScan().run(session: session)
            let graph = try session.loadGraph().graph
            let v = try FlagValidation.run(labels: try FlagValidation.labels(file: labels.path), graph: graph, store: store)
            #expect(v.cases == 1 && v.clean == 1 && v.matched && v.unknown == ["firm:NOPE"])
            let donation = try #require(v.indicators.first { $0.indicator == "4.1.3" })
            #expect(donation.casesFlagged == 1 && donation.cleanFlagged == 0 && donation.auc == 1 && donation.oddsRatio == 9)
        }
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID().uuidString).csv")
        try "firm:F2,yes\n".write(to: bad, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: bad) }
        #expect(throws: ServiceError.self) { try FlagValidation.labels(file: bad.path) }
    }

    @Test func coverageSaysWhatEachIndicatorNeeds() throws {
        try TestDatabase.withStore { store in
            _ = try DatasetImporter(store: store).importGRAS(directory: smallFixture, options: .init(dataset: "small"))
            let before = try FlagCoverage.read(store: store)
            #expect(before.indicators.count == 60)
            func entry(_ c: FlagCoverage, _ id: String) -> FlagCoverage.Entry? { c.indicators.first { $0.id == id } }
            #expect(entry(before, "1.2.1")?.status == .computable)
            #expect(entry(before, "3.8.1")?.status == .notComputable && entry(before, "3.8.1")?.needs.first?.contains("criminal records") == true)
            // The fixture names nobody who stood for office.
            #expect(entry(before, "4.2.1")?.status == .notComputable && entry(before, "4.2.1")?.needs.first?.contains("PersonID") == true)
            let session = Session(resources: Resources(root: TestDatabase.repositoryRoot), store: store)
            _ = try SupplierScan().run(session: session)
            let after = try FlagCoverage.read(store: store)
            #expect(entry(after, "4.1.3")?.status == .computed && entry(after, "4.1.3")?.flagged == 1)
            #expect(entry(after, "2.7.1")?.status == .computable)
            #expect(after.summary.computed + after.summary.computable + after.summary.notComputable == 60)
        }
    }
}
