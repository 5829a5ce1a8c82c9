import CGraphviz
import Foundation
import Synchronization

/// Lays out and renders DOT in-process with libgvc: the only file that touches Graphviz.
///
/// libgvc and libcgraph are not thread-safe (`man cgraph`: "The library is not thread safe"),
/// and their state is global (the parser, the error buffer, plugin tables), not per context:
/// two renderers used on two threads crash. So one process-wide ``lock`` serialises every
/// call, including creating and freeing contexts. One `GVC_t` lives as long as its renderer,
/// so plugins are configured once. `@unchecked Sendable` is sound because the context pointer
/// is only used under the lock.
public final class GraphvizRenderer: @unchecked Sendable {
    private static let lock = Mutex<Void>(())
    private let context: OpaquePointer

    public init() {
        context = Self.lock.withLock { _ in
            CGraphviz_silenceErrors()
            return gvContext()
        }
    }

    deinit {
        let c = context
        Self.lock.withLock { _ in _ = gvFreeContext(c) }
    }

    /// Renders DOT text; `.dot` returns it unchanged. The layout engine is the graph's `layout`
    /// attribute when it has one, else `engine`.
    public func render(dot: String, layout engine: String = "dot", format: RenderFormat) throws(RenderError) -> [UInt8] {
        if format == .dot { return Array(dot.utf8) }
        return try Self.lock.withLock { _ throws(RenderError) -> [UInt8] in
            guard let graph = agmemread(dot) else {
                throw .invalidDOT(message: Self.lastError() ?? "unreadable DOT")
            }
            defer { agclose(graph) }
            let declared = "layout".withCString { name in agget(graph, UnsafeMutablePointer(mutating: name)).map { String(cString: $0) } } ?? ""
            let chosen = declared.isEmpty ? engine : declared
            guard gvLayout(context, graph, chosen) == 0 else {
                throw .layoutFailed(engine: chosen, message: Self.lastError() ?? "unknown layout engine or bad graph")
            }
            defer { gvFreeLayout(context, graph) }
            var result: UnsafeMutablePointer<CChar>?
            var length = 0
            guard CGraphviz_renderData(context, graph, format.graphvizName, &result, &length) == 0, let result else {
                throw .renderFailed(format: format.rawValue, message: Self.lastError() ?? "no renderer for \(format.graphvizName)")
            }
            defer { gvFreeRenderData(result) }
            return [UInt8](UnsafeRawBufferPointer(start: result, count: length))
        }
    }

    /// Draws `map` with `theme`.
    public func render(_ map: NetworkMap, theme: Theme, format: RenderFormat, layout: Layout = .automatic) throws(RenderError) -> [UInt8] {
        let dot = DOTWriter(theme: theme).dot(for: map, layout: layout)
        return try render(dot: dot, layout: layout.resolved(nodeCount: map.nodes.count).rawValue, format: format)
    }

    private static func lastError() -> String? {
        guard let p = aglasterr() else { return nil }
        defer { free(p) }
        let s = String(cString: p).trimmingCharacters(in: .whitespacesAndNewlines)
        return s.isEmpty ? nil : s
    }
}

public enum RenderFormat: String, Sendable, CaseIterable {
    case svg, png, pdf, dot

    /// Graphviz's output format: PNG and PDF through cairo, for antialiased text.
    var graphvizName: String {
        switch self {
        case .svg: "svg"
        case .png: "png:cairo"
        case .pdf: "pdf:cairo"
        case .dot: "dot"
        }
    }
}
