-- Kind names are coded through `kinds` (kinds_from_stage ran first); an edge whose endpoint
-- (kind and key) is not stored is not inserted, and the caller compares the counts.
INSERT INTO edges (source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id)
SELECT s.id, t.id, ek.code, e.valid_from, e.valid_to, e.properties, $1, e.source, $2::integer
FROM stage_graph e
JOIN kinds ek ON ek.domain = 'edge' AND ek.name = e.kind
JOIN kinds sk ON sk.domain = 'node' AND sk.name = e.source_kind
JOIN kinds tk ON tk.domain = 'node' AND tk.name = e.target_kind
JOIN nodes s ON s.kind_code = sk.code AND s.key = e.source_key
JOIN nodes t ON t.kind_code = tk.code AND t.key = e.target_key
WHERE e.is_edge
