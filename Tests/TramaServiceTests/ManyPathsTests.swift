import Foundation
import Testing
import TramaGraph
@testable import TramaService

/// On the small fixture F1 and F2 are two hops apart in several ways: through their common
/// owner F4, through tender T1 they both bid in, and through shared registration data.
@Suite("Several paths, batches, communities and brokers")
struct ManyPathsTests {
    @Test func kShortestListsDistinctPathsBestFirstEachWithItsSources() throws {
        try withSmallWorld { store, graph in
            var q = PathQuery(from: "firm:F1", to: "firm:F2")
            q.paths = .shortest(4)
            let answer = try q.run(on: graph, store: store)
            #expect(answer.status == .found && answer.paths.count == 4)
            #expect(zip(answer.paths, answer.paths.dropFirst()).allSatisfy { $0.edges.count <= $1.edges.count })
            #expect(Set(answer.paths.map { $0.edges.map { "\($0.kind) \($0.from) \($0.to)" } }).count == 4)
            #expect(answer.paths.allSatisfy { $0.nodes.first?.reference == "firm:F1" && $0.nodes.last?.reference == "firm:F2" })
            #expect(!answer.complete)
        }
    }

    @Test func allShortestPathsIncludeTheOwnerAndTheTender() throws {
        try withSmallWorld { store, graph in
            var q = PathQuery(from: "firm:F1", to: "firm:F2")
            q.paths = .allShortest(limit: 100)
            let answer = try q.run(on: graph, store: store)
            #expect(answer.complete && answer.paths.count >= 3)
            #expect(answer.paths.allSatisfy { $0.edges.count == 2 })
            let middles = Set(answer.paths.map { $0.nodes[1].reference })
            #expect(middles.contains("firm:F4") && middles.contains("tender:T1"))
            q.paths = .allShortest(limit: 1)
            let one = try q.run(on: graph, store: store)
            #expect(one.paths.count == 1 && !one.complete)
            #expect(one.json.compact.contains("\"complete\":false"))
        }
    }

    @Test func batchAnswersEveryPairInFileOrderAndReportsBadOnesWithTheirLine() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pairs-\(UUID().uuidString).txt")
        try "# screening\nfirm:F1 firm:F2\nfirm:F1\tnobody at all\n\nfirm:F3 firm:F1\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let pairs = try PathBatch.pairs(file: file.path)
        #expect(pairs.map(\.line) == [2, 3, 5])
        try withSmallWorld { store, graph in
            var out: [String] = []
            try PathBatch(query: PathQuery(from: "", to: "")).run(pairs, on: graph, store: store) { out.append($0.compact) }
            #expect(out.count == 3)
            let objects = try out.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
            #expect(objects[0]["status"] as? String == "found" && objects[2]["status"] as? String == "found")
            #expect(objects[1]["status"] as? String == "error" && objects[1]["line"] as? Int == 3)
            // The batch answer equals the single answer.
            let single = try PathQuery(from: "firm:F3", to: "firm:F1").run(on: graph, store: store)
            #expect(out[2] == single.json.compact)
        }
        try "firm:F1 firm:F2 firm:F3\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ServiceError.self) { try PathBatch.pairs(file: file.path) }
    }

    @Test func aScreenFromAFileFindsThePairsEachSinglePathFindsAndListsTheLinesItCouldNotResolve() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("among-\(UUID().uuidString).txt")
        try "# bidders\nfirm:F1\nfirm:F2\n\nnobody at all\nfirm:F3\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let members = try PathScreen.members(file: file.path)
        #expect(members.map(\.line) == [2, 3, 5, 6])
        try withSmallWorld { store, graph in
            for hops in 1...4 {
                var query = PathQuery(from: "", to: "", maxHops: hops)
                let answer = try PathScreen(query: query, limit: 2).run(members, on: graph, store: store)
                #expect(answer.unresolved.map(\.line) == [5] && answer.entities == 3)
                var expected: [Int] = []
                for (a, b) in [("firm:F1", "firm:F2"), ("firm:F1", "firm:F3"), ("firm:F2", "firm:F3")] {
                    query.from = a
                    query.to = b
                    let single = try query.run(on: graph, store: store)
                    if single.status == .found { expected.append(single.paths[0].edges.count) }
                }
                #expect(answer.total == expected.count && answer.byHops.reduce(0) { $0 + $1.pairs } == expected.count)
                #expect(answer.pairs.map(\.hops) == Array(expected.sorted().prefix(2)), "within \(hops) hops")
                if hops == 4 { #expect(expected.count == 3, "the small world joins all three within 4 hops") }
            }
        }
        #expect(throws: ServiceError.self) { try PathScreen.members(file: "/nonexistent/among.txt") }
        // A form's text arrives with CRLF line ends.
        #expect(PathScreen.members(text: "firm:F1\r\nfirm:F2\r\n\r\n# x\r\nfirm:F3").map(\.line) == [1, 2, 5])
    }

    /// A reference listed again is resolved once, and each of its lines is still answered:
    /// the unknown one listed on every line with the same reason, the known one screened once.
    @Test func aScreenListingTheSameReferencesAgainAnswersEveryLineAlike() throws {
        let members = PathScreen.members(text: Array(repeating: "nobody at all\nfirm:F1", count: 50).joined(separator: "\n") + "\nfirm:F2")
        try withSmallWorld { store, graph in
            let answer = try PathScreen(query: PathQuery(from: "", to: "", maxHops: 4), limit: nil).run(members, on: graph, store: store)
            #expect(answer.unresolved.map(\.line) == Array(stride(from: 1, through: 99, by: 2)))
            #expect(Set(answer.unresolved.map(\.error)).count == 1 && answer.unresolved[0].error.contains("nobody at all"))
            let single = try PathScreen(query: PathQuery(from: "", to: "", maxHops: 4), limit: nil).run(PathScreen.members(text: "firm:F1\nfirm:F2"), on: graph, store: store)
            #expect(answer.entities == 2 && answer.total == single.total && answer.pairs.map(\.hops) == single.pairs.map(\.hops))
        }
    }

    @Test func coBiddingCommunitiesAreFoundAmongTheFirmsThatBidTogether() throws {
        try withSmallWorld { store, graph in
            var q = CommunitiesQuery(basis: .coBidding)
            q.minimumSize = 1
            let answer = try q.run(on: graph, store: store)
            // T1: F1, F2; T2: F2, F3 → two links among three firms.
            #expect(answer.nodes == 3 && answer.links == 2)
            #expect(Set(answer.listed.flatMap { $0.members.map(\.reference) }) == ["firm:F1", "firm:F2", "firm:F3"])
            #expect(answer.listed.map(\.size).reduce(0, +) == 3)
        }
    }

    @Test func betweennessAroundAFirmRanksItFirstAmongItsNeighbours() throws {
        try withSmallWorld { store, graph in
            var q = RankQuery(measure: .betweenness, top: 3)
            q.around = "firm:F2"
            q.hops = 1
            let answer = try q.run(on: graph, store: store)
            #expect(answer.ranked.first?.entity.reference == "firm:F2")
            var pr = RankQuery(measure: .pagerank, top: 1)
            pr.around = "firm:F2"
            pr.hops = 1
            #expect(try pr.run(on: graph, store: store).ranked.first?.entity.reference == "firm:F2")
        }
    }
}
