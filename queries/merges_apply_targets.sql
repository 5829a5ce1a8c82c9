UPDATE edges e SET target_id = k.id
FROM merges m JOIN nodes n ON n.kind = m.merged_kind AND n.key = m.merged_key JOIN nodes k ON k.kind = m.kept_kind AND k.key = m.kept_key
WHERE e.target_id = n.id
