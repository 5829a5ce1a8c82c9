-- $1 new audit log ids, taken from the sequence before the rows are hashed (a hash covers its id).
-- plan: generic
SELECT nextval('audit_log_id_seq') AS id FROM generate_series(1, $1::int) ORDER BY 1
