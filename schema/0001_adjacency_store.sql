-- The adjacency store: every entity a node, every relationship an edge, each traceable to the
-- dataset and source record it came from.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE datasets (
    id          serial PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    format      text NOT NULL,                 -- 'gras', later 'ocds', 'ftm', 'bods'
    digest      text NOT NULL,                 -- SHA-256 over the imported files (names and bytes)
    files       jsonb NOT NULL DEFAULT '[]',   -- [{"name", "sha256", "rows"}]
    imported_at timestamptz NOT NULL DEFAULT now(),
    node_count  bigint NOT NULL DEFAULT 0,
    edge_count  bigint NOT NULL DEFAULT 0,
    rejected_count bigint NOT NULL DEFAULT 0
);

CREATE TABLE nodes (
    id          bigserial PRIMARY KEY,
    kind        text NOT NULL,                 -- firm, person, judge, agency, tender, …
    key         text NOT NULL,                 -- the source's own identifier, unique per kind
    name        text,
    properties  jsonb NOT NULL DEFAULT '{}',
    -- The dataset that first brought the node; other datasets may link to it (same kind and key).
    dataset_id  integer NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    source      text NOT NULL,                 -- source record: 'firms.csv:17' (file:line)
    UNIQUE (kind, key)
);
CREATE INDEX nodes_dataset ON nodes (dataset_id);
CREATE INDEX nodes_key ON nodes (key);
CREATE INDEX nodes_name_trgm ON nodes USING gin (lower(name) gin_trgm_ops);

CREATE TABLE edges (
    id          bigserial PRIMARY KEY,
    source_id   bigint NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    target_id   bigint NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    kind        text NOT NULL,                 -- owns, employed_by, bid, …
    valid_from  date,                          -- NULL: since always / unknown
    valid_to    date,                          -- NULL: still valid / unknown
    properties  jsonb NOT NULL DEFAULT '{}',
    dataset_id  integer NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    source      text NOT NULL,                 -- source record: 'bids.csv:1042'
    CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
);
-- Neighbour look-ups and path queries walk edges in both directions.
CREATE INDEX edges_source ON edges (source_id, kind);
CREATE INDEX edges_target ON edges (target_id, kind);
CREATE INDEX edges_dataset ON edges (dataset_id);
