-- The API tokens (not sessions, not revoked) named $1, or with id $2: whom an investigation
-- can be shared with.
SELECT id, name, role FROM api_tokens
WHERE parent_id IS NULL AND revoked_at IS NULL AND (name = $1 OR id = $2::int)
ORDER BY id
