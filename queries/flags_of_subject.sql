-- flags_list for one entity, $1 (its `kind:key`), which must be given: with the subject fixed
-- the flags' subject index answers whatever the values, so one generic plan serves every run.
-- flags_list, whose filters may each be NULL, is planned for each run's values instead (its
-- plans took 1.75 ms for 0.3 ms of work on an entity's page).
-- plan: generic
SELECT r.analysis, f.run_id, f.subject, f.indicator, f.value, f.evidence::text, count(*) OVER () AS total
FROM flags f
JOIN analysis_runs r ON r.id = f.run_id
WHERE f.subject = $1
  AND f.run_id IN (SELECT max(id) FROM analysis_runs GROUP BY analysis)
  AND ($2::text IS NULL OR f.indicator = $2 OR starts_with(f.indicator, $2 || '.'))
  AND ($5::float8 IS NULL OR f.value >= $5)
  AND ($6::float8 IS NULL OR f.value <= $6)
ORDER BY CASE WHEN $7::text = '-value' THEN f.value END DESC NULLS LAST,
         CASE WHEN $7::text = 'value' THEN f.value END ASC NULLS LAST,
         CASE WHEN $7::text = 'subject' THEN f.subject END,
         f.indicator, f.value DESC NULLS LAST, f.subject
LIMIT $3::int OFFSET $4::int
