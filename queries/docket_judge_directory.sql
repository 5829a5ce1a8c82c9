-- The FJC directory's judges with their services, for resolving the names dockets give
-- (`trama ingest dockets`): key, name, first, middle and last name, the court served at (its
-- Courts-DB id when the directory was matched to Courts-DB), and the service's dates.
SELECT j.key, j.name, j.properties->>'first_name', j.properties->>'middle_name', j.properties->>'last_name', c.key, e.valid_from, e.valid_to
FROM nodes j
JOIN edges e ON e.source_id = j.id AND e.kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'serves_at')
JOIN nodes c ON c.id = e.target_id
WHERE j.kind_code = (SELECT code FROM kinds WHERE domain = 'node' AND name = 'judge') AND j.key LIKE 'fjc:%'
ORDER BY j.key, e.valid_from
