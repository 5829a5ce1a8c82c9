-- Judges a page at a time, those with the most red flags first: each with the court they
-- serve at (the latest appointment when several), the cases they preside over, and the flags
-- the latest run of each analysis raised on them. $1: only judges serving at court `court:key`
-- (NULL: any); $2: true only flagged judges, false only unflagged (NULL: both).
WITH codes AS (
    SELECT (SELECT code FROM kinds WHERE domain = 'node' AND name = 'judge') AS judge,
           (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'serves_at') AS serves_at,
           (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'presides') AS presides
), latest AS (
    SELECT max(id) AS id FROM analysis_runs GROUP BY analysis
), judges AS (
    SELECT j.id, j.key, j.name,
           (SELECT c.key FROM edges e JOIN nodes c ON c.id = e.target_id
            WHERE e.source_id = j.id AND e.kind_code = codes.serves_at
            ORDER BY e.valid_from DESC NULLS LAST, c.key LIMIT 1) AS court_key,
           (SELECT count(*) FROM edges e WHERE e.source_id = j.id AND e.kind_code = codes.presides) AS cases,
           (SELECT count(*) FROM flags f WHERE f.subject = 'judge:' || j.key AND f.run_id IN (SELECT id FROM latest)) AS flags
    FROM nodes j, codes
    WHERE j.kind_code = codes.judge
)
SELECT j.key, j.name, j.court_key, c.name, j.cases, j.flags, count(*) OVER () AS total
FROM judges j
LEFT JOIN nodes c ON c.key = j.court_key AND c.kind_code = (SELECT code FROM kinds WHERE domain = 'node' AND name = 'court')
WHERE ($1::text IS NULL OR 'court:' || j.court_key = $1)
  AND ($2::boolean IS NULL OR (j.flags > 0) = $2::boolean)
ORDER BY j.flags DESC, j.cases DESC, j.name, j.key
LIMIT $3::int OFFSET $4::int
