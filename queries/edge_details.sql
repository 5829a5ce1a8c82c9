SELECT e.id, ek.name AS kind, sk.name AS source_kind, s.key AS source_key, tk.name AS target_kind, t.key AS target_key,
       e.valid_from, e.valid_to, e.properties, d.name AS dataset, e.source
FROM edges e
JOIN kinds ek ON ek.code = e.kind_code
JOIN nodes s ON s.id = e.source_id
JOIN kinds sk ON sk.code = s.kind_code
JOIN nodes t ON t.id = e.target_id
JOIN kinds tk ON tk.code = t.kind_code
JOIN datasets d ON d.id = e.dataset_id
WHERE e.id = ANY($1::bigint[])
