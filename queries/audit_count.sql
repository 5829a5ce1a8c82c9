-- How many audit log rows `audit_list` pages through with the same filters ($1 token, $2 entity).
SELECT count(*) FROM audit_log
WHERE ($1::int IS NULL OR token_id = $1::int) AND ($2::text IS NULL OR entities @> ARRAY[$2::text])
