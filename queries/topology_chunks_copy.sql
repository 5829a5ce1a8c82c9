-- The chunks of the packed graph of the generation set with topology_generation_set, in order
-- (COPY takes no bind parameters; the value is a validated integer).
COPY (
    SELECT chunk, data FROM graph_topology_chunks
    WHERE generation = current_setting('trama.topology_generation')::bigint
    ORDER BY chunk
) TO STDOUT (FORMAT binary)
