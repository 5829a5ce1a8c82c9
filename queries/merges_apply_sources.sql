-- Every recorded merge whose merged entity is in the store (again): its relationships move to
-- the kept entity, each keeping its own dataset and source record. The version $1 doing it
-- retires each relationship as it was (0012_import_history.sql) and stamps the moved one.
WITH moved AS (
    SELECT e.id, k.id AS kept
    FROM edges e
    JOIN nodes n ON e.source_id = n.id
    JOIN kinds nk ON nk.domain = 'node' AND n.kind_code = nk.code
    JOIN merges m ON m.merged_kind = nk.name AND m.merged_key = n.key
    JOIN kinds kk ON kk.domain = 'node' AND kk.name = m.kept_kind JOIN nodes k ON k.kind_code = kk.code AND k.key = m.kept_key
), retired AS (
    INSERT INTO retired_edges (id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id, retired_import)
    SELECT e.id, e.source_id, e.target_id, e.kind_code, e.valid_from, e.valid_to, e.properties, e.dataset_id, e.source, e.import_id, $1::integer
    FROM edges e JOIN moved USING (id) WHERE e.import_id <> $1::integer
)
UPDATE edges e SET source_id = moved.kept, import_id = $1::integer FROM moved WHERE e.id = moved.id
