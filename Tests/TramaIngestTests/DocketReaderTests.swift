import Foundation
import Testing
import TramaGraph
import TramaStore
import TramaTestSupport
@testable import TramaIngest

/// Real dockets cut by `Fixtures/dockets/make_fixture.py` (seven of the shared juriscraper
/// dockets, three appellate ones of juriscraper's own), with the FJC directory's rows of their
/// courts' judges; the script counted `expected.json` with Python's json module.
let docketFixture = TestDatabase.repositoryRoot.appendingPathComponent("Tests/TramaIngestTests/Fixtures/dockets")

@Suite("Federal court dockets")
struct DocketReaderTests {
    struct Expected: Decodable {
        var files: Int
        var empty_files: [String]
        var dockets: Int
        var party_appearances: Int
        var party_entities: Int
        var counsel_appearances: Int
        var lawyers: Int
        var law_firm_lines: [String]
        var judge_appearances: Int
    }

    let expected = try! JSONDecoder().decode(Expected.self, from: Data(contentsOf: docketFixture.appendingPathComponent("expected.json")))

    static let files: [URL] = ["appellate", "bankruptcy", "district"].flatMap { dir in
        let url = docketFixture.appendingPathComponent(dir)
        return (try! FileManager.default.contentsOfDirectory(atPath: url.path)).sorted().map { url.appendingPathComponent($0) }
    }

    /// The fixture's FJC rows as the FJC reader stages them, courts keyed by Courts-DB id.
    static let directory: JudgeDirectory = {
        let catalog = try! CourtCatalog(contentsOf: fjcFixture.appendingPathComponent("courts.json"), systems: ["federal"])
        var sink = MemorySink()
        _ = try! FJCReader(directory: docketFixture.appendingPathComponent("fjc"), courts: catalog).read(into: &sink)
        return JudgeDirectory(staged: sink)
    }()

    func read(_ files: [URL] = Self.files, directory: JudgeDirectory? = Self.directory) throws -> (DocketReader.Report, MemorySink) {
        var sink = MemorySink()
        let report = try DocketReader(files: files, directory: directory).read(into: &sink)
        return (report, sink)
    }

    func judgeEdges(_ sink: MemorySink) -> [StagedEdge] {
        sink.edges.filter { [.presides, .referred, .panelMember, .decidedBelow].contains($0.kind) }
    }

    @Test func countsMatchWhatPythonReadsInTheSameFiles() throws {
        let (report, sink) = try read()
        #expect(report.problems.isEmpty)
        #expect(report.log.files.count == expected.files)
        #expect(report.emptyFiles == expected.empty_files)
        #expect(report.dockets == expected.dockets)
        #expect(sink.nodes.filter { $0.entity.kind == .case }.count == expected.dockets)
        #expect(sink.edges.filter { $0.kind == .partyTo }.count == expected.party_appearances)
        #expect(report.partyAppearances == expected.party_appearances)
        #expect(sink.nodes.filter { [.person, .firm, .agency].contains($0.entity.kind) }.count == expected.party_entities)
        #expect(sink.edges.filter { $0.kind == .counselIn }.count == expected.counsel_appearances)
        #expect(sink.nodes.filter { $0.entity.kind == .lawyer }.count == expected.lawyers)
        // Firms are one entity per name without its legal form; Python listed the lines.
        let firms = Set(sink.nodes.filter { $0.entity.kind == .lawFirm }.map(\.entity.key))
        #expect(firms == Set(expected.law_firm_lines.map { PartyName($0).core }))
        #expect(judgeEdges(sink).count == expected.judge_appearances)
        #expect(report.judgeAppearancesResolved + report.judgeAppearancesUnresolved == expected.judge_appearances)
    }

    @Test func aJudgeGivenWithAnInitialIsTheDirectorysJudgeWhoServedAtThatCourt() throws {
        let (_, sink) = try read()
        // alsd: "Kristi K. Dubose"; the directory has Kristi DuBose (no middle name), at alsd since 2005.
        let presides = try #require(sink.edges.first { $0.kind == .presides && $0.to.key.hasPrefix("alsd:") })
        #expect(presides.from == EntityRef(.judge, "fjc:1392321"))
        #expect(!sink.nodes.contains { $0.entity == presides.from }, "the directory's judge is not made again")
        // almd: "William Keith Watkins", written in full.
        #expect(sink.edges.contains { $0.kind == .presides && $0.to.key.hasPrefix("almd:") && $0.from.key == "fjc:1392341" })
    }

    @Test func aMagistrateNotInTheDirectoryStaysAJudgeOfTheirOwnWithNoCandidate() throws {
        let (report, sink) = try read()
        let referred = try #require(sink.edges.first { $0.kind == .referred && $0.to.key.hasPrefix("almd:") })
        #expect(referred.from == EntityRef(.judge, "docket:almd:SUSAN RUSS WALKER"))
        #expect(sink.nodes.first { $0.entity == referred.from }?.name == "Susan Russ Walker")
        #expect(!sink.edges.contains { $0.kind == .possiblySameAs && $0.from == referred.from })
        #expect(report.judgesUnresolved >= 1)
    }

    @Test func withoutTheDirectoryEveryJudgeIsLeftAsNamed() throws {
        let (report, sink) = try read(directory: nil)
        #expect(report.judgesResolved == 0)
        #expect(judgeEdges(sink).allSatisfy { $0.from.key.hasPrefix("docket:") })
    }

    @Test func anAppellatePanelBecomesThreeJudgesOfTheCaseAndInitialsResolveOnlyWhenOneJudgeFits() throws {
        let (_, sink) = try read()
        let panel = sink.edges.filter { $0.kind == .panelMember && $0.to.key.hasPrefix("ca1:") }
        #expect(panel.count == 3)
        #expect(Set(panel.map(\.to)).count == 1)
        // SLL: Sandra Lea Lynch; KVL: Kermit Victor Lipez, both of the First Circuit in 2016.
        #expect(panel.contains { $0.from.key == "fjc:1384156" } && panel.contains { $0.from.key == "fjc:1390656" })
        // RT fits Juan R. Torruella and O. Rogeriee Thompson alike: candidates, no merge.
        let rt = try #require(panel.first { $0.from.key.hasPrefix("docket:") })
        #expect(rt.from.key == "docket:ca1:RT")
        let candidates = Set(sink.edges.filter { $0.kind == .possiblySameAs && $0.from == rt.from }.map(\.to.key))
        #expect(candidates == ["fjc:1388876", "fjc:1393001"])
    }

    @Test func theJudgeBelowIsResolvedAtTheLowerCourt() throws {
        let (_, sink) = try read()
        // ca1.json: appeal from the District of Massachusetts, "F. Dennis Saylor IV".
        let below = try #require(sink.edges.first { $0.kind == .decidedBelow })
        #expect(below.from.key == "fjc:1392111")
        #expect(below.properties.contains("\"court\":\"mad\""))
    }

    @Test func theContactBlockGivesTheFirmInThreeShapes() {
        // A district docket: firm, street, city, phone, fax, e-mail.
        let firm = ContactBlock("Fonteneau & Arnold, LLC\n2151 Highland Avenue South, Ste. 110\nBirmingham, AL 35205\n205-252-1550\nFax: 205-502-4476\nEmail: allen@fonteneauarnold.com\n")
        #expect(firm.firm == "Fonteneau & Arnold, LLC" && firm.office == nil)
        #expect(firm.address == "2151 Highland Avenue South, Ste. 110, Birmingham, AL 35205")
        #expect(firm.phone == "205-252-1550" && firm.fax == "205-502-4476" && firm.email == "allen@fonteneauarnold.com")
        // An appellate docket: the direct line first, then the firm and a street in words.
        let appellate = ContactBlock("Direct: 617-367-0077\nFax: 617-367-0071\nRubin Pomerleau PC\nThree Center Plaza\nSuite 400\nBoston, MA 02135-0000")
        #expect(appellate.firm == "Rubin Pomerleau PC" && appellate.phone == "617-367-0077")
        #expect(appellate.address == "Three Center Plaza, Suite 400, Boston, MA 02135-0000")
        // A government office with its branch, no phone.
        let office = ContactBlock("United States Attorney\nFresno Office\n2500 Tulare Street\nSuite 4401\nFresno, CA 93721\n")
        #expect(office.firm == "United States Attorney" && office.office == "Fresno Office")
        #expect(office.address == "2500 Tulare Street, Suite 4401, Fresno, CA 93721" && office.email == nil)
        // A solo practitioner's box, and a party for itself.
        let solo = ContactBlock("P.O. Box 30736\nLansing, MI 48090\n(517) 373-1176\nEmail: lepinej@michigan.gov\n")
        #expect(solo.firm == nil && solo.address == "P.O. Box 30736, Lansing, MI 48090" && solo.phone == "(517) 373-1176")
        #expect(ContactBlock("PRO SE\n").proSe && ContactBlock("PRO SE\n").firm == nil)
        // A building named first is the address, not a firm.
        #expect(ContactBlock("Thomas P.'Neill Jr., Federal Bldg.\n10 Causeway St.\nRegion 1\nBoston, MA 02222-0000").firm == nil)
    }

    @Test func lawyersOfOneFirmMeetAtTheFirmAndItsOffice() throws {
        let (_, sink) = try read()
        // caed_2: two lawyers of the Federal Defender share its Tulare Street office.
        let works = sink.edges.filter { $0.kind == .worksAt }
        let byFirm = Dictionary(grouping: works, by: \.to.key)
        #expect(byFirm.values.contains { $0.count >= 2 })
        let registered = sink.edges.filter { $0.kind == .registeredAt && $0.from.kind == .lawFirm }
        #expect(!registered.isEmpty)
        #expect(sink.edges.filter { $0.kind == .counselIn }.allSatisfy { $0.properties.contains("\"for\":") })
    }

    @Test func partiesAreKeptWithTheirRoleAndAsPersonFirmOrAgencyByName() throws {
        let (report, sink) = try read()
        let efurd = try #require(sink.edges.first { $0.kind == .partyTo && $0.from.key == "docket:almd:JOYCE EFURD" })
        #expect(efurd.from.kind == .person && efurd.properties.contains("\"Role\":\"Plaintiff\""))
        #expect(sink.nodes.contains { $0.entity.kind == .firm && $0.name == "Provident Life and Accident Company" })
        #expect(sink.nodes.contains { $0.entity.kind == .agency && $0.name?.hasPrefix("United States") == true })
        #expect(report.proSe >= 1 && report.blankAttorneys >= 1)
    }

    @Test func aDocketCapturedTwiceIsOneCaseWithItsEntriesMerged() throws {
        let (report, sink) = try read()
        #expect(report.repeatedDockets == 1)
        let cases = sink.nodes.filter { $0.entity.key == "cand:3:09-cr-00418" }
        #expect(cases.count == 1)
        #expect(cases.first?.properties.contains("\"entries_count\":1") == true)
    }

    @Test func manyDocketsInOneJSONLinesFileReadAsSeparateFilesDo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dockets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let parts = ["district/almd.json", "district/alsd.json", "appellate/ca1_2.json"].map { docketFixture.appendingPathComponent($0) }
        let lines = try parts.map { url in
            let value = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
            return String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self)
        }
        let jsonl = dir.appendingPathComponent("dockets.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: jsonl, atomically: true, encoding: .utf8)
        let (one, oneSink) = try read([jsonl])
        let (apart, apartSink) = try read(parts)
        #expect(one.problems.isEmpty && one.dockets == 3 && one.dockets == apart.dockets)
        #expect(Set(oneSink.edges.map { "\($0.kind.rawValue) \($0.from) \($0.to)" }) == Set(apartSink.edges.map { "\($0.kind.rawValue) \($0.from) \($0.to)" }))
        #expect(oneSink.nodes.count == apartSink.nodes.count)
    }

    @Test func aFileOfAnUnknownShapeOrAWrongTypeIsRejectedWithItsPath() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dockets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let odd = dir.appendingPathComponent("odd.json"), wrong = dir.appendingPathComponent("wrong.json")
        try #"{"title": "not a docket"}"#.write(to: odd, atomically: true, encoding: .utf8)
        try #"{"court_id": "almd", "docket_number": "1:08-cv-1", "assigned_to_str": "", "parties": [{"name": "A", "attorneys": "none"}]}"#
            .write(to: wrong, atomically: true, encoding: .utf8)
        let (report, sink) = try read([odd, wrong])
        #expect(report.problems.map(\.file) == ["odd.json", "wrong.json"])
        #expect(report.problems.map(\.column) == ["$", "parties[0].attorneys"])
        #expect(report.problems[0].reason.contains("not a docket of a known shape"))
        #expect(sink.nodes.isEmpty && sink.edges.isEmpty)
    }
}

@Suite("Importing dockets into PostgreSQL")
struct DocketImportTests {
    func judgeOfAlsd(_ store: Store) throws -> String? {
        try store.sql(
            """
            SELECT j.key FROM edges e JOIN nodes j ON j.id = e.source_id JOIN nodes c ON c.id = e.target_id
            WHERE e.kind_code = kind_code('edge', 'presides') AND c.key LIKE 'alsd:%'
            """
        ).rows.first?[0] ?? nil
    }

    @Test func dataImportedBeforeTheDirectoryResolvesItsJudgesWhenImportedAgainAfterIt() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            let files = DocketReaderTests.files
            _ = try importer.importCourtsDB(files: [fjcFixture.appendingPathComponent("courts.json")], options: .init(dataset: "courts-db"))
            let first = try importer.importDockets(files: files, options: .init(dataset: "dockets"))
            #expect(first.read.judgesResolved == 0 && first.report.rejected == 0)
            #expect(first.read.courtsAdded == 0, "every court of the fixture is Courts-DB's")
            #expect(try judgeOfAlsd(store) == "docket:alsd:KRISTI K DUBOSE")
            #expect(try importer.importDockets(files: files, options: .init(dataset: "dockets")).report.unchanged)

            _ = try importer.importFJC(directory: docketFixture.appendingPathComponent("fjc"), courts: fjcFixture.appendingPathComponent("courts.json"))
            let again = try importer.importDockets(files: files, options: .init(dataset: "dockets"))
            #expect(again.report.replaced && again.read.judgesResolved >= 5)
            #expect(try judgeOfAlsd(store) == "fjc:1392321")
            // The dockets' own judge node went with the version it replaced; the directory's stays.
            #expect(try store.sql("SELECT count(*) FROM nodes WHERE key = 'docket:alsd:KRISTI K DUBOSE'").rows[0][0] == "0")
            #expect(try importer.importDockets(files: files, options: .init(dataset: "dockets")).report.unchanged)
        }
    }
}
