-- The rows a dataset export ($1, the dataset's name) holds: its relationships ('e') and its
-- entities with every entity its relationships reach, whichever dataset brought them ('n').
WITH d AS (SELECT id FROM datasets WHERE name = $1)
SELECT 'e', e.id FROM edges e, d WHERE e.dataset_id = d.id
UNION ALL
SELECT 'n', x.id FROM (
    SELECT n.id FROM nodes n, d WHERE n.dataset_id = d.id
    UNION SELECT e.source_id FROM edges e, d WHERE e.dataset_id = d.id
    UNION SELECT e.target_id FROM edges e, d WHERE e.dataset_id = d.id
) x
