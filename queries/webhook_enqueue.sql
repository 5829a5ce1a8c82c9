-- Queues, for each webhook of rule $1's owner, the rule's alerts raised since the webhook was
-- added and not queued to it yet.
INSERT INTO webhook_deliveries (webhook_id, alert_id)
SELECT w.id, a.id FROM alerts a JOIN watch_rules r ON r.id = a.rule_id JOIN webhooks w ON w.owner_id = r.owner_id
WHERE a.rule_id = $1::bigint AND a.created_at >= w.created_at
ON CONFLICT (webhook_id, alert_id) DO NOTHING
