-- Every recorded merge whose merged entity is in the store (again): its relationships move to
-- the kept entity, each keeping its own dataset and source record.
UPDATE edges e SET source_id = k.id
FROM merges m JOIN nodes n ON n.kind = m.merged_kind AND n.key = m.merged_key JOIN nodes k ON k.kind = m.kept_kind AND k.key = m.kept_key
WHERE e.source_id = n.id
