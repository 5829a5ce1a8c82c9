import Foundation
import Testing
import TramaGraph
import TramaStore
import TramaTestSupport
@testable import TramaIngest

@Suite("Importing GRAS folders into PostgreSQL")
struct DatasetImporterTests {
    func rejectedFile() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("rejected-\(UUID().uuidString).csv") }

    @Test func importStoresEveryNodeAndEdgeWithProvenance() throws {
        try TestDatabase.withStore { store in
            let report = try DatasetImporter(store: store).importGRAS(directory: Fixture.small, options: .init(dataset: "small"))
            #expect(!report.unchanged && !report.replaced)
            #expect(report.nodes == Fixture.smallNodes && report.edges == Fixture.smallEdges)
            #expect(try store.counts() == Store.Counts(nodes: Fixture.smallNodes, edges: Fixture.smallEdges, datasets: 1))
            let own = try store.sql(
                """
                SELECT e.source, d.name, e.valid_from::text, e.valid_to::text, e.properties->>'Share'
                FROM edges e JOIN nodes s ON s.id = e.source_id JOIN nodes t ON t.id = e.target_id JOIN datasets d ON d.id = e.dataset_id
                WHERE e.kind_code = kind_code('edge', 'owns') AND s.key = $1 AND t.key = $2
                """, ["F4", "F2"])
            #expect(own.rows.first! == ["shareholders.csv:3", "small", "2011-01-01", "2020-12-31", "40"])
            #expect(try Self.stagingTables(store) == [nil, nil], "the staging tables go with the import")
        }
    }

    /// The import's staging tables (stage_graph_create.sql, stage_edges_resolve.sql) as they are now.
    static func stagingTables(_ store: Store) throws -> [String?] {
        try store.sql("SELECT to_regclass('stage_graph')::text, to_regclass('stage_edges')::text").rows[0]
    }

    /// An import leaves no names waiting in the name index's pending list (every search would
    /// read it whole) and the planner's statistics up to date.
    @Test func anImportLeavesTheNameIndexFlushedAndStatisticsFresh() throws {
        try TestDatabase.withStore { store in
            _ = try DatasetImporter(store: store).importGRAS(directory: Fixture.small, options: .init(dataset: "small"))
            #expect(try store.sql("SELECT gin_clean_pending_list('nodes_name_trgm'::regclass)").scalar == "0")
            #expect(try store.sql("SELECT count(*) FROM pg_stats WHERE tablename IN ('nodes', 'edges')").scalar != "0")
        }
    }

    /// Kind names are not listed anywhere in SQL: an import gives every name it brings a code,
    /// a name new to the store (here one no importer's vocabulary has) included, and leaves the
    /// codes of known names as they were.
    @Test func aKindNewToTheStoreIsGivenACodeOnImport() throws {
        try TestDatabase.withStore { store in
            #expect(try store.sql("SELECT count(*) FROM kinds").scalar == "0")
            _ = try DatasetImporter(store: store).importGRAS(directory: Fixture.small, options: .init(dataset: "small"))
            let used = try store.sql(
                """
                SELECT DISTINCT 'node:' || k.name FROM nodes n JOIN kinds k ON k.code = n.kind_code
                UNION SELECT DISTINCT 'edge:' || k.name FROM edges e JOIN kinds k ON k.code = e.kind_code
                """).rows.map { $0[0]! }
            let before = try store.sql("SELECT domain || ':' || name, code FROM kinds ORDER BY code").rows.map { [$0[0]!, $0[1]!] }
            #expect(Set(before.map { $0[0] }) == Set(used), "the import's names, and only they, have codes")
            #expect(before.contains { $0[0] == "node:firm" } && before.contains { $0[0] == "edge:owns" })

            // An import that stages a node kind and an edge kind the store has never seen, beside
            // known ones, through the importer's own statements.
            let dataset = try store.transaction { conn in
                let id = try conn.execute(.datasetUpsert, ["boats", "test", "x", "[]"]).scalar!
                try conn.execute(.stageGraphCreate)
                try conn.copyIn(.stageGraphCopy) { w in
                    try w.row(["f", "vessel", "vessel", "IMO1", nil, nil, "Boat", nil, nil, "{}", "boats.csv:2"])
                    try w.row(["t", "moored_at", "vessel", "IMO1", "agency", "A1", nil, nil, nil, "{}", "boats.csv:2"])
                    try w.row(["t", "owns", "firm", "F4", "vessel", "IMO1", nil, "2019-01-01", nil, "{}", "boats.csv:2"])
                }
                try conn.execute(.stageGraphAnalyze)
                try conn.execute(.internKinds, [Store.textArray(["vessel"]), Store.textArray(["moored_at", "owns"])])
                #expect(try conn.execute(.insertNodesFromStage, [id, "0"]).affected == 1)
                try conn.execute(.stageEdgesResolve)
                #expect(try conn.execute(.insertEdgesFromStage, [id, "0"]).affected == 2)
                try conn.execute(.stageGraphDrop)
                return id
            }
            let after = try store.sql("SELECT domain || ':' || name, code FROM kinds ORDER BY code").rows.map { [$0[0]!, $0[1]!] }
            #expect(Array(after.prefix(before.count)) == before, "known names keep their codes")
            #expect(Set(after.dropFirst(before.count).map { $0[0] }) == ["node:vessel", "edge:moored_at"])
            #expect(try store.nodes(kinds: ["vessel"], key: "IMO1").map(\.reference) == ["vessel:IMO1"])
            let edges = try store.sql("SELECT id FROM edges WHERE dataset_id = $1 ORDER BY id", [dataset]).rows.map { Int64($0[0]!)! }
            #expect(Set(try store.edgeRecords(ids: edges).values.map { "\($0.source) \($0.kind) \($0.target)" })
                == ["vessel:IMO1 moored_at agency:A1", "firm:F4 owns vessel:IMO1"])
            let (graph, _) = try store.withConnection { try GraphLoader().load($0.pq, catalog: store.queries) }
            #expect(graph.nodeKinds.code("vessel") != nil && graph.edgeKinds.code("moored_at") != nil)

            // A second import bringing the same names adds nothing.
            try store.transaction { conn in
                try conn.execute(.stageGraphCreate)
                try conn.copyIn(.stageGraphCopy) { w in try w.row(["f", "vessel", "vessel", "IMO2", nil, nil, nil, nil, nil, "{}", "b:3"]) }
                try conn.execute(.internKinds, [Store.textArray(["vessel"]), Store.textArray([])])
                try conn.execute(.stageGraphDrop)
            }
            #expect(try store.sql("SELECT count(*) FROM kinds").scalar == String(after.count))
        }
    }

    @Test func reimportingTheSameFilesIsANoOpAndAChangedFileReplacesTheDataset() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            let dir = try Fixture.copyOfSmall()
            defer { try? FileManager.default.removeItem(at: dir) }
            _ = try importer.importGRAS(directory: dir, options: .init(dataset: "small"))
            let again = try importer.importGRAS(directory: dir, options: .init(dataset: "small"))
            #expect(again.unchanged)
            #expect(try store.counts() == Store.Counts(nodes: Fixture.smallNodes, edges: Fixture.smallEdges, datasets: 1))

            // Drop one bid and one person-free relation: the dataset is replaced, not added to.
            try Fixture.edit(dir, "bids.csv", replacing: "T2,F3,2,505000,2019-06-02,0\n", with: "")
            let changed = try importer.importGRAS(directory: dir, options: .init(dataset: "small"))
            #expect(changed.replaced && !changed.unchanged)
            #expect(try store.counts() == Store.Counts(nodes: Fixture.smallNodes, edges: Fixture.smallEdges - 1, datasets: 1))
        }
    }

    /// A nightly replacement that changes one firm's name retires that firm alone and keeps
    /// every other entity and relationship as the version before stored it: same ids, same
    /// version. The graph as of the first import still has the old name.
    @Test func aReplacementRetiresOnlyWhatChanged() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            let dir = try Fixture.copyOfSmall()
            defer { try? FileManager.default.removeItem(at: dir) }
            let first = try importer.importGRAS(directory: dir, options: .init(dataset: "small"))
            func rows() throws -> [[String?]] { try store.sql("SELECT id, key, name, import_id FROM nodes ORDER BY id").rows }
            let before = try rows()
            let edgesBefore = try store.sql("SELECT id, import_id FROM edges ORDER BY id").rows

            try Fixture.edit(dir, "firms.csv", replacing: "F2,Beta Engenharia Ltda.,", with: "F2,Beta Engenharia S.A.,")
            let second = try importer.importGRAS(directory: dir, options: .init(dataset: "small"))
            let (v1, v2) = (try #require(first.version), try #require(second.version))
            #expect(second.replaced)
            let history = try store.versions()
            #expect(history.first?.retiredNodes == 1 && history.first?.retiredEdges == 0)
            let after = try rows()
            #expect(after.map { $0[0] } == before.map { $0[0] }, "no entity renumbered")
            #expect(after.filter { $0[3] == String(v2) }.map { $0[2] } == ["Beta Engenharia S.A."])
            #expect(try store.sql("SELECT id, import_id FROM edges ORDER BY id").rows == edgesBefore)
            #expect(try store.counts() == Store.Counts(nodes: Fixture.smallNodes, edges: Fixture.smallEdges, datasets: 1))
            let old = try GraphLoader().load(from: store.asOf(v1))
            #expect(old.graph.nodeCount == Fixture.smallNodes && old.graph.edgeCount == Fixture.smallEdges)
            #expect(try store.sql("SELECT name FROM retired_nodes WHERE key = 'F2'").scalar == "Beta Engenharia Ltda.")
        }
    }

    /// Relationships are paired copy for copy: two identical ones, then one, retire one.
    @Test func aReplacementPairsIdenticalRelationshipsCopyForCopy() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            func load(copies: Int, version: String) throws -> DatasetImporter.Report {
                try importer.importDataset(name: "pairs", format: "test", files: [], options: .init(dataset: "pairs"), context: version) { sink in
                    try sink.add(StagedNode(entity: EntityRef(.firm, "F1"), name: "Alfa", properties: "{}", source: "t:1"))
                    try sink.add(StagedNode(entity: EntityRef(.firm, "F2"), name: "Beta", properties: "{}", source: "t:2"))
                    for _ in 0..<copies {
                        try sink.add(StagedEdge(kind: .owns, from: EntityRef(.firm, "F1"), to: EntityRef(.firm, "F2"), validFrom: nil, validTo: nil, properties: #"{"share":50}"#, source: "t:3"))
                    }
                    return ([], [], [])
                }
            }
            let first = try load(copies: 2, version: "1")
            let second = try load(copies: 1, version: "2")
            #expect(second.replaced && second.edges == 1)
            let latest = try #require(try store.versions().first)
            #expect(latest.retiredNodes == 0 && latest.retiredEdges == 1)
            let old = try GraphLoader().load(from: store.asOf(try #require(first.version)))
            #expect(old.graph.edgeCount == 2)
            #expect(try GraphLoader().load(from: store).graph.edgeCount == 1)
        }
    }

    /// When most of a dataset's entities changed, the replacement rewrites it: every row
    /// retired, every row stored anew; the version before is still there to rebuild.
    @Test func aReplacementThatChangesMostEntitiesRewritesTheDataset() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            func load(_ names: [String], version: String) throws -> DatasetImporter.Report {
                try importer.importDataset(name: "register", format: "test", files: [], options: .init(dataset: "register"), context: version) { sink in
                    for (i, name) in names.enumerated() {
                        try sink.add(StagedNode(entity: EntityRef(.firm, "F\(i + 1)"), name: name, properties: "{}", source: "t:\(i + 1)"))
                    }
                    try sink.add(StagedEdge(kind: .owns, from: EntityRef(.firm, "F1"), to: EntityRef(.firm, "F2"), validFrom: nil, validTo: nil, properties: "{}", source: "t:9"))
                    return ([], [], [])
                }
            }
            let first = try load(["Alfa", "Beta", "Gama"], version: "1")
            let second = try load(["Alfa S.A.", "Beta S.A.", "Gama"], version: "2")
            let latest = try #require(try store.versions().first)
            #expect(second.replaced && latest.retiredNodes == 3 && latest.retiredEdges == 1)
            #expect(try store.sql("SELECT string_agg(name, ',' ORDER BY key) FROM nodes").scalar == "Alfa S.A.,Beta S.A.,Gama")
            let old = try GraphLoader().load(from: store.asOf(try #require(first.version))).graph
            #expect(old.nodeCount == 3 && old.edgeCount == 1)
            #expect(try GraphLoader().load(from: store).graph.edgeCount == 1)
        }
    }

    @Test func badInputFailsWithEveryProblemAndLeavesTheStoreAsItWas() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            _ = try importer.importGRAS(directory: Fixture.small, options: .init(dataset: "before"))
            let before = try store.counts()
            let dir = try Fixture.copyOfSmall()
            defer { try? FileManager.default.removeItem(at: dir) }
            try Fixture.edit(dir, "shareholders.csv", replacing: "2015-05-05", with: "2015-13-05")
            try Fixture.edit(dir, "bids.csv", replacing: "T2,F3,2", with: "T2,F9,2")
            try Fixture.edit(dir, "employment.csv", replacing: "EmployerID,WorkerID", with: "EmployerID,Worker")
            let rejected = rejectedFile()
            do {
                _ = try importer.importGRAS(directory: dir, options: .init(dataset: "broken", rejectedFile: rejected))
                Issue.record("the import should have failed")
            } catch let IngestError.invalidRecords(problems, total, records) {
                #expect(total == 3 && records == 4)
                #expect(problems.map(\.description) == [
                    "shareholders.csv:5: ShareholderEntryDate '2015-13-05': is not a date (expected YYYY-MM-DD)",
                    "employment.csv:1: WorkerID: required column is missing from the header",
                    "bids.csv:5: FirmID 'F9': unknown ID: not a FirmID in firms.csv",
                ])
            }
            #expect(try store.counts() == before)
            #expect(try Self.stagingTables(store) == [nil, nil])
            #expect(try store.execute(.datasetByName, ["broken"]).rows.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: rejected.path))
        }
    }

    /// The server's own reply to a full disk (SQLSTATE 53100), raised where a real one would
    /// strike — while rows are written; `scripts/fault-check` fills a real small filesystem.
    @Test func aFullDiskDuringAnImportSaysSoAndLoadsNothing() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            _ = try importer.importGRAS(directory: Fixture.small, options: .init(dataset: "before"))
            let before = try store.counts()
            try store.sql("""
                CREATE FUNCTION full_disk() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'could not extend file "base/1/2": No space left on device' USING ERRCODE = 'disk_full'; END $$
                """)
            try store.sql("CREATE TRIGGER full_disk BEFORE INSERT ON edges FOR EACH ROW EXECUTE FUNCTION full_disk()")
            do {
                _ = try importer.importGRAS(directory: Fixture.small, options: .init(dataset: "second"))
                Issue.record("the import should have failed")
            } catch let e as IngestError {
                guard case let .storeOutOfResources(dataset, resource, cause) = e else { throw e }
                #expect(dataset == "second" && resource == "disk space" && cause.contains("53100"))
                #expect(e.description.contains("ran out of disk space") && e.description.contains("nothing was loaded"))
            }
            #expect(try store.counts() == before)
            #expect(try store.execute(.datasetByName, ["second"]).rows.isEmpty)
            try store.sql("DROP TRIGGER full_disk ON edges")
            #expect(try importer.importGRAS(directory: Fixture.small, options: .init(dataset: "second")).unchanged == false)
        }
    }

    @Test func skipInvalidLoadsTheRestAndWritesRejectedCSV() throws {
        try TestDatabase.withStore { store in
            let dir = try Fixture.copyOfSmall()
            defer { try? FileManager.default.removeItem(at: dir) }
            try Fixture.edit(dir, "shareholders.csv", replacing: "2015-05-05", with: "2015-13-05")
            try Fixture.edit(dir, "bids.csv", replacing: "T2,F3,2", with: "T2,F9,2")
            try Fixture.edit(dir, "employment.csv", replacing: "EmployerID,WorkerID", with: "EmployerID,Worker")
            let rejected = rejectedFile()
            defer { try? FileManager.default.removeItem(at: rejected) }
            let report = try DatasetImporter(store: store).importGRAS(
                directory: dir, options: .init(dataset: "partial", skipInvalid: true, rejectedFile: rejected))
            #expect(report.rejected == 4)
            // One shareholding, two employments and one bid fewer; no node is lost.
            #expect(report.nodes == Fixture.smallNodes && report.edges == Fixture.smallEdges - 4)
            var rows: [[String]] = []
            try CSVReader(url: rejected).forEachRecord { r, _ in rows.append(r.fields) }
            #expect(rows.first == ["file", "line", "column", "value", "reason", "record"])
            #expect(rows.dropFirst().map { "\($0[0]):\($0[1])" } == ["shareholders.csv:5", "employment.csv:2", "employment.csv:3", "bids.csv:5"])
            #expect(rows[4] == ["bids.csv", "5", "FirmID", "F9", "unknown ID: not a FirmID in firms.csv", "T2,F9,2,505000,2019-06-02,0"])
            #expect(try store.execute(.datasetByName, ["partial"]).rows.first?[6] == "4")
        }
    }

    /// GRAS 3.7 and 3.8's tables: a benefit becomes a dated `received_benefit` to a programme, a
    /// record a `convicted_of` to an offence; a benefit ending before it starts is refused with
    /// its file, line and columns.
    @Test func socialBenefitsAndCriminalRecordsBecomeDatedRelationships() throws {
        try TestDatabase.withStore { store in
            let dir = try Fixture.copyOfSmall()
            defer { try? FileManager.default.removeItem(at: dir) }
            try "BeneficiaryID,BenefitStart,BenefitEnd,BenefitValueTotal,CashtransprogramType\nP6,2018-01-01,2020-12-31,4200,Bolsa Familia\nP5,2021-01-01,2020-01-01,10,\n"
                .write(to: dir.appendingPathComponent("social_benefits.csv"), atomically: true, encoding: .utf8)
            try "PersonID,Crime,SentenceDate\nP1,fraud,2015-03-01\n".write(to: dir.appendingPathComponent("criminal_records.csv"), atomically: true, encoding: .utf8)
            let rejected = rejectedFile()
            defer { try? FileManager.default.removeItem(at: rejected) }
            let report = try DatasetImporter(store: store).importGRAS(directory: dir, options: .init(dataset: "small", skipInvalid: true, rejectedFile: rejected))
            #expect(report.rejected == 1)
            var rows: [[String]] = []
            try CSVReader(url: rejected).forEachRecord { r, _ in rows.append(r.fields) }
            #expect(rows.dropFirst().map { "\($0[0]):\($0[1])" } == ["social_benefits.csv:3"])
            let edges = try store.sql(
                """
                SELECT k.name, e.valid_from::text, coalesce(e.valid_to::text, '') FROM edges e JOIN kinds k ON k.domain = 'edge' AND k.code = e.kind_code
                WHERE k.name IN ('received_benefit', 'convicted_of') ORDER BY k.name
                """).rows
            #expect(edges.map { $0.compactMap { $0 } } == [["convicted_of", "2015-03-01", ""], ["received_benefit", "2018-01-01", "2020-12-31"]])
        }
    }

    @Test func replacingADatasetKeepsEntitiesAnotherDatasetStillLinksTo() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            let a = try Fixture.copyOfSmall()
            let b = FileManager.default.temporaryDirectory.appendingPathComponent("trama-b-\(UUID().uuidString)")
            defer { for d in [a, b] { try? FileManager.default.removeItem(at: d) } }
            _ = try importer.importGRAS(directory: a, options: .init(dataset: "a"))
            try FileManager.default.createDirectory(at: b, withIntermediateDirectories: true)
            try "PersonID,PersonName,DateOfBirth\nP5,Elisa Reis,1990-07-08\nP7,Gil Reis,\n".write(
                to: b.appendingPathComponent("people.csv"), atomically: true, encoding: .utf8)
            try "PersonID,RelativeID,FamilyRelation\nP7,P5,brother\n".write(to: b.appendingPathComponent("relatives.csv"), atomically: true, encoding: .utf8)
            let second = try importer.importGRAS(directory: b, options: .init(dataset: "b"))
            #expect(second.edges == 1)

            // A new version of a no longer mentions P5 at all.
            try Fixture.edit(a, "people.csv", replacing: "P5,Elisa Reis,1990-07-08\n", with: "")
            try Fixture.edit(a, "shareholders.csv", replacing: "F3,P5,Elisa Reis,2015-05-05,,BR,35.5\n", with: "")
            try Fixture.edit(a, "relatives.csv", replacing: "P4,P5,daughter\n", with: "")
            try Fixture.edit(a, "asset_declarations.csv", replacing: "P4,2020,,P5,,\n", with: "")
            _ = try importer.importGRAS(directory: a, options: .init(dataset: "a"))

            let p5 = try store.nodes(kinds: ["person"], key: "P5")
            #expect(p5.count == 1, "P5 is kept: dataset b links to it")
            let dangling = try store.sql(
                """
                SELECT count(*) FROM edges e
                WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = e.source_id)
                   OR NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = e.target_id)
                """)
            #expect(dangling.scalar == "0")
            #expect(try store.counts().edges == Fixture.smallEdges - 3 + 1)
        }
    }
}

@Suite("Import progress: pace and time to go")
struct IngestProgressTests {
    @Test func thePaceAndTheTimeToGoComeFromTheBytesOfTheWholeImportSinceItsReadingBegan() throws {
        var pace = ReadingPace()
        let reading = { (file: String, bytes: Int, records: Int) in IngestProgress(file: file, bytesDone: bytes, bytesTotal: 100_000_000, records: records) }
        // Setup and a first pass, then the first report, four seconds in: the reading starts there.
        let firstPass = pace.figures(for: IngestProgress(phase: "learning every entity's id (a first pass over the files)"), at: 0.5)
        let start = pace.figures(for: reading("firms.csv", 5_000_000, 10_000), at: 4)
        let noTime = pace.figures(for: reading("firms.csv", 5_000_000, 10_000), at: 4)
        let noBytes = pace.figures(for: reading("firms.csv", 5_000_000, 10_000), at: 5)
        #expect(firstPass == nil && start == nil)
        #expect(noTime == nil, "no pace before any time has passed")
        #expect(noBytes == nil, "nor before a byte is read")
        // Later files count on: the bytes are the whole import's.
        let later = pace.figures(for: reading("bids.csv", 25_000_000, 50_000), at: 6)
        #expect(later == ReadingPace.Figures(bytesPerSecond: 10_000_000, recordsPerSecond: 20_000, remainingSeconds: 7.5))
        let storing = pace.figures(for: IngestProgress(phase: "storing entities"), at: 9)
        #expect(storing == nil, "no reading pace once storing")
        // A total that was passed (a compressed file's bytes grow as it is read) leaves the time to go unknown.
        let passed = pace.figures(for: reading("x.gz", 125_000_000, 90_000), at: 14)
        #expect(passed != nil && passed?.remainingSeconds == nil)
        // A report behind the start begins a reading again.
        let again = pace.figures(for: IngestProgress(file: "again.csv", bytesDone: 1_000_000, bytesTotal: 2_000_000, records: 10), at: 20)
        let afterAgain = pace.figures(for: IngestProgress(file: "again.csv", bytesDone: 1_500_000, bytesTotal: 2_000_000, records: 20), at: 21)
        #expect(again == nil && afterAgain?.remainingSeconds == 1)
    }

    @Test func afterReadingAnImportAnnouncesEachStepOfStoring() throws {
        try TestDatabase.withStore { store in
            var heard: [String] = []
            _ = try DatasetImporter(store: store).importGRAS(directory: Fixture.small, options: .init(dataset: "small")) { p in
                heard.append(p.phase ?? "reading")
            }
            #expect(heard.filter { $0 != "reading" } == ["storing entities", "storing relationships", "tidying indexes and statistics"])
        }
    }
}

@Suite("Large imports build their indexes afterwards")
struct DeferredIndexTests {
    /// Every index of the two tables, and the constraints behind those that are constraints.
    static func indexes(_ store: Store) throws -> [[String?]] {
        try store.sql(
            """
            SELECT i.indexname, i.indexdef, pg_get_constraintdef(c.oid)
            FROM pg_indexes i LEFT JOIN pg_constraint c ON c.conname = i.indexname AND c.conrelid = i.tablename::regclass
            WHERE i.tablename IN ('nodes', 'edges') ORDER BY i.indexname
            """
        ).rows
    }

    @Test func anImportThatDoublesTheTablesRebuildsTheirIndexesAsTheyWere() throws {
        try TestDatabase.withStore { store in
            let before = try Self.indexes(store)
            #expect(before.contains { $0[0] == "nodes_name_trgm" } && before.contains { $0[0] == "edges_target" })
            #expect(before.contains { $0[0] == "nodes_kind_code_key_key" && $0[2] == "UNIQUE (kind_code, key)" })
            let first = try DatasetImporter(store: store).importGRAS(directory: Fixture.small, options: .init(dataset: "small"))
            #expect(first.deferredIndexes == ["nodes", "edges"], "an empty store: every row is new")
            #expect(try Self.indexes(store) == before)
            // The indexes answer: a name search uses the trigram index, which holds the new names.
            #expect(try store.sql("SELECT count(*) FROM nodes WHERE lower(name) LIKE '%alfa%'").scalar != "0")
        }
    }

    /// A new dataset whose entities are all stored already (the same files under another name)
    /// inserts none: the indexes of `nodes` are kept, while its relationships, which double
    /// `edges`, are indexed after their insert.
    @Test func aNewDatasetOfEntitiesAlreadyStoredKeepsTheirIndexes() throws {
        try TestDatabase.withStore { store in
            let importer = DatasetImporter(store: store)
            let first = try importer.importGRAS(directory: Fixture.small, options: .init(dataset: "small"))
            let nodes = try store.sql("SELECT count(*) FROM nodes").scalar
            let again = try importer.importGRAS(directory: Fixture.small, options: .init(dataset: "again"))
            #expect(again.deferredIndexes == ["edges"])
            #expect(try store.sql("SELECT count(*) FROM nodes").scalar == nodes)
            let edges = try store.counts().edges
            #expect(again.edges == first.edges && edges == 2 * first.edges)
        }
    }

    /// Four dockets, then the small GRAS folder, which brings fewer entities and relationships
    /// than the store already holds.
    private static func smallImportIntoALargerStore(_ store: Store) throws -> DatasetImporter.Report {
        let importer = DatasetImporter(store: store)
        let dockets = ["district/almd.json", "district/alsd.json", "district/caed_2.json", "bankruptcy/cacb_2.json"].map { docketFixture.appendingPathComponent($0) }
        _ = try importer.importDockets(files: dockets, options: .init(dataset: "dockets"))
        return try importer.importGRAS(directory: Fixture.small, options: .init(dataset: "small"))
    }

    /// Such an import maintains the indexes as it goes. The name index takes the names through
    /// its pending list (import_settings: 16 MB of it); what is left there is merged once the
    /// import has committed, so that no search reads through it.
    @Test func aSmallImportIntoALargerStoreMaintainsTheIndexesAsItGoes() throws {
        try TestDatabase.withStore { store in
            let small = try Self.smallImportIntoALargerStore(store)
            #expect(small.deferredIndexes.isEmpty)
            #expect(try store.sql("SELECT gin_clean_pending_list('nodes_name_trgm'::regclass)").scalar == "0", "no page left to merge")
            #expect(try store.sql("SELECT count(*) FROM nodes WHERE lower(name) LIKE '%alfa%'").scalar != "0")
        }
    }

    /// An import commits the statistics of what it brought with it: the planner's row counts
    /// for `nodes` and `edges` are the tables' own as soon as the import has returned.
    @Test func anImportCommitsStatisticsOfWhatItBrought() throws {
        try TestDatabase.withStore { store in
            _ = try Self.smallImportIntoALargerStore(store)
            for table in ["nodes", "edges"] {
                let planned = try store.sql("SELECT reltuples::bigint FROM pg_class WHERE relname = '\(table)'").scalar
                #expect(planned == (try store.sql("SELECT count(*) FROM \(table)").scalar), "\(table)")
            }
        }
    }

    /// An import that at least doubles the entities takes their statistics before its
    /// relationships look their endpoints up: into an empty store `nodes` had none, the planner
    /// took a join of millions of rows for one row, and the relationships took 141 s instead of
    /// 80 (bench/national, 1,000,000 firms). The import below fails after that point, so the
    /// one analysis counted is its own (a successful import analyses again before it commits).
    @Test func anImportThatDoublesTheEntitiesAnalysesThemBeforeItsRelationships() throws {
        try TestDatabase.withStore { store in
            func analyses() throws -> Int { Int(try store.sql("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'nodes'").scalar ?? "") ?? -1 }
            let before = try analyses()
            #expect(throws: PQError.self) {
                try DatasetImporter(store: store).importDataset(name: "broken", format: "test", files: [], options: .init(dataset: "broken")) { sink in
                    try sink.add(StagedNode(entity: EntityRef(.firm, "F1"), name: "Alfa", properties: "{}", source: "t:1"))
                    try sink.add(StagedEdge(kind: .owns, from: EntityRef(.person, "nobody"), to: EntityRef(.firm, "F1"), validFrom: nil, validTo: nil, properties: "{}", source: "t:2"))
                    return ([], [], [])
                }
            }
            #expect(try analyses() == before + 1)
        }
    }

    /// The unique (kind, key) constraint is deferred with the indexes, and still refuses an
    /// entity staged twice: when it is added again, before any relationship is stored.
    @Test func anEntityStagedTwiceStillFailsALargeImport() throws {
        try TestDatabase.withStore { store in
            let before = try Self.indexes(store)
            let error = #expect(throws: PQError.self) {
                try DatasetImporter(store: store).importDataset(name: "twice", format: "test", files: [], options: .init(dataset: "twice")) { sink in
                    try sink.add(StagedNode(entity: EntityRef(.firm, "F1"), name: "Alfa", properties: "{}", source: "t:1"))
                    try sink.add(StagedNode(entity: EntityRef(.firm, "F2"), name: "Beta", properties: "{}", source: "t:2"))
                    try sink.add(StagedNode(entity: EntityRef(.firm, "F1"), name: "Alfa again", properties: "{}", source: "t:3"))
                    return ([], [], [])
                }
            }
            #expect(error?.sqlState == "23505", "a unique violation")
            #expect(try Self.indexes(store) == before)
            #expect(try store.sql("SELECT count(*) FROM nodes").scalar == "0")
        }
    }

    @Test func anImportThatFailsAfterDroppingTheIndexesLeavesThemInPlace() throws {
        try TestDatabase.withStore { store in
            let before = try Self.indexes(store)
            #expect(throws: PQError.self) {
                try DatasetImporter(store: store).importDataset(name: "broken", format: "test", files: [], options: .init(dataset: "broken")) { sink in
                    try sink.add(StagedNode(entity: EntityRef(.firm, "F1"), name: "Alfa", properties: "{}", source: "t:1"))
                    // An endpoint no dataset has: the count of stored edges falls short, after the insert.
                    try sink.add(StagedEdge(kind: .owns, from: EntityRef(.person, "nobody"), to: EntityRef(.firm, "F1"), validFrom: nil, validTo: nil, properties: "{}", source: "t:2"))
                    return ([], [], [])
                }
            }
            #expect(try Self.indexes(store) == before)
            #expect(try store.sql("SELECT count(*) FROM nodes").scalar == "0")
            #expect(try DatasetImporterTests.stagingTables(store) == [nil, nil], "a failed import leaves no staging table behind")
        }
    }
}
