-- plan: generic
SELECT e.id, e.kind_code, s.kind_code, s.key, t.kind_code, t.key, e.valid_from, e.valid_to, e.properties, e.dataset_id, e.source
FROM edges e
JOIN nodes s ON s.id = e.source_id
JOIN nodes t ON t.id = e.target_id
WHERE e.id = ANY ($1::bigint[])
