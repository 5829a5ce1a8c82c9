-- node_details as the nodes stood after version $2.
-- plan: generic
SELECT id, kind_code, key, name, properties, dataset_id, source FROM nodes
WHERE id = ANY ($1::bigint[]) AND import_id <= $2::integer
UNION ALL
SELECT id, kind_code, key, name, properties, dataset_id, source FROM retired_nodes
WHERE id = ANY ($1::bigint[]) AND import_id <= $2::integer AND retired_import > $2::integer
