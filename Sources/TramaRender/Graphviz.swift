import CGraphviz
import Foundation
import Synchronization

/// The one place that touches libgvc and libcgraph (Graphviz 2.4x, in-process).
///
/// ## Why `@unchecked Sendable` is sound
///
/// Graphviz is not thread-safe (`man cgraph`: "The library is not thread safe"), and its
/// mutable state is mostly global, not per context: the DOT parser (a yacc parser with global
/// tables), the error level, handler and buffer, the default discipline, the plugin tables.
/// Two contexts used on two threads at once therefore crash, even though each has its own
/// `GVC_t`. So:
///
/// - one process-wide ``lock`` serialises *every* call into Graphviz made by this type —
///   creating and freeing contexts included — and every Graphviz pointer (`GVC_t`, `Agraph_t`,
///   render buffers) is only dereferenced while the lock is held;
/// - the `GVC_t` is created in `init` and freed in `deinit` (both under the lock), never
///   exposed, never reassigned (`let`);
/// - graphs and render buffers never outlive the locked call that made them (`defer agclose`,
///   `defer gvFreeLayout`, `defer gvFreeRenderData` inside the critical section), and results
///   leave as Swift arrays and strings, which own their memory;
/// - Graphviz's messages go to ``collectMessages(_:)``, a C callback that appends to
///   ``messages``: a global, but one only read or written while the lock is held.
///
/// With every access to the non-Sendable state confined to one critical section at a time,
/// sharing a `GraphvizContext` across tasks and threads cannot race.
final class GraphvizContext: @unchecked Sendable {
    /// Serialises all of Graphviz in this process.
    private static let lock = Mutex<Void>(())
    /// What Graphviz reported during the current locked call; guarded by ``lock``.
    nonisolated(unsafe) private static var messages = ""

    private let gvc: OpaquePointer

    init() {
        gvc = Self.lock.withLock { _ in
            // Every message, warnings included, goes to our callback instead of stderr: a
            // service must not scribble on the terminal, and errors must reach the caller.
            _ = agseterrf(Self.collectMessages)
            _ = agseterr(AGWARN)
            return gvContext()
        }
    }

    deinit {
        let gvc = gvc
        Self.lock.withLock { _ in _ = gvFreeContext(gvc) }
    }

    /// Parses `dot`, lays it out with `engine` (the graph's own `layout` attribute wins when it
    /// names one, as it does for ``DOTWriter``'s output) and renders `format`, a Graphviz
    /// output name such as `svg` or `png:cairo`.
    ///
    /// When the graph has end labels (`headlabel`, `taillabel`), those that land on a node or
    /// on other text are moved first (see ``LabelPlacer``): the map is laid out again with
    /// their next `labelangle` and `labeldistance` until nothing collides or every spot has
    /// been tried, on the map as laid out and then spread out (``LabelPlacer/spreads``). The
    /// result says how many labels moved and how many still touch something.
    ///
    /// Errors carry the engine (the one actually used, once known), the format and Graphviz's
    /// own message.
    func render(dot: String, engine: String, format: RenderFormat) throws(RenderError) -> RenderedMap {
        try Self.lock.withLock { _ throws(RenderError) -> RenderedMap in
            Self.messages = ""
            defer { Self.messages = "" }
            var placer = LabelPlacer()
            var overlapping = 0
            if dot.contains("headlabel=") || dot.contains("taillabel=") {
                func measured(_ placer: LabelPlacer) throws(RenderError) -> LabelScene {
                    try laidOut(dot, engine: engine, format: format, placer: placer) { graph, chosen throws(RenderError) in
                        try scene(of: graph, engine: chosen, format: format)
                    }
                }
                for spread in LabelPlacer.spreads {
                    placer = LabelPlacer(spread: spread)
                    while placer.advance(after: try measured(placer)) {}
                    if let settled = placer.settledCollisions {
                        overlapping = settled
                    } else {
                        overlapping = try measured(placer).collisions().count
                    }
                    if overlapping == 0 { break }
                }
            }
            let bytes = try laidOut(dot, engine: engine, format: format, placer: placer) { graph, chosen throws(RenderError) in
                try output(graph, engine: chosen, format: format, as: format.graphvizName)
            }
            return RenderedMap(bytes: bytes, overlappingLabels: overlapping, movedLabels: placer.spots.values.count { $0 != 0 }, spread: placer.spread)
        }
    }

    /// Parses `dot`, puts each end label at the spot `placer` chose, lays the graph out and
    /// hands it (with the engine used) to `body`, freeing layout and graph afterwards. A fresh
    /// parse each time: attributes a render attaches (`pos` among them) would otherwise seed
    /// the next layout. Call with the lock held.
    private func laidOut<T>(
        _ dot: String, engine: String, format: RenderFormat, placer: LabelPlacer, _ body: (Graph, String) throws(RenderError) -> T
    ) throws(RenderError) -> T {
        let formatName = format.rawValue
        guard let graph = agmemread(dot) else {
            let message = Self.errorText() ?? (dot.allSatisfy(\.isWhitespace) ? "no graph in empty DOT text" : "no graph in the DOT text")
            throw .invalidDOT(engine: engine, format: formatName, message: message)
        }
        defer { agclose(graph) }
        let declared = CGraphviz_getAttribute(UnsafeMutableRawPointer(graph), "layout").map { String(cString: $0) }
        let chosen = declared.flatMap { $0.isEmpty ? nil : $0 } ?? engine
        if format.isVector {
            // `dpi` sizes the PNG; vector output stays at 1:1 (72 per inch), or an 11 pt
            // name would show at 18 pt in a PDF or on a web page.
            _ = CGraphviz_setAttribute(UnsafeMutableRawPointer(graph), "dpi", "72")
        }
        if placer.spread > 0 {
            // Overlap removal keeps `sep` points (default 4) around every node: more of it
            // spreads the map out and leaves room for labels.
            let sep = CGraphviz_getAttribute(UnsafeMutableRawPointer(graph), "sep").map { String(cString: $0) } ?? ""
            let base = Double(sep.drop { $0 == "+" }) ?? 4
            _ = CGraphviz_setAttribute(UnsafeMutableRawPointer(graph), "sep", "+" + Self.number(base + placer.spread))
        }
        if !placer.spots.isEmpty {
            forEachEdge(of: graph) { index, edge in
                guard placer.spots[index] != nil else { return }
                let spot = placer.spot(forEdge: index)
                _ = CGraphviz_setAttribute(UnsafeMutableRawPointer(edge), "labelangle", Self.number(spot.angle))
                _ = CGraphviz_setAttribute(UnsafeMutableRawPointer(edge), "labeldistance", Self.number(spot.distance))
            }
        }
        guard gvLayout(gvc, graph, chosen) == 0 else {
            throw .layoutFailed(engine: chosen, format: formatName, message: Self.errorText() ?? "layout failed")
        }
        defer { gvFreeLayout(gvc, graph) }
        return try body(graph, chosen)
    }

    /// Renders a laid-out graph as `name` (a Graphviz output format). Call with the lock held.
    private func output(_ graph: Graph, engine: String, format: RenderFormat, as name: String) throws(RenderError) -> [UInt8] {
        var result: UnsafeMutablePointer<CChar>?
        var length = 0
        guard CGraphviz_renderData(gvc, graph, name, &result, &length) == 0, let result else {
            throw .renderFailed(engine: engine, format: format.rawValue, message: Self.errorText() ?? "no renderer for \(name)")
        }
        defer { gvFreeRenderData(result) }
        return [UInt8](UnsafeRawBufferPointer(start: result, count: length))
    }

    /// The node outlines and edge-label text boxes of a laid-out graph, read from the drawing
    /// attributes an xdot render attaches (`_draw_`, `_hldraw_`, …). Call with the lock held.
    private func scene(of graph: Graph, engine: String, format: RenderFormat) throws(RenderError) -> LabelScene {
        _ = try output(graph, engine: engine, format: format, as: "xdot")
        func attribute(_ object: UnsafeMutableRawPointer, _ name: String) -> String? {
            CGraphviz_getAttribute(object, name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        var scene = LabelScene()
        var node = agfstnode(graph)
        while let n = node {
            scene.nodes += XDotDrawing(attribute(n, "_draw_") ?? "").outlines
            node = agnxtnode(graph, n)
        }
        forEachEdge(of: graph) { index, edge in
            for (name, atEnd) in [("_hldraw_", true), ("_tldraw_", true), ("_ldraw_", false), ("_xldraw_", false)] {
                if let ops = attribute(edge, name), let box = XDotDrawing(ops).text {
                    scene.labels.append(.init(edge: index, atEnd: atEnd, box: box))
                }
            }
        }
        return scene
    }

    /// Calls `body` with each edge and its position in node-then-out-edge order, which is the
    /// same for every parse of the same text. Call with the lock held.
    private func forEachEdge(of graph: Graph, _ body: (Int, UnsafeMutablePointer<Agedge_t>) -> Void) {
        var index = 0
        var node = agfstnode(graph)
        while let n = node {
            var edge = agfstout(graph, n)
            while let e = edge {
                body(index, e)
                index += 1
                edge = agnxtout(graph, e)
            }
            node = agnxtnode(graph, n)
        }
    }

    private typealias Graph = UnsafeMutablePointer<Agraph_t>

    private static func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

    /// The errors Graphviz reported during this call, without its "Error: " prefixes; its
    /// warnings only when there was no error line. Call with the lock held.
    private static func errorText() -> String? {
        let lines = messages.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let errors = lines.filter { $0.hasPrefix("Error: ") }.map { String($0.dropFirst("Error: ".count)) }
        let chosen = errors.isEmpty ? lines : errors
        return chosen.isEmpty ? nil : chosen.joined(separator: "\n")
    }

    /// Graphviz's error callback. It runs inside a locked call (Graphviz only reports from
    /// within the calls made above), so touching ``messages`` is safe.
    private static let collectMessages: @convention(c) (UnsafeMutablePointer<CChar>?) -> Int32 = { text in
        if let text { GraphvizContext.messages += String(cString: text) }
        return 0
    }
}
