-- Flags of the latest run of every analysis, optionally for one entity and one indicator
-- (its sub-indicators too: '2.7' finds 2.7.1 and 2.7.4 — by starts_with, not LIKE, so that no
-- character of $2 is a wildcard), a page at a time with the count of all.
SELECT r.analysis, f.run_id, f.subject, f.indicator, f.value, f.evidence::text, count(*) OVER () AS total
FROM flags f
JOIN analysis_runs r ON r.id = f.run_id
WHERE f.run_id IN (SELECT max(id) FROM analysis_runs GROUP BY analysis)
  AND ($1::text IS NULL OR f.subject = $1)
  AND ($2::text IS NULL OR f.indicator = $2 OR starts_with(f.indicator, $2 || '.'))
ORDER BY f.indicator, f.value DESC NULLS LAST, f.subject
LIMIT $3::int OFFSET $4::int
