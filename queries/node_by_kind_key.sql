SELECT id, kind, key, name FROM nodes WHERE kind = ANY($1::text[]) AND key = $2
