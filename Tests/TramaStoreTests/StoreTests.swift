import Foundation
import Testing
import TramaGraph
@testable import TramaStore
import TramaTestSupport

@Suite("Store against a real PostgreSQL")
struct StoreTests {
    @Test func theDataGenerationMovesOnWithEveryCommittedChangeToTheGraph() throws {
        try TestDatabase.withStore { store in
            let start = try store.dataGeneration()
            try store.sql("INSERT INTO datasets (name, format, digest) VALUES ('d', 'gras', 'x')")
            #expect(try store.dataGeneration() == start, "a dataset row alone is no change to the graph")
            try store.sql("INSERT INTO nodes (kind_code, key, dataset_id, source) SELECT kind_code('node', 'firm'), 'F1', id, 'firms.csv:2' FROM datasets")
            let afterInsert = try store.dataGeneration()
            #expect(afterInsert > start)
            #expect(throws: (any Error).self) {
                try store.transaction { conn in
                    try conn.execute("DELETE FROM nodes", name: "delete_nodes")
                    throw StoreError.poolClosed
                }
            }
            #expect(try store.dataGeneration() == afterInsert, "a rolled-back change moves nothing")
            try store.sql("UPDATE nodes SET name = 'Alfa'")
            #expect(try store.dataGeneration() > afterInsert)
        }
    }

    @Test func migrationsApplyOnceAndAreRecorded() throws {
        try TestDatabase.withStore { store in
            let applied = try store.sql("SELECT name FROM schema_migrations ORDER BY name")
            let files = try FileManager.default.contentsOfDirectory(atPath: TestDatabase.schemaDirectory.path)
                .filter { $0.hasSuffix(".sql") }.map { String($0.dropLast(4)) }.sorted()
            #expect(files.count >= 10 && files.first == "0001_adjacency_store")
            #expect(applied.rows.map { $0[0]! } == files)
            let again = try store.migrate()
            #expect(again.isEmpty)
        }
    }

    @Test func changedAppliedMigrationIsRefused() throws {
        try TestDatabase.withStore { store in
            try store.sql("UPDATE schema_migrations SET checksum = 'x'")
            #expect(throws: StoreError.self) { try store.migrate() }
        }
    }

    @Test func serverErrorsCarrySQLStateAndQueryName() throws {
        try TestDatabase.withStore { store in
            do {
                try store.withConnection { try $0.execute("SELECT * FROM no_such_table", name: "probe") }
                Issue.record("expected an error")
            } catch let error as PQError {
                #expect(error.sqlState == "42P01")
                #expect(error.context == "probe")
                #expect("\(error)".contains("no_such_table"))
            }
        }
    }

    @Test func parametersAreNeverSplicedIntoSQL() throws {
        try TestDatabase.withStore { store in
            let hostile = "x'); DROP TABLE nodes; --"
            let r = try store.sql("SELECT $1::text AS v, $2::text AS n", [hostile, nil])
            #expect(r.rows == [[hostile, nil]])
            #expect(try store.counts().nodes == 0)
        }
    }

    @Test func copyInRoundTripsAwkwardText() throws {
        try TestDatabase.withStore { store in try store.withConnection { conn in
            let c = conn.pq
            try c.execute("CREATE TEMP TABLE t (a text, b text)")
            let values: [[String?]] = [["tab\there", "new\nline"], ["back\\slash", nil], ["ñandú \u{1F600}", "\r"]]
            try c.copyIn("COPY t FROM STDIN", name: "copy_t") { w in
                for v in values { try w.row(v) }
            }
            let r = try c.execute("SELECT a, b FROM t")
            #expect(r.rows == values)
        } }
    }

    @Test func rowsEncodedOnManyThreadsArriveInRowOrder() throws {
        try TestDatabase.withStore { store in try store.withConnection { conn in
            let c = conn.pq
            try c.execute("CREATE TEMP TABLE t (n int, s text)")
            let count = 5_003
            var sent = 0
            try c.copyIn("COPY t FROM STDIN", name: "copy_t") { w in
                try w.row(["-1", "before"])
                // Windows of 500 rows, each cut into three parts: many parts, sent in order.
                try w.rows(count, workers: 3, window: 500) { i, text in
                    text.row([String(i), i % 7 == 0 ? nil : "row \(i)\t\\"])
                }
                sent = w.rowCount
            }
            #expect(sent == count + 1)
            let r = try c.execute("SELECT n, s FROM t")
            #expect(r.rows.count == count + 1)
            #expect(r.rows.first == ["-1", "before"])
            let expected: [[String?]] = (0..<count).map { i in [String(i), i % 7 == 0 ? nil : "row \(i)\t\\"] }
            #expect(Array(r.rows.dropFirst()) == expected)
        } }
    }

    @Test func failingCopyBodyRollsBackAndKeepsConnectionUsable() throws {
        struct Boom: Error {}
        try TestDatabase.withStore { store in try store.withConnection { conn in
            let c = conn.pq
            try c.execute("CREATE TABLE t (a int)")
            #expect(throws: Boom.self) {
                try c.transaction {
                    try c.copyIn("COPY t FROM STDIN", name: "copy_t") { w in
                        try w.row(["1"])
                        throw Boom()
                    }
                }
            }
            #expect(try c.execute("SELECT count(*) FROM t").scalar == "0")
        } }
    }

    @Test func graphLoadsFromStoreWithKindsDatesAndHandles() throws {
        try TestDatabase.withStore { store in try store.withConnection { conn in
            let c = conn.pq
            try c.execute("INSERT INTO datasets (name, format, digest) VALUES ('d', 'test', 'x')")
            try c.execute(
                """
                INSERT INTO nodes (kind_code, key, name, dataset_id, source) VALUES
                (kind_code('node','firm'),'F1','Alpha',1,'f:2'), (kind_code('node','person'),'P1','Ann',1,'p:2'),
                (kind_code('node','firm'),'F2','Beta',1,'f:3')
                """)
            try c.execute(
                """
                INSERT INTO edges (source_id, target_id, kind_code, valid_from, valid_to, dataset_id, source) VALUES
                (2, 1, kind_code('edge','owns'), '2010-01-01', '2012-12-31', 1, 's:2'), (2, 3, kind_code('edge','owns'), NULL, NULL, 1, 's:3')
                """)
            let (graph, timing) = try GraphLoader().load(c, catalog: store.queries)
            #expect(timing.nodes == 3 && timing.edges == 2)
            #expect(graph.nodeKinds.names.sorted() == ["firm", "person"])
            let f1 = try #require(graph.node(withHandle: 1))
            let f2 = try #require(graph.node(withHandle: 3))
            let path = try #require(try graph.shortestPath(from: f1, to: f2).path)
            #expect(path.hops == 2)
            let dated = path.edges.map { graph.validity(of: $0) }
            #expect(dated.contains(Validity(from: Day(iso: "2010-01-01")!, to: Day(iso: "2012-12-31")!)))
            #expect(dated.contains(.always))
            var filter = PathFilter()
            filter.validAt = Day(iso: "2013-01-01")
            #expect(try graph.shortestPath(from: f1, to: f2, filter: filter) == .noPath)
        } }
    }

    /// Everything a traversal or an answer reads of a graph, as lines to compare.
    static func picture(_ g: CSRGraph) -> [String] {
        (0..<UInt32(g.nodeCount)).map { v in
            var line = "\(g.nodeKinds.name(g.nodeKind[Int(v)])) \(g.nodeHandle[Int(v)]):"
            g.forEachIncident(v) { n, e in
                line += " \(g.nodeHandle[Int(n)])/\(g.edgeKinds.name(g.edgeKind[Int(e)]))/\(g.validity(of: e))/\(g.edgeHandle[Int(e)])"
            }
            return line
        }
    }

    static func seedWorld(_ store: Store, nodes: Int) throws {
        try store.sql("INSERT INTO datasets (name, format, digest) VALUES ('d', 'test', 'x')")
        try store.sql(
            """
            INSERT INTO nodes (kind_code, key, name, dataset_id, source)
            SELECT kind_code('node', (ARRAY['firm','person','tender'])[1 + i % 3]), 'K' || i, NULL, 1, 'n:' || i FROM generate_series(1, $1::int) i
            """, [String(nodes)])
        try store.sql(
            """
            INSERT INTO edges (source_id, target_id, kind_code, valid_from, valid_to, dataset_id, source)
            SELECT 1 + (i * 7) % $1::int, 1 + (i * 13) % $1::int, kind_code('edge', (ARRAY['owns','bid','employed_by'])[1 + (i / 5) % 3]),
                   CASE WHEN i % 3 = 0 THEN date '2015-01-01' + i END, NULL, 1, 'e:' || i
            FROM generate_series(1, 4 * $1::int) i
            """, [String(nodes)])
    }

    /// The first load of a data generation reads the rows and stores the packed graph; the
    /// next reads that instead, and answers the same. A change moves the generation: the next
    /// load reads the rows again and the packed graph of the old generation is deleted.
    @Test func theFirstLoadOfAGenerationStoresItsTopologyAndTheNextReadsIt() throws {
        try TestDatabase.withStore { store in
            try Self.seedWorld(store, nodes: 3_000)
            let generation = try store.dataGeneration()
            let (first, fromRows) = try GraphLoader().load(from: store, workers: 2)
            #expect(fromRows.source == .rows && fromRows.storeSeconds != nil && fromRows.notes.isEmpty)
            #expect(fromRows.generation == generation)
            #expect(try store.sql("SELECT generation, chunks, node_count, edge_count FROM graph_topology").rows == [[String(generation), "1", "3000", "12000"]])
            #expect(try store.storedTopology().map { [$0.generation, $0.bytes] } == [generation, 3_000 * 13 + 8 + 12_000 * 25])

            let (second, fromTopology) = try GraphLoader().load(from: store, workers: 2)
            #expect(fromTopology.source == .storedTopology && fromTopology.storeSeconds == nil && fromTopology.generation == generation)
            #expect(Self.picture(second) == Self.picture(first))
            let a = try #require(second.node(withHandle: 1)), b = try #require(second.node(withHandle: 2_000))
            #expect(try second.shortestPath(from: a, to: b) == first.shortestPath(from: a, to: b))
            let rowsOnly = GraphLoader(storesTopology: false, readsTopology: false)
            #expect(try rowsOnly.load(from: store, workers: 2).timing.source == .rows, "told to, a loader reads the rows")

            try store.sql("INSERT INTO nodes (kind_code, key, dataset_id, source) VALUES (kind_code('node','firm'), 'new', 1, 'n:new')")
            let (third, again) = try GraphLoader().load(from: store, workers: 2)
            #expect(again.source == .rows && third.nodeCount == 3_001)
            #expect(try store.sql("SELECT generation FROM graph_topology").rows == [[String(try store.dataGeneration())]], "the old one is gone")
            #expect(try store.sql("SELECT count(*) FROM graph_topology_chunks").scalar == "1")
        }
    }

    /// Columns cut into several chunks (here of an odd size, so that words straddle the cuts)
    /// are read back across the cuts.
    @Test func aTopologyLargerThanAChunkIsStoredInSeveralAndReadBack() throws {
        try TestDatabase.withStore { store in
            try Self.seedWorld(store, nodes: 3_000)
            var loader = GraphLoader()
            loader.topologyChunkBytes = 4_099
            let (first, _) = try loader.load(from: store, workers: 2)
            let bytes = 3_000 * 13 + 8 + 12_000 * 25
            #expect(try store.sql("SELECT chunks, bytes FROM graph_topology").rows == [[String((bytes + 4_098) / 4_099), String(bytes)]])
            #expect(try store.sql("SELECT max(length(data)), min(chunk), max(chunk) FROM graph_topology_chunks").rows == [["4099", "0", String((bytes + 4_098) / 4_099 - 1)]])
            let (second, timing) = try loader.load(from: store, workers: 2)
            #expect(timing.source == .storedTopology)
            #expect(Self.picture(second) == Self.picture(first))
        }
    }

    /// A packed graph that does not read back (here: a byte changed in the table) is set aside:
    /// the load reads the rows, says why, and stores a good one for the next load.
    @Test func aDamagedStoredTopologyIsReplacedByTheRows() throws {
        try TestDatabase.withStore { store in
            try Self.seedWorld(store, nodes: 500)
            let (first, _) = try GraphLoader().load(from: store, workers: 1)
            try store.sql("UPDATE graph_topology_chunks SET data = set_byte(data, 100, get_byte(data, 100) # 1)")
            let (second, timing) = try GraphLoader().load(from: store, workers: 1)
            #expect(timing.source == .rows && timing.storeSeconds != nil)
            #expect(timing.notes.count == 1 && timing.notes[0].contains("checksum"))
            #expect(Self.picture(second) == Self.picture(first))
            let (third, after) = try GraphLoader().load(from: store, workers: 1)
            #expect(after.source == .storedTopology && Self.picture(third) == Self.picture(first))
        }
    }

    @Test func aLoaderThatDoesNotStoreTopologyLeavesNone() throws {
        try TestDatabase.withStore { store in
            try Self.seedWorld(store, nodes: 100)
            #expect(try store.storedTopology() == nil)
            let (_, timing) = try GraphLoader(storesTopology: false).load(from: store, workers: 1)
            #expect(timing.source == .rows && timing.storeSeconds == nil)
            #expect(try store.sql("SELECT count(*) FROM graph_topology").scalar == "0")
        }
    }

    /// With a replica, the graph, its records and the generation are read there; writes and
    /// everything else go to the primary. A second database stands in for the replica: what
    /// each side answers shows which one was asked.
    @Test func aStoreWithAReplicaReadsTheGraphThereAndWritesToThePrimary() async throws {
        try await TestDatabase.withDatabase { primaryURL in
            try await TestDatabase.withDatabase { replicaURL in
                let seed = { (url: String, firms: [String]) throws in
                    let s = try Store(url: url, schemaDirectory: TestDatabase.schemaDirectory, queriesDirectory: TestDatabase.queriesDirectory)
                    defer { s.close() }
                    try s.sql("INSERT INTO datasets (name, format, digest) VALUES ('d', 'test', 'x')")
                    for firm in firms {
                        try s.sql("INSERT INTO nodes (kind_code, key, name, dataset_id, source) VALUES (kind_code('node','firm'), $1, $1, 1, 'f:2')", [firm])
                    }
                }
                try seed(primaryURL, ["P1"])
                try seed(replicaURL, ["R1", "R2"])
                let store = try Store(
                    url: primaryURL, replicaURL: replicaURL, schemaDirectory: TestDatabase.schemaDirectory, queriesDirectory: TestDatabase.queriesDirectory)
                defer { store.close() }
                let replica = try Store(url: replicaURL, schemaDirectory: TestDatabase.schemaDirectory, queriesDirectory: TestDatabase.queriesDirectory)
                defer { replica.close() }
                #expect(store.readsReplica && store.location.contains("replica"))

                let (graph, _) = try GraphLoader().load(from: store, workers: 2)
                #expect(graph.nodeCount == 2, "the graph is the replica's")
                #expect(try store.nodes(kinds: ["firm"], key: "R2").count == 1 && store.nodes(kinds: ["firm"], key: "P1").isEmpty)
                #expect(try store.dataGeneration() == replica.dataGeneration())
                #expect(try store.counts().nodes == 2)

                try store.execute(.tokenInsert, ["written", "analyst", "h"])
                #expect(try store.sql("SELECT count(*) FROM api_tokens").scalar == "1", "writes go to the primary")
                #expect(try replica.sql("SELECT count(*) FROM api_tokens").scalar == "0")
                let generation = try store.dataGeneration()
                try store.transaction { try $0.execute("INSERT INTO nodes (kind_code, key, dataset_id, source) VALUES (kind_code('node','firm'), 'P2', 1, 'f:3')", name: "add") }
                #expect(try store.dataGeneration() == generation, "the primary's change is not seen until the replica has it")
                try replica.sql("INSERT INTO nodes (kind_code, key, dataset_id, source) VALUES (kind_code('node','firm'), 'P2', 1, 'f:3')")
                #expect(try store.dataGeneration() > generation)
            }
        }
    }

    /// Slices on several connections (kinds coded per slice, ids cut unevenly) give the graph
    /// one stream gives.
    @Test func parallelSlicedLoadEqualsTheSingleStream() throws {
        try TestDatabase.withStore { store in try store.withConnection { conn in
            let c = conn.pq
            try c.execute("INSERT INTO datasets (name, format, digest) VALUES ('d', 'test', 'x')")
            try c.execute(
                """
                INSERT INTO nodes (kind_code, key, name, dataset_id, source)
                SELECT kind_code('node', (ARRAY['firm','person','tender'])[1 + i % 3]), 'K' || i, NULL, 1, 'n:' || i FROM generate_series(1, 500) i
                """)
            try c.execute(
                """
                INSERT INTO edges (source_id, target_id, kind_code, valid_from, valid_to, dataset_id, source)
                SELECT 1 + (i * 7) % 500, 1 + (i * 13) % 500, kind_code('edge', (ARRAY['owns','bid','employed_by','relative_of'])[1 + (i / 5) % 4]),
                       CASE WHEN i % 3 = 0 THEN date '2015-01-01' + i END, NULL, 1, 'e:' || i
                FROM generate_series(1, 2000) i
                """)
            let (one, _) = try GraphLoader().load(c, catalog: store.queries)
            for workers in [2, 3, 7] {
                let (many, timing) = try GraphLoader().load(c, catalog: store.queries, connect: { try store.openReadConnection() }, workers: workers)
                #expect(timing.nodes == 500 && timing.edges == 2000)
                #expect((0..<500).map { many.nodeHandle[$0] } == (0..<500).map { one.nodeHandle[$0] })
                #expect((0..<500).map { many.nodeKinds.name(many.nodeKind[$0]) } == (0..<500).map { one.nodeKinds.name(one.nodeKind[$0]) })
                func edges(_ g: CSRGraph) -> [String] {
                    (0..<UInt32(g.edgeCount)).map {
                        "\(g.edgeHandle[Int($0)]) \(g.nodeHandle[Int(g.source(of: $0))]) \(g.nodeHandle[Int(g.target(of: $0))]) \(g.edgeKinds.name(g.edgeKind[Int($0)])) \(g.validity(of: $0))"
                    }.sorted()
                }
                #expect(edges(many) == edges(one))
            }
        } }
    }

    /// A store of the text layout (migrated to 0006, kinds written as names) migrates to kind
    /// codes: every name gets a code, the named queries answer with the names as before, and
    /// the graph loads as the text load loaded it (names interned in the same order).
    @Test func aStoreWithTextKindsMigratesToKindCodes() throws {
        try TestDatabase.withStore(migrate: false) { store in
            let old = FileManager.default.temporaryDirectory.appendingPathComponent("trama-schema-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: old) }
            for file in try FileManager.default.contentsOfDirectory(atPath: TestDatabase.schemaDirectory.path)
            where file.hasSuffix(".sql") && file < "0007" {
                try FileManager.default.copyItem(at: TestDatabase.schemaDirectory.appendingPathComponent(file), to: old.appendingPathComponent(file))
            }
            let applied = try store.withConnection { conn in try Migrator(directory: old).migrate(conn.pq) }
            #expect(applied.last == "0006_data_generation")
            try store.sql("INSERT INTO datasets (name, format, digest) VALUES ('d', 'test', 'x')")
            // `address` is a node kind and an edge kind at once; `court` has a node but no edge.
            try store.sql(
                """
                INSERT INTO nodes (kind, key, name, dataset_id, source)
                SELECT (ARRAY['person','firm','address','tender','court'])[1 + i % 5], 'K' || i, 'Name ' || i, 1, 'n:' || i
                FROM generate_series(1, 50) i
                """)
            try store.sql(
                """
                INSERT INTO edges (source_id, target_id, kind, valid_from, valid_to, dataset_id, source)
                SELECT 1 + (i * 7) % 50, 1 + (i * 13) % 50, (ARRAY['owns','bid','address','employed_by'])[1 + (i / 3) % 4],
                       CASE WHEN i % 4 = 0 THEN date '2015-01-01' + i END, NULL, 1, 'e:' || i
                FROM generate_series(1, 200) i
                """)
            // What the text load saw: nodes in id order, edges in heap order (one stream).
            func firstSeen(_ names: [String?]) -> [String] {
                var seen: Set<String> = []
                return names.compactMap { $0 }.filter { seen.insert($0).inserted }
            }
            let nodeOrder = firstSeen(try store.sql("SELECT kind FROM nodes ORDER BY id").rows.map { $0[0] })
            let edgeOrder = firstSeen(try store.sql("SELECT kind FROM edges").rows.map { $0[0] })
            let textNodes = try store.sql("SELECT id, kind, key FROM nodes ORDER BY id").rows.map { $0.map { $0 ?? "" } }
            let textEdges = try store.sql("SELECT id, source_id, target_id, kind, coalesce(valid_from::text, '') FROM edges ORDER BY id").rows
                .map { $0.map { $0 ?? "" }.joined(separator: " ") }
            let textEdgeKinds = Dictionary(uniqueKeysWithValues: try store.sql("SELECT id, kind FROM edges").rows.map { (Int64($0[0]!)!, $0[1]!) })
            let generation = try store.dataGeneration()

            #expect(try store.migrate().first == "0007_kind_codes")
            #expect(try store.dataGeneration() == generation, "the same graph, only coded")
            let kinds = try store.sql("SELECT domain, name FROM kinds ORDER BY domain, name").rows.map { "\($0[0]!):\($0[1]!)" }
            #expect(kinds == ["edge:address", "edge:bid", "edge:employed_by", "edge:owns", "node:address", "node:court", "node:firm", "node:person", "node:tender"])
            #expect(try store.sql("SELECT data_type FROM information_schema.columns WHERE table_name = 'edges' AND column_name = 'kind_code'").scalar == "smallint")
            // The named queries answer with names, and take them.
            #expect(try store.nodes(key: "K2").map(\.kind) == ["address"])
            #expect(try store.nodes(kinds: ["firm", "court"], key: "K6").map(\.reference) == ["firm:K6"])
            #expect(try store.nodes(kinds: ["person"], key: "K6").isEmpty)
            let records = try store.nodeRecords(ids: textNodes.map { Int64($0[0])! })
            #expect(textNodes.allSatisfy { records[Int64($0[0])!]?.ref.reference == "\($0[1]):\($0[2])" })
            let edgeIDs = try store.sql("SELECT id FROM edges ORDER BY id").rows.map { Int64($0[0]!)! }
            let edgeRecords = try store.edgeRecords(ids: edgeIDs)
            #expect(edgeRecords.count == 200 && edgeRecords.allSatisfy { textEdgeKinds[$0.key] == $0.value.kind })
            // Unique (kind, key) still holds, on the codes.
            #expect(throws: PQError.self) {
                try store.sql("INSERT INTO nodes (kind_code, key, dataset_id, source) VALUES (kind_code('node', 'firm'), 'K1', 1, 'x')")
            }

            try store.withConnection { conn in
                let (graph, timing) = try GraphLoader().load(conn.pq, catalog: store.queries)
                #expect(timing.nodes == 50 && timing.edges == 200)
                #expect(graph.nodeKinds.names == nodeOrder)
                #expect(graph.edgeKinds.names == edgeOrder)
                #expect((0..<50).map { "\(graph.nodeHandle[$0]) \(graph.nodeKinds.name(graph.nodeKind[$0]))" } == textNodes.map { "\($0[0]) \($0[1])" })
                let loaded = (0..<UInt32(graph.edgeCount)).map { e -> (Int64, String) in
                    let v = graph.validity(of: e)
                    let from = v.from == .distantPast ? "" : v.from.iso
                    return (graph.edgeHandle[Int(e)], "\(graph.edgeHandle[Int(e)]) \(graph.nodeHandle[Int(graph.source(of: e))]) \(graph.nodeHandle[Int(graph.target(of: e))]) \(graph.edgeKinds.name(graph.edgeKind[Int(e)])) \(from)")
                }.sorted { $0.0 < $1.0 }.map(\.1)
                #expect(loaded == textEdges)
                let (parallel, _) = try GraphLoader().load(conn.pq, catalog: store.queries, connect: { try store.openReadConnection() }, workers: 3)
                #expect(parallel.nodeKinds == graph.nodeKinds && parallel.edgeKinds == graph.edgeKinds)
            }
        }
    }

    @Test func cachedRecordsAndResultsAreServedUntilTheDataChangesAndAreForgottenThen() throws {
        try TestDatabase.withStore { store in
            try store.sql("INSERT INTO datasets (name, format, digest) VALUES ('d', 'gras', 'x')")
            try store.sql("INSERT INTO nodes (kind_code, key, name, dataset_id, source) SELECT kind_code('node', 'firm'), 'F1', 'Alfa', id, 'firms.csv:2' FROM datasets")
            let id = try #require(store.nodes(kinds: ["firm"], key: "F1").first?.id)
            let cache = store.cacheRecords(capacity: 10)
            #expect(try store.nodeRecords(ids: [id])[id]?.ref.name == "Alfa")
            #expect(try store.nodes(kinds: ["firm"], key: "F1").first?.name == "Alfa")
            let search: [String?] = ["Alfa", nil, nil, nil, "20", "0", "true", "true"]
            #expect(try store.executeKept(.searchEntities, search).rows.map { $0[3] } == ["Alfa"])
            #expect(cache.counts.nodes == 1 && cache.counts.references == 1 && cache.counts.results == 1)

            try store.sql("UPDATE nodes SET name = 'Beta'")
            #expect(try store.nodeRecords(ids: [id])[id]?.ref.name == "Alfa", "read from the cache, not the store")
            #expect(try store.executeKept(.searchEntities, search).rows.map { $0[3] } == ["Alfa"], "kept")
            #expect(try store.execute(.searchEntities, search).rows.isEmpty, "not kept")
            cache.forgetAll()
            #expect(cache.counts.nodes == 0 && cache.counts.results == 0)
            #expect(try store.nodeRecords(ids: [id])[id]?.ref.name == "Beta")
            #expect(try store.nodes(kinds: ["firm"], key: "F1").first?.name == "Beta")
            #expect(try store.executeKept(.searchEntities, search).rows.isEmpty)
            #expect(try store.nodes(kinds: ["no_such_kind"], key: "F1").isEmpty)
        }
    }

    /// Spread over shards, the cache still keeps nothing read before a ``RecordCache/forgetAll()``
    /// that happened while the read was under way, and serves nothing read before it.
    @Test func aRecordReadWhileTheCacheForgetsIsNotKeptInAnyShard() throws {
        let cache = RecordCache(capacity: 1_000)
        func record(_ id: Int64, _ name: String) -> Store.NodeRecord {
            Store.NodeRecord(ref: Store.NodeRef(id: id, kind: "firm", key: "F\(id)", name: name), propertiesJSON: "{}", dataset: "d", source: "firms.csv")
        }
        let ids = Array(Int64(1)...64)
        _ = try cache.nodes(ids) { missing in Dictionary(uniqueKeysWithValues: missing.map { ($0, record($0, "old")) }) }
        #expect(cache.counts.nodes == 64)
        let read = try cache.nodes(ids) { _ in Issue.record("kept records are read again"); return [:] }
        #expect(read.values.allSatisfy { $0.ref.name == "old" } && read.count == 64)

        let during = try cache.nodes(Array(Int64(65)...128)) { missing in
            cache.forgetAll()
            return Dictionary(uniqueKeysWithValues: missing.map { ($0, record($0, "read before the change")) })
        }
        #expect(during.count == 64 && cache.counts.nodes == 0)
        let fresh = try cache.nodes(ids) { missing in Dictionary(uniqueKeysWithValues: missing.map { ($0, record($0, "new")) }) }
        #expect(fresh.values.allSatisfy { $0.ref.name == "new" } && cache.counts.nodes == 64)
    }

    @Test func aCacheFullerThanItsCapacityStartsOverAndStillAnswers() throws {
        try TestDatabase.withStore { store in
            try store.sql("INSERT INTO datasets (name, format, digest) VALUES ('d', 'gras', 'x')")
            try store.sql(
                "INSERT INTO nodes (kind_code, key, dataset_id, source) SELECT kind_code('node', 'firm'), 'F' || i, d.id, 'firms.csv' FROM datasets d, generate_series(1, 5) i")
            let ids = try store.nodeRefs(ids: Array(1...100)).keys.sorted()
            #expect(ids.count == 5)
            let cache = store.cacheRecords(capacity: 3)
            #expect(try store.nodeRecords(ids: Array(ids.prefix(2))).count == 2)
            #expect(try store.nodeRecords(ids: ids).count == 5)
            #expect(cache.counts.nodes <= 3)
        }
    }

    @Test func aPipelineRunsItsStatementsInOrderAndStopsAtTheFirstFailure() throws {
        try TestDatabase.withStore { store in
            try store.withConnection { conn in
                try conn.pq.executeScript("CREATE TABLE p (a integer PRIMARY KEY)", name: "setup")
                let insert = "INSERT INTO p VALUES ($1::integer)"
                let done = try conn.pipeline([
                    PipelineStatement("BEGIN"),
                    PipelineStatement(insert, ["1"], name: "insert_p"),
                    PipelineStatement(insert, ["2"], name: "insert_p"),
                    PipelineStatement("SELECT count(*) FROM p"),
                    PipelineStatement("COMMIT"),
                ])
                #expect(done.count == 5 && done[3].scalar == "2")

                // The duplicate fails; the insert after it and the COMMIT do not run.
                #expect {
                    try conn.pipeline([
                        PipelineStatement("BEGIN"), PipelineStatement(insert, ["3"], name: "insert_p"), PipelineStatement(insert, ["1"], name: "insert_p"),
                        PipelineStatement(insert, ["4"], name: "insert_p"), PipelineStatement("COMMIT"),
                    ])
                } throws: { ($0 as? PQError)?.sqlState == "23505" && ($0 as? PQError)?.context == "insert_p" }
                try conn.execute("ROLLBACK")
                #expect(try conn.execute("SELECT array_agg(a ORDER BY a)::text FROM p").scalar == "{1,2}")

                // A NUL byte is refused before anything is sent; a name given other SQL is prepared again.
                #expect(throws: PQError.self) { try conn.pipeline([PipelineStatement(insert, ["5\u{0}"], name: "insert_p")]) }
                #expect(try conn.pipeline([PipelineStatement("SELECT $1::integer + 1", ["41"], name: "insert_p")])[0].scalar == "42")
                #expect(try conn.execute("SELECT count(*) FROM p").scalar == "2")
                #expect(conn.pq.isReusable)
            }
        }
    }

    @Test func queriesMarkedGenericKeepOnePlanAndTheOthersArePlannedWithTheirValues() throws {
        struct Stop: Error {}
        try TestDatabase.withStore { store in
            #expect(store.queries.plan(.nodeDetails) == .generic && store.queries.plan(.nodesByKey) == .auto)
            try store.withConnection { conn in
                let ids = Store.bigintArray([1, 2])
                // Generic and custom runs so far of a statement prepared on this connection.
                func plans(_ q: NamedQuery) throws -> String? {
                    try conn.execute("SELECT generic_plans || '/' || custom_plans FROM pg_prepared_statements WHERE name = '\(q.rawValue)'").scalar
                }
                for _ in 0..<3 { try conn.execute(.nodeDetails, [ids]) }
                #expect(try plans(.nodeDetails) == "3/0")
                // PostgreSQL's own choice plans with the values for five runs at least.
                try conn.execute(.nodesByKey, ["F1"])
                #expect(try plans(.nodesByKey) == "0/1")

                // A setting made inside a transaction ends with it, committed or rolled back.
                #expect(throws: Stop.self) { try conn.pq.transaction { try conn.execute(.nodeDetails, [ids]); throw Stop() } }
                #expect(try plans(.nodeDetails) == "4/0")
                try conn.execute(.nodesByKey, ["F1"])
                #expect(try plans(.nodesByKey) == "0/2")

                // Likewise in a pipeline: the session plans generically again once the rollback
                // undoes the pipeline's setting, and the next statement is planned as its own.
                try conn.execute(.nodeDetails, [ids])
                try conn.pipeline([PipelineStatement("BEGIN"), conn.statement(.nodesByKey, ["F1"])])
                #expect(try plans(.nodesByKey) == "0/3")
                try conn.execute("ROLLBACK")
                #expect(try conn.execute("SHOW plan_cache_mode").scalar == "force_generic_plan")
                try conn.execute(.nodesByKey, ["F1"])
                #expect(try plans(.nodesByKey) == "0/4")
                try conn.pipeline([conn.statement(.nodeDetails, [ids]), conn.statement(.nodesByKey, ["F1"])])
                #expect(try plans(.nodeDetails) == "6/0" && plans(.nodesByKey) == "0/5")
            }
        }
    }

    @Test func preparedStatementsSurviveAScriptThatChangesTheirTable() throws {
        try TestDatabase.withStore { store in
            try store.withConnection { conn in
                try conn.pq.executeScript("CREATE TABLE t (a integer); INSERT INTO t VALUES (1)", name: "setup")
                #expect(try conn.pq.executePrepared("SELECT * FROM t", name: "read_t").rows.first?.count == 1)
                try conn.pq.executeScript("ALTER TABLE t ADD COLUMN b integer", name: "widen")
                #expect(try conn.pq.executePrepared("SELECT * FROM t", name: "read_t").rows.first?.count == 2)
                // The same name for other SQL prepares the new text.
                #expect(try conn.pq.executePrepared("SELECT a FROM t", name: "read_t").rows.first?.count == 1)
            }
        }
    }

    @Test func urlPasswordsAreRedacted() throws {
        #expect(Store.redactingPassword("postgresql://u:secret@h/db") == "postgresql://u:***@h/db")
    }
}

@Suite("SHA-256")
struct SHA256Tests {
    /// FIPS 180-4 examples and a multi-block input, checked against `sha256sum`.
    @Test func knownDigests() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    /// RFC 4231 test cases 1 and 2: what a webhook's receiver computes to check a signature.
    @Test func hmacMatchesRFC4231() {
        #expect(
            HMACSHA256.hex(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(
            HMACSHA256.hex(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func feedingInPiecesGivesTheSameDigest() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        for split in [0, 1, 63, 64, 65, 500, 999] {
            var h = SHA256()
            bytes[..<split].withUnsafeBytes { h.update($0) }
            bytes[split...].withUnsafeBytes { h.update($0) }
            #expect(h.hexDigest() == SHA256.hex(bytes))
        }
    }
}
