-- The live token whose secret hashes to $1, noting its use at most once a minute: a write per
-- request would make every read of the API a write. A session (a row with a parent token) is
-- live while unrevoked, before `expires_at`, used within the last $2 seconds, and while its
-- token is unrevoked. The final SELECT sees the table as it was before the UPDATE, hence the
-- coalesce.
WITH found AS (
    SELECT t.id
    FROM api_tokens t
    LEFT JOIN api_tokens p ON p.id = t.parent_id
    WHERE t.secret_hash = $1 AND t.revoked_at IS NULL
      AND (t.parent_id IS NULL
           OR (p.revoked_at IS NULL AND t.expires_at > now()
               AND coalesce(t.last_used_at, t.created_at) > now() - make_interval(secs => $2::int)))
), touched AS (
    UPDATE api_tokens t SET last_used_at = now()
    FROM found
    WHERE t.id = found.id AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute')
    RETURNING t.id, t.last_used_at
)
SELECT t.id, t.name, t.role,
       to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       to_char(t.revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       to_char(coalesce(touched.last_used_at, t.last_used_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       t.parent_id,
       to_char(t.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
FROM api_tokens t
JOIN found ON found.id = t.id
LEFT JOIN touched ON touched.id = t.id
