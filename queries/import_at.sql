-- The last version finished at or before the time $1.
SELECT max(id) FROM imports WHERE finished_at IS NOT NULL AND finished_at <= $1::timestamptz
