SELECT id, kind, key, name FROM nodes
WHERE lower(name) % lower($1)
ORDER BY similarity(lower(name), lower($1)) DESC, kind, key
LIMIT 5
