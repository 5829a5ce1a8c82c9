-- The staged edges, resolved by stage_edges_resolve.sql, stored for dataset $1 by version $2.
INSERT INTO edges (source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id)
SELECT source_id, target_id, kind_code, valid_from, valid_to, properties, $1, source, $2::integer
FROM stage_edges
