-- The cases token $1 owns or is assigned, of status $2 when given, newest change first.
SELECT c.id, c.title, o.name, a.name, c.status,
       to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
FROM cases c JOIN api_tokens o ON o.id = c.owner_id LEFT JOIN api_tokens a ON a.id = c.assignee_id
WHERE (c.owner_id = $1::int OR c.assignee_id = $1::int) AND ($2::text IS NULL OR c.status = $2)
ORDER BY c.updated_at DESC, c.id DESC
