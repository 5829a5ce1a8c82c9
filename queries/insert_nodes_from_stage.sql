-- A node this dataset already owns is refreshed; a node another dataset owns (same kind and
-- key) is shared as it is: the count of rows affected tells the caller how many it wrote.
-- Kind names are coded through `kinds` (kinds_from_stage ran first).
INSERT INTO nodes (kind_code, key, name, properties, dataset_id, source)
SELECT k.code, s.source_key, s.name, s.properties, $1, s.source
FROM stage_graph s JOIN kinds k ON k.domain = 'node' AND k.name = s.source_kind
WHERE NOT s.is_edge
ON CONFLICT (kind_code, key) DO UPDATE
    SET name = EXCLUDED.name, properties = EXCLUDED.properties, source = EXCLUDED.source
    WHERE nodes.dataset_id = EXCLUDED.dataset_id
