-- One slice of the edges for the parallel graph load: the slice's bounds are set per
-- connection with copy_range_set (COPY takes no bind parameters).
COPY (
    SELECT id, source_id, target_id, kind, valid_from, valid_to FROM edges
    WHERE id >= current_setting('trama.copy_from')::bigint AND id < current_setting('trama.copy_to')::bigint
) TO STDOUT (FORMAT binary)
