-- Claims generation $1 for storing its packed graph: no row when one is stored, or being
-- stored by another process (ON CONFLICT waits for that transaction, then skips).
INSERT INTO graph_topology (generation, format, byte_order, node_count, edge_count, node_kinds, edge_kinds, node_handle_base,
    node_handles_wide, edge_handle_base, edge_handles_wide, checksum, chunks, bytes)
VALUES ($1, 0, '', 0, 0, '{}', '{}', 0, false, 0, false, 0, 0, 0)
ON CONFLICT (generation) DO NOTHING
RETURNING generation
