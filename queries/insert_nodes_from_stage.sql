-- Nodes new to the store, inserted; a node already stored (same kind and key) is left to
-- update_nodes_from_stage when this dataset owns it, and shared as it is when another does.
-- A plain insert behind an anti-join, not ON CONFLICT: speculative insertion probed the unique
-- index once more per row: 6,213,111 nodes took 48.6 s into a copy of `nodes` (its primary key
-- and unique index, unlogged) with ON CONFLICT and 27.9 s without (timed alone).
-- Imports take versions one at a time (import_begin.sql), so no other import inserts between
-- the anti-join and the insert. $2 is the version writing them (0012_import_history.sql);
-- kind names are coded through `kinds` (kinds_from_stage ran first).
INSERT INTO nodes (kind_code, key, name, properties, dataset_id, source, import_id)
SELECT k.code, s.source_key, s.name, s.properties, $1, s.source, $2::integer
FROM stage_graph s JOIN kinds k ON k.domain = 'node' AND k.name = s.source_kind
WHERE NOT s.is_edge
  AND NOT EXISTS (SELECT 1 FROM nodes n WHERE n.kind_code = k.code AND n.key = s.source_key)
