-- Blocks in table $1 (nodes or edges), to cut the parallel graph load into block slices.
SELECT pg_relation_size($1::regclass) / current_setting('block_size')::int
