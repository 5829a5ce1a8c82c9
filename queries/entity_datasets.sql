-- Every dataset that says something about node $1: the one its own record came from, and
-- those of the relationships that touch it, with how many relationships each brings.
-- plan: generic
SELECT d.name, bool_or(c.own) AS own, sum(c.relationships)::bigint AS relationships
FROM (
    SELECT dataset_id, true AS own, 0::bigint AS relationships FROM nodes WHERE id = $1::bigint
    UNION ALL
    SELECT dataset_id, false, count(*) FROM edges WHERE source_id = $1::bigint GROUP BY dataset_id
    UNION ALL
    SELECT dataset_id, false, count(*) FROM edges WHERE target_id = $1::bigint GROUP BY dataset_id
) c
JOIN datasets d ON d.id = c.dataset_id
GROUP BY d.name
ORDER BY bool_or(c.own) DESC, d.name
