-- Merges name entities by kind name and key (they outlive node ids and kind codes).
DELETE FROM nodes n USING merges m, kinds nk, kinds kk, nodes k
WHERE nk.domain = 'node' AND nk.name = m.merged_kind AND n.kind_code = nk.code AND n.key = m.merged_key
  AND kk.domain = 'node' AND kk.name = m.kept_kind AND k.kind_code = kk.code AND k.key = m.kept_key
  AND n.id <> k.id
