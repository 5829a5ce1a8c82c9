UPDATE datasets
SET node_count = (SELECT count(*) FROM nodes WHERE dataset_id = $1),
    edge_count = (SELECT count(*) FROM edges WHERE dataset_id = $1),
    rejected_count = $2
WHERE id = $1
RETURNING node_count, edge_count
