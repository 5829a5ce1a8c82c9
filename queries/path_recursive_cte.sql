-- Hops between two nodes by a recursive CTE over the adjacency store, walking edges both
-- ways, up to $3 hops: the baseline the engine is benchmarked against (bench/run).
-- UNION (not UNION ALL) keeps each (node, depth) once, so the walk is a breadth-first
-- expansion rather than an enumeration of every walk.
WITH RECURSIVE walk(node, depth) AS (
    SELECT $1::bigint, 0
  UNION
    SELECT step.next, walk.depth + 1
    FROM walk
    CROSS JOIN LATERAL (
        SELECT e.target_id AS next FROM edges e WHERE e.source_id = walk.node
        UNION ALL
        SELECT e.source_id FROM edges e WHERE e.target_id = walk.node
    ) step
    WHERE walk.depth < $3::int
)
SELECT min(depth) FROM walk WHERE node = $2::bigint
