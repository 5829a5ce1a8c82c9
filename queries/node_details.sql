-- plan: generic
SELECT id, kind_code, key, name, properties, dataset_id, source FROM nodes WHERE id = ANY ($1::bigint[])
