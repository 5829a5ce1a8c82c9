/// Scratch memory for searches over one graph, reused across queries so that a query touching
/// a hundred nodes does not clear arrays sized for ten million.
///
/// Visited marks are generation stamps: starting a query bumps the generation instead of
/// clearing. A workspace serves one query at a time; give each thread its own.
public final class SearchWorkspace {
    let nodeCount: Int
    private(set) var generation: UInt32 = 0
    var seenForward: [UInt32]
    var seenBackward: [UInt32]
    var parentForward: [UInt32]
    var parentBackward: [UInt32]
    var depthForward: [UInt16]
    var depthBackward: [UInt16]

    public init(nodeCount: Int) {
        self.nodeCount = nodeCount
        seenForward = Array(repeating: 0, count: nodeCount)
        seenBackward = Array(repeating: 0, count: nodeCount)
        parentForward = Array(repeating: 0, count: nodeCount)
        parentBackward = Array(repeating: 0, count: nodeCount)
        depthForward = Array(repeating: 0, count: nodeCount)
        depthBackward = Array(repeating: 0, count: nodeCount)
    }

    /// Starts a new query: every node becomes unseen.
    func begin() {
        if generation == UInt32.max {
            for i in 0..<nodeCount {
                seenForward[i] = 0
                seenBackward[i] = 0
            }
            generation = 0
        }
        generation += 1
    }
}
