import Foundation
import Testing
import TramaDocument
import TramaGraph
import TramaIngest
import TramaRender
import TramaStore
import TramaTestSupport
@testable import TramaService

/// A hand-built register: Ana owned Beta through Alfa until the end of 2018, and through Gama
/// (of which she is a director) from 2019.
@Suite("Evidence reports: every hop sourced, valid on the date, as of an import, reproducible")
struct EvidenceTests {
    let register = [
        #"{"id":"ana","schema":"Person","properties":{"name":["Ana Souza"]}}"#,
        #"{"id":"alfa","schema":"Company","properties":{"name":["Alfa Obras"]}}"#,
        #"{"id":"gama","schema":"Company","properties":{"name":["Gama Serviços"]}}"#,
        #"{"id":"beta","schema":"Company","properties":{"name":["Beta Engenharia"],"sourceUrl":["https://registry.example/beta"]}}"#,
        #"{"id":"o1","schema":"Ownership","properties":{"owner":["ana"],"asset":["alfa"],"percentage":["60"],"startDate":["2015-01-01"]}}"#,
        #"{"id":"o2","schema":"Ownership","properties":{"owner":["alfa"],"asset":["beta"],"percentage":["100"],"startDate":["2015-01-01"],"endDate":["2018-12-31"],"sourceUrl":["https://registry.example/o2"]}}"#,
        #"{"id":"d1","schema":"Directorship","properties":{"director":["ana"],"organization":["gama"],"role":["director"],"startDate":["2010-03-01"]}}"#,
        #"{"id":"o3","schema":"Ownership","properties":{"owner":["gama"],"asset":["beta"],"percentage":["51"],"startDate":["2019-01-01"]}}"#,
    ]

    static let theme: Theme = {
        do { return try Theme.load(from: TestDatabase.repositoryRoot.appendingPathComponent("visualizations/themes/default.json")) } catch {
            fatalError("\(error)")
        }
    }()

    func report(_ store: Store, at: String?, asOf version: Int? = nil) throws -> EvidenceReport {
        let view = version.map { store.asOf($0) } ?? store
        let graph = try GraphLoader().load(from: view).graph
        let v = try version.map { try store.version(named: String($0)) } ?? store.versions().first
        var q = EvidenceQuery(from: "person:ftm:ana", to: "firm:ftm:beta", k: 3, at: try at.map(PathQuery.day))
        q.maxHops = 4
        return try q.run(on: graph, store: view, version: v, generated: "2026-01-01 00:00:00 UTC")
    }

    @Test func everyHopNamesItsSourceRecordFileDigestAndTheSourcesOwnID() throws {
        try TestDatabase.withStore { store in
            let file = try ftmFile("register.ijson", register)
            _ = try DatasetImporter(store: store).importFtM(files: [file], options: .init(dataset: "register"))
            let r = try report(store, at: nil)
            let digest = SHA256.hex(Array(try Data(contentsOf: file)))
            #expect(r.status == .found && r.paths.count == 2)
            for c in r.paths {
                #expect(c.edges.count == c.nodes.count - 1)
                for h in c.edges {
                    #expect(h.edge.dataset == "register" && h.edge.source.hasPrefix("register.ijson:"))
                    #expect(h.file == "register.ijson" && h.fileSHA256 == digest)
                    #expect(h.sourceID?.hasPrefix("FtM entity ") == true)
                }
            }
            let viaAlfa = try #require(r.paths.first { $0.nodes.map(\.reference).contains("firm:ftm:alfa") })
            #expect(viaAlfa.edges.map(\.edge.source) == ["register.ijson:5", "register.ijson:6"])
            #expect(viaAlfa.edges.map(\.direction) == ["forward", "forward"])
            #expect(viaAlfa.edges[1].sourceURL == "https://registry.example/o2" && viaAlfa.edges[1].sourceID == "FtM entity o2")
            #expect(r.datasets.map(\.name) == ["register"] && r.datasets[0].files.map(\.sha256) == [digest])
            // Two connections of the three asked for: every one within the limits is listed.
            #expect(r.limits.complete && r.limits.reached.isEmpty)
            var one = EvidenceQuery(from: "person:ftm:ana", to: "firm:ftm:beta", k: 1)
            one.maxHops = 4
            let first = try one.run(on: try GraphLoader().load(from: store).graph, store: store, version: nil, generated: "-")
            #expect(!first.limits.complete && first.limits.reached == ["k"] && first.limitsText.hasPrefix("The 1 shortest are listed"))
            #expect(r.searched.map(\.name) == ["register"] && r.document().html().contains("Only these datasets were searched, as imported: register (import #"))
            // The JSON keeps `trama path`'s shape: from, to, status, paths of nodes and edges.
            let json = r.json.compact
            for key in [#""from":"#, #""to":"#, #""status":"found""#, #""paths":"#, #""nodes":"#, #""edges":"#, #""file_sha256":"#, #""question":"#] {
                #expect(json.contains(key), "\(key)")
            }
        }
    }

    @Test func aRelationshipThatEndedBeforeTheDateIsNotInAValidConnection() throws {
        try TestDatabase.withStore { store in
            _ = try DatasetImporter(store: store).importFtM(files: [try ftmFile("register.ijson", register)], options: .init(dataset: "register"))
            let r = try report(store, at: "2020-06-01")
            let valid = r.paths.filter { $0.validAt == true }
            #expect(valid.map { $0.nodes.map(\.reference) } == [["person:ftm:ana", "firm:ftm:gama", "firm:ftm:beta"]])
            let ended = try #require(r.paths.first { $0.validAt == false })
            #expect(ended.nodes.map(\.reference) == ["person:ftm:ana", "firm:ftm:alfa", "firm:ftm:beta"])
            #expect(ended.edges.map(\.validAt) == [true, false] && ended.edges[1].edge.validTo == "2018-12-31")
            #expect(r.paths.first?.validAt == true && r.paths.map(\.rank) == [1, 2])
            // In 2017 it is the other way round; before either, no connection was valid.
            #expect(try report(store, at: "2017-06-01").paths.first?.nodes.map(\.reference).contains("firm:ftm:alfa") == true)
            let early = try report(store, at: "2009-01-01")
            #expect(early.status == .noPath && early.paths.allSatisfy { $0.validAt == false } && early.paths.count == 2)
        }
    }

    @Test func asOfAnEarlierImportTheReportFindsTheOldConnection() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            let first = try #require(
                try importer.importFtM(files: [try ftmFile("register.ijson", register)], options: .init(dataset: "register")).report.version)
            // The register is corrected: Gama never owned Beta.
            _ = try importer.importFtM(files: [try ftmFile("register.ijson", Array(register.dropLast()))], options: .init(dataset: "register"))
            let now = try report(store, at: "2020-06-01")
            #expect(now.paths.allSatisfy { $0.validAt == false } && now.status == .noPath)
            let then = try report(store, at: "2020-06-01", asOf: first)
            #expect(then.graph.asOf == first && then.paths.first?.nodes.map(\.reference) == ["person:ftm:ana", "firm:ftm:gama", "firm:ftm:beta"])
            #expect(then.datasets.first?.version == first)
            #expect(then.command.contains("--as-of \(first)") && then.command.contains("--at 2020-06-01"))
        }
    }

    @Test func twoRunsWriteByteIdenticalBundlesWithAManifest() throws {
        try TestDatabase.withStore { store in
            _ = try DatasetImporter(store: store).importFtM(files: [try ftmFile("register.ijson", register)], options: .init(dataset: "register"))
            func bundle() throws -> ReportBundle {
                let r = try report(store, at: "2020-06-01")
                return try r.bundle(drawing: GraphvizRenderer(), theme: Self.theme)
            }
            let a = try bundle()
            let b = try bundle()
            #expect(a.files.map(\.name) == ["report.html", "report.pdf", "map.svg", "map.png", "evidence.json", "MANIFEST.sha256"])
            #expect(a.files == b.files)
            let manifest = String(decoding: try #require(a.files.last).bytes, as: UTF8.self)
            for f in a.files.dropLast() { #expect(manifest.contains("\(SHA256.hex(f.bytes))  \(f.name)")) }
            #expect(manifest.contains("# dataset register (import #"))
            let html = String(decoding: a.files[0].bytes, as: UTF8.self)
            #expect(html.contains("register.ijson:6") && html.contains("not valid on 2020-06-01") && html.contains("not proof of wrongdoing"))
            #expect(a.files[1].bytes.starts(with: Array("%PDF-".utf8)))
        }
    }
}
