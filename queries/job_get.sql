-- One job by id. Timestamps as UTC ISO-8601 text; JSON columns as text.
SELECT id, kind, state, parameters::text, token_id,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       progress::text, result::text, problems::text
FROM jobs WHERE id = $1::bigint
