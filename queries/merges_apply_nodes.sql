DELETE FROM nodes n USING merges m, nodes k
WHERE n.kind = m.merged_kind AND n.key = m.merged_key AND k.kind = m.kept_kind AND k.key = m.kept_key AND n.id <> k.id
