-- Job $1 starts running, with first progress $2 (JSON); a job no longer queued (reaped) is left alone.
UPDATE jobs SET state = 'running', started_at = now(), heartbeat_at = now(), progress = $2::json
WHERE id = $1::bigint AND state = 'queued'
RETURNING id
