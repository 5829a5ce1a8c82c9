-- Every flag of the latest run of each analysis — or, when $2 or $3 is given, of the latest run
-- whose period is exactly [$2, $3] — with the flag's standing among all entities flagged for
-- the same indicator: cume_dist of its value, oriented so that 1 is the riskiest ($4 lists the
-- indicators where a lower value is riskier). Only entities flagged for one of $1 when $1 is
-- not NULL (a filter's required indicators); all flags of those entities either way.
WITH runs AS (
    SELECT max(id) AS id FROM analysis_runs
    WHERE ($2::date IS NULL AND $3::date IS NULL) OR (period_from IS NOT DISTINCT FROM $2::date AND period_to IS NOT DISTINCT FROM $3::date)
    GROUP BY analysis
), latest AS (
    SELECT f.run_id, f.subject, f.indicator, f.value, f.evidence
    FROM flags f WHERE f.run_id IN (SELECT id FROM runs)
), ranked AS (
    SELECT l.*, CASE WHEN l.value IS NULL THEN NULL
                     WHEN l.indicator = ANY($4::text[]) THEN cume_dist() OVER (PARTITION BY l.indicator ORDER BY l.value DESC NULLS FIRST)
                     ELSE cume_dist() OVER (PARTITION BY l.indicator ORDER BY l.value NULLS FIRST) END AS standing
    FROM latest l
)
SELECT r.analysis, k.run_id, k.subject, k.indicator, k.value, k.evidence::text, k.standing
FROM ranked k JOIN analysis_runs r ON r.id = k.run_id
WHERE ($1::text[] IS NULL OR k.subject IN (SELECT subject FROM latest WHERE indicator = ANY($1::text[])))
  AND ($5::text IS NULL OR k.subject = $5)
ORDER BY k.subject, k.indicator
