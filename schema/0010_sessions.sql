-- Sessions: short-lived bearer secrets opened with an API token (`POST /api/v1/sessions`), for
-- browsers and scripts that should not hold a long-lived token. A session is a row of
-- api_tokens with the token it was opened with (`parent_id`, whose role it has) and an absolute
-- end (`expires_at`); it also ends after a configured idle time (from `last_used_at`), when it
-- is revoked (logout), and when its token is revoked. Rows in the same table keep the audit
-- log's `token_id` meaningful for requests made with a session.
ALTER TABLE api_tokens
    ADD COLUMN parent_id integer REFERENCES api_tokens (id),
    ADD COLUMN expires_at timestamptz,
    ADD CONSTRAINT api_tokens_session_ends CHECK ((parent_id IS NULL) = (expires_at IS NULL));

CREATE INDEX api_tokens_sessions ON api_tokens (parent_id) WHERE parent_id IS NOT NULL;
