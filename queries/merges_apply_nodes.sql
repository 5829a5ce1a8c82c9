-- Merges name entities by kind name and key (they outlive node ids and kind codes). The merged
-- node is retired by the version $1 that merged it.
WITH gone AS (
    DELETE FROM nodes n USING merges m, kinds nk, kinds kk, nodes k
    WHERE nk.domain = 'node' AND nk.name = m.merged_kind AND n.kind_code = nk.code AND n.key = m.merged_key
      AND kk.domain = 'node' AND kk.name = m.kept_kind AND k.kind_code = kk.code AND k.key = m.kept_key
      AND n.id <> k.id
    RETURNING n.id, n.kind_code, n.key, n.name, n.properties, n.dataset_id, n.source, n.import_id
)
INSERT INTO retired_nodes (id, kind_code, key, name, properties, dataset_id, source, import_id, retired_import)
SELECT id, kind_code, key, name, properties, dataset_id, source, import_id, $1::integer FROM gone WHERE import_id <> $1::integer
