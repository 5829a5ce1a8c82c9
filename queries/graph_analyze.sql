-- After an import: fresh statistics for the planner, rather than waiting for autovacuum,
-- so that the first searches and paths after a large import are planned on what it brought.
-- Run as a script (simple protocol): prepared, the next statement on its connection failed
-- with a protocol error (08P01).
ANALYZE nodes, edges
