-- The version's transaction is about to commit: when, and what it left and retired.
UPDATE imports
SET finished_at = clock_timestamp(), node_count = $2::bigint, edge_count = $3::bigint,
    retired_nodes = retired_nodes + $4::bigint, retired_edges = retired_edges + $5::bigint
WHERE id = $1::integer
