-- After an import whose transaction already analysed `nodes` (import_analyze_nodes: it at least
-- doubled them): fresh statistics for `edges` alone. Run as a script, like graph_analyze.
ANALYZE edges
