-- A batch of audit log rows, ids, time and hashes fixed by the caller, as one statement of
-- arrays, one element per row: unlike a COPY it joins the batch's pipeline. Inserted only if
-- the log's last row is still the one the batch links to ($9, its hash; NULL for an empty
-- log), so that a writer that remembers the last row it wrote can append without reading it
-- first, and finds out when another writer has appended since (AuditLog.append). Run under
-- audit_lock, whose statement comes before this one: the last row read here is the last
-- committed. The id sequence is moved past the batch for anything still taking ids from it.
-- $1 ids, $2 the batch's time (UTC ISO-8601 text), $3 token ids, $4 endpoints, $5 each row's
-- entities as a text[] literal of `kind:key` references, $6 statuses, $7 previous hashes,
-- $8 hashes, $9 the hash of the row the batch follows. Gives the rows inserted.
-- plan: generic
WITH inserted AS (
    INSERT INTO audit_log (id, at, token_id, endpoint, entities, status, prev_hash, hash)
    SELECT r.id, $2::timestamptz, r.token_id, r.endpoint, r.entities::text[], r.status, r.prev_hash, r.hash
    FROM unnest($1::bigint[], $3::integer[], $4::text[], $5::text[], $6::integer[], $7::text[], $8::text[])
         WITH ORDINALITY AS r(id, token_id, endpoint, entities, status, prev_hash, hash, n)
    WHERE (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) IS NOT DISTINCT FROM $9::text
    ORDER BY r.n
    RETURNING id
)
SELECT count(*), setval('audit_log_id_seq', max(id)) FROM inserted
