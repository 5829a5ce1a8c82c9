-- The names behind the small numbers rows carry: kind codes (never reused or renumbered, see
-- 0007_kind_codes.sql) and dataset ids. The store keeps them in memory so that its point
-- look-ups read one table: joining `kinds` and `datasets` made PostgreSQL plan a seven-way
-- join for every path's records (1.6 ms of planning for 0.3 ms of work).
SELECT 'kind' AS what, code::integer AS id, domain, name FROM kinds
UNION ALL
SELECT 'dataset', id, NULL, name FROM datasets
