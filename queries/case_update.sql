-- Sets case $1's status ($2) and assignee ($3, a token id; 0 removes it) where given.
UPDATE cases SET status = coalesce($2, status),
                 assignee_id = CASE WHEN $3::int IS NULL THEN assignee_id WHEN $3::int = 0 THEN NULL ELSE $3::int END,
                 updated_at = now()
WHERE id = $1::bigint
