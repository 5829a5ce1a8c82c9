CREATE TEMP TABLE stage_nodes (
    kind text NOT NULL, key text NOT NULL, name text, properties jsonb NOT NULL, source text NOT NULL
) ON COMMIT DROP
