-- Each judge's specialisation (chamber, docket) where a source records one: the
-- `Specialisation` on their latest `serves_at` tie, for the judicial peer groups (binary COPY).
COPY (
    SELECT DISTINCT ON (source_id) source_id, properties->>'Specialisation'
    FROM edges
    WHERE kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'serves_at') AND coalesce(properties->>'Specialisation', '') <> ''
    ORDER BY source_id, valid_from DESC NULLS LAST, id DESC
) TO STDOUT (FORMAT binary)
