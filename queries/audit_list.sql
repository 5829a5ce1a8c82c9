-- A page of the audit log, newest first, optionally only token $3's rows and only rows that
-- name entity $4. `at` as the canonical UTC text; entities as each one's UTF-8 byte count, a colon
-- and the reference, run together (no escapes to undo: AuditLog.decodeEntities).
SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), token_id, endpoint, (SELECT string_agg(octet_length(e) || ':' || e, '' ORDER BY n) FROM unnest(entities) WITH ORDINALITY AS u(e, n)), status, prev_hash, hash
FROM audit_log
WHERE ($3::int IS NULL OR token_id = $3::int) AND ($4::text IS NULL OR entities @> ARRAY[$4::text])
ORDER BY id DESC
LIMIT $1::int OFFSET $2::int
