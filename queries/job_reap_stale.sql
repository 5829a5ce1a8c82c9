-- Unfinished jobs whose server has not been heard from for $1 seconds: it stopped, and they
-- will not end by themselves. Marked failed with problem $2 (a JSON array); returns their ids.
UPDATE jobs SET state = 'failed', finished_at = now(), problems = $2::json
WHERE state IN ('queued', 'running') AND heartbeat_at < now() - make_interval(secs => $1::double precision)
RETURNING id
