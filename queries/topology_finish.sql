-- Describes generation $1's packed graph once its chunks are in; the claim's placeholder row
-- becomes the real one in the same transaction, so readers see all of it or none.
UPDATE graph_topology SET format = $2, byte_order = $3, node_count = $4, edge_count = $5, node_kinds = $6::text[],
    edge_kinds = $7::text[], node_handle_base = $8, node_handles_wide = $9, edge_handle_base = $10, edge_handles_wide = $11,
    checksum = $12, chunks = $13, bytes = $14, stored_at = now()
WHERE generation = $1
