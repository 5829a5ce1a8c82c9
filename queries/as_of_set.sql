-- The version graph_nodes_as_of and graph_edges_as_of read, for this connection's session.
SELECT set_config('trama.as_of', $1::integer::text, false)
