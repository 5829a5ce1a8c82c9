-- Nodes this dataset already owns (kept through a replacement because another dataset's edges
-- still use them) are refreshed from the stage, before insert_nodes_from_stage adds the new
-- ones. $2 is the version writing them (0012_import_history.sql).
UPDATE nodes n
SET name = s.name, properties = s.properties, source = s.source, import_id = $2::integer
FROM stage_graph s JOIN kinds k ON k.domain = 'node' AND k.name = s.source_kind
WHERE NOT s.is_edge AND n.kind_code = k.code AND n.key = s.source_key AND n.dataset_id = $1
