-- One run by id, if it is a run of analysis $2.
SELECT id, started_at::text, seconds, period_from::text, period_to::text, parameters::text, summary::text
FROM analysis_runs WHERE id = $1::integer AND analysis = $2::text
