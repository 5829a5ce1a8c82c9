-- The versions of the graph, newest first (finished ones: a running import is not a version yet).
SELECT id, action, dataset, format, digest, files, imported_by, reason, started_at, finished_at,
       node_count, edge_count, retired_nodes, retired_edges
FROM imports WHERE finished_at IS NOT NULL
ORDER BY id DESC
