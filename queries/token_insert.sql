-- A new API token: only the secret's SHA-256 ($3) is stored. Timestamps as UTC ISO-8601 text.
INSERT INTO api_tokens (name, role, secret_hash) VALUES ($1, $2, $3)
RETURNING id, name, role,
          to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          to_char(last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
