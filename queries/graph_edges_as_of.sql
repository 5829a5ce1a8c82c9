-- The edges of the graph as it stood after version `trama.as_of` (as_of_set).
COPY (
    SELECT id, source_id, target_id, kind_code, valid_from, valid_to FROM edges
    WHERE import_id <= current_setting('trama.as_of')::integer
    UNION ALL
    SELECT id, source_id, target_id, kind_code, valid_from, valid_to FROM retired_edges
    WHERE import_id <= current_setting('trama.as_of')::integer AND retired_import > current_setting('trama.as_of')::integer
) TO STDOUT (FORMAT binary)
