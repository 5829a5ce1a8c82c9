-- Removes entity $2 from investigation $1, or — $2 NULL — every entity not pinned.
WITH removed AS (
    DELETE FROM investigation_entities
    WHERE investigation_id = $1::bigint AND (entity = $2 OR ($2::text IS NULL AND NOT pinned))
    RETURNING 1
), touched AS (
    UPDATE investigations SET updated_at = now() WHERE id = $1::bigint AND EXISTS (SELECT 1 FROM removed)
)
SELECT count(*) FROM removed
