-- The nodes of the graph as it stood after version `trama.as_of` (as_of_set; COPY takes no
-- bind parameters): see 0012_import_history.sql.
COPY (
    SELECT id, kind_code FROM nodes WHERE import_id <= current_setting('trama.as_of')::integer
    UNION ALL
    SELECT id, kind_code FROM retired_nodes
    WHERE import_id <= current_setting('trama.as_of')::integer AND retired_import > current_setting('trama.as_of')::integer
    ORDER BY id
) TO STDOUT (FORMAT binary)
