-- The data generation: a counter every change to the graph's tables moves on, so that a
-- long-running server (or several) can tell that its in-memory snapshot is stale — whether the
-- change came through the API or from a CLI in another process — and load the new graph.
-- Statement-level triggers: an import's COPY-then-INSERT bumps it a few times, not once per row.
-- The UPDATE takes the row's lock until the changing transaction ends, so generations are
-- ordered like the commits that made them; NOTIFY tells listeners without their polling.

CREATE TABLE data_generation (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    generation  bigint NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO data_generation (generation) VALUES (1);

CREATE FUNCTION bump_data_generation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE g bigint;
BEGIN
    UPDATE data_generation SET generation = generation + 1, changed_at = now() RETURNING generation INTO g;
    PERFORM pg_notify('trama_data_generation', g::text);
    RETURN NULL;
END $$;

CREATE TRIGGER nodes_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON nodes
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_generation();
CREATE TRIGGER edges_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON edges
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_generation();
