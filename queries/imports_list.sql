-- The versions of the graph, newest first (finished ones: a running import is not a version
-- yet). Times in UTC, ISO 8601 to the microsecond: what `--as-of` accepts back.
SELECT id, action, dataset, format, digest, files, imported_by, reason,
       to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       node_count, edge_count, retired_nodes, retired_edges
FROM imports WHERE finished_at IS NOT NULL
ORDER BY id DESC
