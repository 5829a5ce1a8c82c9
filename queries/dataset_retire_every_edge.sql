-- A replacing import ($2) that rewrites the dataset ($1) — most of its entities changed
-- (dataset_retire_nodes.sql) — retires every relationship of it: out of `edges`, into
-- `retired_edges`, so the version it replaces can be rebuilt.
WITH gone AS (
    DELETE FROM edges WHERE dataset_id = $1::integer
    RETURNING id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id
)
INSERT INTO retired_edges (id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id, retired_import)
SELECT id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id, $2::integer FROM gone
