-- Kinds as their codes (kinds_list names them).
COPY (SELECT id, kind_code FROM nodes ORDER BY id) TO STDOUT (FORMAT binary)
