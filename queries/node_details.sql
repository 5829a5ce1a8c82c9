SELECT n.id, k.name AS kind, n.key, n.name, n.properties, d.name AS dataset, n.source
FROM nodes n JOIN kinds k ON k.code = n.kind_code JOIN datasets d ON d.id = n.dataset_id
WHERE n.id = ANY($1::bigint[])
