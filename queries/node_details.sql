SELECT n.id, n.kind, n.key, n.name, n.properties, d.name AS dataset, n.source
FROM nodes n JOIN datasets d ON d.id = n.dataset_id
WHERE n.id = ANY($1::bigint[])
