public import TramaStore

/// The versions of the graph, newest first: what `trama db imports` prints and
/// `GET /api/v1/imports` answers. A report names the version it was built on; `--as-of` one of
/// these rebuilds that graph.
public struct ImportHistory: Answer, Hashable {
    public var imports: [GraphVersion]

    public init(store: Store) throws { imports = try store.versions() }

    public var text: String {
        guard !imports.isEmpty else { return "no imports yet" }
        return imports.map { v in
            let what = [v.action.rawValue, v.dataset.map { "'\($0)'" }, v.format.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
            var line = "#\(v.id)  \(v.finishedAt)  \(what) by \(v.importedBy)"
            if let n = v.nodes, let e = v.edges { line += ": \(n) entities, \(e) relationships" }
            if v.retiredNodes + v.retiredEdges > 0 { line += "; retired \(v.retiredNodes) entities, \(v.retiredEdges) relationships" }
            if let reason = v.reason { line += "\n      why: \(reason)" }
            for f in v.files { line += "\n      \(f.name)  sha256 \(f.sha256)" }
            return line
        }.joined(separator: "\n")
    }
}
