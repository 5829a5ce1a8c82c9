-- Up to $2 deliveries due now with fewer than $1 attempts, locked for this transaction (others
-- skip them): delivery id, attempts, url, secret, alert id.
SELECT d.id, d.attempts, w.url, w.secret, d.alert_id
FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
WHERE d.delivered_at IS NULL AND d.attempts < $1::int AND d.next_attempt_at <= now()
ORDER BY d.next_attempt_at, d.id
LIMIT $2::int
FOR UPDATE OF d SKIP LOCKED
