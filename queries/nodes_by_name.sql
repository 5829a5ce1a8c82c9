SELECT n.id, k.name AS kind, n.key, n.name FROM nodes n JOIN kinds k ON k.code = n.kind_code
WHERE lower(n.name) = lower($1) ORDER BY k.name, n.key LIMIT 20
