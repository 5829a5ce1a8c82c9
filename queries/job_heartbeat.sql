-- Server $1 is alive: its unfinished jobs are not stale.
UPDATE jobs SET heartbeat_at = now()
WHERE server = $1 AND state IN ('queued', 'running')
