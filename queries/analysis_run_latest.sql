-- The latest run of an analysis: id, when, how long, period, parameters, summary.
SELECT id, started_at::text, seconds, period_from::text, period_to::text, parameters::text, summary::text
FROM analysis_runs WHERE analysis = $1 ORDER BY id DESC LIMIT 1
