-- graph_analyze.sql for an import whose transaction already analysed `nodes`
-- (import_analyze_nodes: it at least doubled them): `edges` alone. Run as a script, like it.
ANALYZE edges
