-- A replacing import ($2), its relationships stored, before the stage is dropped: of the
-- entities of the dataset ($1) that its files no longer name (dataset_retire_nodes kept their
-- copy), deletes those no relationship uses any more, and stamps the others — kept because
-- another dataset's relationships still use them; they stay this dataset's — with the new
-- version, so that no id is in both tables for one version (0012_import_history.sql).
WITH vanished AS (
    SELECT n.id FROM nodes n
    WHERE n.dataset_id = $1::integer
      AND NOT EXISTS (SELECT 1 FROM stage_graph s JOIN kinds k ON k.domain = 'node' AND k.name = s.source_kind
                      WHERE NOT s.is_edge AND k.code = n.kind_code AND s.source_key = n.key)
), gone AS (
    DELETE FROM nodes n USING vanished v
    WHERE n.id = v.id
      AND NOT EXISTS (SELECT 1 FROM edges e WHERE e.source_id = n.id)
      AND NOT EXISTS (SELECT 1 FROM edges e WHERE e.target_id = n.id)
    RETURNING n.id
)
UPDATE nodes n SET import_id = $2::integer
FROM vanished v WHERE n.id = v.id AND n.id NOT IN (SELECT id FROM gone)
