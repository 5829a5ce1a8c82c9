-- Job $1 ends in state $2 (succeeded or failed) with result $3 (JSON or NULL), problems $4 (a JSON
-- array) and last progress $5 (JSON or NULL: keep the one it had).
UPDATE jobs SET state = $2, finished_at = now(), heartbeat_at = now(), result = $3::json, problems = $4::json,
               progress = coalesce($5::json, progress)
WHERE id = $1::bigint AND state IN ('queued', 'running')
