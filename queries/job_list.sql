-- A page of jobs, newest first, optionally only token $3's.
SELECT id, kind, state, parameters::text, token_id,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       progress::text, result::text, problems::text
FROM jobs
WHERE ($3::int IS NULL OR token_id = $3::int)
ORDER BY id DESC
LIMIT $1::int OFFSET $2::int
