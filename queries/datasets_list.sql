SELECT name, format, digest, imported_at, node_count, edge_count, rejected_count FROM datasets ORDER BY name
