import Foundation
import Testing
import TramaExport

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Elements of an XML document by local name, after Foundation's parser has read it.
func elements(_ document: XMLDocument, _ name: String) throws -> [XMLElement] {
    try document.nodes(forXPath: "//*[local-name()='\(name)']").compactMap { $0 as? XMLElement }
}

extension XMLElement {
    /// An attribute's value by name (`attribute(forName:)` finds none in a namespaced document
    /// with swift-corelibs-foundation).
    func value(_ attribute: String) -> String? { attributes?.first { $0.name == attribute }?.stringValue }
}

@Suite("GraphML export")
struct GraphMLExportTests {
    let document: XMLDocument

    init() throws { document = try XMLDocument(data: Data(try Fixture.file(.graphml).bytes)) }

    @Test func everyNodeAndEveryParallelEdgeIsThere() throws {
        #expect(try elements(document, "node").count == Fixture.nodeCount)
        let edges = try elements(document, "edge")
        #expect(edges.map { $0.value("id") } == ["1", "2", "3", "4", "5", "6"])
        let between = edges.filter { $0.value("source") == Fixture.person && $0.value("target") == Fixture.firm }
        #expect(between.count == 3)
        #expect(try elements(document, "graph").first?.value("edgedefault") == "directed")
    }

    @Test func everyAttributeIsDeclaredWithItsType() throws {
        let keys = try elements(document, "key")
        func type(_ domain: String, _ name: String) -> String? {
            keys.first { $0.value("for") == domain && $0.value("attr.name") == name }?.value("attr.type")
        }
        #expect(keys.count == 2 + 5 + 7 + 5 + 4)
        #expect(type("node", "kind") == "string" && type("node", "source") == "string" && type("edge", "valid_from") == "string")
        #expect(type("node", "prop_capital") == "double" && type("node", "prop_listed") == "boolean")
        #expect(type("node", "prop_employees") == "string", "a number on one node and text on another is text")
        #expect(type("node", "prop_sectors") == "string" && type("node", "prop_empty") == nil)
        #expect(type("edge", "prop_Share") == "double" && type("edge", "prop_won") == "boolean" && type("edge", "prop_meta") == "string")
    }

    @Test func valuesComeBackAsWritten() throws {
        let keys = try elements(document, "key")
        func data(_ node: String, _ name: String) throws -> String? {
            let key = try #require(keys.first { $0.value("for") == "node" && $0.value("attr.name") == name }?.value("id"))
            let n = try #require(try elements(document, "node").first { $0.value("id") == node })
            return n.elements(forName: "data").first { $0.value("key") == key }?.stringValue
        }
        #expect(try data(Fixture.firm, "name") == Fixture.firmName)
        #expect(try data(Fixture.firm, "prop_note") == "línea 1\nlínea 2\u{FFFD}", "a control character XML cannot carry is replaced")
        #expect(try data(Fixture.firm, "prop_sectors") == #"["obra","vías",{"código":7}]"#)
        #expect(try data(Fixture.firm, "prop_capital") == "1.5e6")
        #expect(try data("address:RUA_x0020_A_x0020_100", "key") == "RUA A 100", "ids are NMTOKENs; the key keeps the reference")
        #expect(try data("address:RUA_x0020_A_x0020_100", "name") == nil)
        #expect(try data(Fixture.tender, "kind") == "tender", "an endpoint outside the selection comes as a bare node")
    }

    @Test func validatesAgainstTheGraphMLSchema() throws {
        let url = try Fixture.temporary(try Fixture.file(.graphml).bytes, suffix: ".graphml")
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try #require(try xmllint(schema: Fixture.schemas.appendingPathComponent("graphml-1.0/graphml.xsd"), file: url))
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("validates"))
    }
}

@Suite("GEXF export")
struct GEXFExportTests {
    let document: XMLDocument

    init() throws { document = try XMLDocument(data: Data(try Fixture.file(.gexf).bytes)) }

    @Test func everyNodeAndEveryParallelEdgeIsThereWithItsKind() throws {
        #expect(try elements(document, "node").count == Fixture.nodeCount)
        let edges = try elements(document, "edge")
        #expect(edges.count == Fixture.edgeCount)
        #expect(edges.filter { $0.value("source") == Fixture.person && $0.value("target") == Fixture.firm }.map { $0.value("kind") } == ["owns", "owns", "director_of"])
        #expect(edges.allSatisfy { $0.value("kind") == $0.value("label") })
        let graph = try #require(try elements(document, "graph").first)
        #expect(graph.value("defaultedgetype") == "directed" && graph.value("timeformat") == "date" && graph.value("mode") == "dynamic")
        #expect(try elements(document, "node").first { $0.value("id") == Fixture.firm }?.value("label") == Fixture.firmName)
    }

    @Test func validityDatesAreEdgeTimesAndAttributes() throws {
        let edges = try elements(document, "edge")
        func edge(_ id: String) throws -> XMLElement { try #require(edges.first { $0.value("id") == id }) }
        #expect(try edge("1").value("start") == "2019-02-01" && edge("1").value("end") == "2021-01-31")
        #expect(try edge("2").value("start") == nil && edge("2").value("end") == nil)
        #expect(try edge("3").value("start") == nil && edge("3").value("end") == "2020-12-31")
        let attributes = try elements(document, "attribute")
        let validTo = try #require(attributes.first { $0.value("title") == "valid_to" }?.value("id"))
        #expect(try edge("3").elements(forName: "attvalues").first?.elements(forName: "attvalue").contains { $0.value("for") == validTo && $0.value("value") == "2020-12-31" } == true)
    }

    @Test func attributesAreDeclaredPerClassAndMetaNamesTramaAndTheSelection() throws {
        let classes = try elements(document, "attributes")
        #expect(classes.map { $0.value("class") } == ["node", "edge"])
        #expect(classes[0].elements(forName: "attribute").count == 5 + 7 && classes[1].elements(forName: "attribute").count == 5 + 4)
        #expect(classes[1].elements(forName: "attribute").first { $0.value("title") == "prop_Share" }?.value("type") == "double")
        let meta = try #require(try elements(document, "meta").first)
        #expect(meta.value("lastmodifieddate") == "2024-05-02", "dated by the latest import, not the clock")
        #expect(meta.elements(forName: "creator").first?.stringValue == "Trama")
        #expect(meta.elements(forName: "description").first?.stringValue == Fixture.graph.description)
    }

    @Test func validatesAgainstTheGEXFSchema() throws {
        let url = try Fixture.temporary(try Fixture.file(.gexf).bytes, suffix: ".gexf")
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try #require(try xmllint(schema: Fixture.schemas.appendingPathComponent("gexf-1.3/gexf.xsd"), file: url))
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("validates"))
    }
}
