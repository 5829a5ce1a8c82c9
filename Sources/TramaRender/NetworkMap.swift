/// What a map shows, independent of DOT: entities, relationships, a title.
public struct NetworkMap: Sendable, Hashable {
    public var title: String
    /// Data sources, date, filters: the line under the title.
    public var subtitle: String?
    public var nodes: [MapNode]
    public var edges: [MapEdge]
    /// Groups drawn as boxes around their members (a ring); a node belongs to at most one (the
    /// first that lists it). Maps with clusters are laid out with `dot`, the engine that draws them.
    public var clusters: [MapCluster]
    /// The node a radial layout (`twopi`) puts at the centre: the entity the map is about.
    public var centre: String?

    public init(title: String, subtitle: String? = nil, nodes: [MapNode] = [], edges: [MapEdge] = [], clusters: [MapCluster] = [], centre: String? = nil) {
        self.centre = centre
        self.title = title
        self.subtitle = subtitle
        self.nodes = nodes
        self.edges = edges
        self.clusters = clusters
    }
}

/// A labelled group of a map's nodes.
public struct MapCluster: Sendable, Hashable {
    public var label: String
    /// Node ids.
    public var members: [String]

    public init(label: String, members: [String]) {
        self.label = label
        self.members = members
    }
}

public struct MapNode: Sendable, Hashable {
    public enum Emphasis: Sendable, Hashable {
        case normal
        /// One of the entities the question was about.
        case endpoint
        /// Part of a finding (a conflict, a ring).
        case highlighted
    }

    /// Unique in the map, e.g. `firm:F0000123`.
    public var id: String
    /// Entity kind, e.g. `firm`; picks the style.
    public var kind: String
    /// Display name.
    public var label: String
    /// A small second line, e.g. the source ID.
    public var detail: String?
    public var emphasis: Emphasis
    /// Where the node leads when clicked in an SVG map (the explorer: the entity's page).
    public var link: String?

    public init(id: String, kind: String, label: String, detail: String? = nil, emphasis: Emphasis = .normal, link: String? = nil) {
        self.id = id
        self.kind = kind
        self.label = label
        self.detail = detail
        self.emphasis = emphasis
        self.link = link
    }
}

public struct MapEdge: Sendable, Hashable {
    public var from: String
    public var to: String
    /// Relationship kind, e.g. `owns`; picks the style.
    public var kind: String
    /// Lines of text beside the edge (kind, detail, dates), separated by "\n".
    public var label: String?
    public var highlighted: Bool

    public init(from: String, to: String, kind: String, label: String? = nil, highlighted: Bool = false) {
        self.from = from
        self.to = to
        self.kind = kind
        self.label = label
        self.highlighted = highlighted
    }
}
