-- Entities of the dataset ($1) that the replacing import's files describe otherwise are
-- refreshed from the stage, in place (their ids stay), after dataset_retire_nodes kept them as
-- they were and before insert_nodes_from_stage adds the new ones. $2 is the version writing
-- them (0012_import_history.sql). Those described as before are not touched.
UPDATE nodes n
SET name = s.name, properties = s.properties, source = s.source, import_id = $2::integer
FROM stage_graph s JOIN kinds k ON k.domain = 'node' AND k.name = s.source_kind
WHERE NOT s.is_edge AND n.kind_code = k.code AND n.key = s.source_key AND n.dataset_id = $1
  AND (s.name IS DISTINCT FROM n.name OR s.properties <> n.properties OR s.source <> n.source)
