import Foundation
import Testing
import TramaGraph
import TramaStore
import TramaTestSupport
@testable import TramaIngest

let ocdsFixtures = TestDatabase.repositoryRoot.appendingPathComponent("Tests/TramaIngestTests/Fixtures/ocds")

/// Counts written by `Fixtures/ocds/count_ocds.py` with Python's json module.
func ocdsExpected(_ file: String) throws -> [String: Int]? {
    let data = try Data(contentsOf: ocdsFixtures.appendingPathComponent("expected.json"))
    return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?[file] as? [String: Int]
}

func readOCDS(_ names: [String]) throws -> (OCDSReader.Report, MemorySink) {
    var sink = MemorySink()
    let report = try OCDSReader(files: names.map { ocdsFixtures.appendingPathComponent($0) }).read(into: &sink)
    return (report, sink)
}

@Suite("OCDS: release and record packages, JSON Lines, gzip")
struct OCDSReaderTests {
    @Test(arguments: ["cardinal-024.jsonl", "cardinal-058.jsonl", "colombia-record.json", "colombia-record.json.gz", "uk-record.json", "uk-release-package.json"])
    func countsMatchWhatPythonReadsInTheSameFile(file: String) throws {
        let expected = try #require(try ocdsExpected(file))
        let (report, sink) = try readOCDS([file])
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.processes == expected["processes"])
        #expect(report.awards == expected["awards"])
        let bids = sink.edges.filter { $0.kind == .bid && !$0.properties.contains("\"fromAward\":true") }
        #expect(bids.count == expected["bids_details"]! + expected["tenderers"]!)
        if expected["parties"]! > 0 {
            #expect(report.parties == expected["parties"])
        }
        #expect(sink.nodes.filter { $0.entity.kind == .tender }.count == report.tenders)
    }

    @Test func bidsCarryPricesAndOutcomesUnderTheGRASNames() throws {
        let (_, sink) = try readOCDS(["cardinal-024.jsonl"])
        let first = try #require(sink.edges.first { $0.kind == .bid && $0.to == EntityRef(.tender, "F") && $0.from == EntityRef(.firm, "W") })
        #expect(first.properties.contains("\"BidValue\":1.0") && first.properties.contains("\"AwardBid\":true"))
        let loser = try #require(sink.edges.first { $0.kind == .bid && $0.to == EntityRef(.tender, "F") && $0.from == EntityRef(.firm, "L") })
        #expect(loser.properties.contains("\"AwardBid\":false"))
        // Awards without a contract become contracts, held by the supplier.
        #expect(sink.edges.contains { $0.kind == .holdsContract && $0.from == EntityRef(.firm, "W") })
    }

    @Test func partiesAreKeyedByTheirNormalisedIdentifierAndTheBuyerProcures() throws {
        let (_, sink) = try readOCDS(["colombia-record.json"])
        let agencies = sink.nodes.filter { $0.entity.kind == .agency }
        #expect(agencies.count == 1)
        #expect(sink.edges.contains { $0.kind == .procures && $0.from == agencies[0].entity })
        // SECOP's "Nit de Persona Natural" 1012362575-0: Colombia's NIT, its check digit verified and dropped.
        #expect(sink.nodes.contains { $0.entity == EntityRef(.firm, "CO-NIT-1012362575") && !$0.properties.contains("identifierProblem") })
    }

    @Test func gzipReadsLikeThePlainFile() throws {
        let (plain, a) = try readOCDS(["colombia-record.json"])
        let (zipped, b) = try readOCDS(["colombia-record.json.gz"])
        #expect(plain.processes == zipped.processes && a.nodes.count == b.nodes.count && a.edges.count == b.edges.count)
    }

    @Test func aProcessMetTwiceIsReadOnce() throws {
        let (report, _) = try readOCDS(["uk-record.json", "uk-release-package.json"])
        #expect(report.processes == 1 && report.duplicates == 1)
    }

    @Test func anEmptyOrTruncatedFileIsAProblemWithFileLineAndByte() throws {
        let (empty, _) = try readOCDS(["paraguay-empty.json"])
        #expect(empty.problems.map(\.description) == ["paraguay-empty.json:1: the file is empty: no JSON in it (byte 0)"])
        let whole = try Data(contentsOf: ocdsFixtures.appendingPathComponent("colombia-record.json"))
        let cut = FileManager.default.temporaryDirectory.appendingPathComponent("truncated-\(UUID().uuidString).json")
        try whole.prefix(whole.count * 3 / 5).write(to: cut)
        defer { try? FileManager.default.removeItem(at: cut) }
        var sink = MemorySink()
        let truncated = try OCDSReader(files: [cut]).read(into: &sink)
        #expect(truncated.problems.count == 1)
        #expect(truncated.problems.first?.reason.contains("truncated") == true)
        #expect(truncated.processes == 0)
    }

    @Test func anItemThatIsNotJSONIsRejectedAndTheRestIsRead() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mixed-\(UUID().uuidString).jsonl")
        try Data("{\"ocid\":\"A\",\"bids\":{\"details\":[{\"tenderers\":[{\"id\":\"X\"}],\"value\":{\"amount\":5}}]}}\n{\"ocid\":\"B\",\"tender\":{\"value\":{\"amount\":tru}}}\n{\"ocid\":\"C\"}\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var sink = MemorySink()
        let r = try OCDSReader(files: [file]).read(into: &sink)
        #expect(r.processes == 2)
        #expect(r.problems.count == 1 && r.problems[0].line == 2 && r.problems[0].reason.hasPrefix("not valid JSON"))
    }

    /// A rejected JSON item is written to the rejects file as its JSON text, which reads back
    /// as the item, not quoted once more as a CSV line of one field.
    @Test func aRejectedItemIsWrittenAsItsJSON() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rejects-\(UUID().uuidString).jsonl")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("rejects-\(UUID().uuidString).csv")
        defer { for u in [file, out] { try? FileManager.default.removeItem(at: u) } }
        let item = #"{"ocid":"B","tender":{"title":"a \"quoted\" title","value":{"amount":-5}}}"#
        try Data("{\"ocid\":\"A\"}\n\(item)\n".utf8).write(to: file)
        var sink = MemorySink()
        let r = try OCDSReader(files: [file]).read(into: &sink)
        try DatasetImporter.writeRejected(r.rejected, to: out)
        var rows: [[String]] = []
        try CSVReader(url: out).forEachRecord { row, _ in rows.append(row.fields) }
        #expect(rows.count == 2 && rows[1][0...2] == [file.lastPathComponent, "2", "tender.value.amount"])
        #expect(rows[1][5] == item)
    }

    @Test func importingIsTransactionalAndIdempotent() throws {
        try TestDatabase.withStore { store in
            let files = [ocdsFixtures.appendingPathComponent("cardinal-024.jsonl"), ocdsFixtures.appendingPathComponent("colombia-record.json")]
            let (first, read) = try DatasetImporter(store: store).importOCDS(files: files, options: .init(dataset: "ocds"))
            #expect(!first.unchanged && read.processes == 6)
            let (again, _) = try DatasetImporter(store: store).importOCDS(files: files, options: .init(dataset: "ocds"))
            #expect(again.unchanged && again.nodes == first.nodes && again.edges == first.edges)
            // A bad file fails the whole import and leaves the store as it was.
            let bad = files + [ocdsFixtures.appendingPathComponent("paraguay-empty.json")]
            #expect(throws: IngestError.self) { try DatasetImporter(store: store).importOCDS(files: bad, options: .init(dataset: "ocds")) }
            #expect(try store.counts().nodes == first.nodes)
        }
    }

    @Test func partiesSharingATelephoneMeetAtOnePhoneNode() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("phones-\(UUID().uuidString).jsonl")
        try Data([
            #"{"ocid":"A","parties":[{"id":"X","name":"X S.A.","roles":["tenderer"],"contactPoint":{"telephone":"+55 (11) 3333-4444"},"address":{"streetAddress":"Rua A, 100","locality":"São Paulo"}}],"bids":{"details":[{"tenderers":[{"id":"X"}]}]}}"#,
            #"{"ocid":"B","parties":[{"id":"Y","name":"Y Ltda","roles":["tenderer"],"contactPoint":{"telephone":"55 11 33334444","email":"Bids@Y.com "}}],"bids":{"details":[{"tenderers":[{"id":"Y"}]}]}}"#,
        ].joined(separator: "\n").utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var sink = MemorySink()
        _ = try OCDSReader(files: [file]).read(into: &sink)
        let phones = sink.edges.filter { $0.kind == .hasPhone }
        #expect(Set(phones.map(\.from.key)) == ["X", "Y"] && Set(phones.map(\.to)) == [EntityRef(.phone, "551133334444")])
        #expect(sink.edges.contains { $0.kind == .registeredAt && $0.from.key == "X" })
        #expect(sink.edges.contains { $0.kind == .hasEmail && $0.to == EntityRef(.email, "bids@y.com") })
    }
}

/// Publishers' own shapes, hand-made after files that produced wrong evidence: bids naming their
/// lot with a singular `relatedLot`, awards with `relatedLots: [{"lotId": …}]`, and an empty
/// `tenderer` party repeated in every process (as the Nigerian portal's sample in
/// `../shared/data/ocds-real-examples` has one).
@Suite("OCDS as publishers write it: lot references, placeholder parties")
struct OCDSPublisherShapesTests {
    @Test func bidsAndAwardsNamingTheirLotTheNonStandardWayLandOnThatLotOnly() throws {
        let (report, sink) = try readOCDS(["lots-singular-and-objects.json"])
        #expect(report.problems.isEmpty, "\(report.problems)")
        func firm(_ name: String) throws -> EntityRef { try #require(sink.nodes.first { $0.name == name }).entity }
        let (a, b, c) = (try firm("Asfaltos Andinos SA"), try firm("Betún del Sur SA"), try firm("Caminos Reunidos SA"))
        let lot1 = EntityRef(.tender, "ocds-hand-lots-1/lot-1"), lot2 = EntityRef(.tender, "ocds-hand-lots-1/lot-2")
        func bids(_ t: EntityRef) -> [EntityRef: Bool] {
            Dictionary(uniqueKeysWithValues: sink.edges.filter { $0.kind == .bid && $0.to == t }.map { ($0.from, $0.properties.contains("\"AwardBid\":true")) })
        }
        // Each bid on its own lot, won where its lot's award went, never copied to the other lot.
        #expect(bids(lot1) == [a: true, c: false])
        #expect(bids(lot2) == [a: false, b: true])
        // Each contract under its award's lot, not the first lot.
        let under = sink.edges.filter { $0.kind == .awardedUnder }.map { "\($0.from.key) → \($0.to.key)" }.sorted()
        #expect(under == ["ocds-hand-lots-1/C1 → ocds-hand-lots-1/lot-1", "ocds-hand-lots-1/C2 → ocds-hand-lots-1/lot-2",
                          "ocds-hand-lots-2/award/A1 → ocds-hand-lots-2/L1"])

        // The second process: one bid names no lot, one a lot the tender does not have. Neither
        // is put on a lot by guess; both are in the report with their file, line and process.
        #expect(report.inferred.undeterminedLots == 2)
        #expect(report.inferred.notes.contains { $0.hasPrefix("lots-singular-and-objects.json:") && $0.contains("ocds-hand-lots-2: bid 'B2' names no lot") })
        #expect(report.inferred.notes.contains { $0.contains("bid 'B3' names lot 'L9', not a lot of the process") })
        #expect(!sink.edges.contains { $0.kind == .bid && $0.from == b && $0.to.key.hasPrefix("ocds-hand-lots-2") })
        #expect(report.inferred.lotsSplit == 4 && report.inferred.bidsFromAwards == 0)
    }

    @Test func lotReferencesAreReadInEveryShapePublishersUse() throws {
        let shapes: [(String, [String]?)] = [
            (#"{"relatedLots": ["L1", "L2"]}"#, ["L1", "L2"]), (#"{"relatedLot": "L1"}"#, ["L1"]),
            (#"{"relatedLots": [{"lotId": "L1"}, {"id": "L2"}]}"#, ["L1", "L2"]), (#"{"relatedLot": {"id": "L3"}}"#, ["L3"]),
            (#"{"relatedLots": [7]}"#, ["7"]), (#"{"relatedLots": [{"title": "x"}]}"#, []), ("{}", nil), (#"{"relatedLots": ["L1", "L1"]}"#, ["L1"]),
        ]
        for (object, expected) in shapes { #expect(ProcessMapper.lotReferences(try JSONTape(Data(object.utf8)).root) == expected, "\(object)") }
    }

    @Test func aPartyWithNoNameAndNoIdentifierIsNoBidder() throws {
        let (report, sink) = try readOCDS(["placeholder-tenderer.jsonl"])
        #expect(!sink.nodes.contains { $0.entity.key.contains("57e677cd") })
        #expect(!sink.edges.contains { $0.from.key.contains("57e677cd") || $0.to.key.contains("57e677cd") })
        #expect(report.inferred.placeholderParties == 2 && report.inferred.notes.count == 2)
        #expect(sink.edges.filter { $0.kind == .bid }.count == 2 && report.inferred.bidsFromTenderers == 2)
        // Kept where it was published: in the process's object on its tender.
        #expect(sink.nodes.first { $0.entity == EntityRef(.tender, "ocds-hand-ph-1") }?.properties.contains("57e677cd") == true)
    }
}

@Suite("OCDS: releases of one process merged, published text kept")
struct OCDSMergeTests {
    /// OCDS's merge: releases in date order whatever their order in the file, a later value
    /// replacing an earlier one, arrays of objects with ids merged by id.
    @Test func releasesOfOneProcessMergeInDateOrder() throws {
        let (report, sink) = try readOCDS(["releases-to-merge.json"])
        #expect(report.processes == 2 && report.log.problems.isEmpty)
        let tender = try #require(sink.nodes.first { $0.entity == EntityRef(.tender, "ocds-hand-merge-1") })
        #expect(tender.name == "Road repair, amended")
        let merged = try JSONTape(Data(tender.properties.utf8)).root
        #expect(merged["EstimatedPrice"]?.number == 1000)
        let process = try #require(merged["ocds"])
        // Parties merged by id: the buyer and T2 from the first release, T1 renamed by the second.
        let parties = process["parties"]?.objects.map { "\($0["id"]?.text ?? "")=\($0["name"]?.string ?? "")" }
        #expect(parties == ["B1=Buyer", "T1=Tenderer One, renamed", "T2=Tenderer Two"])
        #expect(process["tender"]?["tenderers"]?.elements.count == 2 && process["awards"]?.elements.count == 1)
        #expect(process["id"]?.string == "award-release")
        // The award's supplier won; both tenderers bid.
        let bids = sink.edges.filter { $0.kind == .bid && $0.to == tender.entity }
        #expect(Set(bids.map(\.from.key)) == ["T1", "T2"])
        #expect(sink.nodes.first { $0.entity.kind == .firm && $0.entity.key == "T1" }?.name == "Tenderer One, renamed")
        #expect(sink.edges.contains { $0.kind == .holdsContract && $0.from.key == "T1" })
    }

    /// A process published as one release is stored as published, spacing and all, not
    /// re-encoded.
    @Test func aSingleReleaseIsStoredAsPublished() throws {
        let (_, sink) = try readOCDS(["releases-to-merge.json"])
        let tender = try #require(sink.nodes.first { $0.entity == EntityRef(.tender, "ocds-hand-single") })
        #expect(tender.properties.contains(#""tender":   {"title":   "Published with its own spacing"}"#))
        #expect(tender.name == "Published with its own spacing")
    }
}
