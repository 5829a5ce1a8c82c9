SELECT id, kind, key, name FROM nodes WHERE lower(name) = lower($1) ORDER BY kind, key LIMIT 20
