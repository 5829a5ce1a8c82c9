-- The open candidates, best first: both entities with where they came from.
SELECT a.kind, a.key, a.name, da.name, a.source, b.key, b.name, db.name, b.source,
       (e.properties->>'score')::float8, e.properties->>'reason'
FROM edges e
JOIN nodes a ON a.id = e.source_id JOIN datasets da ON da.id = a.dataset_id
JOIN nodes b ON b.id = e.target_id JOIN datasets db ON db.id = b.dataset_id
WHERE e.kind = 'possibly_same_as'
ORDER BY (e.properties->>'score')::float8 DESC, a.kind, a.key, b.key
LIMIT $1::int
