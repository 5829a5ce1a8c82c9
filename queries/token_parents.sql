-- The token each of the sessions among $1 (integer[]) was opened with: the audit log records a
-- session's own id, its page names the user behind it.
SELECT id, parent_id FROM api_tokens WHERE id = ANY ($1::int[]) AND parent_id IS NOT NULL
