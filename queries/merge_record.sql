-- Keeps the merged entity's record, with its dataset and source, before it is folded into the kept one.
INSERT INTO merges (kept_kind, kept_key, merged_kind, merged_key, merged_name, merged_properties, merged_dataset, merged_source, score, reason)
SELECT kk.name, k.key, mk.name, m.key, m.name, m.properties, d.name, m.source, $3::float8, $4
FROM nodes k JOIN kinds kk ON kk.code = k.kind_code,
     nodes m JOIN kinds mk ON mk.code = m.kind_code JOIN datasets d ON d.id = m.dataset_id
WHERE k.id = $1 AND m.id = $2
ON CONFLICT (merged_kind, merged_key) DO UPDATE SET kept_kind = EXCLUDED.kept_kind, kept_key = EXCLUDED.kept_key, merged_at = now()
