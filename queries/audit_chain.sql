-- The audit log in id order after id `trama.audit_after`, at most `trama.audit_limit` rows (set
-- by audit_chain_bounds on this connection), with every field the hash covers, `at` in its
-- canonical text: for `trama audit verify`, which walks the chain in constant memory. A COPY,
-- so that the server reads and sends the next rows while the client hashes the last ones (a
-- page at a time by query, each side waited for the other half the time).
COPY (
    SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), token_id, endpoint, entities, status, prev_hash, hash
    FROM audit_log
    WHERE id > current_setting('trama.audit_after')::bigint
    ORDER BY id
    LIMIT current_setting('trama.audit_limit')::bigint
) TO STDOUT (FORMAT binary)
