-- Every document the latest run of each analysis stored about entity $1, by analysis and
-- section, in rank order.
SELECT r.analysis, a.run_id, a.section, a.body::text
FROM analysis_results a
JOIN analysis_runs r ON r.id = a.run_id
WHERE a.subject = $1
  AND a.run_id IN (SELECT max(id) FROM analysis_runs GROUP BY analysis)
ORDER BY r.analysis, a.section, a.position
