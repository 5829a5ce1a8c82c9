-- The newest packed graph stored (schema/0020_graph_topology.sql): its generation, size and when
-- it was stored, for `trama db status`.
SELECT generation, bytes, to_char(stored_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS"Z"')
FROM graph_topology WHERE format > 0 ORDER BY generation DESC LIMIT 1
