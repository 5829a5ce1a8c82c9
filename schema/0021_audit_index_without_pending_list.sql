-- The audit log's index of entity references is updated as each row is written, not through
-- GIN's pending list. With the list (fastupdate, PostgreSQL's default), an append now and then
-- merged megabytes of pending entries into the index inside its own transaction, and every
-- request waiting on that audit batch waited with it: under `bench/api-load` (300,000 firms,
-- /paths at 64 connections) the p99 was 185-206 ms with the list and 29.6 ms without it, for
-- 3,236 requests/s against 3,616-3,696 (a smaller list, 256 kB, gave a p99 of 56 ms). A request
-- that reveals something waits for its audit row, so the index's worst case is every answer's.
ALTER INDEX audit_log_entities SET (fastupdate = off);
SELECT gin_clean_pending_list('audit_log_entities'::regclass);
