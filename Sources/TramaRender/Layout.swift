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

    /// The largest ego map drawn radially, and the largest drawn with `neato`.
    public static let radialLimit = 45
    public static let springLimit = 150

    /// The engine for a map around one entity (a judge's network): up to ``radialLimit``
    /// entities `twopi`, the entity at the centre and its ties in rings, which is how portals
    /// publish a profile's network and keeps edge labels apart; up to ``springLimit``
    /// `neato`, whose springs spread a denser map evenly; beyond that `sfdp`, which scales.
    public static func egoNetwork(nodeCount: Int) -> Layout {
        nodeCount <= radialLimit ? .twopi : nodeCount <= springLimit ? .neato : .sfdp
    }
}
