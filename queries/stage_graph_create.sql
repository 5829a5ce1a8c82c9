-- One staging table for the nodes and edges of an import, filled by a single COPY stream
-- (a connection can run only one COPY at a time, and sources interleave nodes and edges).
-- Nodes: is_edge = false, (source_kind, source_key) is the node itself.
--
-- Unlogged rather than temporary: PostgreSQL's parallel workers cannot read a session's
-- temporary tables, and the edges' endpoints are resolved by a parallel join
-- (stage_edges_resolve.sql). Created inside the import's transaction (after it has taken its
-- version, so imports never meet here) and dropped before it commits (stage_graph_drop.sql):
-- an import that fails takes the table with it.
CREATE UNLOGGED TABLE stage_graph (
    is_edge boolean NOT NULL,
    kind text NOT NULL,
    source_kind text NOT NULL,
    source_key text NOT NULL,
    target_kind text,
    target_key text,
    name text,
    valid_from date,
    valid_to date,
    properties jsonb NOT NULL,
    source text NOT NULL
)
