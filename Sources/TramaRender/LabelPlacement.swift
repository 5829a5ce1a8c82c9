import Foundation

/// Moving edge labels off nodes and off each other, after Graphviz has laid a map out.
///
/// Graphviz places an edge's end label (`headlabel`, `taillabel`) by pure geometry: a point
/// `labeldistance` × 10 points from the node, `labelangle` degrees off the edge. It never looks
/// at what else is there, so in a dense radial map a label can land on a neighbouring entity
/// (the Ginsburg example had "appointed 1993-08-05" half under Byron White's box). Node
/// positions in `twopi` and `neato` do not depend on labels, so trying other spots for the
/// colliding labels and laying out again keeps the map and moves only the text. What is laid
/// out and measured lives in ``GraphvizContext``; this file is the geometry and the policy.

/// An axis-aligned rectangle in Graphviz points (y grows upwards).
struct Box: Equatable, Sendable {
    var minX, minY, maxX, maxY: Double

    /// The area `self` and `other` share (0 when they only touch or are apart).
    func overlap(_ other: Box) -> Double {
        let w = min(maxX, other.maxX) - max(minX, other.minX)
        let h = min(maxY, other.maxY) - max(minY, other.minY)
        return w > 0 && h > 0 ? w * h : 0
    }

    func union(_ other: Box) -> Box {
        Box(minX: min(minX, other.minX), minY: min(minY, other.minY), maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY))
    }

    /// `self` grown by `d` on every side.
    func inset(by d: Double) -> Box { Box(minX: minX - d, minY: minY - d, maxX: maxX + d, maxY: maxY + d) }
}

/// A convex outline (a node's polygon, or its ellipse as a 24-gon), for exact hit tests:
/// the corners of an octagon's bounding box are empty, and a label may sit there.
struct Outline: Equatable, Sendable {
    var points: [(x: Double, y: Double)]
    var bounds: Box

    init(points: [(x: Double, y: Double)]) {
        self.points = points
        bounds = points.dropFirst().reduce(Box(minX: points[0].x, minY: points[0].y, maxX: points[0].x, maxY: points[0].y)) {
            $0.union(Box(minX: $1.x, minY: $1.y, maxX: $1.x, maxY: $1.y))
        }
    }

    /// An ellipse centred on `(x, y)` with radii `rx`, `ry`.
    init(ellipseAt x: Double, _ y: Double, rx: Double, ry: Double) {
        self.init(points: (0..<24).map { k in
            let a = Double(k) * .pi / 12
            return (x + rx * cos(a), y + ry * sin(a))
        })
    }

    /// The area `box` shares with the outline's bounds when the two really meet, else 0. They
    /// meet unless some edge of either separates them (the separating axis theorem, which
    /// holds for convex shapes; node shapes are).
    func overlap(_ box: Box) -> Double {
        let area = bounds.overlap(box)
        guard area > 0, points.count >= 3 else { return area }
        let corners = [(box.minX, box.minY), (box.maxX, box.minY), (box.maxX, box.maxY), (box.minX, box.maxY)]
        for i in points.indices {
            let a = points[i]
            let b = points[(i + 1) % points.count]
            let (nx, ny) = (b.y - a.y, a.x - b.x)
            guard nx != 0 || ny != 0 else { continue }
            let project = { (p: (Double, Double)) in nx * p.0 + ny * p.1 }
            let mine = points.map { project(($0.x, $0.y)) }
            let theirs = corners.map(project)
            if theirs.max()! <= mine.min()! || theirs.min()! >= mine.max()! { return 0 }
        }
        return area
    }

    static func == (l: Outline, r: Outline) -> Bool {
        l.bounds == r.bounds && l.points.count == r.points.count && zip(l.points, r.points).allSatisfy { $0 == $1 }
    }
}

/// What an xdot drawing attribute (`_draw_`, `_ldraw_`, `_hldraw_`, …) draws, as far as
/// placing labels needs: the box around its text and the outlines of its closed shapes.
struct XDotDrawing: Equatable, Sendable {
    var text: Box?
    var outlines: [Outline] = []

    /// Reads an xdot operation string.
    ///
    /// Each `T x y j w n -text` operation is one line: `(x, y)` its baseline anchor, `j` the
    /// justification (-1 left, 0 centre, 1 right), `w` its width; its height comes from the
    /// latest `F size n -font`. Polygons (`P`, `p`) and ellipses (`E`, `e`) become outlines.
    /// Everything else is skipped, strings by their byte count, so a label containing spaces
    /// or operators cannot derail the reading; malformed input ends it.
    init(_ ops: String) {
        var reader = Reader(bytes: Array(ops.utf8))
        var fontSize = 14.0
        read: while let op = reader.word() {
            switch op {
            case "T":
                guard let x = reader.number(), let y = reader.number(), let j = reader.number(), let w = reader.number(), reader.skipString() else { break read }
                let left = j < 0 ? x : j > 0 ? x - w : x - w / 2
                let line = Box(minX: left, minY: y - 0.25 * fontSize, maxX: left + w, maxY: y + 0.8 * fontSize)
                text = text.map { $0.union(line) } ?? line
            case "F":
                guard let size = reader.number(), reader.skipString() else { break read }
                fontSize = size
            case "E", "e":
                guard let x = reader.number(), let y = reader.number(), let rx = reader.number(), let ry = reader.number() else { break read }
                outlines.append(Outline(ellipseAt: x, y, rx: rx, ry: ry))
            case "P", "p":
                guard let n = reader.number(), n >= 1 else { break read }
                var points: [(x: Double, y: Double)] = []
                for _ in 0..<Int(n) {
                    guard let x = reader.number(), let y = reader.number() else { break read }
                    points.append((x, y))
                }
                outlines.append(Outline(points: points))
            case "L", "B", "b":
                guard let n = reader.number(), reader.skipNumbers(2 * Int(n)) else { break read }
            case "C", "c", "S":
                guard reader.skipString() else { break read }
            case "I":
                guard reader.skipNumbers(4), reader.skipString() else { break read }
            case "t":
                guard reader.skipNumbers(1) else { break read }
            default:
                break read
            }
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var at = 0

        mutating func word() -> String? {
            while at < bytes.count, bytes[at] == UInt8(ascii: " ") || bytes[at] == UInt8(ascii: "\n") { at += 1 }
            let start = at
            while at < bytes.count, bytes[at] != UInt8(ascii: " "), bytes[at] != UInt8(ascii: "\n") { at += 1 }
            return start < at ? String(decoding: bytes[start..<at], as: UTF8.self) : nil
        }

        mutating func number() -> Double? { word().flatMap(Double.init) }

        mutating func skipNumbers(_ n: Int) -> Bool {
            for _ in 0..<max(n, 0) {
                guard number() != nil else { return false }
            }
            return true
        }

        /// `n -bytes`: a byte count, a dash, then exactly that many bytes.
        mutating func skipString() -> Bool {
            guard let n = number(), n >= 0 else { return false }
            while at < bytes.count, bytes[at] == UInt8(ascii: " ") { at += 1 }
            guard at < bytes.count, bytes[at] == UInt8(ascii: "-") else { return false }
            at += 1 + Int(n)
            return at <= bytes.count
        }
    }
}

/// Where an end label sits: `labelangle` degrees off its edge, `labeldistance` × 10 points
/// from its node.
struct EndLabelSpot: Equatable, Sendable {
    var angle: Double
    var distance: Double

    /// The spots tried, in order: along the edge first (where ``DOTWriter`` puts it, reading
    /// as a continuation of the line), then a little to either side, further out, closer in.
    static let candidates: [EndLabelSpot] = [
        .init(angle: 0, distance: 4), .init(angle: 25, distance: 4), .init(angle: -25, distance: 4),
        .init(angle: 0, distance: 6.5), .init(angle: 40, distance: 3), .init(angle: -40, distance: 3),
        .init(angle: 15, distance: 8.5), .init(angle: -15, distance: 8.5), .init(angle: 0, distance: 2.5),
        .init(angle: 60, distance: 2.5), .init(angle: -60, distance: 2.5), .init(angle: 0, distance: 11),
        .init(angle: 8, distance: 14), .init(angle: -8, distance: 14), .init(angle: 80, distance: 2.5), .init(angle: -80, distance: 2.5),
        .init(angle: 0, distance: 18), .init(angle: 30, distance: 6.5), .init(angle: -30, distance: 6.5),
    ]
}

/// The boxes of a laid-out map that text must keep clear of, and its edge labels.
struct LabelScene: Sendable {
    struct Label: Sendable {
        /// The edge's position in Graphviz's node-then-out-edge order.
        var edge: Int
        /// An end label (movable) or a middle or external one (measured only).
        var atEnd: Bool
        var box: Box
    }

    /// Every node's outlines (two for a double border).
    var nodes: [Outline] = []
    var labels: [Label] = []

    /// Text closer than this to a node or to other text counts as touching it.
    static let clearance = 1.5

    /// For each label that covers a node or another label, the area covered, by index in
    /// ``labels``. Two labels on each other are charged to one of them, the later end label
    /// (an earlier one if the later cannot move), so that one moves and the other stays.
    func collisions() -> [Int: Double] {
        var covered: [Int: Double] = [:]
        for (i, label) in labels.enumerated() {
            let box = label.box.inset(by: Self.clearance)
            let area = nodes.reduce(0) { $0 + $1.overlap(box) }
            if area > 0 { covered[i, default: 0] += area }
            for k in labels.indices.dropFirst(i + 1) {
                let area = box.overlap(labels[k].box)
                guard area > 0 else { continue }
                covered[labels[k].atEnd || !label.atEnd ? k : i, default: 0] += area
            }
        }
        return covered
    }
}

/// The search: every colliding end label moves to its next candidate spot, the others stay,
/// and the map is laid out again, until nothing collides or the candidates run out; then each
/// label still colliding takes the spot where it covered least. When that still leaves
/// collisions, the search starts over on a map spread out by the next of ``spreads``.
struct LabelPlacer: Sendable {
    /// Extra room (points) kept around every node, tried in turn: most maps need none; a
    /// crowded radial map gets a little more space rather than text on text.
    static let spreads: [Double] = [0, 12, 24]
    /// Extra room around every node in this search (added to the graph's `sep`).
    let spread: Double

    init(spread: Double = 0) { self.spread = spread }

    /// The spot in force for each end-labelled edge (absent: the first candidate).
    private(set) var spots: [Int: Int] = [:]
    private var worst: [Int: [Int: Double]] = [:]
    private(set) var rounds = 0

    /// Records `scene` as laid out with the current ``spots`` and moves the colliding labels.
    /// Returns false when there is nothing left to try (no collision, or every colliding label
    /// has tried every spot, in which case each is set to its least-covering spot).
    mutating func advance(after scene: LabelScene) -> Bool {
        rounds += 1
        let collisions = scene.collisions()
        var moved = false
        var exhausted: [Int] = []
        for (i, area) in collisions.sorted(by: { $0.key < $1.key }) where scene.labels[i].atEnd {
            let edge = scene.labels[i].edge
            let current = spots[edge] ?? 0
            worst[edge, default: [:]][current] = max(worst[edge]?[current] ?? 0, area)
            if current + 1 < EndLabelSpot.candidates.count {
                spots[edge] = current + 1
                moved = true
            } else {
                exhausted.append(edge)
            }
        }
        if !moved {
            for edge in exhausted {
                let tried = worst[edge] ?? [:]
                spots[edge] = tried.min { ($0.value, $0.key) < ($1.value, $1.key) }?.key ?? 0
            }
            // With no label moved back, `scene` is the final map: no need to measure it again.
            settledCollisions = exhausted.isEmpty ? collisions.count : nil
        }
        return moved
    }

    /// The collisions left once ``advance(after:)`` has returned false, when the last scene it
    /// saw is the final one; nil when labels were set back to earlier spots and the map must
    /// be measured again.
    private(set) var settledCollisions: Int?

    func spot(forEdge edge: Int) -> EndLabelSpot { EndLabelSpot.candidates[spots[edge] ?? 0] }
}
