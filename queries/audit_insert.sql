-- A batch of audit log rows, ids, time and hashes fixed by the caller, as one statement of
-- arrays, one element per row: unlike a COPY it joins the batch's pipeline, so that a batch
-- takes two round trips to the server rather than seven (AuditLog.append).
-- $1 ids, $2 the batch's time (UTC ISO-8601 text), $3 token ids, $4 endpoints, $5 each row's
-- entities as a text[] literal of `kind:key` references, $6 statuses, $7 previous hashes,
-- $8 hashes.
-- plan: generic
INSERT INTO audit_log (id, at, token_id, endpoint, entities, status, prev_hash, hash)
SELECT r.id, $2::timestamptz, r.token_id, r.endpoint, r.entities::text[], r.status, r.prev_hash, r.hash
FROM unnest($1::bigint[], $3::integer[], $4::text[], $5::text[], $6::integer[], $7::text[], $8::text[])
     WITH ORDINALITY AS r(id, token_id, endpoint, entities, status, prev_hash, hash, n)
ORDER BY r.n
