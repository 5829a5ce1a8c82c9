-- kind, key and name of many nodes at once (analysis results name entities by kind:key).
SELECT n.id, k.name AS kind, n.key, n.name FROM nodes n JOIN kinds k ON k.code = n.kind_code WHERE n.id = ANY($1::bigint[])
