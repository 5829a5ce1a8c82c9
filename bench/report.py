"""Prints the benchmark table of one bench/run result folder: per operation, Trama's time,
each baseline's, and baseline ÷ Trama (above 1: Trama is faster).

    python report.py DIR
"""
import json
import os
import statistics
import sys


def load(folder, name):
    path = os.path.join(folder, f"{name}.json")
    return json.load(open(path)) if os.path.exists(path) else {}


def pct(xs, p):
    s = sorted(xs)
    return s[min(len(s) - 1, int(p * len(s)))]


def main():
    folder = sys.argv[1]
    t, ig, nx = load(folder, "trama"), load(folder, "igraph"), load(folder, "networkx")
    rows = []

    def add(op, trama, base):
        cells = [op, fmt(trama)]
        for b in base:
            cells += [fmt(b), f"{b / trama:.1f}×" if b and trama else "–"]
        rows.append(cells)

    def fmt(x):
        if x is None:
            return "–"
        return f"{x * 1e3:.3f} ms" if x < 1 else f"{x:.2f} s"

    def med(d, k):
        return statistics.median(d[k]) if k in d else None

    def p99(d, k):
        return pct(d[k], 0.99) if k in d else None

    add("load (stored topology in PostgreSQL / from an edge file)", min(t["loadSeconds"][1:] or t["loadSeconds"]), [ig.get("loadSeconds"), nx.get("loadSeconds")])
    add("shortest path, median", med(t, "pathSeconds"), [med(ig, "pathSeconds"), med(nx, "pathSeconds")])
    add("shortest path, p99", p99(t, "pathSeconds"), [p99(ig, "pathSeconds"), p99(nx, "pathSeconds")])
    add("3-hop ego network, median", med(t, "egoSeconds"), [med(ig, "egoSeconds"), med(nx, "egoSeconds")])
    add("weakly connected components", t["componentsSeconds"], [ig.get("componentsSeconds"), nx.get("componentsSeconds")])
    add("PageRank", t["pageRankSeconds"], [ig.get("pageRankSeconds"), nx.get("pageRankSeconds")])
    add("Louvain", t["louvainSeconds"] + t["louvainConvertSeconds"], [ig.get("louvainSeconds"), nx.get("louvainSeconds")])

    print(f"graph: {t['nodes']:,} nodes, {t['edges']:,} edges ({t['undirectedEdges']:,} undirected pairs for Louvain)")
    header = ["operation", "Trama", "igraph", "igraph÷Trama", "networkx", "networkx÷Trama"]
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    for r in [header] + rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))
    cte = t.get("cteSeconds", [])
    if cte:
        m, mine = statistics.median(cte), statistics.median(t["pathSecondsWithinCteHops"])
        print(
            f"PostgreSQL recursive CTE (≤ {t['cteHops']} hops, {len(cte)} pairs): median {fmt(m)}; "
            f"Trama on the same pairs and limit {fmt(mine)}: {m / mine:,.0f}× faster; answers agree on {t['cteAgreement']}/{len(cte)}"
        )
    print(f"batch of {len(t['pathSeconds'])} paths on both cores: {fmt(t['pathBatchSeconds'])} in all")
    q_ig = ig.get("modularity")
    print(
        f"modularity: Trama {t['modularity']:.4f} ({t['communities']:,} communities)"
        + (f", igraph {q_ig:.4f} ({ig['communities']:,}); Trama − igraph = {t['modularity'] - q_ig:+.4f}" if q_ig else "")
        + (f"; igraph's modularity of Trama's partition {ig['modularityOfTramaPartition']:.4f}" if "modularityOfTramaPartition" in ig else "")
        + (f"; networkx {nx['modularity']:.4f}" if "modularity" in nx else "")
    )
    agree = lambda d: sum(a == b for a, b in zip(d["pathLengths"], t["pathLengths"])) if "pathLengths" in d else None
    print(f"path lengths equal to Trama's: igraph {agree(ig)}/{len(t['pathLengths'])}, networkx {agree(nx)}/{len(t['pathLengths'])}")
    edges_per_s = t["edges"] / min(t["loadSeconds"][1:] or t["loadSeconds"])
    rows = t.get("loadRowsSeconds")
    print(f"load: {edges_per_s / 1e6:.2f} M edges/s from the stored topology; resident {t['bytesPerEdge']:.1f} bytes per edge (engine arrays)")
    if rows:
        from_rows = min(rows[1:] or rows)
        print(f"load from the rows (warm): {from_rows:.2f} s, {t['edges'] / from_rows / 1e6:.2f} M edges/s; "
              f"stored topology {min(t['loadSeconds']):.2f} s ({from_rows / min(t['loadSeconds']):.1f}× faster)")
    mb = lambda d: f"{d['peakRSSBytes'] / 2**20:,.0f} MB" if "peakRSSBytes" in d else "–"
    print(f"peak memory (whole process): Trama {mb(t)}, igraph {mb(ig)}, networkx {mb(nx)}")


if __name__ == "__main__":
    main()
