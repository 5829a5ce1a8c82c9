import Foundation
import Testing
import TramaGraph
import TramaRender
import TramaIngest
import TramaStore
import TramaTestSupport
@testable import TramaService

let smallFixture = TestDatabase.repositoryRoot.appendingPathComponent("Tests/TramaIngestTests/Fixtures/small")

/// A store holding the small GRAS fixture, and its graph.
func withSmallWorld(_ body: (Store, CSRGraph) throws -> Void) throws {
    try TestDatabase.withStore { store in
        _ = try DatasetImporter(store: store).importGRAS(directory: smallFixture, options: .init(dataset: "small"))
        let (graph, _) = try GraphLoader().load(from: store, workers: 1)
        try body(store, graph)
    }
}

@Suite("Path questions with provenance")
struct PathQueryTests {
    @Test func sharedHoldingLinksTwoFirmsWithEachHopsSourceRecord() throws {
        try withSmallWorld { store, graph in
            let answer = try PathQuery(from: "firm:F1", to: "firm:F2", relations: ["owns"]).run(on: graph, store: store)
            #expect(answer.status == .found)
            let path = try #require(answer.paths.first)
            #expect(path.nodes.map(\.reference) == ["firm:F1", "firm:F4", "firm:F2"])
            #expect(path.edges.map(\.source) == ["shareholders.csv:2", "shareholders.csv:3"])
            #expect(path.edges.map(\.dataset) == ["small", "small"])
            #expect(path.edges[1].validFrom == "2011-01-01" && path.edges[1].validTo == "2020-12-31")
        }
    }

    @Test func jsonHasTheDocumentedShape() throws {
        try withSmallWorld { store, graph in
            let answer = try PathQuery(from: "firm:F1", to: "firm:F2", relations: ["owns"]).run(on: graph, store: store)
            let object = try JSONSerialization.jsonObject(with: Data(answer.json.pretty.utf8)) as! [String: Any]
            #expect(Set(object.keys) == ["from", "to", "status", "complete", "cost", "paths", "question", "limits"])
            #expect((object["from"] as! [String: Any])["key"] as? String == "F1")
            let path = (object["paths"] as! [[String: Any]])[0]
            let node = (path["nodes"] as! [[String: Any]])[1]
            #expect(node["kind"] as? String == "firm" && node["name"] as? String == "Delta Holdings")
            let edge = (path["edges"] as! [[String: Any]])[0]
            #expect(Set(edge.keys) == ["kind", "from", "to", "valid_from", "valid_to", "dataset", "source", "properties"])
            #expect(edge["from"] as? String == "firm:F4" && edge["to"] as? String == "firm:F1" && edge["kind"] as? String == "owns")
            #expect(edge["valid_to"] is NSNull)
        }
    }

    @Test func aPathLongerThanMaxHopsIsNotWithinLimitsNotAbsent() throws {
        try withSmallWorld { store, graph in
            var q = PathQuery(from: "firm:F1", to: "firm:F2", maxHops: 1, relations: ["owns"])
            let cut = try q.run(on: graph, store: store)
            #expect(cut.status == .notWithinLimits && cut.limits.reached == ["max_hops"] && cut.limits.maxHops == 1)
            let object = try JSONSerialization.jsonObject(with: Data(cut.json.compact.utf8)) as! [String: Any]
            #expect(object["status"] as? String == "not_within_limits")
            #expect((object["limits"] as! [String: Any])["reached"] as? [String] == ["max_hops"])
            #expect(cut.text.contains("--max-hops 1"))
            q.maxHops = 6
            #expect(try q.run(on: graph, store: store).status == .found)
        }
    }

    @Test func aPathThroughARecordDeletedSinceTheGraphLoadedAsksToBeRetriedNotCrash() throws {
        try withSmallWorld { store, graph in
            let q = PathQuery(from: "firm:F1", to: "firm:F2", relations: ["owns"])
            #expect(try q.run(on: graph, store: store).status == .found)
            try store.sql("DELETE FROM edges WHERE source_id = (SELECT id FROM nodes WHERE key = 'F4') OR target_id = (SELECT id FROM nodes WHERE key = 'F4')")
            try store.sql("DELETE FROM nodes WHERE key = 'F4'")
            #expect {
                try q.run(on: graph, store: store)
            } throws: { error in
                guard case ServiceError.busy = error else { return false }
                return ErrorCategory.of(error) == .unavailable
            }
        }
    }

    @Test func answersDecodeToWhatWasEncoded() throws {
        try withSmallWorld { store, graph in
            var q = PathQuery(from: "firm:F1", to: "firm:F2", relations: ["owns"])
            q.weights = ["owns": 2]
            let answer = try q.run(on: graph, store: store)
            let decoded = try JSONDecoder().decode(PathAnswer.self, from: Data(answer.json.compact.utf8))
            // Compared as parsed JSON: the stored properties come back with their keys sorted.
            func parsed(_ v: JSONValue) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(v.compact.utf8)) }
            #expect(try parsed(decoded.json) == parsed(answer.json))
            #expect(decoded.question.weights == [.init(kind: "owns", cost: 2)] && decoded.cost == 4)
        }
    }

    @Test func aDateAfterTheOwnershipEndedCutsThePath() throws {
        try withSmallWorld { store, graph in
            var q = PathQuery(from: "firm:F1", to: "firm:F2", relations: ["owns"])
            q.at = try PathQuery.day("2019-06-01")
            #expect(try q.run(on: graph, store: store).status == .found)
            q.at = try PathQuery.day("2021-06-01")
            let later = try q.run(on: graph, store: store)
            #expect(later.status == .noPath && later.paths.isEmpty)
            #expect(later.text.contains("no connection within 6 hops (valid at 2021-06-01; via owns)"))
        }
    }

    @Test func entitiesResolveByKindAndIDByNameAndPeopleKindsTogether() throws {
        try withSmallWorld { store, _ in
            let r = EntityResolver(store: store)
            let viaPerson = try r.resolve("person:P4")
            let viaJudge = try r.resolve("judge:P4")
            let byName = try r.resolve("ana souza")
            let byKey = try r.resolve("F3")
            #expect(viaPerson.reference == "judge:P4")
            #expect(viaJudge.name == "Judge Daniel Reis")
            #expect(byName.reference == "person:P1")
            #expect(byKey.reference == "firm:F3")
            #expect {
                try r.resolve("Ana Sousa")
            } throws: { error in
                guard case let ServiceError.unknownEntity(_, suggestions) = error else { return false }
                return suggestions.contains("person:P1 (Ana Souza)")
            }
            #expect(throws: ServiceError.self) { try r.resolve("firm:F99") }
        }
    }

    @Test func weightsPickTheCheapestConnectionAndReportItsCost() throws {
        try withSmallWorld { store, graph in
            var q = PathQuery(from: "firm:F1", to: "firm:F2")
            q.weights = try PathQuery.weights(list: "registered_at=5,has_phone=5,has_email=5,legal_representative_of=5,accountant_of=5")
            let viaOwner = try q.run(on: graph, store: store)
            #expect(viaOwner.cost == 2 && viaOwner.paths[0].edges.map(\.kind) == ["owns", "owns"])
            q.weights = try PathQuery.weights(list: "owns=5,has_phone=0.5")
            let viaPhone = try q.run(on: graph, store: store)
            #expect(viaPhone.cost == 1 && viaPhone.paths[0].nodes.map(\.reference) == ["firm:F1", "phone:551133334444", "firm:F2"])
            #expect(throws: ServiceError.self) { try PathQuery.weights(list: "owns=-1") }
            #expect(throws: ServiceError.self) { try PathQuery.weights(list: "owner=1") }
        }
    }

    @Test func unknownRelationKindsAndDatesAreRefused() {
        #expect(throws: ServiceError.self) { try PathQuery.relations(["owns", "owner_of"]) }
        #expect(throws: ServiceError.self) { try PathQuery.day("2019-02-30") }
    }

    @Test func mapOfAnAnswerShowsEveryHopWithEndpointsEmphasised() throws {
        try withSmallWorld { store, graph in
            let answer = try PathQuery(from: "judge:P4", to: "firm:F3", maxHops: 3, relations: ["relative_of", "owns"]).run(on: graph, store: store)
            let map = answer.map()
            #expect(map.nodes.map(\.id) == ["judge:P4", "person:P5", "firm:F3"])
            #expect(map.nodes.first?.emphasis == .endpoint && map.nodes[1].emphasis == .normal)
            #expect(map.edges.map(\.kind) == ["relative_of", "owns"])
            #expect(map.edges[1].label?.contains("35.5%") == true)
        }
    }
}

@Suite("The demo")
struct DemoTests {
    @Test func demoImportsAWorldAnswersItsQuestionsAndDrawsMaps() throws {
        try TestDatabase.withStore { store in
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: out) }
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            var said: [String] = []
            let session = Session(resources: Resources(root: TestDatabase.repositoryRoot), store: store)
            let files = try Demo(out: out, firms: 400, seed: 3).run(session: session) { said.append($0) }
            #expect(files.map(\.lastPathComponent) == [
                "ring.svg", "ring.png", "judge-conflict.svg", "judge-conflict.png", "political-winner.svg", "political-winner.png",
                "rings.svg", "rings.png",
            ])
            for f in files where f.pathExtension == "png" {
                #expect(try Data(contentsOf: f).starts(with: [0x89, 0x50, 0x4E, 0x47]))
            }
            let text = said.joined(separator: "\n")
            #expect(!text.contains("no connection"), "every planted pattern is found: \(text)")
            #expect(text.contains("Collusion scan") && text.contains("rings") && text.contains("recall 1.000"))
            // A second run finds the same files already imported.
            _ = try Demo(out: out, firms: 400, seed: 3).run(session: session) { said.append($0) }
            #expect(said.contains { $0.contains("unchanged since the last demo") })
        }
    }
}

@Suite("Neighbourhoods with provenance")
struct NeighborsQueryTests {
    @Test func egoNetworkOfAJudgeListsEntitiesByDistanceWithEveryRelationshipAmongThem() throws {
        try withSmallWorld { store, graph in
            let answer = try NeighborsQuery(center: "person:P4", hops: 1).run(on: graph, store: store)
            #expect(answer.center.reference == "judge:P4")
            // P4: relative P5, court CT1, candidate C1 (appointed), cases J1 and J2, declared F3, P5.
            #expect(Set(answer.nodes.filter { $0.hops == 1 }.map(\.entity.reference)) == [
                "person:P5", "court:CT1", "candidate:C1", "case:J1", "case:J2", "firm:F3",
            ])
            #expect(answer.edges.allSatisfy { !$0.source.isEmpty })
            // J1 and J2 are heard in CT1: an edge among neighbours, kept.
            #expect(answer.edges.contains { $0.kind == "heard_in" && $0.from == "case:J1" })
            let json = try JSONSerialization.jsonObject(with: Data(answer.json.compact.utf8)) as! [String: Any]
            #expect(Set(json.keys) == ["center", "nodes", "edges", "truncated", "hops"])
            #expect(answer.map().nodes.first?.emphasis == .endpoint)
        }
    }

    @Test func perHopCapLeavesEntitiesOutAndSaysHowMany() throws {
        try withSmallWorld { store, graph in
            let answer = try NeighborsQuery(center: "judge:P4", hops: 1, perHopCap: 2).run(on: graph, store: store)
            #expect(answer.nodes.count == 3 && answer.truncated == 4)
            #expect(answer.text.contains("4 more left out"))
        }
    }
}

@Suite("Ranking entities")
struct RankQueryTests {
    @Test func degreeRankingMatchesAHandCount() throws {
        try withSmallWorld { store, graph in
            // F1: 6 registration links, owned by F4, employs P2, a bid, a contract, a case = 11.
            // F2: 5 registration links, owned by F4, two bids, a contract, a donation = 10.
            let answer = try RankQuery(measure: .degree, top: 2).run(on: graph, store: store)
            #expect(answer.ranked.map(\.entity.reference) == ["firm:F1", "firm:F2"])
            #expect(answer.ranked.map(\.degree) == [11, 10])
        }
    }

    @Test func pageRankListsOnlyTheKindsAskedForAndScoresSumBelowOne() throws {
        try withSmallWorld { store, graph in
            let answer = try RankQuery(measure: .pagerank, kinds: ["person", "judge", "lawyer"], top: 50).run(on: graph, store: store)
            #expect(answer.ranked.count == 6)
            #expect(answer.ranked.allSatisfy { ["person", "judge", "lawyer"].contains($0.entity.kind) })
            #expect(zip(answer.ranked, answer.ranked.dropFirst()).allSatisfy { $0.score >= $1.score })
            #expect(answer.ranked.reduce(0) { $0 + $1.score } < 1)
        }
    }
}

@Suite("One entity, from every dataset that ties to it")
struct EntityAnswerTests {
    @Test func anEntityListsEveryDatasetTyingToItItsOwnRecordsFirst() throws {
        try withSmallWorld { store, graph in
            try store.sql("INSERT INTO datasets (name, format, digest) VALUES ('register', 'bods', 'x')")
            try store.sql("""
                INSERT INTO edges (source_id, target_id, kind_code, dataset_id, source)
                SELECT p.id, f.id, kind_code('edge', 'owns'), d.id, 'register.jsonl:7'
                FROM nodes p, nodes f, datasets d WHERE p.key = 'P1' AND f.key = 'F1' AND d.name = 'register'
                """)
            let ref = try EntityResolver(store: store).resolve("firm:F1")
            let answer = try EntityAnswer.load(ref, graph: graph, store: store)
            #expect(answer.datasets.map(\.dataset) == ["small", "register"])
            #expect(answer.datasets[0].record && answer.datasets[0].relationships > 0)
            #expect(!answer.datasets[1].record && answer.datasets[1].relationships == 1)
            #expect(answer.text.contains("dataset register: 1 relationship"))
        }
    }
}

@Suite("Search: identifiers exactly, names by trigrams, wildcards as written")
struct EntitySearchTests {
    @Test func likeWildcardsAreSearchedForAsWrittenNotExpanded() throws {
        try withSmallWorld { store, _ in
            let contained = try EntitySearch(text: "lfa").run(store: store).results.map(\.key)
            #expect(contained.contains("F1"), "containment finds Alfa")
            let percents = try EntitySearch(text: "%%%").run(store: store).results
            let underscore = try EntitySearch(text: "_").run(store: store).results
            #expect(percents.isEmpty && underscore.isEmpty)
        }
    }
}

@Suite("Directed path questions")
struct DirectedPathQueryTests {
    @Test func aControlChainRunsOwnerToOwnedAndIsRefusedTheOtherWay() throws {
        try withSmallWorld { store, graph in
            // F4 owns F1 (shareholders.csv:2): a chain of control from F4 to F1, none back.
            var q = PathQuery(from: "firm:F4", to: "firm:F1")
            q.directed = true
            let down = try q.run(on: graph, store: store)
            #expect(down.status == .found && down.question.directed && down.paths[0].edges.allSatisfy { $0.kind == "owns" })
            q = PathQuery(from: "firm:F1", to: "firm:F4")
            q.directed = true
            let up = try q.run(on: graph, store: store)
            #expect(up.status != .found && up.text.contains("in its stated direction"))
            #expect(try PathQuery(from: "firm:F1", to: "firm:F4").run(on: graph, store: store).status == .found, "undirected, F1 and F4 are one hop apart")
            // Stored documents written before the field existed read as undirected.
            let old = try JSONDecoder().decode(PathAnswer.Question.self, from: Data(#"{"kinds": null, "at": null, "weights": null, "paths": "shortest", "count": null}"#.utf8))
            #expect(!old.directed)
        }
    }
}
