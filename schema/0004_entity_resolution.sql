-- Entity resolution: "possibly the same entity" candidates are `possibly_same_as` edges (with a
-- score and the reason) owned by the dataset 'entity-resolution'; a reviewer accepts or rejects
-- each. Decisions are kept so that a rescan does not ask again, and an accepted merge is kept
-- with a snapshot of the merged node, so that its provenance survives and a re-import that
-- brings the merged node back is merged again.

CREATE TABLE resolution_decisions (
    kind        text NOT NULL,
    key_a       text NOT NULL,                 -- the pair in key order: key_a < key_b
    key_b       text NOT NULL,
    decision    text NOT NULL CHECK (decision IN ('accepted', 'rejected')),
    decided_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, key_a, key_b)
);

CREATE TABLE merges (
    id                serial PRIMARY KEY,
    kept_kind         text NOT NULL,
    kept_key          text NOT NULL,
    merged_kind       text NOT NULL,
    merged_key        text NOT NULL,
    merged_name       text,
    merged_properties jsonb NOT NULL DEFAULT '{}',
    merged_dataset    text,
    merged_source     text,
    score             double precision,
    reason            text,
    merged_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (merged_kind, merged_key)
);
