-- The staged edges with their endpoints and kind as stored ids and codes, written to a table
-- of their own so that PostgreSQL can resolve them with a parallel plan (CREATE TABLE AS may
-- use parallel workers; INSERT … SELECT may not, in PostgreSQL 15). Its two hash joins over
-- `nodes` were the relationships phase's one busy core while the other idled: on 12,138,928
-- edges over 6,213,111 nodes, 83.6 s as one INSERT … SELECT from the temporary stage, against
-- 38.5 s for this and 22.2 s for insert_edges_from_stage after it.
-- Kind names are coded through `kinds` (kinds_intern ran first); an edge whose endpoint (kind
-- and key) is not stored is left out, and the caller compares the counts.
CREATE UNLOGGED TABLE stage_edges AS
SELECT s.id AS source_id, t.id AS target_id, ek.code AS kind_code, e.valid_from, e.valid_to, e.properties, e.source
FROM stage_graph e
JOIN kinds ek ON ek.domain = 'edge' AND ek.name = e.kind
JOIN kinds sk ON sk.domain = 'node' AND sk.name = e.source_kind
JOIN kinds tk ON tk.domain = 'node' AND tk.name = e.target_kind
JOIN nodes s ON s.kind_code = sk.code AND s.key = e.source_key
JOIN nodes t ON t.kind_code = tk.code AND t.key = e.target_key
WHERE e.is_edge
