-- The flags of runs $1 about the entities $2, with their standing and evidence: one page of a
-- ranking or one entity's profile.
SELECT r.analysis, f.run_id, f.subject, f.indicator, f.value, f.standing, f.evidence::text
FROM flags f JOIN analysis_runs r ON r.id = f.run_id
WHERE f.subject = ANY($2::text[]) AND f.run_id = ANY($1::int[])
