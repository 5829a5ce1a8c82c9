-- A replacing import's relationships, after dataset_retire_edges: the staged ones the dataset
-- does not hold yet, copy for copy (EXCEPT ALL), stored for dataset $1 by version $2.
INSERT INTO edges (source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id)
SELECT source_id, target_id, kind_code, valid_from, valid_to, properties, $1, source, $2::integer
FROM (SELECT source_id, target_id, kind_code, valid_from, valid_to, properties, source FROM stage_edges
      EXCEPT ALL
      SELECT source_id, target_id, kind_code, valid_from, valid_to, properties, source FROM edges WHERE dataset_id = $1::integer) added
