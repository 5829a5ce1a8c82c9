/// Graphviz layout engines for maps.
public enum Layout: String, Sendable, CaseIterable {
    /// Picks an engine from the map's size (see ``resolved(for:)``).
    case automatic
    /// Layered, left to right: paths and small rings read as a chain.
    case dot
    /// Spring model: mid-size networks without a direction.
    case neato
    /// Radial: one entity's neighbourhood in rings.
    case twopi
    /// Multiscale force-directed: large networks (hundreds to thousands of entities).
    case sfdp
    /// Circular: rings and cycles.
    case circo

    /// The largest map ``automatic`` draws with `dot`.
    public static let layeredLimit = 40

    /// The engine for a map of `nodeCount` entities.
    ///
    /// The rule for ``automatic``: up to ``layeredLimit`` (40) entities, `dot` left to right,
    /// because the maps investigators publish are mostly paths and small rings, which `dot`
    /// draws as readable chains with straight-ish edges and labels that do not collide; above
    /// that, `sfdp`, because `dot` on hundreds of entities produces very wide ranks and slow
    /// layouts while `sfdp` scales and (with `overlap=prism`) keeps nodes apart. Any other
    /// case is returned as is.
    public func resolved(nodeCount: Int) -> Layout {
        guard self == .automatic else { return self }
        return nodeCount <= Self.layeredLimit ? .dot : .sfdp
    }

    /// The engine for `map` (counting its distinct entities).
    public func resolved(for map: NetworkMap) -> Layout {
        resolved(nodeCount: Set(map.nodes.map(\.id)).count)
    }
}
