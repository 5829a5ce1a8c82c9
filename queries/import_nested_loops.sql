-- Around insert_edges_from_stage, for the rest of the import's transaction: $1 'off' before,
-- 'on' after. The planner underestimates how many staged rows a kind name matches (it sees a
-- few kinds per domain), picks a nested loop and looks every endpoint up in the nodes index one
-- by one: 2.4 million lookups, 18.6 s for the 1.2 million edges of a 100,000-firm world into a
-- store holding another such world, against 9.8 s with hash joins over `nodes`
-- (bench/ingest-gras; EXPLAIN ANALYZE of the statement).
SELECT set_config('enable_nestloop', $1, true)
