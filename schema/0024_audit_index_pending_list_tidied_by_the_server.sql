-- The audit log's index of entity references goes back to GIN's pending list, now emptied by
-- each server every second (`gin_clean_pending_list`, AuditIndexTidier) rather than by
-- whichever append found it full. Without the list (0021), every append put each of its rows'
-- entity references into the index one by one: under `bench/api-load` on a log of 14 million
-- rows that insertion was 12% of the machine's CPU, more than half of PostgreSQL's. Merged in
-- bulk from the list, references that recur (the same firms in many paths) are written once
-- per merge. The limit is high, 16 MB, so that an append only merges the list itself when no
-- server has tidied it for several seconds (with the list at PostgreSQL's 4 MB default and no
-- tidier, such merges put the p99 of /paths at 185-206 ms: 0021).
ALTER INDEX audit_log_entities SET (fastupdate = on, gin_pending_list_limit = 16384);
