-- A rewrite of the dataset ($1), after dataset_retire_every_edge: a node of it that another
-- dataset's edges still use is kept (it stays this dataset's, and the re-import refreshes it
-- if still present).
DELETE FROM nodes n
WHERE n.dataset_id = $1
  AND NOT EXISTS (SELECT 1 FROM edges e WHERE e.source_id = n.id)
  AND NOT EXISTS (SELECT 1 FROM edges e WHERE e.target_id = n.id)
