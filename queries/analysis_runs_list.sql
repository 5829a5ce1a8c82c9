-- Stored analysis runs, newest first, optionally of one analysis ($1 NULL for all), a page at a
-- time ($2 rows from $3), each row with the count of all that match.
SELECT analysis, id, started_at::text, seconds, period_from::text, period_to::text, parameters::text, summary::text,
       count(*) OVER () AS total
FROM analysis_runs
WHERE $1::text IS NULL OR analysis = $1::text
ORDER BY id DESC
LIMIT $2::integer OFFSET $3::integer
