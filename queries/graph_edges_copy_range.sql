-- One slice of the edges for the parallel graph load: the table blocks [copy_from, copy_to)
-- set per connection with copy_range_set (COPY takes no bind parameters). A block range is a
-- TID range scan: each connection reads only its own part of the table.
COPY (
    SELECT id, source_id, target_id, kind_code, valid_from, valid_to FROM edges
    WHERE ctid >= ('(' || current_setting('trama.copy_from') || ',0)')::tid
      AND ctid < ('(' || current_setting('trama.copy_to') || ',0)')::tid
) TO STDOUT (FORMAT binary)
