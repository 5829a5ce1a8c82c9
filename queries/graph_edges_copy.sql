-- Kinds as their codes (kinds_list names them).
COPY (SELECT id, source_id, target_id, kind_code, valid_from, valid_to FROM edges) TO STDOUT (FORMAT binary)
