-- The records entity resolution folded into an entity ($1 kind, $2 key), as they were when
-- merged: a dossier lists every source's identity for the entity.
SELECT merged_kind, merged_key, merged_name, merged_properties, merged_dataset, merged_source,
       to_char(merged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
FROM merges WHERE kept_kind = $1 AND kept_key = $2
ORDER BY merged_at, merged_key
