-- Every case with its presiding judge, court and dates, for the judicial screens (binary
-- COPY). Dates are the `presides` edge's validity (filed → decided), else the case's own
-- FiledDate / DecidedDate when they are ISO dates; the court is the `heard_in` target.
COPY (
    SELECT c.id,
           p.source_id,
           h.target_id,
           coalesce(p.valid_from, CASE WHEN c.properties->>'FiledDate' ~ '^\d{4}-\d{2}-\d{2}$' THEN (c.properties->>'FiledDate')::date END),
           coalesce(p.valid_to, CASE WHEN c.properties->>'DecidedDate' ~ '^\d{4}-\d{2}-\d{2}$' THEN (c.properties->>'DecidedDate')::date END),
           nullif(c.properties->>'Outcome', '')
    FROM nodes c
    LEFT JOIN LATERAL (SELECT source_id, valid_from, valid_to FROM edges
                       WHERE kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'presides') AND target_id = c.id ORDER BY id LIMIT 1) p ON true
    LEFT JOIN LATERAL (SELECT target_id FROM edges
                       WHERE kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'heard_in') AND source_id = c.id ORDER BY id LIMIT 1) h ON true
    WHERE c.kind_code = (SELECT code FROM kinds WHERE domain = 'node' AND name = 'case')
) TO STDOUT (FORMAT binary)
