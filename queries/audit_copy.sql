-- A batch of audit log rows, ids, time and hashes fixed by the caller: one COPY rather than a
-- round trip per row (the server appends every request's row in batches). `entities` is a
-- text[] literal of `kind:key` references; `at` is UTC ISO-8601 text.
COPY audit_log (id, at, token_id, endpoint, entities, status, prev_hash, hash) FROM STDIN
