UPDATE edges e SET target_id = k.id
FROM merges m
JOIN kinds nk ON nk.domain = 'node' AND nk.name = m.merged_kind JOIN nodes n ON n.kind_code = nk.code AND n.key = m.merged_key
JOIN kinds kk ON kk.domain = 'node' AND kk.name = m.kept_kind JOIN nodes k ON k.kind_code = kk.code AND k.key = m.kept_key
WHERE e.target_id = n.id
