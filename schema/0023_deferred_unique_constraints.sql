-- A large import (one that at least doubles `nodes` or `edges`, schema/0019) now also defers
-- the table's unique constraints other than its primary key: the nodes' (kind_code, key).
-- Nodes are inserted behind an anti-join (queries/insert_nodes_from_stage.sql), not ON
-- CONFLICT, so nothing reads that index during the insert; it is built again, and checks every
-- key again, before the relationships look their endpoints up. Copying the 6,213,111 nodes of
-- a 1,000,000-firm world into a copy of the table took 40.5 s with the constraint maintained
-- row by row, and 20.6 s plus 9.8 s to add it afterwards. A stage that held one entity twice
-- fails the import as before, when the constraint is added rather than at the insert.

-- 0019's function keeps deferring the secondary indexes, under a name of its own.
ALTER FUNCTION trama_defer_indexes(text) RENAME TO trama_defer_secondary_indexes;

-- Drops the unique constraints (not the primary key), then the secondary indexes, of `tbl`, and
-- returns what builds them again, constraints first (trama_restore_indexes runs each).
CREATE FUNCTION trama_defer_indexes(tbl text) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
    defs text[] := '{}';
    r record;
BEGIN
    FOR r IN
        SELECT c.conname AS name, format('ALTER TABLE %s ADD CONSTRAINT %I %s', tbl::regclass, c.conname, pg_get_constraintdef(c.oid)) AS def
        FROM pg_constraint c
        WHERE c.conrelid = tbl::regclass AND c.contype = 'u'
        ORDER BY c.conname
    LOOP
        defs := defs || r.def;
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', tbl::regclass, r.name);
    END LOOP;
    RETURN defs || trama_defer_secondary_indexes(tbl);
END $$;
