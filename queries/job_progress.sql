-- Job $1's progress $2 (JSON), which also shows its server is alive.
UPDATE jobs SET progress = $2::json, heartbeat_at = now()
WHERE id = $1::bigint AND state = 'running'
