SELECT id, kind, key, name FROM nodes WHERE key = $1 ORDER BY kind LIMIT 20
