-- One section of a run's results, in rank order.
SELECT subject, body::text FROM analysis_results WHERE run_id = $1 AND section = $2 ORDER BY position
