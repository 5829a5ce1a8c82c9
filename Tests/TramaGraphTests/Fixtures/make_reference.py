"""Reference answers for the engine tests, computed by networkx and python-igraph.

Run from this folder:  python3 make_reference.py   (needs: pip install networkx igraph)
Writes reference.json. Edge weights some networkx sample graphs carry are ignored. The graphs are small, seeded and undirected; the Swift tests load
each edge list into a CSRGraph and compare every algorithm with the answers below.
"""
import json
import random

import igraph
import networkx as nx


def random_graph(n, m, seed):
    rng = random.Random(seed)
    g = nx.gnm_random_graph(n, m, seed=rng.randrange(1 << 30))
    return g


def graphs():
    yield "karate", nx.karate_club_graph()
    yield "les_miserables", nx.convert_node_labels_to_integers(nx.les_miserables_graph())
    yield "sparse_forest", random_graph(60, 50, 1)  # several components
    yield "random_120", random_graph(120, 260, 2)
    yield "grid_6x7", nx.convert_node_labels_to_integers(nx.grid_2d_graph(6, 7))  # many ties
    yield "planted_cliques", nx.relaxed_caveman_graph(6, 7, 0.08, seed=3)


def describe(name, g):
    n = g.number_of_nodes()
    edges = sorted((min(u, v), max(u, v)) for u, v in g.edges())
    rng = random.Random(name)
    pairs = []
    for _ in range(25):
        s, t = rng.randrange(n), rng.randrange(n)
        entry = {"from": s, "to": t}
        if nx.has_path(g, s, t):
            entry["length"] = nx.shortest_path_length(g, s, t)
            entry["allShortest"] = len(list(nx.all_shortest_paths(g, s, t)))
            lengths = []
            for p in nx.shortest_simple_paths(g, s, t):
                lengths.append(len(p) - 1)
                if len(lengths) == 6:
                    break
            entry["kShortestLengths"] = lengths
        else:
            entry["length"] = None
        pairs.append(entry)
    ig = igraph.Graph(n=n, edges=edges, directed=False)
    multilevel = ig.community_multilevel()
    pagerank = nx.pagerank(g, alpha=0.85, tol=1e-13, max_iter=10000, weight=None)
    betweenness = nx.betweenness_centrality(g, normalized=False, weight=None)
    components = sorted((len(c) for c in nx.connected_components(g)), reverse=True)
    return {
        "name": name,
        "nodes": n,
        "edges": [list(e) for e in edges],
        "pairs": pairs,
        "componentSizes": components,
        "pageRank": [pagerank[v] for v in range(n)],
        "betweenness": [betweenness[v] for v in range(n)],
        "igraphBetweenness": ig.betweenness(directed=False),
        "igraphMultilevelModularity": multilevel.modularity,
        "igraphMultilevelMembership": multilevel.membership,
        "networkxModularityOfIgraphPartition": nx.community.modularity(
            g, weight=None, communities=[set(i for i, m in enumerate(multilevel.membership) if m == c) for c in set(multilevel.membership)]
        ),
    }


def bipartite():
    """Firms 0..29 bidding in tenders 30..49; projections by count and by Newman's weight."""
    rng = random.Random(7)
    b = nx.Graph()
    firms = list(range(30))
    tenders = list(range(30, 50))
    b.add_nodes_from(firms, bipartite=0)
    b.add_nodes_from(tenders, bipartite=1)
    for t in tenders:
        for f in rng.sample(firms, rng.randint(1, 6)):
            b.add_edge(f, t)
    count = nx.bipartite.weighted_projected_graph(b, firms)
    newman = nx.bipartite.collaboration_weighted_projected_graph(b, firms)
    return {
        "firms": firms,
        "tenders": tenders,
        "edges": sorted([min(u, v), max(u, v)] for u, v in b.edges()),
        "countProjection": sorted([min(u, v), max(u, v), d["weight"]] for u, v, d in count.edges(data=True)),
        "newmanProjection": sorted([min(u, v), max(u, v), d["weight"]] for u, v, d in newman.edges(data=True)),
    }


def main():
    out = {
        "generatedBy": f"networkx {nx.__version__}, python-igraph {igraph.__version__}",
        "graphs": [describe(name, g) for name, g in graphs()],
        "bipartite": bipartite(),
    }
    with open("reference.json", "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
