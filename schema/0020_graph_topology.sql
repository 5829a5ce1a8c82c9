-- The graph's topology packed as the engine holds it (TramaGraph's PackedGraph), one copy per
-- data generation, beside the tables it is made from. Loading the graph row by row is bound by
-- PostgreSQL's per-row output (about 2 M relationships a second on two cores,
-- docs/scaling.md); the same graph read back as a few large values is bound by copying bytes.
-- It is a cache and never the record: the first load of a generation reads the rows and
-- stores the packed graph (GraphLoader), later loads — other servers, the next CLI command —
-- read it; a generation the data has moved past is deleted when a newer one is stored.

CREATE TABLE graph_topology (
    generation         bigint PRIMARY KEY,
    format             integer NOT NULL,
    byte_order         text NOT NULL,
    node_count         bigint NOT NULL,
    edge_count         bigint NOT NULL,
    node_kinds         text[] NOT NULL,
    edge_kinds         text[] NOT NULL,
    node_handle_base   bigint NOT NULL,
    node_handles_wide  boolean NOT NULL,
    edge_handle_base   bigint NOT NULL,
    edge_handles_wide  boolean NOT NULL,
    checksum           bigint NOT NULL,
    chunks             integer NOT NULL,
    bytes              bigint NOT NULL,
    stored_at          timestamptz NOT NULL DEFAULT now()
);

-- The columns' bytes in order, cut into chunks of at most 16 MiB. Stored uncompressed
-- (STORAGE EXTERNAL): the arrays compress poorly and decompressing would cost the time saved.
CREATE TABLE graph_topology_chunks (
    generation  bigint NOT NULL REFERENCES graph_topology ON DELETE CASCADE,
    chunk       integer NOT NULL,
    data        bytea NOT NULL,
    PRIMARY KEY (generation, chunk)
);
ALTER TABLE graph_topology_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
