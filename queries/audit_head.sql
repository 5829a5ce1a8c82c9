-- The hash of the last row of the audit log (NULL when it is empty), and the time the batch
-- about to be appended is stamped with, as the canonical text that is hashed: UTC, to the
-- microsecond that timestamptz keeps, so that it reads back identical. clock_timestamp(), not
-- now(): read after the lock is taken, the chain's times do not go backwards.
SELECT (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
       to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
