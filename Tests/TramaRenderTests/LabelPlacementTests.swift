import Foundation
import Testing
@testable import TramaRender

@Suite("Maps: edge labels kept off entities and off each other")
struct LabelPlacementTests {
    /// A box `w` × `h` with its lower left corner at (x, y).
    func box(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> Box { Box(minX: x, minY: y, maxX: x + w, maxY: y + h) }

    /// xdot's `n -bytes` strings, counted in UTF-8 bytes as Graphviz writes them.
    func string(_ s: String) -> String { "\(s.utf8.count) -\(s)" }

    @Test func xdotTextIsMeasuredFromItsOperationsWhateverTheTextSays() throws {
        // Two centred lines at 9 pt; the first holds an en dash (3 bytes) and what looks like
        // an operation, which must be read as text, not obeyed.
        let ops = "F 9 \(string("DejaVu Sans")) c 7 -#7b3fa0 T 100 50 0 60 \(string("since 1993 – T 0 0 0 999 1 -x")) "
            + "T 100 40 0 40 \(string("appointed")) L 2 0 0 5 5 "
        let drawing = XDotDrawing(ops)
        let text = try #require(drawing.text)
        #expect(abs(text.minX - 70) < 1e-9 && abs(text.maxX - 130) < 1e-9)
        #expect(abs(text.minY - (40 - 0.25 * 9)) < 1e-9 && abs(text.maxY - (50 + 0.8 * 9)) < 1e-9)
        #expect(drawing.outlines.isEmpty)
        // Left- and right-justified lines start and end at their anchor.
        let left = try #require(XDotDrawing("T 10 0 -1 30 \(string("abc"))").text)
        let right = try #require(XDotDrawing("T 10 0 1 30 \(string("abc"))").text)
        #expect(left.minX == 10 && left.maxX == 40 && right.minX == -20 && right.maxX == 10)
        // Malformed input stops the reading without inventing text.
        #expect(XDotDrawing("T 1 2 nonsense").text == nil && XDotDrawing("").text == nil)
    }

    @Test func nodeShapesAreTheirOutlinesNotTheirBoundingBoxes() {
        // A double octagon (two polygons) and an ellipse, as Graphviz draws them.
        let octagon = [(-40.0, -10.0), (-20, -20), (20, -20), (40, -10), (40, 10), (20, 20), (-20, 20), (-40, 10)]
        let ops = "c 7 -#5e3c99 P 8 " + octagon.map { "\($0.0) \($0.1)" }.joined(separator: " ") + " P 8 "
            + octagon.map { "\($0.0 * 0.9) \($0.1 * 0.9)" }.joined(separator: " ") + " E 200 0 50 20"
        let outlines = XDotDrawing(ops).outlines
        #expect(outlines.count == 3)
        let octagonOutline = outlines[0]
        #expect(octagonOutline.bounds == Box(minX: -40, minY: -20, maxX: 40, maxY: 20))
        // Inside the bounding box's empty corner: clear. Over the middle: covered.
        #expect(octagonOutline.overlap(box(33, 15, 6, 4)) == 0)
        #expect(octagonOutline.overlap(box(-5, -5, 10, 10)) == 100)
        #expect(octagonOutline.overlap(box(39, -2, 10, 4)) > 0)
        let ellipse = outlines[2]
        #expect(ellipse.overlap(box(243, 15, 6, 4)) == 0)
        #expect(ellipse.overlap(box(240, -2, 20, 4)) > 0)
        #expect(ellipse.overlap(box(300, 0, 5, 5)) == 0)
    }

    @Test func twoLabelsOnEachOtherAreChargedToTheOneThatCanMove() {
        var scene = LabelScene()
        scene.labels = [
            .init(edge: 0, atEnd: true, box: box(0, 0, 50, 10)),
            .init(edge: 1, atEnd: true, box: box(40, 5, 50, 10)),
        ]
        #expect(Array(scene.collisions().keys) == [1])
        scene.labels[1].atEnd = false
        #expect(Array(scene.collisions().keys) == [0])
        // Labels just apart are within the clearance, so still charged; well apart, not.
        scene.labels[1] = .init(edge: 1, atEnd: true, box: box(51, 0, 50, 10))
        #expect(Array(scene.collisions().keys) == [1])
        scene.labels[1] = .init(edge: 1, atEnd: true, box: box(60, 0, 50, 10))
        #expect(scene.collisions().isEmpty)
    }

    @Test func aLabelThatFitsNowhereTakesTheSpotWhereItCoveredLeast() {
        let node = Outline(points: [(0, 0), (100, 0), (100, 100), (0, 100)])
        var placer = LabelPlacer()
        var covered: [Double] = []
        // The label of edge 3 covers the node at every spot, least at the fourth.
        while true {
            let spot = placer.spots[3] ?? 0
            let area = spot == 3 ? 5.0 : 40.0 + Double(spot)
            covered.append(area)
            var scene = LabelScene()
            scene.nodes = [node]
            scene.labels = [.init(edge: 3, atEnd: true, box: box(100 - area, 50, 20, 1))]
            guard placer.advance(after: scene) else { break }
        }
        #expect(covered.count == EndLabelSpot.candidates.count)
        #expect(placer.spots[3] == 3)
        #expect(placer.spot(forEdge: 3) == EndLabelSpot.candidates[3])
        // A scene with nothing colliding needs no round after the first.
        var clean = LabelPlacer()
        #expect(!clean.advance(after: LabelScene()) && clean.spots.isEmpty)
    }

    /// A judge with sixteen clerks and their schools: every label is two long lines, far
    /// more than fits around the centre at the first spot.
    static let crowded: NetworkMap = {
        var map = NetworkMap(title: "Judge", nodes: [MapNode(id: "j", kind: "judge", label: "Judge at the centre", emphasis: .endpoint)], centre: "j")
        for i in 0..<16 {
            map.nodes.append(MapNode(id: "c\(i)", kind: i % 3 == 0 ? "person" : "judge", label: "Clerk number \(i) with a long name", detail: "fjc:\(1000 + i)"))
            map.edges.append(MapEdge(from: "c\(i)", to: "j", kind: "clerked_for", label: "clerked for\n20\(10 + i % 10)-01-01 – 20\(11 + i % 10)-12-31"))
            if i % 2 == 0 {
                map.nodes.append(MapNode(id: "s\(i)", kind: "school", label: "School \(i) of Law"))
                map.edges.append(MapEdge(from: "c\(i)", to: "s\(i)", kind: "educated_at", label: "educated at\nJ.D.\nsince 1990-01-01"))
            }
        }
        return map
    }()

    @Test func aCrowdedRadialMapEndsWithNoLabelOnAnEntityOrOnAnotherLabel() throws {
        let renderer = GraphvizRenderer()
        let drawn = try renderer.draw(Self.crowded, theme: Sample.theme, format: .svg, layout: .twopi)
        #expect(drawn.movedLabels > 0 || drawn.spread > 0, "the first spots collide, so something had to move")
        #expect(drawn.overlappingLabels == 0)
        // Moving labels keeps the map repeatable.
        #expect(try renderer.draw(Self.crowded, theme: Sample.theme, format: .svg, layout: .twopi).bytes == drawn.bytes)
        let svg = String(decoding: drawn.bytes, as: UTF8.self)
        #expect(svg.contains("clerked for") && svg.contains("educated at"))
    }

    @Test func radialLabelsSitAtTheEndFurtherFromTheCentre() {
        let dot = DOTWriter(theme: Sample.theme).dot(for: Self.crowded, layout: .twopi)
        let lines = dot.split(separator: "\n")
        // Clerk → judge: the clerk's end is the tail; clerk → school: the school's is the head.
        #expect(lines.filter { $0.contains("clerked for") }.allSatisfy { $0.contains("taillabel=") && !$0.contains("headlabel=") })
        #expect(lines.filter { $0.contains("educated at") }.allSatisfy { $0.contains("headlabel=") && !$0.contains("taillabel=") })
    }
}

@Suite("Names are data: bounded in a map whatever their length")
struct BoundedLabelTests {
    @Test func aHugeNameIsDrawnAsAFewLinesEndingInAnEllipsis() throws {
        let huge = String(repeating: "Grupo Empresarial ", count: 300_000)  // 5.4 MB
        let map = NetworkMap(
            title: huge, subtitle: huge, nodes: [MapNode(id: "firm:F1", kind: "firm", label: huge, detail: huge), MapNode(id: "firm:F2", kind: "firm", label: "Beta")],
            edges: [MapEdge(from: "firm:F1", to: "firm:F2", kind: "owns", label: huge)], clusters: [MapCluster(label: huge, members: ["firm:F1"])])
        let writer = DOTWriter(theme: Sample.theme)
        let dot = writer.dot(for: map)
        #expect(dot.utf8.count < 20_000, "\(dot.utf8.count) bytes of DOT")
        #expect(dot.contains("…"))
        let lines = writer.wrap(huge, width: writer.wrapWidth)
        #expect(lines.count == writer.maximumLabelLines && lines.last!.hasSuffix("…"))
        let svg = try GraphvizRenderer().render(map, theme: Sample.theme, format: .svg)
        #expect(svg.count < 100_000)
    }
}
