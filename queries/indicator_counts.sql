-- How many entities the latest run of each analysis flagged under each indicator, with the
-- analysis: the coverage view's "computed" figures.
SELECT r.analysis, f.indicator, count(*)
FROM flags f
JOIN analysis_runs r ON r.id = f.run_id
WHERE f.run_id IN (SELECT max(id) FROM analysis_runs GROUP BY analysis)
GROUP BY r.analysis, f.indicator
