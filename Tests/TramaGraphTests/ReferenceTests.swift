import Foundation
import Testing
@testable import TramaGraph

/// Answers computed by networkx and python-igraph (`Fixtures/make_reference.py`).
struct Reference: Decodable {
    struct Pair: Decodable {
        var from: UInt32
        var to: UInt32
        var length: Int?
        var allShortest: Int?
        var kShortestLengths: [Int]?
    }
    struct Graph: Decodable {
        var name: String
        var nodes: Int
        var edges: [[UInt32]]
        var pairs: [Pair]
        var componentSizes: [Int]
        var pageRank: [Double]
        var betweenness: [Double]
        var igraphBetweenness: [Double]
        var igraphMultilevelModularity: Double
        var igraphMultilevelMembership: [UInt32]
        var networkxModularityOfIgraphPartition: Double

        func csr() -> CSRGraph {
            var b = GraphBuilder()
            for _ in 0..<nodes { _ = try! b.addNode(kind: "node") }
            for e in edges { try! b.addEdge(from: e[0], to: e[1], kind: "link") }
            return b.freeze()
        }
    }
    struct Bipartite: Decodable {
        var firms: [UInt32]
        var tenders: [UInt32]
        var edges: [[UInt32]]
        var countProjection: [[Double]]
        var newmanProjection: [[Double]]
    }
    var graphs: [Graph]
    var bipartite: Bipartite

    static let loaded: Reference = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/reference.json")
        return try! JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }()
}

@Suite("Engine against networkx and igraph")
struct ReferenceTests {
    static let graphs = Reference.loaded.graphs.map(\.name)
    func graph(_ name: String) -> Reference.Graph { Reference.loaded.graphs.first { $0.name == name }! }

    @Test(arguments: graphs) func shortestPathLengthsMatch(_ name: String) throws {
        let ref = graph(name)
        let g = ref.csr()
        for pair in ref.pairs {
            let r = try g.shortestPath(from: pair.from, to: pair.to, filter: PathFilter(maxHops: 100))
            if let length = pair.length {
                let p = try #require(r.path, "\(name) \(pair.from)→\(pair.to)")
                #expect(p.hops == length && isValid(p, in: g, from: pair.from, to: pair.to))
            } else {
                #expect(r == .noPath)
            }
        }
    }

    @Test(arguments: graphs) func allShortestPathsMatchInNumberAndAreDistinctValidPaths(_ name: String) throws {
        let ref = graph(name)
        let g = ref.csr()
        for pair in ref.pairs {
            let list = try g.allShortestPaths(from: pair.from, to: pair.to, filter: PathFilter(maxHops: 100), limit: 100_000)
            #expect(list.cutShort == nil)
            #expect(list.paths.count == (pair.allShortest ?? 0), "\(name) \(pair.from)→\(pair.to)")
            #expect(Set(list.paths.map(\.path.edges)).count == list.paths.count)
            for p in list.paths {
                #expect(p.path.hops == pair.length && isValid(p.path, in: g, from: pair.from, to: pair.to))
            }
        }
    }

    @Test(arguments: graphs) func kShortestSimplePathsHaveNetworkxLengths(_ name: String) throws {
        let ref = graph(name)
        let g = ref.csr()
        for pair in ref.pairs where pair.length != nil && pair.from != pair.to {
            let expected = pair.kShortestLengths!
            let list = try g.kShortestPaths(from: pair.from, to: pair.to, k: expected.count, filter: PathFilter(maxHops: 100))
            #expect(list.paths.map(\.path.hops) == expected, "\(name) \(pair.from)→\(pair.to)")
            #expect(Set(list.paths.map(\.path.edges)).count == list.paths.count)
            for p in list.paths { #expect(isValid(p.path, in: g, from: pair.from, to: pair.to)) }
        }
    }

    @Test(arguments: graphs) func componentSizesMatch(_ name: String) {
        let ref = graph(name)
        let c = ref.csr().components()
        #expect(c.sizes.sorted(by: >) == ref.componentSizes)
    }

    @Test(arguments: graphs) func pageRankMatchesNetworkx(_ name: String) {
        let ref = graph(name)
        let ranks = ref.csr().pageRank(directed: false, tolerance: 1e-14)
        for (mine, theirs) in zip(ranks, ref.pageRank) { #expect(abs(mine - theirs) < 1e-9) }
    }

    @Test(arguments: graphs) func betweennessMatchesNetworkxAndIgraph(_ name: String) {
        let ref = graph(name)
        for workers in [1, 2] {
            let b = ref.csr().undirected().betweenness(workers: workers)
            for i in 0..<ref.nodes {
                #expect(abs(b[i] - ref.betweenness[i]) < 1e-6 && abs(b[i] - ref.igraphBetweenness[i]) < 1e-6, "\(name) node \(i)")
            }
        }
    }

    @Test(arguments: graphs) func modularityIsComputedAsNetworkxDoes(_ name: String) {
        let ref = graph(name)
        let w = ref.csr().undirected()
        #expect(abs(w.modularity(of: ref.igraphMultilevelMembership) - ref.networkxModularityOfIgraphPartition) < 1e-12)
    }

    /// Louvain is a heuristic: on these small graphs the partition may differ from igraph's,
    /// but its quality may not fall more than 0.01 below.
    @Test(arguments: graphs) func louvainModularityIsAsGoodAsIgraphs(_ name: String) {
        let ref = graph(name)
        let w = ref.csr().undirected()
        let c = w.louvain(seed: 7)
        #expect(c.modularity >= ref.igraphMultilevelModularity - 0.01, "\(name): \(c.modularity) vs igraph \(ref.igraphMultilevelModularity)")
        #expect(abs(w.modularity(of: c.membership) - c.modularity) < 1e-12)
    }

    @Test func bipartiteProjectionsMatchNetworkx() {
        let ref = Reference.loaded.bipartite
        var b = GraphBuilder()
        for _ in ref.firms { _ = try! b.addNode(kind: "firm") }
        for _ in ref.tenders { _ = try! b.addNode(kind: "tender") }
        for e in ref.edges { try! b.addEdge(from: e[0], to: e[1], kind: "bid") }
        let g = b.freeze()
        let firm = KindSet(names: ["firm"], in: g.nodeKinds)
        let tender = KindSet(names: ["tender"], in: g.nodeKinds)
        for (weighting, expected) in [(Projection.Weighting.count, ref.countProjection), (.inverseDegree, ref.newmanProjection)] {
            for workers in [1, 2] {
                let p = g.project(Projection(members: firm, via: tender, weighting: weighting, minimumWeight: 0), workers: workers)
                let mine = p.edges.map { [Double(p.original[$0.u]), Double(p.original[$0.v]), $0.weight] }.sorted { $0.lexicographicallyPrecedes($1) }
                #expect(mine.count == expected.count)
                for (a, e) in zip(mine, expected) { #expect(a[0] == e[0] && a[1] == e[1] && abs(a[2] - e[2]) < 1e-12) }
            }
        }
    }
}
