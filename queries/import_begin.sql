-- A new version of the graph (0012_import_history.sql): $1 action, $2 dataset id, $3 dataset
-- name, $4 format, $5 digest, $6 files (JSON), $7 who, $8 why. The advisory lock, held until
-- the transaction ends, takes versions one at a time so that their numbers are in commit order.
-- 727174: the migrator holds 727172 and the audit log's appenders 727173; sharing the audit's,
-- an import of several minutes held every audited request of the API for as long.
WITH one_at_a_time AS (SELECT pg_advisory_xact_lock(727174))
INSERT INTO imports (action, dataset_id, dataset, format, digest, files, imported_by, reason, started_at)
SELECT $1, $2::integer, $3, $4, $5, coalesce($6, '[]')::jsonb, $7, $8, clock_timestamp() FROM one_at_a_time
RETURNING id
