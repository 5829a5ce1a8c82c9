-- The entities of investigation $1 in the order they were added: reference, pinned, note, and
-- the node's id (NULL when the data no longer has it).
SELECT e.entity, e.pinned, e.note, n.id
FROM investigation_entities e
LEFT JOIN kinds k ON k.domain = 'node' AND k.name = split_part(e.entity, ':', 1)
LEFT JOIN nodes n ON n.kind_code = k.code AND n.key = substr(e.entity, length(k.name) + 2)
WHERE e.investigation_id = $1::bigint
ORDER BY e.added_at, e.entity
