-- The packed graph stored for data generation $1, if any (schema/0020_graph_topology.sql).
SELECT format, byte_order, node_count, edge_count, array_to_json(node_kinds)::text, array_to_json(edge_kinds)::text, node_handle_base, node_handles_wide,
       edge_handle_base, edge_handles_wide, checksum, chunks, bytes
FROM graph_topology WHERE generation = $1
