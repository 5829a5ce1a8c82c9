-- node_keys as the nodes stood after version $2.
SELECT id, kind_code, key, name FROM nodes WHERE id = ANY ($1::bigint[]) AND import_id <= $2::integer
UNION ALL
SELECT id, kind_code, key, name FROM retired_nodes
WHERE id = ANY ($1::bigint[]) AND import_id <= $2::integer AND retired_import > $2::integer
