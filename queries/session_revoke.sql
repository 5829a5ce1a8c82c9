-- Ends session $1 (logout); a second logout keeps the first time. No row back: not a session.
UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now())
WHERE id = $1::int AND parent_id IS NOT NULL
RETURNING id
