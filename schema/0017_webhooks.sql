-- Outbound notification of alerts: a user's webhooks, and each alert's delivery to each of them.
-- A delivery is a POST of the alert as JSON, signed with HMAC-SHA-256 under the webhook's
-- secret (`Trama-Signature: sha256=<hex>`), retried with exponential backoff until the receiver
-- answers 2xx or the attempts run out.
CREATE TABLE webhooks (
    id         bigserial PRIMARY KEY,
    owner_id   integer NOT NULL REFERENCES api_tokens (id),
    url        text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
    secret     text NOT NULL CHECK (length(secret) BETWEEN 16 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
    id              bigserial PRIMARY KEY,
    webhook_id      bigint NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    alert_id        bigint NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    last_status     integer,
    last_error      text,
    UNIQUE (webhook_id, alert_id)
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL;
