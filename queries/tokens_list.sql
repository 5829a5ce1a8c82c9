-- Every API token, revoked ones included, oldest first; not the sessions opened with them. Timestamps as UTC ISO-8601 text.
SELECT id, name, role,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       to_char(last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
FROM api_tokens
WHERE parent_id IS NULL
ORDER BY id
