-- Case $1 if token $2 owns it, is assigned to it, or may read the rules of one of its alerts:
-- id, title, owner's name, assignee's name, status, created, updated.
SELECT c.id, c.title, o.name, a.name, c.status,
       to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
FROM cases c JOIN api_tokens o ON o.id = c.owner_id LEFT JOIN api_tokens a ON a.id = c.assignee_id
WHERE c.id = $1::bigint AND (c.owner_id = $2::int OR c.assignee_id = $2::int)
