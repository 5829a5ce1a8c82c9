-- Flags of the latest run of every analysis, optionally for one entity and one indicator
-- (its sub-indicators too: '2.7' finds 2.7.1 and 2.7.4 — by starts_with, not LIKE, so that no
-- character of $2 is a wildcard), with values from $5 to $6 (either NULL: open), a page at a
-- time with the count of all. $7 orders them: 'indicator' (then the highest value first),
-- '-value', 'value' or 'subject'.
SELECT r.analysis, f.run_id, f.subject, f.indicator, f.value, f.evidence::text, count(*) OVER () AS total
FROM flags f
JOIN analysis_runs r ON r.id = f.run_id
WHERE f.run_id IN (SELECT max(id) FROM analysis_runs GROUP BY analysis)
  AND ($1::text IS NULL OR f.subject = $1)
  AND ($2::text IS NULL OR f.indicator = $2 OR starts_with(f.indicator, $2 || '.'))
  AND ($5::float8 IS NULL OR f.value >= $5)
  AND ($6::float8 IS NULL OR f.value <= $6)
ORDER BY CASE WHEN $7::text = '-value' THEN f.value END DESC NULLS LAST,
         CASE WHEN $7::text = 'value' THEN f.value END ASC NULLS LAST,
         CASE WHEN $7::text = 'subject' THEN f.subject END,
         f.indicator, f.value DESC NULLS LAST, f.subject
LIMIT $3::int OFFSET $4::int
