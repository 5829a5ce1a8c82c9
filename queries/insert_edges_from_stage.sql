INSERT INTO edges (source_id, target_id, kind, valid_from, valid_to, properties, dataset_id, source)
SELECT s.id, t.id, e.kind, e.valid_from, e.valid_to, e.properties, $1, e.source
FROM stage_graph e
JOIN nodes s ON s.kind = e.source_kind AND s.key = e.source_key
JOIN nodes t ON t.kind = e.target_kind AND t.key = e.target_key
WHERE e.is_edge
