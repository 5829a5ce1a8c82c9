SELECT n.id, k.name AS kind, n.key, n.name FROM nodes n JOIN kinds k ON k.code = n.kind_code
WHERE n.key = $1 ORDER BY k.name LIMIT 20
