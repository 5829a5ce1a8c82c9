-- The end of an import's transaction: fresh statistics for the planner, rather than waiting for
-- autovacuum, so that the first searches and paths after a large import are planned on what it
-- brought. In the transaction (ANALYZE sees its own rows) rather than after the commit: there,
-- autovacuum, woken by the same commit, held each table, and each ANALYZE waited a second
-- (deadlock_timeout) for it to be cancelled: 2.45 s of a 100,000-firm import, 0.45 s without.
-- Run as a script (simple protocol): prepared, the next statement on its connection failed
-- with a protocol error (08P01).
ANALYZE nodes, edges
