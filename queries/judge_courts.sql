-- The courts judges serve at, with how many judges each: the choices of the judges' court filter.
SELECT c.key, c.name, count(DISTINCT e.source_id)
FROM edges e
JOIN nodes c ON c.id = e.target_id
WHERE e.kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'serves_at')
GROUP BY c.key, c.name
ORDER BY c.name, c.key
