-- Sets entity $2's pin ($3, unchanged when NULL) and note ($4, unchanged when NULL) in
-- investigation $1; returns how many rows changed (0: not in it).
WITH changed AS (
    UPDATE investigation_entities
    SET pinned = coalesce($3::boolean, pinned), note = coalesce($4, note)
    WHERE investigation_id = $1::bigint AND entity = $2
    RETURNING 1
), touched AS (
    UPDATE investigations SET updated_at = now() WHERE id = $1::bigint AND EXISTS (SELECT 1 FROM changed)
)
SELECT count(*) FROM changed
