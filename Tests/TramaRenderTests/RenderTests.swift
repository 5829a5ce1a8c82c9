import Foundation
import Testing
@testable import TramaRender

enum Sample {
    static let themeURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("visualizations/themes/default.json")
    static let theme = try! Theme.load(from: themeURL)

    /// Two firms that share an owner and an address, both bidding in one agency's tender.
    static let ring = NetworkMap(
        title: "Alfa Obras S.A. ↔ Beta Engenharia Ltda.", subtitle: "2 hops · data: demo",
        nodes: [
            MapNode(id: "firm:F1", kind: "firm", label: "Alfa Obras S.A.", detail: "F1", emphasis: .endpoint),
            MapNode(id: "person:P6", kind: "person", label: "Fabio Costa", detail: "P6"),
            MapNode(id: "firm:F2", kind: "firm", label: "Beta Engenharia e Construções Ltda. <subsidiary> & \"Co\"", detail: "F2", emphasis: .endpoint),
            MapNode(id: "address:RUA A 100", kind: "address", label: "Rua A, 100"),
            MapNode(id: "tender:T1", kind: "tender", label: "T1 (45233)"),
            MapNode(id: "agency:A1", kind: "agency", label: "Ministry of Roads"),
        ],
        edges: [
            MapEdge(from: "person:P6", to: "firm:F1", kind: "owns", label: "owns\n60%\nsince 2006-01-01", highlighted: true),
            MapEdge(from: "person:P6", to: "firm:F2", kind: "owns", label: "owns\n40%", highlighted: true),
            MapEdge(from: "firm:F1", to: "address:RUA A 100", kind: "registered_at"),
            MapEdge(from: "firm:F2", to: "address:RUA A 100", kind: "registered_at"),
            MapEdge(from: "firm:F1", to: "tender:T1", kind: "bid", label: "bid 990000, won"),
            MapEdge(from: "firm:F2", to: "tender:T1", kind: "bid", label: "bid 1010000, lost"),
            MapEdge(from: "agency:A1", to: "tender:T1", kind: "procures"),
        ])
}

@Suite("Maps: theme, DOT and Graphviz rendering")
struct RenderTests {
    static let nodeKinds = [
        "agency", "firm", "person", "judge", "lawyer", "tender", "contract", "candidate", "party", "sanctioning_body", "court", "case", "address",
        "phone", "email", "economic_group",
    ]
    static let edgeKinds = [
        "owns", "employed_by", "legal_representative_of", "accountant_of", "registered_at", "has_phone", "has_email", "member_of_group", "procures",
        "bid", "awarded_under", "holds_contract", "member_of_party", "donated_to", "sanctioned_by", "serves_at", "appointed", "presides", "heard_in",
        "party_to", "counsel_in", "relative_of", "declared_shareholding", "declared_relative", "declared_post",
    ]

    @Test func themeStylesEveryKindAndKindsAreDistinguishable() throws {
        let t = Sample.theme
        #expect(Set(t.nodes.keys) == Set(Self.nodeKinds))
        #expect(Set(t.edges.keys) == Set(Self.edgeKinds))
        let looks = Self.nodeKinds.map { "\(t.node($0).shape)/\(t.node($0).fill)" }
        #expect(Set(looks).count == looks.count, "two entity kinds look the same")
        #expect(Set(Self.nodeKinds.map { t.node($0).legend }).count == Self.nodeKinds.count)
    }

    @Test func labelsAreEscapedWrappedAndCannotInjectDOT() {
        let dot = DOTWriter(theme: Sample.theme).dot(for: Sample.ring)
        #expect(dot.contains("&lt;subsidiary&gt; &amp; &quot;Co&quot;"))
        #expect(!dot.contains("<subsidiary>"))
        #expect(DOTWriter(theme: Sample.theme).wrap("Beta Engenharia e Construções Ltda. subsidiary").allSatisfy { $0.count <= 24 })
        let evil = NetworkMap(title: "x\"]; evil [label=\"", nodes: [MapNode(id: "a", kind: "firm", label: "}\n digraph {")])
        let text = DOTWriter(theme: Sample.theme).dot(for: evil)
        #expect(text.contains("x&quot;]; evil [label=&quot;"))
        #expect(text.contains("  n0 [") && !text.contains("  n1 ["), "one node, nothing injected")
        #expect(throws: Never.self) { try GraphvizRenderer().render(evil, theme: Sample.theme, format: .svg) }
    }

    @Test func dotIsDeterministicAndTheLegendListsExactlyTheKindsUsed() {
        let w = DOTWriter(theme: Sample.theme)
        #expect(w.dot(for: Sample.ring) == w.dot(for: Sample.ring))
        let legend = w.legend(for: Sample.ring).joined()
        for used in ["Firm", "Person", "Address", "Tender", "Public agency", "owns (shareholding)", "bid in tender", "registered at address", "runs tender"] {
            #expect(legend.contains(used), "legend lacks \(used)")
        }
        for unused in ["Judge", "Court case", "donated to"] { #expect(!legend.contains(unused)) }
        #expect(legend.contains("finding (pattern to review)"))
    }

    @Test func rendersSVGPNGAndPDF() throws {
        let r = GraphvizRenderer()
        let svg = String(decoding: try r.render(Sample.ring, theme: Sample.theme, format: .svg), as: UTF8.self)
        #expect(svg.contains("<svg") && svg.contains("Fabio Costa") && svg.contains("Legend"))
        let png = try r.render(Sample.ring, theme: Sample.theme, format: .png)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width > 600 && height > 200)
        let pdf = try r.render(Sample.ring, theme: Sample.theme, format: .pdf)
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        try Data(png).write(to: FileManager.default.temporaryDirectory.appendingPathComponent("trama-render-sample.png"))
    }

    @Test func invalidDOTIsAnErrorCarryingGraphvizMessage() {
        #expect {
            try GraphvizRenderer().render(dot: "digraph { a -> ", format: .svg)
        } throws: { error in
            guard case let RenderError.invalidDOT(message) = error else { return false }
            return message.contains("syntax error")
        }
    }

    @Test func concurrentRendersAreSerialisedAndAllSucceed() async throws {
        let r = GraphvizRenderer()
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 { group.addTask { try r.render(Sample.ring, theme: Sample.theme, format: .svg).count } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(sizes.count == 16 && Set(sizes).count == 1)
    }

    @Test func largeMapsSwitchToAForceLayout() {
        #expect(Layout.automatic.resolved(nodeCount: 10) == .dot)
        #expect(Layout.automatic.resolved(nodeCount: 400) == .sfdp)
    }
}

@Suite("Maps: large maps")
struct LargeMapTests {
    @Test func largeMapsLabelOnlyTheirFindings() {
        var map = NetworkMap(title: "hub")
        map.nodes = (0..<50).map { MapNode(id: "n\($0)", kind: "case", label: "Case \($0)") }
        map.edges = (1..<50).map { MapEdge(from: "n0", to: "n\($0)", kind: "presides", label: "presides \($0)", highlighted: $0 == 7) }
        let dot = DOTWriter(theme: Sample.theme).dot(for: map)
        #expect(dot.contains("presides 7"))
        #expect(!dot.contains("presides 8"))
    }
}
