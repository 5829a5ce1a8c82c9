-- Merges investigation $2's entities into $1: new ones are added with their pin and note; for
-- one in both, it is pinned if either pins it and the notes are joined (a note already there is
-- not repeated). Returns how many entities were new to $1.
WITH merged AS (
    INSERT INTO investigation_entities AS t (investigation_id, entity, pinned, note)
    SELECT $1::bigint, e.entity, e.pinned, e.note FROM investigation_entities e WHERE e.investigation_id = $2::bigint
    ON CONFLICT (investigation_id, entity) DO UPDATE
    SET pinned = t.pinned OR excluded.pinned,
        note = CASE
            WHEN excluded.note = '' OR position(excluded.note IN t.note) > 0 THEN t.note
            WHEN t.note = '' THEN excluded.note
            ELSE left(t.note || E'\n' || excluded.note, 4000)
        END
    RETURNING (xmax = 0) AS inserted
), touched AS (
    UPDATE investigations SET updated_at = now() WHERE id = $1::bigint
)
SELECT count(*) FILTER (WHERE inserted) FROM merged
