-- Every flag of the latest run of each analysis — or, when $2 or $3 is given, of the latest run
-- whose period is exactly [$2, $3] — with the standing stored with it, without its evidence
-- (flags_evidence reads that for one page). Only entities flagged for one of $1 when $1 is not
-- NULL (a filter's required indicators), all flags of those entities either way; only entity
-- $4 when given.
WITH runs AS (
    SELECT max(id) AS id FROM analysis_runs
    WHERE ($2::date IS NULL AND $3::date IS NULL) OR (period_from IS NOT DISTINCT FROM $2::date AND period_to IS NOT DISTINCT FROM $3::date)
    GROUP BY analysis
), latest AS (
    SELECT f.run_id, f.subject, f.indicator, f.value, f.standing
    FROM flags f WHERE f.run_id IN (SELECT id FROM runs) AND ($4::text IS NULL OR f.subject = $4)
)
SELECT r.analysis, l.run_id, l.subject, l.indicator, l.value, l.standing
FROM latest l JOIN analysis_runs r ON r.id = l.run_id
WHERE $1::text[] IS NULL OR l.subject IN (SELECT subject FROM latest WHERE indicator = ANY($1::text[]))
