-- The audit log in id order after id $1, $2 rows at a time, with every field the hash covers
-- in its canonical text: for `trama audit verify`, which walks the chain in constant memory.
SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), token_id, endpoint, to_json(entities)::text, status, prev_hash, hash
FROM audit_log
WHERE id > $1::bigint
ORDER BY id
LIMIT $2::int
