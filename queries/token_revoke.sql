-- Revokes token $1 (a second revoke keeps the first time); no row back means no such token.
UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1::int
RETURNING id
