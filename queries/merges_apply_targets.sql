-- merges_apply_sources for the relationships' other end.
WITH moved AS (
    SELECT e.id, k.id AS kept
    FROM edges e
    JOIN nodes n ON e.target_id = n.id
    JOIN kinds nk ON nk.domain = 'node' AND n.kind_code = nk.code
    JOIN merges m ON m.merged_kind = nk.name AND m.merged_key = n.key
    JOIN kinds kk ON kk.domain = 'node' AND kk.name = m.kept_kind JOIN nodes k ON k.kind_code = kk.code AND k.key = m.kept_key
), retired AS (
    INSERT INTO retired_edges (id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id, retired_import)
    SELECT e.id, e.source_id, e.target_id, e.kind_code, e.valid_from, e.valid_to, e.properties, e.dataset_id, e.source, e.import_id, $1::integer
    FROM edges e JOIN moved USING (id) WHERE e.import_id <> $1::integer
)
UPDATE edges e SET target_id = moved.kept, import_id = $1::integer FROM moved WHERE e.id = moved.id
