-- Adds the references in $2 (text[]) to investigation $1; those already in it stay as they are.
-- Returns how many were new.
WITH added AS (
    INSERT INTO investigation_entities (investigation_id, entity)
    SELECT $1::bigint, r FROM unnest($2::text[]) AS r
    ON CONFLICT DO NOTHING
    RETURNING 1
), touched AS (
    UPDATE investigations SET updated_at = now() WHERE id = $1::bigint AND EXISTS (SELECT 1 FROM added)
)
SELECT count(*) FROM added
