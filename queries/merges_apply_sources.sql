-- Every recorded merge whose merged entity is in the store (again): its relationships move to
-- the kept entity, each keeping its own dataset and source record.
UPDATE edges e SET source_id = k.id
FROM merges m
JOIN kinds nk ON nk.domain = 'node' AND nk.name = m.merged_kind JOIN nodes n ON n.kind_code = nk.code AND n.key = m.merged_key
JOIN kinds kk ON kk.domain = 'node' AND kk.name = m.kept_kind JOIN nodes k ON k.kind_code = kk.code AND k.key = m.kept_key
WHERE e.source_id = n.id
