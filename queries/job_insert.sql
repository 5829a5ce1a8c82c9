-- A new job, queued on server $4: kind $1, parameters $2 (JSON), token $3. The columns of job_get.
INSERT INTO jobs (kind, parameters, token_id, server) VALUES ($1, $2::json, $3::int, $4)
RETURNING id, kind, state, parameters::text, token_id,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       progress::text, result::text, problems::text
