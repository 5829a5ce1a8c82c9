-- A replacing import ($2) of the dataset ($1), once its files are staged: keeps a copy of each
-- entity of the dataset that the new files describe otherwise (name, properties or source
-- record) or no longer name, as it was. update_nodes_from_stage then refreshes the first, and
-- dataset_delete_nodes deletes or stamps the others once the relationships are stored, so
-- that no id is in both tables for one version (0012_import_history.sql). An entity the new files describe as before is left as it is,
-- with the version that wrote it: a night's replacement retires and rewrites what changed,
-- not the whole dataset. Returns the entities retired and the dataset's entities staged
-- again (those the import will not insert).
WITH staged AS (
    SELECT k.code AS kind_code, s.source_key AS key, s.name, s.properties, s.source
    FROM stage_graph s JOIN kinds k ON k.domain = 'node' AND k.name = s.source_kind
    WHERE NOT s.is_edge
), matched AS (
    SELECT n.id, s.key IS NOT NULL AS restaged,
           s.key IS NULL OR s.name IS DISTINCT FROM n.name OR s.properties <> n.properties OR s.source <> n.source AS changed
    FROM nodes n LEFT JOIN staged s ON s.kind_code = n.kind_code AND s.key = n.key
    WHERE n.dataset_id = $1::integer
), retired AS (
    INSERT INTO retired_nodes (id, kind_code, key, name, properties, dataset_id, source, import_id, retired_import)
    SELECT n.id, n.kind_code, n.key, n.name, n.properties, n.dataset_id, n.source, n.import_id, $2::integer
    FROM nodes n WHERE n.id IN (SELECT id FROM matched WHERE changed)
    RETURNING 1
)
SELECT (SELECT count(*) FROM retired) AS retired, count(*) FILTER (WHERE restaged) AS restaged FROM matched
