-- A session opened with live token $1 (not itself a session), with its role, ending $3 seconds
-- from now; only the secret's SHA-256 ($2) is stored. No row back: the token is not live.
INSERT INTO api_tokens (name, role, secret_hash, parent_id, expires_at)
SELECT 'session of ' || t.id, t.role, $2, t.id, now() + make_interval(secs => $3::int)
FROM api_tokens t
WHERE t.id = $1::int AND t.revoked_at IS NULL AND t.parent_id IS NULL
RETURNING id, name, role,
          to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          to_char(last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          parent_id,
          to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
