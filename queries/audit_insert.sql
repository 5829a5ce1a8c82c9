-- One audit log row, its id, time and hash fixed by the caller. $5 is a text[] literal of
-- `kind:key` references; $2 is UTC ISO-8601 text.
INSERT INTO audit_log (id, at, token_id, endpoint, entities, status, prev_hash, hash)
VALUES ($1::bigint, $2::timestamptz, $3::int, $4, $5::text[], $6::int, $7, $8)
