-- Nodes of any kind with this key. Every node kind is named so that the unique (kind_code,
-- key) index answers, one descent per kind (schema/0025_no_index_on_keys_alone.sql).
SELECT n.id, k.name AS kind, n.key, n.name FROM nodes n JOIN kinds k ON k.code = n.kind_code
WHERE n.kind_code = ANY (ARRAY(SELECT code FROM kinds WHERE domain = 'node')) AND n.key = $1
ORDER BY k.name LIMIT 20
