COPY (SELECT id, kind FROM nodes ORDER BY id) TO STDOUT (FORMAT binary)
