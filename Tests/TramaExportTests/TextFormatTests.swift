import Foundation
import Testing
import TramaExport

@Suite("FollowTheMoney export")
struct FtMExportTests {
    let entities: [[String: Any]]

    init() throws {
        entities = try Fixture.text(.ftm).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    func properties(_ e: [String: Any]) -> [String: [String]] { e["properties"] as? [String: [String]] ?? [:] }

    func record(_ e: [String: Any]) throws -> [String: Any] {
        let summary = try #require(properties(e)["summary"]?.first)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any])
        return try #require(o["trama"] as? [String: Any])
    }

    @Test func oneEntityPerNodeAndPerEdgeWithValidIDs() throws {
        #expect(entities.count == Fixture.nodeCount + Fixture.edgeCount)
        let ids = entities.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == entities.count)
        let pattern = try Regex("^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$")
        #expect(ids.allSatisfy { (try? pattern.wholeMatch(in: $0)) != nil && $0.utf8.count <= 200 })
        #expect(ids.contains("firm.3AMX-RFC-ABC010101AB1") && ids.contains("address.3ARUA.20A.20100"))
    }

    @Test func nodesGetTheirFtMSchemaAndKeepKindKeyAndPropertiesInTheRecord() throws {
        let bySchema = Dictionary(grouping: entities, by: { $0["schema"] as? String ?? "" })
        #expect(bySchema["Company"]?.count == 1 && bySchema["Person"]?.count == 1 && bySchema["PublicBody"]?.count == 1)
        #expect(bySchema["Address"]?.count == 1 && bySchema["CallForTenders"]?.count == 1)
        let firm = try #require(bySchema["Company"]?.first)
        #expect(properties(firm)["name"] == [Fixture.firmName] && properties(firm)["publisher"] == ["gras-mx"])
        #expect(properties(firm)["retrievedAt"] == ["2024-05-02"])
        let r = try record(firm)
        #expect(r["kind"] as? String == "firm" && r["key"] as? String == "MX-RFC-ABC010101AB1" && r["source"] as? String == "firms.csv:2")
        let props = try #require(r["properties"] as? [String: Any])
        #expect(props["employees"] as? Int == 120 && props["tax_id"] as? String == "ABC010101AB1" && (props["sectors"] as? [Any])?.count == 3)
    }

    @Test func edgesBecomeTheirInterstitialsWithFtMsOwnProperties() throws {
        let bySchema = Dictionary(grouping: entities, by: { $0["schema"] as? String ?? "" })
        let ownerships = try #require(bySchema["Ownership"])
        #expect(ownerships.map { properties($0)["percentage"] } == [["25.0"], ["10"]])
        #expect(ownerships.allSatisfy { properties($0)["owner"] == ["person.3AP-1"] && properties($0)["asset"] == ["firm.3AMX-RFC-ABC010101AB1"] })
        #expect(properties(ownerships[0])["startDate"] == ["2019-02-01"] && properties(ownerships[0])["endDate"] == ["2021-01-31"])
        #expect(properties(ownerships[1])["startDate"] == nil)
        #expect(bySchema["Directorship"]?.count == 1)
        let payment = try #require(bySchema["Payment"]?.first)
        #expect(properties(payment)["amount"] == ["1500.5"] && properties(payment)["payer"] == ["firm.3AMX-RFC-ABC010101AB1"])
        let others = try #require(bySchema["UnknownLink"])
        #expect(Set(others.compactMap { properties($0)["role"]?.first }) == ["registered_at", "bid"])
        #expect(try others.compactMap { try record($0)["kind"] as? String }.sorted() == ["bid", "registered_at"])
    }
}

@Suite("Neo4j export")
struct Neo4jExportTests {
    @Test func nodesAndRelationshipsHaveTheImportHeadersAndEveryRow() throws {
        let files = export(Fixture.graph, as: .neo4j)
        #expect(files.map(\.name) == ["nodes.csv", "relationships.csv", "README.txt"])
        let nodes = parseCSV(try Fixture.text(.neo4j, named: "nodes.csv"))
        #expect(nodes[0].map(\.value) == [
            "id:ID", ":LABEL", "key", "name", "dataset", "source", "prop_birth", "prop_capital:double", "prop_employees", "prop_listed:boolean", "prop_note",
            "prop_sectors", "prop_tax_id",
        ])
        #expect(nodes.count == 1 + Fixture.nodeCount && nodes.allSatisfy { $0.count == nodes[0].count })
        let firm = try #require(nodes.first { $0[0].value == Fixture.firm })
        #expect(firm[1].value == "firm" && firm[3].value == Fixture.firmName && firm[10].value == "línea 1\nlínea 2\u{1}")
        #expect(firm[11].value == #"["obra","vías",{"código":7}]"#)
        let address = try #require(nodes.first { $0[0].value == Fixture.address })
        #expect(address[3].value == "" && !address[3].quoted, "a missing name is an empty field, not an empty string")

        let rels = parseCSV(try Fixture.text(.neo4j, named: "relationships.csv"))
        #expect(rels[0].map(\.value) == [
            ":START_ID", ":END_ID", ":TYPE", "valid_from:date", "valid_to:date", "dataset", "source", "prop_Share:double", "prop_meta", "prop_value:double",
            "prop_won:boolean",
        ])
        #expect(rels.count == 1 + Fixture.edgeCount)
        #expect(rels.dropFirst().map { $0[2].value } == ["OWNS", "OWNS", "DIRECTOR_OF", "PAID", "REGISTERED_AT", "BID"])
        #expect(rels[1][3].value == "2019-02-01" && rels[2][3].value == "" && rels[3][4].value == "2020-12-31")
        #expect(try Fixture.text(.neo4j, named: "README.txt").contains("neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv"))
    }
}

@Suite("DOT export")
struct DOTExportTests {
    @Test func everyNodeAndEdgeWithItsAttributesSurvivesQuoting() throws {
        let statements = try parseDOT(try Fixture.text(.dot))
        let nodes = statements.filter { $0.ids.count == 1 && $0.ids[0] != "graph" }
        let edges = statements.filter { $0.ids.count == 2 }
        #expect(nodes.count == Fixture.nodeCount && edges.count == Fixture.edgeCount)
        let firm = try #require(nodes.first { $0.ids[0] == Fixture.firm })
        #expect(firm.attributes["label"] == Fixture.firmName && firm.attributes["kind"] == "firm" && firm.attributes["dataset"] == "gras-mx")
        #expect(firm.attributes["prop_sectors"] == #"["obra","vías",{"código":7}]"#)
        #expect(firm.attributes["prop_note"] == "línea 1\nlínea 2\u{FFFD}")
        #expect(edges.filter { $0.ids == [Fixture.person, Fixture.firm] }.map { $0.attributes["kind"] } == ["owns", "owns", "director_of"])
        let owns = try #require(edges.first { $0.attributes["id"] == "1" })
        #expect(owns.attributes["valid_from"] == "2019-02-01" && owns.attributes["valid_to"] == "2021-01-31" && owns.attributes["prop_Share"] == "25.0")
        #expect(statements.first { $0.ids == ["graph"] }?.attributes["description"] == Fixture.graph.description)
    }

    @Test func aBackslashOrQuoteAtTheEndCannotEndTheString() throws {
        let g = ExportGraph(
            description: #"ends in \"#, nodes: [.init(kind: "person", key: #"a"b\"#, name: "x\\", propertiesJSON: #"{"p":"\"\\"}"#, dataset: "d", source: "s")],
            edges: [])
        let statements = try parseDOT(String(decoding: export(g, as: .dot)[0].bytes, as: UTF8.self))
        let node = try #require(statements.first { $0.ids.count == 1 && $0.ids[0] != "graph" })
        #expect(node.ids[0] == #"person:a"b\"# && node.attributes["label"] == "x\\" && node.attributes["prop_p"] == #""\"#)
    }
}

@Suite("Every export")
struct ExportDeterminismTests {
    @Test(arguments: ExportFormat.allCases)
    func theSameGraphGivesTheSameBytesWhateverItsOrder(format: ExportFormat) {
        var shuffled = Fixture.graph
        shuffled.nodes.reverse()
        shuffled.edges = Array(shuffled.edges.dropFirst(2) + shuffled.edges.prefix(2))
        shuffled.datasets.reverse()
        let a = export(Fixture.graph, as: format)
        let b = export(Fixture.graph, as: format)
        let c = export(shuffled, as: format)
        #expect(a == b && a == c)
    }

    @Test func propertyNamesStayDistinctAndSafeInEveryFormat() throws {
        let g = ExportGraph(
            description: "names", nodes: [
                .init(kind: "firm", key: "1", propertiesJSON: #"{"a b":1,"a_x0020_b":2,"label":"L","x:y":true,"_x":"u"}"#, dataset: "d", source: "s")
            ], edges: [])
        let header = parseCSV(String(decoding: export(g, as: .neo4j)[0].bytes, as: UTF8.self))[0].map(\.value)
        #expect(header.dropFirst(6).sorted() == [
            "prop_a_x005F_x0020_b:double", "prop_a_x0020_b:double", "prop_label", "prop_x_x003A_y:boolean", "prop__x005F_x",
        ].sorted())
        let statements = try parseDOT(String(decoding: export(g, as: .dot)[0].bytes, as: UTF8.self))
        #expect(statements.first { $0.ids == ["firm:1"] }?.attributes["label"] == nil, "a property called label does not become the label")
    }
}
