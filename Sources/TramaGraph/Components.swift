/// Weakly connected components: which entities are linked at all, ignoring direction.
public struct Components: Sendable {
    /// Component label per node, numbered 0..<count in order of each component's smallest node.
    public let label: [UInt32]
    /// Nodes per component.
    public let sizes: [Int]

    public var count: Int { sizes.count }

    /// The components, largest first (ties: smaller label first).
    public var bySize: [Int] { sizes.indices.sorted { (sizes[$0], -$0) > (sizes[$1], -$1) } }
}

extension CSRGraph {
    /// Weakly connected components by union-find (union by size, path halving) over the edges
    /// the filter admits. A node the filter does not let paths pass through still belongs to
    /// a component, but joins nothing: a registered agent does not merge its thousand firms.
    ///
    /// - Complexity: O(edgeCount · α(nodeCount)) time, O(nodeCount) memory.
    public func components(filter: PathFilter = PathFilter()) -> Components {
        let n = nodeCount
        var parent = [UInt32](unsafeUninitializedCapacity: n) { buf, count in
            for i in 0..<n { buf[i] = UInt32(i) }
            count = n
        }
        var size = [UInt32](repeating: 1, count: n)
        func find(_ x: UInt32) -> UInt32 {
            var x = x
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }
        let unfiltered = filter == PathFilter()
        for u in 0..<n {
            let uu = UInt32(u)
            if !unfiltered, !filter.admitsThrough(node: uu, in: self) { continue }
            var i = Int(outOffsets[u])
            let end = Int(outOffsets[u + 1])
            while i < end {
                let v = outNeighbor[i]
                let e = i
                i += 1
                if !unfiltered {
                    guard filter.admits(edge: e, in: self), filter.admitsThrough(node: v, in: self) else { continue }
                }
                var a = find(uu)
                var b = find(v)
                if a == b { continue }
                if size[Int(a)] < size[Int(b)] { swap(&a, &b) }
                parent[Int(b)] = a
                size[Int(a)] += size[Int(b)]
            }
        }
        var label = [UInt32](repeating: .max, count: n)
        var rootLabel = [UInt32](repeating: .max, count: n)
        var sizes: [Int] = []
        for u in 0..<n {
            let r = Int(find(UInt32(u)))
            if rootLabel[r] == .max {
                rootLabel[r] = UInt32(sizes.count)
                sizes.append(0)
            }
            label[u] = rootLabel[r]
            sizes[Int(rootLabel[r])] += 1
        }
        return Components(label: label, sizes: sizes)
    }
}
