-- Large imports defer index maintenance (DatasetImporter): when an import at least doubles
-- `nodes` or `edges`, the table's secondary indexes (neither its primary key nor a unique one,
-- which ON CONFLICT and the endpoint look-ups need) are dropped before the insert and built
-- again after it, in the import's transaction: building an index over the rows is far cheaper
-- than maintaining it row by row (a 1,000,000-firm world spent 138 s storing its entities), and
-- a failed import rolls the drop back with everything else, so the indexes are never lost.

-- Drops the secondary indexes of `tbl` and returns their definitions, to build them again.
CREATE FUNCTION trama_defer_indexes(tbl text) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
    defs text[] := '{}';
    r record;
BEGIN
    FOR r IN
        SELECT c.relname AS name, pg_get_indexdef(c.oid) AS def
        FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
        WHERE x.indrelid = tbl::regclass AND NOT x.indisunique AND NOT x.indisprimary
        ORDER BY c.relname
    LOOP
        defs := defs || r.def;
        EXECUTE format('DROP INDEX %I', r.name);
    END LOOP;
    RETURN defs;
END $$;

-- Builds the indexes `defs` defines (what trama_defer_indexes returned).
CREATE FUNCTION trama_restore_indexes(defs text[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    d text;
    n integer := 0;
BEGIN
    FOREACH d IN ARRAY coalesce(defs, '{}') LOOP
        EXECUTE d;
        n := n + 1;
    END LOOP;
    RETURN n;
END $$;
