-- Investigation $1 as token $2 may see it: id, name, owner id, owner's token name, created and
-- updated (UTC text), and $2's access — 'owner', 'edit', 'read' — or no row when it has none.
SELECT i.id, i.name, i.owner_id, t.name,
       to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(i.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       CASE WHEN i.owner_id = $2::int THEN 'owner' ELSE s.access END
FROM investigations i
JOIN api_tokens t ON t.id = i.owner_id
LEFT JOIN investigation_shares s ON s.investigation_id = i.id AND s.token_id = $2::int
WHERE i.id = $1::bigint AND (i.owner_id = $2::int OR s.access IS NOT NULL)
