-- edge_details as the edges and their endpoints stood after version $2.
-- plan: generic
WITH e AS (
    SELECT id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source FROM edges
    WHERE id = ANY ($1::bigint[]) AND import_id <= $2::integer
    UNION ALL
    SELECT id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source FROM retired_edges
    WHERE id = ANY ($1::bigint[]) AND import_id <= $2::integer AND retired_import > $2::integer
), ends AS (
    SELECT source_id AS id FROM e UNION SELECT target_id FROM e
), n AS (
    SELECT id, kind_code, key FROM nodes WHERE id IN (SELECT id FROM ends) AND import_id <= $2::integer
    UNION ALL
    SELECT id, kind_code, key FROM retired_nodes
    WHERE id IN (SELECT id FROM ends) AND import_id <= $2::integer AND retired_import > $2::integer
)
SELECT e.id, e.kind_code, s.kind_code, s.key, t.kind_code, t.key, e.valid_from, e.valid_to, e.properties, e.dataset_id, e.source
FROM e JOIN n s ON s.id = e.source_id JOIN n t ON t.id = e.target_id
