"""Baselines for bench/run: python-igraph and networkx on the edge list trama-bench exported.

    python baselines.py DIR igraph|networkx [--networkx-louvain]

Reads DIR/edges.u32 (source, target pairs of uint32, the engine's node indices) and
DIR/pairs.u32, runs the same operations the engine ran, and writes DIR/<tool>.json. Each tool
runs in its own process so its peak memory is its own. Path lengths are written too, and the
report checks them against the engine's answers.
"""
import json
import resource
import sys
import time

import numpy as np


def timed(f):
    t0 = time.perf_counter()
    r = f()
    return r, time.perf_counter() - t0


def best_of_3(f):
    """Whole-graph operations run three times and keep the fastest, as trama-bench does."""
    runs = [timed(f) for _ in range(3)]
    return runs[0][0], min(t for _, t in runs)


def main():
    folder, tool = sys.argv[1], sys.argv[2]
    trama = json.load(open(f"{folder}/trama.json"))
    n = trama["nodes"]
    egos = len(trama["egoSeconds"])
    out = {}

    def read_edges():
        return np.fromfile(f"{folder}/edges.u32", dtype=np.uint32).reshape(-1, 2)

    pairs = np.fromfile(f"{folder}/pairs.u32", dtype=np.uint32).reshape(-1, 2).tolist()

    if tool == "igraph":
        import igraph

        def load():
            e = read_edges()
            return igraph.Graph(n=n, edges=e, directed=True)

        g, out["loadSeconds"] = timed(load)
        ug = g.as_undirected(mode="each")
        times, lengths = [], []
        for s, t in pairs:
            t0 = time.perf_counter()
            p = ug.get_shortest_paths(s, to=t, output="vpath")[0]
            times.append(time.perf_counter() - t0)
            lengths.append(len(p) - 1 if p else (0 if s == t else -1))
        out["pathSeconds"], out["pathLengths"] = times, lengths
        ego_times = []
        for s, _ in pairs[:egos]:
            t0 = time.perf_counter()
            ug.neighborhood(s, order=3)
            ego_times.append(time.perf_counter() - t0)
        out["egoSeconds"] = ego_times
        comps, out["componentsSeconds"] = best_of_3(lambda: g.connected_components(mode="weak"))
        out["components"] = len(comps)
        _, out["pageRankSeconds"] = best_of_3(lambda: g.pagerank(directed=True, damping=0.85))
        # Louvain on the undirected graph, parallel edges merged into weights, loops kept — the
        # graph the engine's `undirected()` builds.
        w = ug.copy()
        w.es["weight"] = 1.0
        w.simplify(multiple=True, loops=False, combine_edges="sum")
        part, out["louvainSeconds"] = timed(lambda: w.community_multilevel(weights="weight"))
        out["modularity"] = part.modularity
        out["communities"] = len(part)
        membership = np.fromfile(f"{folder}/trama-membership.u32", dtype=np.uint32).tolist()
        out["modularityOfTramaPartition"] = w.modularity(membership, weights="weight")
    elif tool == "networkx":
        import networkx as nx

        def load():
            e = read_edges()
            g = nx.Graph()
            g.add_nodes_from(range(n))
            g.add_edges_from(e.tolist())
            return g

        g, out["loadSeconds"] = timed(load)
        times, lengths = [], []
        for s, t in pairs:
            t0 = time.perf_counter()
            try:
                p = nx.bidirectional_shortest_path(g, s, t)
                lengths.append(len(p) - 1)
            except nx.NetworkXNoPath:
                lengths.append(-1)
            times.append(time.perf_counter() - t0)
        out["pathSeconds"], out["pathLengths"] = times, lengths
        ego_times = []
        for s, _ in pairs[:egos]:
            t0 = time.perf_counter()
            nx.single_source_shortest_path_length(g, s, cutoff=3)
            ego_times.append(time.perf_counter() - t0)
        out["egoSeconds"] = ego_times
        comps, out["componentsSeconds"] = best_of_3(lambda: list(nx.connected_components(g)))
        out["components"] = len(comps)
        dg = nx.DiGraph()
        dg.add_nodes_from(range(n))
        dg.add_edges_from(read_edges().tolist())
        _, out["pageRankSeconds"] = best_of_3(lambda: nx.pagerank(dg, alpha=0.85))
        if "--networkx-louvain" in sys.argv:
            part, out["louvainSeconds"] = timed(lambda: nx.community.louvain_communities(g, seed=42))
            out["modularity"] = nx.community.modularity(g, part)
    else:
        sys.exit(f"unknown tool {tool}")
    out["peakRSSBytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    with open(f"{folder}/{tool}.json", "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
