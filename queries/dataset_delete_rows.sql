WITH gone_edges AS (DELETE FROM edges WHERE dataset_id = $1 RETURNING 1),
     gone_nodes AS (DELETE FROM nodes WHERE dataset_id = $1 RETURNING 1)
SELECT (SELECT count(*) FROM gone_nodes) AS nodes, (SELECT count(*) FROM gone_edges) AS edges
