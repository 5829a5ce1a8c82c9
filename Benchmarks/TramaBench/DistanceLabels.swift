import TramaGraph

/// Pruned landmark labelling (Akiba, Iwata and Yoshida, SIGMOD 2013), bounded to `maxHops`:
/// exact hop distances up to the bound from two labels, with no search. Built here to measure
/// whether such labels pay for Trama's batch screens (issue 23 asks for the build time, memory
/// and query cost either way); the engine screens by bounded searches (``CSRGraph/pairsWithin``).
///
/// Vertices are taken in order of degree, highest first; a breadth-first search from each
/// stops at vertices whose distance the labels built so far already give. Each label is the
/// list of (landmark rank, distance) pairs, ascending by rank; two labels meet in a merge.
/// Undirected, no filters: labels answer for the whole graph, so a query with kinds, dates or
/// a degree limit could not use them.
struct DistanceLabels {
    let maxHops: Int
    /// Label of vertex v: `entries[offsets[v]..<offsets[v + 1]]`, each `rank << 3 | distance`.
    private(set) var offsets: [Int]
    private(set) var entries: [UInt32]

    init(_ graph: CSRGraph, maxHops: Int) {
        precondition(maxHops < 8 && graph.nodeCount < 1 << 29)
        self.maxHops = maxHops
        let n = graph.nodeCount
        let order = (0..<n).sorted { graph.degree(UInt32($0)) > graph.degree(UInt32($1)) }
        var labels = [[UInt32]](repeating: [], count: n)
        let unreached = UInt8.max
        var rootLabel = [UInt8](repeating: unreached, count: n)  // the root's label, by landmark rank
        var distance = [UInt8](repeating: unreached, count: n)
        var queue: [UInt32] = []
        for (rank, root) in order.enumerated() {
            for e in labels[root] { rootLabel[Int(e >> 3)] = UInt8(e & 7) }
            queue.removeAll(keepingCapacity: true)
            queue.append(UInt32(root))
            distance[root] = 0
            var head = 0
            while head < queue.count {
                let u = Int(queue[head])
                head += 1
                let d = distance[u]
                var pruned = false
                for e in labels[u] {
                    let r = rootLabel[Int(e >> 3)]
                    if r != unreached, Int(r) + Int(e & 7) <= Int(d) {
                        pruned = true
                        break
                    }
                }
                if pruned { continue }
                labels[u].append(UInt32(rank) << 3 | UInt32(d))
                if Int(d) == maxHops { continue }
                graph.forEachIncident(UInt32(u)) { v, _ in
                    if distance[Int(v)] == unreached {
                        distance[Int(v)] = d + 1
                        queue.append(v)
                    }
                }
            }
            for v in queue { distance[Int(v)] = unreached }
            for e in labels[root] { rootLabel[Int(e >> 3)] = unreached }
        }
        offsets = [0]
        offsets.reserveCapacity(n + 1)
        entries = []
        entries.reserveCapacity(labels.reduce(0) { $0 + $1.count })
        for label in labels {
            entries += label
            offsets.append(entries.count)
        }
    }

    /// Bytes the labels hold.
    var bytes: Int { entries.count * 4 + offsets.count * 8 }

    /// Hops between `a` and `b` when at most `maxHops`, else nil.
    func distance(_ a: UInt32, _ b: UInt32) -> Int? {
        var i = offsets[Int(a)], j = offsets[Int(b)]
        let iEnd = offsets[Int(a) + 1], jEnd = offsets[Int(b) + 1]
        var best = Int.max
        while i < iEnd, j < jEnd {
            let x = entries[i], y = entries[j]
            let rx = x >> 3, ry = y >> 3
            if rx == ry {
                best = min(best, Int(x & 7) + Int(y & 7))
                i += 1
                j += 1
            } else if rx < ry {
                i += 1
            } else {
                j += 1
            }
        }
        return best <= maxHops ? best : nil
    }
}
