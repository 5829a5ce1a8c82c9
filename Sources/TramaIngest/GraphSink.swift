public import TramaGraph

/// An entity as the sources name it: its kind and the source's own identifier.
public struct EntityRef: Sendable, Hashable, CustomStringConvertible {
    public var kind: EntityKind
    public var key: String

    public init(_ kind: EntityKind, _ key: String) {
        self.kind = kind
        self.key = key
    }

    public var description: String { "\(kind.rawValue):\(key)" }
}

/// A node an importer produces, with the source record it came from (`file:line`).
public struct StagedNode: Sendable {
    public var entity: EntityRef
    public var name: String?
    /// A JSON object.
    public var properties: String
    public var source: String
}

/// An edge an importer produces. Events (a bid, a contract, a donation, an appointment) are
/// valid from their date on; states (ownership, employment, a sanction, a judge presiding a
/// case) between their start and end; declarations for their year. `nil` is unbounded.
public struct StagedEdge: Sendable {
    public var kind: RelationKind
    public var from: EntityRef
    public var to: EntityRef
    public var validFrom: Day?
    public var validTo: Day?
    public var properties: String
    public var source: String
}

/// Where importers put what they read: the store's staging COPY, or memory in tests.
public protocol GraphSink {
    mutating func add(_ node: StagedNode) throws
    mutating func add(_ edge: StagedEdge) throws
}

/// Keeps everything in arrays; for tests and small files.
public struct MemorySink: GraphSink, Sendable {
    public var nodes: [StagedNode] = []
    public var edges: [StagedEdge] = []

    public init() {}

    public mutating func add(_ node: StagedNode) { nodes.append(node) }
    public mutating func add(_ edge: StagedEdge) { edges.append(edge) }
}
