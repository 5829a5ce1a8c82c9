-- Every tender with its buyer (the agency that procures it), publication date, estimated
-- price, product code and the buyer's location (binary COPY).
COPY (
    SELECT t.id, p.source_id,
           (t.properties->>'PublicationDate')::date,
           (t.properties->>'EstimatedPrice')::float8,
           t.properties->>'ProductCode',
           a.properties->>'AgencyLocation'
    FROM nodes t
    LEFT JOIN LATERAL (
        SELECT source_id FROM edges WHERE target_id = t.id AND kind = 'procures' ORDER BY id LIMIT 1
    ) p ON true
    LEFT JOIN nodes a ON a.id = p.source_id
    WHERE t.kind = 'tender'
) TO STDOUT (FORMAT binary)
