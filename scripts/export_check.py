#!/usr/bin/env python3
"""Check a Trama GraphML or GEXF export by reading it with networkx.

    export_check.py FILE --format graphml|gexf --nodes N --edges M

Reads FILE into a networkx MultiDiGraph, so parallel edges (two shareholdings of the same
person in the same firm, an `owns` beside a `director_of`) count one each, prints what it
found, and exits 1 unless it found exactly N nodes and M edges (2 if the file cannot be read).
It checks what a user's own tool will see, beside the XML Schema validation the Swift tests do.

GEXF 1.3: networkx reads it since the GEXF writer and reader gained a "1.3" entry in
`GEXF.versions` (networkx 3.6 has it: namespace http://gexf.net/1.3). Its reader looks for the
<graph> element in the namespace of the version asked for (1.2draft by default) and then in
each namespace it knows, so `read_gexf` opens a 1.3 file as it is. With an older networkx that
lacks the entry, the least-bad way is the one used below: register the 1.3 namespace as a
version, built from the 1.2draft entry (1.3 changed the namespace, not the parts networkx
reads: nodes, edges, attributes, `start`/`end`), and read with `version="1.3"`. Rewriting the
file's namespace to 1.2draft would also work but checks a different file from the one shipped.

Requires networkx (`pip install networkx`).
"""

import argparse
import sys


def gexf_reader():
    """networkx's GEXF reader for version 1.3, registering the version if this networkx lacks it."""
    from networkx.readwrite import gexf

    if "1.3" not in gexf.GEXF.versions:
        base = dict(gexf.GEXF.versions["1.2draft"])
        base.update(
            NS_GEXF="http://gexf.net/1.3",
            NS_VIZ="http://gexf.net/1.3/viz",
            SCHEMALOCATION="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            VERSION="1.3",
        )
        gexf.GEXF.versions["1.3"] = base
    return gexf.GEXFReader(node_type=None, version="1.3")


def read(path, fmt):
    import networkx as nx

    if fmt == "graphml":
        g = nx.read_graphml(path, force_multigraph=True)
    else:
        with open(path, "rb") as f:
            g = gexf_reader()(f)
    # A reader that returns a simple graph would merge parallel edges; keep the reading honest.
    if not g.is_multigraph() or not g.is_directed():
        g = nx.MultiDiGraph(g)
    return g


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--format", required=True, choices=["graphml", "gexf"])
    parser.add_argument("--nodes", required=True, type=int)
    parser.add_argument("--edges", required=True, type=int)
    args = parser.parse_args(argv)

    try:
        g = read(args.file, args.format)
    except Exception as e:  # any reader failure is a failed check, reported as such
        print(f"{args.file}: networkx could not read it as {args.format}: {type(e).__name__}: {e}")
        return 2

    nodes, edges = g.number_of_nodes(), g.number_of_edges()
    kinds = {}
    for _, _, data in g.edges(data=True):
        kind = data.get("kind", "?")
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"{args.file}: {type(g).__name__} with {nodes} nodes and {edges} edges (expected {args.nodes} and {args.edges})")
    if kinds:
        print("edges by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    ok = nodes == args.nodes and edges == args.edges
    print("OK" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
