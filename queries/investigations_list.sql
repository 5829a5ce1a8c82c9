-- The investigations token $1 owns or has been given, most recently changed first, with the
-- same columns as investigation_get and their number of entities.
SELECT i.id, i.name, i.owner_id, t.name,
       to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(i.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       CASE WHEN i.owner_id = $1::int THEN 'owner' ELSE s.access END,
       (SELECT count(*) FROM investigation_entities e WHERE e.investigation_id = i.id)
FROM investigations i
JOIN api_tokens t ON t.id = i.owner_id
LEFT JOIN investigation_shares s ON s.investigation_id = i.id AND s.token_id = $1::int
WHERE i.owner_id = $1::int OR s.access IS NOT NULL
ORDER BY i.updated_at DESC, i.id DESC
