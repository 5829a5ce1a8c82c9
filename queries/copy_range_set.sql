-- Bounds [$1, $2) of the id slice graph_edges_copy_range reads on this connection.
SELECT set_config('trama.copy_from', $1, false), set_config('trama.copy_to', $2, false)
