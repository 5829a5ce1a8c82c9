-- $1 is a text[] of kind names.
SELECT n.id, k.name, n.key, n.name
FROM nodes n JOIN kinds k ON k.code = n.kind_code
WHERE n.kind_code = ANY (ARRAY(SELECT code FROM kinds WHERE domain = 'node' AND name = ANY($1::text[]))) AND n.key = $2
