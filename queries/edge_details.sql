SELECT e.id, e.kind, s.kind AS source_kind, s.key AS source_key, t.kind AS target_kind, t.key AS target_key,
       e.valid_from, e.valid_to, e.properties, d.name AS dataset, e.source
FROM edges e
JOIN nodes s ON s.id = e.source_id
JOIN nodes t ON t.id = e.target_id
JOIN datasets d ON d.id = e.dataset_id
WHERE e.id = ANY($1::bigint[])
