CREATE TEMP TABLE stage_edges (
    source_kind text NOT NULL, source_key text NOT NULL, target_kind text NOT NULL, target_key text NOT NULL,
    kind text NOT NULL, valid_from date, valid_to date, properties jsonb NOT NULL, source text NOT NULL
) ON COMMIT DROP
