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
    /// Errors carry the engine (the one actually used, once known), the format and Graphviz's
    /// own message.
    func render(dot: String, engine: String, format: RenderFormat) throws(RenderError) -> [UInt8] {
        let formatName = format.rawValue
        return try Self.lock.withLock { _ throws(RenderError) -> [UInt8] in
            Self.messages = ""
            defer { Self.messages = "" }
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
            guard gvLayout(gvc, graph, chosen) == 0 else {
                throw .layoutFailed(engine: chosen, format: formatName, message: Self.errorText() ?? "layout failed")
            }
            defer { gvFreeLayout(gvc, graph) }
            var result: UnsafeMutablePointer<CChar>?
            var length = 0
            guard CGraphviz_renderData(gvc, graph, format.graphvizName, &result, &length) == 0, let result else {
                throw .renderFailed(engine: chosen, format: formatName, message: Self.errorText() ?? "no renderer for \(format.graphvizName)")
            }
            defer { gvFreeRenderData(result) }
            return [UInt8](UnsafeRawBufferPointer(start: result, count: length))
        }
    }

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
