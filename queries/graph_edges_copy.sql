COPY (SELECT id, source_id, target_id, kind, valid_from, valid_to FROM edges) TO STDOUT (FORMAT binary)
