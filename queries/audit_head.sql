-- The last row of the audit log — its id, hash and time as the canonical text that was hashed
-- (UTC, to the microsecond that timestamptz keeps) — which the next batch links to and follows;
-- no row when the log is empty.
-- plan: generic
SELECT id, hash, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
FROM audit_log
ORDER BY id DESC
LIMIT 1
