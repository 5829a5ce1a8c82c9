-- A node this dataset already owns is refreshed; a node another dataset owns (same kind and
-- key) is shared as it is: the count of rows affected tells the caller how many it wrote.
-- $2 is the version writing them (0012_import_history.sql).
-- Kind names are coded through `kinds` (kinds_from_stage ran first).
INSERT INTO nodes (kind_code, key, name, properties, dataset_id, source, import_id)
SELECT k.code, s.source_key, s.name, s.properties, $1, s.source, $2::integer
FROM stage_graph s JOIN kinds k ON k.domain = 'node' AND k.name = s.source_kind
WHERE NOT s.is_edge
ON CONFLICT (kind_code, key) DO UPDATE
    SET name = EXCLUDED.name, properties = EXCLUDED.properties, source = EXCLUDED.source, import_id = EXCLUDED.import_id
    WHERE nodes.dataset_id = EXCLUDED.dataset_id
