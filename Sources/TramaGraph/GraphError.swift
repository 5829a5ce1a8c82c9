/// What the engine can refuse. The set is closed, so the engine's APIs use typed throws.
public enum GraphError: Error, Hashable, Sendable, CustomStringConvertible {
    case nodeOutOfRange(UInt32, nodeCount: Int)
    case tooManyKinds(limit: Int)
    case tooManyEdges(limit: Int)
    case invalidWeight(kind: String, weight: Double)

    public var description: String {
        switch self {
        case let .nodeOutOfRange(node, count): "node index \(node) is out of range (graph has \(count) nodes)"
        case let .tooManyKinds(limit): "a graph may use at most \(limit) distinct kinds"
        case let .tooManyEdges(limit): "a graph may hold at most \(limit) edges"
        case let .invalidWeight(kind, weight): "the weight of '\(kind)' must be a positive number, not \(weight)"
        }
    }
}
