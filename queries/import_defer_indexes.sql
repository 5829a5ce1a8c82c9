-- When the staged rows ($2) are at least the rows `$1` (nodes or edges) holds, its secondary
-- indexes and unique constraints (not its primary key) are dropped for the insert and their
-- definitions returned (one row, a text array, empty when nothing was deferred);
-- import_restore_indexes builds them again. schema/0019_deferred_indexes.sql and
-- schema/0023_deferred_unique_constraints.sql say why.
SELECT CASE WHEN $2::bigint >= greatest((SELECT reltuples FROM pg_class WHERE oid = $1::text::regclass), 0)
            THEN trama_defer_indexes($1::text) ELSE '{}'::text[] END
