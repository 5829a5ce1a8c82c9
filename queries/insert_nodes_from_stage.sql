-- A node this dataset already owns is refreshed; a node another dataset owns (same kind and
-- key) is shared as it is: the count of rows affected tells the caller how many it wrote.
INSERT INTO nodes (kind, key, name, properties, dataset_id, source)
SELECT source_kind, source_key, name, properties, $1, source FROM stage_graph WHERE NOT is_edge
ON CONFLICT (kind, key) DO UPDATE
    SET name = EXCLUDED.name, properties = EXCLUDED.properties, source = EXCLUDED.source
    WHERE nodes.dataset_id = EXCLUDED.dataset_id
