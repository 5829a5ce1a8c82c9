-- A replacing import ($2) that rewrites the dataset ($1) keeps a copy of each entity of it as
-- it was: the import then deletes those no other dataset uses (dataset_delete_unused_nodes)
-- and refreshes or stamps the others (dataset_nodes_stamp), so that no id is in both tables
-- for one version.
INSERT INTO retired_nodes (id, kind_code, key, name, properties, dataset_id, source, import_id, retired_import)
SELECT id, kind_code, key, name, properties, dataset_id, source, import_id, $2::integer
FROM nodes WHERE dataset_id = $1::integer
