-- Which generation's chunks topology_chunks_copy reads on this connection.
SELECT set_config('trama.topology_generation', $1::bigint::text, false)
