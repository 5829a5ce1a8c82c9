-- A node another dataset already holds (same kind and key) is kept as it is: the count of rows
-- inserted tells the caller how many were new.
INSERT INTO nodes (kind, key, name, properties, dataset_id, source)
SELECT kind, key, name, properties, $1, source FROM stage_nodes
ON CONFLICT (kind, key) DO NOTHING
