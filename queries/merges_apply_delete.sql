-- Then the merged entity itself goes (its record is in `merges`); a candidate edge it still had
-- to the kept entity, now a self-loop, goes with the node's other left-overs, retired by the
-- version $1 that made it one.
WITH gone AS (
    DELETE FROM edges
    WHERE kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'possibly_same_as') AND source_id = target_id
    RETURNING id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id
)
INSERT INTO retired_edges (id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id, retired_import)
SELECT id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id, $1::integer
FROM gone WHERE import_id <> $1::integer
