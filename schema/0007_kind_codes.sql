-- Kinds as small integer codes. A text kind on every node and edge row cost about 30% of the
-- time to load the whole graph into the engine (binary COPY formats and ships the name of
-- every row) and bloated the tables and their (kind, key) and (endpoint, kind) indexes. The
-- names now live once, in `kinds`; nodes and edges hold a `kind_code` smallint. Every named
-- query still takes and returns kind names: it joins `kinds` where it returns or filters on a
-- name, and works on codes inside. Measured on a generated world of 100,000 firms (621,216
-- nodes, 1.21 million edges; release build, two workers, 18 interleaved runs each): the load
-- took 0.775 s against 0.900 s with text kinds (median), and the edges' (endpoint, kind)
-- indexes shrank from 43 and 49 MB to 27 and 30 MB, nodes' (kind, key) from 32 to 23 MB.
--
-- `merges`, `resolution_decisions`, `flags`, `analysis_results` and `audit_log` keep their
-- `kind:key` text references: they name entities across re-imports, which renumber nodes.

-- One row per kind name a graph has used, per domain: a node kind and an edge kind may share a
-- name and still have codes of their own. Codes are never reused or renumbered, so nothing but
-- a new name ever changes this table.
CREATE TABLE kinds (
    code   smallint PRIMARY KEY CHECK (code > 0),
    domain text NOT NULL CHECK (domain IN ('node', 'edge')),
    name   text NOT NULL,
    UNIQUE (domain, name)
);

-- Gives every name in `names` a code in `domain` if it has none. Importers write any kind name
-- they like (the vocabulary and whatever else a format brings), so the list is open: an import
-- calls this from its staging table before it stores nodes and edges (kinds_from_stage).
-- Codes are max + 1, … rather than a sequence's: `ON CONFLICT DO NOTHING` would burn a sequence
-- value per known name on every import and run through a smallint's range. Adding a name locks
-- the table against other writers until the importing transaction ends, so two imports bringing
-- the same new name one after the other find it; an import that adds nothing takes no lock.
CREATE FUNCTION intern_kinds(p_domain text, p_names text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM unnest(p_names) AS n(name)
        WHERE n.name IS NOT NULL AND NOT EXISTS (SELECT 1 FROM kinds k WHERE k.domain = p_domain AND k.name = n.name)
    ) THEN
        RETURN;
    END IF;
    LOCK TABLE kinds IN SHARE ROW EXCLUSIVE MODE;
    INSERT INTO kinds (code, domain, name)
    SELECT (SELECT coalesce(max(code), 0) FROM kinds) + row_number() OVER (ORDER BY n.name), p_domain, n.name
    FROM (SELECT DISTINCT name FROM unnest(p_names) AS u(name) WHERE name IS NOT NULL) n
    WHERE NOT EXISTS (SELECT 1 FROM kinds k WHERE k.domain = p_domain AND k.name = n.name);
END $$;

-- The code of one name, given one if new: for a writer that names its own kind (resolve scan's
-- `possibly_same_as` edges) and for tests that insert rows by hand.
CREATE FUNCTION kind_code(p_domain text, p_name text) RETURNS smallint LANGUAGE plpgsql AS $$
BEGIN
    PERFORM intern_kinds(p_domain, ARRAY[p_name]);
    RETURN (SELECT code FROM kinds WHERE domain = p_domain AND name = p_name);
END $$;

-- Existing rows: every name in use gets a code, then each table is rewritten once with the
-- column converted in place (ALTER … TYPE … USING). The rewrite rebuilds the indexes on the
-- column with it: nodes' UNIQUE (kind, key) and edges' (source_id, kind) and (target_id, kind).
-- USING takes no subquery, so the name → code mapping is spliced in as a CASE of literals.
-- ALTER TABLE fires no DML trigger, so the data generation (0006) does not move: the graph's
-- content is unchanged.
SELECT intern_kinds('node', ARRAY(SELECT DISTINCT kind FROM nodes));
SELECT intern_kinds('edge', ARRAY(SELECT DISTINCT kind FROM edges));

DO $$
DECLARE node_case text; edge_case text;
BEGIN
    SELECT coalesce('CASE kind ' || string_agg(format('WHEN %L THEN %s', name, code), ' ') || ' END', 'NULL')
    INTO node_case FROM kinds WHERE domain = 'node';
    SELECT coalesce('CASE kind ' || string_agg(format('WHEN %L THEN %s', name, code), ' ') || ' END', 'NULL')
    INTO edge_case FROM kinds WHERE domain = 'edge';
    EXECUTE format('ALTER TABLE nodes ALTER COLUMN kind TYPE smallint USING (%s)::smallint', node_case);
    EXECUTE format('ALTER TABLE edges ALTER COLUMN kind TYPE smallint USING (%s)::smallint', edge_case);
END $$;

-- A new name: a query still comparing `kind` with a text, or concatenating it into a
-- `kind:key`, fails instead of quietly comparing or printing a number.
ALTER TABLE nodes RENAME COLUMN kind TO kind_code;
ALTER TABLE edges RENAME COLUMN kind TO kind_code;
ALTER TABLE nodes RENAME CONSTRAINT nodes_kind_key_key TO nodes_kind_code_key_key;

-- No foreign key from nodes.kind_code and edges.kind_code to kinds, for the reason 0002
-- dropped the others: a key is a trigger per inserted row. The importer guarantees it instead:
-- it interns the staged names first and stores rows by joining their names to `kinds`, and
-- the migration above gave every existing name its code (NOT NULL catches any that had none).
