-- The analyses that have a stored run, with the latest run's id.
SELECT analysis, max(id) FROM analysis_runs GROUP BY analysis
