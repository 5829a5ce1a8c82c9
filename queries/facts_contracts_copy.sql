-- Every contract with its supplier, the tender it was awarded under, value and date (binary COPY).
COPY (
    SELECT c.id, u.target_id, h.source_id,
           (c.properties->>'ContractValue')::float8,
           (c.properties->>'ContractDate')::date
    FROM nodes c
    JOIN edges h ON h.target_id = c.id AND h.kind = 'holds_contract'
    LEFT JOIN LATERAL (
        SELECT target_id FROM edges WHERE source_id = c.id AND kind = 'awarded_under' ORDER BY id LIMIT 1
    ) u ON true
    WHERE c.kind = 'contract'
) TO STDOUT (FORMAT binary)
