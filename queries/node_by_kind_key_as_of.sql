-- node_by_kind_key as the nodes stood after version $3.
-- plan: generic
SELECT id, kind_code, key, name FROM nodes WHERE kind_code = ANY ($1::smallint[]) AND key = $2 AND import_id <= $3::integer
UNION ALL
SELECT id, kind_code, key, name FROM retired_nodes
WHERE kind_code = ANY ($1::smallint[]) AND key = $2 AND import_id <= $3::integer AND retired_import > $3::integer
