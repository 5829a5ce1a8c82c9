import Foundation
import Testing
import TramaExport
import TramaGraph
@testable import TramaIngest

/// A graph written by TramaExport as FollowTheMoney and read back by ``FtMReader`` is the same
/// graph: the same nodes (kind, key, name, properties) and the same edges (kind, endpoints,
/// validity, properties), parallel ones included.
@Suite("FollowTheMoney: export and import give back the graph")
struct FtMRoundTripTests {
    static let graph = ExportGraph(
        description: "round trip",
        datasets: [.init(name: "gras-mx", format: "gras", digest: "00", importedAt: "2024-05-02T10:00:00Z")],
        nodes: [
            node("firm", "MX-RFC-ABC010101AB1", "Constructora <Ñandú> & \"Hijos\"", #"{"tax_id":"ABC010101AB1","employees":120,"capital":1.5e6,"sectors":["obra",{"n":[1,2]}]}"#),
            node("firm", "ftm:NK-3fa9b", "Acme Holdings Ltd", #"{"schema":"Company","ftm":{"id":"NK-3fa9b","schema":"Company","properties":{"name":["Acme Holdings Ltd"]}}}"#),
            node("firm", "XI-LEI-549300123456ABCD0001", "Lei Firm", "{}"),
            node("person", "P-1", "Ana Díaz", #"{"birth":"1970-01-31","pep":true}"#),
            node("person", "P-2", "Luis Díaz", "{}"),
            node("judge", "J-9", "Juez Uno", "{}"),
            node("agency", "AG-1", "Secretaría de Obras", #"{"AgencyGovLevel":"federal"}"#),
            node("tender", "T-1", "Puente norte", #"{"ProcessValue":1000000}"#),
            node("contract", "C-1", "Contrato puente", "{}"),
            node("case", "CASE-7", "Expediente 7/2020", "{}"),
            node("court", "CT-1", "Tribunal Uno", "{}"),
            node("sanctioning_body", "WORLD BANK", "World Bank", "{}"),
            node("party", "PARTIDO X", "Partido X", "{}"),
            node("address", "RUA A 100", nil, "{}"),
            node("phone", "5511333344444", "+55 11 3333-44444", "{}"),
            node("economic_group", "G-1", "Grupo Uno", "{}"),
            node("person", String(repeating: "long key, with commas: ", count: 12), "Long", "{}"),
        ],
        edges: [
            edge(1, "owns", "person:P-1", "firm:MX-RFC-ABC010101AB1", "2019-02-01", "2021-01-31", #"{"Share":25.5}"#),
            edge(2, "owns", "person:P-1", "firm:MX-RFC-ABC010101AB1", nil, nil, #"{"Share":10}"#),
            edge(3, "owns", "firm:ftm:NK-3fa9b", "firm:MX-RFC-ABC010101AB1", "2020-01-01", nil, #"{"Share":65,"ShareholderCountry":"GB"}"#),
            edge(4, "director_of", "person:P-2", "firm:MX-RFC-ABC010101AB1", nil, "2022-12-31", "{}"),
            edge(5, "employed_by", "person:P-2", "agency:AG-1", "2015-01-01", "2018-06-30", #"{"Position":"Director de compras"}"#),
            edge(6, "procures", "agency:AG-1", "tender:T-1", "2021-03-01", nil, "{}"),
            edge(7, "bid", "firm:MX-RFC-ABC010101AB1", "tender:T-1", "2021-04-01", nil, #"{"value":990000,"won":true}"#),
            edge(8, "bid", "firm:XI-LEI-549300123456ABCD0001", "tender:T-1", "2021-04-02", nil, #"{"value":1010000,"won":false}"#),
            edge(9, "awarded_under", "contract:C-1", "tender:T-1", "2021-05-01", nil, "{}"),
            edge(10, "holds_contract", "firm:MX-RFC-ABC010101AB1", "contract:C-1", "2021-05-01", nil, #"{"ContractValue":990000}"#),
            edge(11, "member_of", "person:P-1", "party:PARTIDO X", "2010-01-01", nil, "{}"),
            edge(12, "paid", "firm:MX-RFC-ABC010101AB1", "party:PARTIDO X", "2021-06-30", nil, #"{"value":5000.75}"#),
            edge(13, "relative_of", "person:P-1", "person:P-2", nil, nil, #"{"relation":"sibling"}"#),
            edge(14, "sanctioned_by", "firm:XI-LEI-549300123456ABCD0001", "sanctioning_body:WORLD BANK", "2022-01-01", "2025-01-01", "{}"),
            edge(15, "party_to", "agency:AG-1", "case:CASE-7", "2020-07-01", nil, #"{"Role":"defendant"}"#),
            edge(16, "heard_in", "case:CASE-7", "court:CT-1", nil, nil, "{}"),
            edge(17, "serves_at", "judge:J-9", "court:CT-1", "2012-01-01", nil, "{}"),
            edge(18, "registered_at", "firm:MX-RFC-ABC010101AB1", "address:RUA A 100", nil, nil, "{}"),
            edge(19, "has_phone", "firm:MX-RFC-ABC010101AB1", "phone:5511333344444", nil, nil, "{}"),
            edge(20, "member_of_group", "firm:MX-RFC-ABC010101AB1", "economic_group:G-1", nil, nil, "{}"),
            edge(21, "owns", "person:P-1", "address:RUA A 100", nil, nil, "{}"),
            edge(22, "linked_to", "person:" + String(repeating: "long key, with commas: ", count: 12), "person:P-1", nil, nil, #"{"property":"associates"}"#),
        ])

    static func node(_ kind: String, _ key: String, _ name: String?, _ properties: String) -> ExportGraph.Node {
        .init(kind: kind, key: key, name: name, propertiesJSON: properties, dataset: "gras-mx", source: "\(kind).csv:1")
    }

    static func edge(_ id: Int64, _ kind: String, _ from: String, _ to: String, _ start: String?, _ end: String?, _ properties: String) -> ExportGraph.Edge {
        .init(id: id, kind: kind, from: from, to: to, validFrom: start, validTo: end, propertiesJSON: properties, dataset: "gras-mx", source: "\(kind).csv:\(id)")
    }

    /// A properties text as a Foundation object, so JSON that differs only in key order or in
    /// how a number is written (`25.0`, `25`) compares equal, as it does in `jsonb`.
    static func json(_ text: String) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
    }

    static func read(_ lines: String) throws -> (FtMReader.Report, MemorySink) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trama-ftm-\(UUID().uuidString).json")
        try Data(lines.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try readFtM([url])
    }

    @Test func nodesComeBackWithTheirKindKeyNameAndProperties() throws {
        let (report, sink) = try Self.read(String(decoding: export(Self.graph, as: .ftm)[0].bytes, as: UTF8.self))
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(sink.nodes.count == Self.graph.nodes.count)
        for original in Self.graph.nodes {
            let back = try #require(sink.nodes.first { $0.entity.description == original.reference }, "\(original.reference) is missing")
            #expect(back.name == original.name)
            #expect(try Self.json(back.properties) == Self.json(original.propertiesJSON), "\(original.reference)")
        }
    }

    @Test func edgesComeBackWithTheirKindEndsDatesAndProperties() throws {
        let (report, sink) = try Self.read(String(decoding: export(Self.graph, as: .ftm)[0].bytes, as: UTF8.self))
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(sink.edges.count == Self.graph.edges.count)
        var unmatched = sink.edges
        for original in Self.graph.edges {
            let i = try unmatched.firstIndex { e in
                try e.kind.rawValue == original.kind && e.from.description == original.from && e.to.description == original.to
                    && e.validFrom?.iso == original.validFrom && e.validTo?.iso == original.validTo
                    && Self.json(e.properties) == Self.json(original.propertiesJSON)
            }
            #expect(i != nil, "edge \(original.id) \(original.kind) \(original.from) → \(original.to) did not come back")
            if let i { unmatched.remove(at: i) }
        }
        #expect(unmatched.isEmpty)
    }

    @Test func withoutTheTramaRecordsTheFileIsPlainFollowTheMoney() throws {
        // What a tool that drops `summary` would hand back: the reader reads FtM's own meaning.
        let lines = try String(decoding: export(Self.graph, as: .ftm)[0].bytes, as: UTF8.self).split(separator: "\n").map { line -> String in
            var o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            var p = try #require(o["properties"] as? [String: Any])
            p["summary"] = nil
            o["properties"] = p
            return String(decoding: try JSONSerialization.data(withJSONObject: o), as: UTF8.self)
        }
        let (report, sink) = try Self.read(lines.joined(separator: "\n"))
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(sink.edges.count == Self.graph.edges.count)
        #expect(sink.edges.contains { $0.kind == .owns && $0.properties.contains("\"Share\":25.5") })
        #expect(sink.nodes.contains { $0.entity == EntityRef(.firm, "XI-LEI-549300123456ABCD0001") }, "the LEI is exported as leiCode")
        #expect(sink.nodes.contains { $0.entity == EntityRef(.firm, "MX-RFC-ABC010101AB1") }, "the RFC as taxNumber in jurisdiction mx")
        #expect(sink.nodes.contains { $0.entity == EntityRef(.firm, "ftm:NK-3fa9b") }, "a node read from FtM keeps its FtM id")
    }
}
