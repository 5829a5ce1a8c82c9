-- kind, key and name of many nodes at once (analysis results name entities by kind:key).
SELECT id, kind_code, key, name FROM nodes WHERE id = ANY ($1::bigint[])
