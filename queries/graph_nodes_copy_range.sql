-- One slice of the nodes for the parallel graph load, in id order; bounds set per connection
-- with copy_range_set.
COPY (
    SELECT id, kind FROM nodes
    WHERE id >= current_setting('trama.copy_from')::bigint AND id < current_setting('trama.copy_to')::bigint
    ORDER BY id
) TO STDOUT (FORMAT binary)
