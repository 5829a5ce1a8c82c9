import Foundation
import Testing
import TramaGraph
import TramaIngest
import TramaStore
import TramaTestSupport
@testable import TramaService

/// A hand-built register: a diamond (Paula owns half of two holdings, which own 40% and 20% of
/// the target), a cross-holding cycle (X and Y own each other; Y owns 10% of the target), a
/// chain with an unknown share (Z owns some of X), and a stake that ended before the date asked.
@Suite("Ownership and control: effective shares up and down the chains")
struct OwnershipTests {
    static func withRegister(_ body: (Store, CSRGraph) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trama-register-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
            FirmID,FirmName
            T,Target S.A.
            A,Holding A
            B,Holding B
            X,Cross X
            Y,Cross Y
            Z,Zeta Trust
            O,Old Partner Ltd
            """.write(to: dir.appendingPathComponent("firms.csv"), atomically: true, encoding: .utf8)
        try """
            PersonID,PersonName
            P1,Paula Reis
            """.write(to: dir.appendingPathComponent("people.csv"), atomically: true, encoding: .utf8)
        try """
            FirmID,ShareholderID,ShareholderEntryDate,ShareholderExitDate,Share
            A,P1,2010-01-01,,50
            B,P1,2010-01-01,,50
            T,A,2012-01-01,,40
            T,B,2012-01-01,,20
            T,Y,2012-01-01,,10
            Y,X,2012-01-01,,30
            X,Y,2012-01-01,,25
            X,Z,2012-01-01,,
            T,O,2005-01-01,2015-12-31,30
            """.write(to: dir.appendingPathComponent("shareholders.csv"), atomically: true, encoding: .utf8)
        try TestDatabase.withStore { store in
            _ = try DatasetImporter(store: store).importGRAS(directory: dir, options: .init(dataset: "register"))
            let (graph, _) = try GraphLoader().load(from: store, workers: 1)
            try body(store, graph)
        }
    }

    @Test func sharesMultiplyAlongAChainAndAddOverADiamond() throws {
        try Self.withRegister { store, graph in
            let answer = try OwnershipQuery(entity: "firm:T", at: Day(iso: "2020-06-30")).run(on: graph, store: store)
            let paula = try #require(answer.parties.first { $0.entity.reference == "person:P1" })
            #expect(abs((paula.effectiveShare ?? 0) - 30) < 1e-9, "50% × 40% + 50% × 20%")
            #expect(paula.chains.count == 2 && paula.naturalPerson && paula.ultimate && paula.shareComplete)
            #expect(paula.chains[0].hops.allSatisfy { $0.edge.source.hasPrefix("shareholders.csv:") })
            #expect(answer.parties.first?.entity.reference == "firm:A", "the largest effective share first (40%)")

            // The cycle is walked once: X owns 30% of Y, which owns 10% of T.
            let x = try #require(answer.parties.first { $0.entity.reference == "firm:X" })
            #expect(abs((x.effectiveShare ?? 0) - 3) < 1e-9 && x.chains.count == 1)
            // Z's stake in X states no share: listed, its share unknown, not dropped.
            let z = try #require(answer.parties.first { $0.entity.reference == "firm:Z" })
            #expect(z.effectiveShare == nil && !z.shareComplete && z.ultimate)
            // Old Partner's stake ended in 2015.
            #expect(!answer.parties.contains { $0.entity.reference == "firm:O" })
            let before = try OwnershipQuery(entity: "firm:T", at: Day(iso: "2014-01-01")).run(on: graph, store: store)
            #expect(before.parties.first?.entity.reference == "firm:A" && before.parties.contains { $0.entity.reference == "firm:O" })
            let anyDate = try OwnershipQuery(entity: "firm:T").run(on: graph, store: store)
            #expect(anyDate.parties.contains { $0.entity.reference == "firm:O" })
        }
    }

    @Test func aMinimumShareDepthAndTheJSONShapeAreAsDocumented() throws {
        try Self.withRegister { store, graph in
            var q = OwnershipQuery(entity: "firm:T", minimumShare: 15)
            let big = try q.run(on: graph, store: store)
            #expect(Set(big.parties.map(\.entity.reference)) == ["firm:A", "firm:B", "person:P1", "firm:O", "firm:Z"],
                "owners under 15% left out; an unknown share kept")
            q = OwnershipQuery(entity: "firm:T", depth: 1)
            #expect(Set(try q.run(on: graph, store: store).parties.map(\.entity.reference)) == ["firm:A", "firm:B", "firm:Y", "firm:O"])
            let json = try JSONSerialization.jsonObject(with: Data(big.json.compact.utf8)) as! [String: Any]
            #expect(Set(json.keys) == ["entity", "at", "owners", "truncated"])
            let owner = (json["owners"] as! [[String: Any]])[0]
            #expect(Set(owner.keys) == ["owner", "name", "kind", "natural_person", "ultimate", "effective_share", "share_complete", "chains"])
            let hop = ((owner["chains"] as! [[String: Any]])[0]["hops"] as! [[String: Any]])[0]
            #expect(hop["share"] as? Double != nil && hop["source"] is String && hop["valid_from"] is String)
        }
    }

    @Test func holdingsGoDownTheSameChains() throws {
        try Self.withRegister { store, graph in
            let answer = try OwnershipQuery(entity: "person:P1", direction: .holdings).run(on: graph, store: store)
            let target = try #require(answer.parties.first { $0.entity.reference == "firm:T" })
            #expect(abs((target.effectiveShare ?? 0) - 30) < 1e-9 && target.chains.count == 2)
            let json = try JSONSerialization.jsonObject(with: Data(answer.json.compact.utf8)) as! [String: Any]
            #expect(json["owners"] == nil)
            #expect(((json["holdings"] as? [[String: Any]])?.first?["holding"] as? String)?.hasPrefix("firm:") == true)
            let back = try JSONDecoder().decode(OwnershipAnswer.self, from: Data(answer.json.compact.utf8))
            #expect(back.direction == .holdings && back.parties.map(\.entity) == answer.parties.map(\.entity))
            #expect(answer.text.contains("30% ") && answer.text.contains("firm:T"))
        }
    }
}

@Suite("Shared owners: pairs of firms with an owner in common, up the chains")
struct SharedOwnersTests {
    @Test func pairsShareOwnersAtDepthOneAndTwoWithTheirEffectiveShares() throws {
        try OwnershipTests.withRegister { store, graph in
            var q = SharedOwnersQuery()
            let all = try q.run(on: graph, store: store)
            func pair(_ a: String, _ b: String) -> SharedOwnersAnswer.SharedPair? { all.pairs.first { $0.firms == [a, b] || $0.firms == [b, a] } }
            let ab = try #require(pair("firm:A", "firm:B"))
            #expect(ab.owners.map(\.owner) == ["person:P1"] && ab.owners[0].depth == [1, 1] && ab.owners[0].effectiveShares == [50, 50])
            // Paula owns T at depth 2, 30% over the diamond's two chains.
            let at = try #require(pair("firm:A", "firm:T"))
            let paula = try #require(at.owners.first { $0.owner == "person:P1" })
            let tSide = at.firms[0] == "firm:T" ? 0 : 1
            #expect(paula.depth[tSide] == 2 && abs((paula.effectiveShares[tSide] ?? 0) - 30) < 1e-9)
            // A company is an owner too: Y owns X and T; Z's stake states no share.
            let xt = try #require(pair("firm:X", "firm:T"))
            #expect(Set(xt.owners.map(\.owner)) == ["firm:Y", "firm:Z"])
            #expect(xt.owners.first { $0.owner == "firm:Z" }!.effectiveShares.contains { $0 == nil })
            #expect(all.pairs.first!.owners.count == 2, "pairs sharing the most owners first")
            #expect(all.total == all.pairs.count && all.skippedOwners.isEmpty)

            q.depth = 1
            let direct = try q.run(on: graph, store: store)
            #expect(Set(direct.pairs.map { Set($0.firms) }) == [["firm:A", "firm:B"], ["firm:X", "firm:T"]])

            q = SharedOwnersQuery()
            q.maxSharedDegree = 2
            let capped = try q.run(on: graph, store: store)
            #expect(Set(capped.skippedOwners.map(\.owner)) == ["person:P1", "firm:Z"] && capped.pairs.allSatisfy { !$0.owners.contains { $0.owner == "person:P1" } })

            q = SharedOwnersQuery()
            q.firms = ["firm:A", "firm:B", "firm:X"]
            #expect(try q.run(on: graph, store: store).pairs.map(\.firms) == [["firm:A", "firm:B"]])
            q = SharedOwnersQuery()
            q.at = Day(iso: "2020-01-01")
            q.limit = 1
            let page = try q.run(on: graph, store: store)
            #expect(page.pairs.count == 1 && page.total > 1)
            let json = try JSONSerialization.jsonObject(with: Data(page.json.compact.utf8)) as! [String: Any]
            #expect(Set(json.keys) == ["pairs", "total", "depth", "at", "max_shared_degree", "skipped_owners"])
            let owner = ((json["pairs"] as! [[String: Any]])[0]["owners"] as! [[String: Any]])[0]
            #expect(Set(owner.keys) == ["owner", "name", "depth", "effective_shares"])
        }
    }
}
