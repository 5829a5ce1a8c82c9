-- A replacing import ($2) of the dataset ($1), once its relationships are resolved
-- (stage_edges_resolve.sql): retires the dataset's relationships that the stage does not
-- repeat — identical in endpoints, kind, dates, properties and source record, copy for copy
-- (EXCEPT ALL) — out of `edges`, into `retired_edges`, so the version it replaces can be
-- rebuilt. Those repeated are left as they are, with the version that wrote them, and
-- insert_new_edges_from_stage stores only what the stage adds: a night's replacement retires
-- and writes what changed, not the whole dataset. A relationship whose source line moved
-- counts as changed, since its evidence names the line. Of identical copies, the newest are
-- retired first. Returns the relationships retired and kept.
WITH surplus AS (
    SELECT source_id, target_id, kind_code, valid_from, valid_to, properties, source, count(*) AS copies
    FROM (SELECT source_id, target_id, kind_code, valid_from, valid_to, properties, source FROM edges WHERE dataset_id = $1::integer
          EXCEPT ALL
          SELECT source_id, target_id, kind_code, valid_from, valid_to, properties, source FROM stage_edges) d
    GROUP BY 1, 2, 3, 4, 5, 6, 7
), doomed AS (
    SELECT id FROM (
        SELECT e.id, s.copies,
               row_number() OVER (PARTITION BY e.source_id, e.target_id, e.kind_code, e.valid_from, e.valid_to, e.properties, e.source
                                  ORDER BY e.id DESC) AS k
        FROM edges e JOIN surplus s
          ON s.source_id = e.source_id AND s.target_id = e.target_id AND s.kind_code = e.kind_code AND s.source = e.source
         AND s.properties = e.properties AND s.valid_from IS NOT DISTINCT FROM e.valid_from AND s.valid_to IS NOT DISTINCT FROM e.valid_to
        WHERE e.dataset_id = $1::integer
    ) numbered WHERE k <= copies
), gone AS (
    DELETE FROM edges e USING doomed d WHERE e.id = d.id
    RETURNING e.id, e.source_id, e.target_id, e.kind_code, e.valid_from, e.valid_to, e.properties, e.dataset_id, e.source, e.import_id
), retired AS (
    INSERT INTO retired_edges (id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id, retired_import)
    SELECT id, source_id, target_id, kind_code, valid_from, valid_to, properties, dataset_id, source, import_id, $2::integer FROM gone
    RETURNING 1
)
SELECT (SELECT count(*) FROM retired) AS retired,
       (SELECT count(*) FROM edges WHERE dataset_id = $1::integer) - (SELECT count(*) FROM retired) AS kept
