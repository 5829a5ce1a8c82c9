-- Before a scan ($2, a version of its own: 0026_resolution_versions.sql), the open candidates
-- of the resolution dataset ($1) go, each kept as it was in the history unless this version
-- wrote it.
WITH gone AS (
    DELETE FROM edges
    WHERE dataset_id = $1::integer AND kind_code = (SELECT code FROM kinds WHERE domain = 'edge' AND name = 'possibly_same_as')
    RETURNING id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id
)
INSERT INTO retired_edges (id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id, retired_import)
SELECT id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id, $2::integer
FROM gone WHERE import_id <> $2::integer
