-- One slice of the nodes for the parallel graph load, by table blocks as in
-- graph_edges_copy_range; in heap order (the loader sorts by id when that is not id order).
COPY (
    SELECT id, kind_code FROM nodes
    WHERE ctid >= ('(' || current_setting('trama.copy_from') || ',0)')::tid
      AND ctid < ('(' || current_setting('trama.copy_to') || ',0)')::tid
) TO STDOUT (FORMAT binary)
