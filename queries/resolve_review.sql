-- The open candidates, best first: both entities with where they came from; $1 rows from $2,
-- each with the count of all.
SELECT ak.name, a.key, a.name, da.name, a.source, b.key, b.name, db.name, b.source,
       (e.properties->>'score')::float8, e.properties->>'reason', count(*) OVER () AS total
FROM edges e
JOIN nodes a ON a.id = e.source_id JOIN kinds ak ON ak.code = a.kind_code JOIN datasets da ON da.id = a.dataset_id
JOIN nodes b ON b.id = e.target_id JOIN datasets db ON db.id = b.dataset_id
WHERE e.kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'possibly_same_as')
ORDER BY (e.properties->>'score')::float8 DESC, ak.name, a.key, b.key
LIMIT $1::int OFFSET $2::int
