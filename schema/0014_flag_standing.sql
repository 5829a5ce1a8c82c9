-- A flag's standing among the flags of its run for the same indicator (FlagStanding: the share
-- no riskier than it, 1 = riskiest), stored with the run so that rankings, filters and
-- profiles read it instead of ranking every flag on every question.
ALTER TABLE flags ADD COLUMN standing double precision;
-- Runs stored before: the same rule, with the lower-is-riskier flags of the time (3.4.1, 3.6.6).
UPDATE flags f SET standing = s.standing
FROM (SELECT ctid AS row_id,
             cume_dist() OVER (PARTITION BY run_id, indicator
                               ORDER BY CASE WHEN indicator IN ('3.4.1', '3.6.6') THEN -value ELSE value END) AS standing
      FROM flags WHERE value IS NOT NULL) s
WHERE f.ctid = s.row_id;
