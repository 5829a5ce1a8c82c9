-- The candidate edge between two entities ($1, $2 node ids), either way round, dropped by a
-- decision about them (version $3), and kept as it was in the history unless that version
-- wrote it.
WITH gone AS (
    DELETE FROM edges
    WHERE kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'possibly_same_as')
      AND ((source_id = $1 AND target_id = $2) OR (source_id = $2 AND target_id = $1))
    RETURNING id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id
)
INSERT INTO retired_edges (id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id, retired_import)
SELECT id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id, $3::integer
FROM gone WHERE import_id <> $3::integer
